import assert from "node:assert/strict";
import { test } from "node:test";
import type { Event } from "../../events/event.js";
import { MAX_EVIDENCE } from "../../findings/finding.js";
import { AllowList } from "../../intel/allow-list.js";
import { canonicalIntelValue, type IntelType } from "../../intel/intel-indicator.js";
import { IntelStore } from "../../intel/intel-store.js";
import { ReputationAnalyzer } from "./reputation-analyzer.js";
import type { ReputationOptions } from "./reputation-options.js";
import { hex, security, sysmon, sysmonHashes, zeek } from "./reputation-events.test.support.js";

const BAD_SHA = hex("ba", 64);
const BAD_MD5 = hex("bd", 32);
const BAD_SHA1 = hex("b1", 40);
const GOOD_SHA = hex("60", 64);
const SUSP_SHA = hex("55", 64);
const NOW = Date.parse("2026-01-10T00:00:00Z");

/** A store indicator with intel confidence `confidence` (0..100), imported at NOW. */
function ind(type: IntelType, value: string, confidence = 90) {
  const v = canonicalIntelValue(type, value);
  if (v === undefined) throw new Error(`bad test indicator ${value}`);
  return {
    type,
    value: v,
    sources: ["unit"],
    confidence,
    tags: ["t"],
    imported: new Date(NOW).toISOString(),
    origin: "unit.txt:1",
  };
}

function testStore(): IntelStore {
  const s = new IntelStore();
  for (const i of [
    ind("sha256", BAD_SHA),
    ind("md5", BAD_MD5),
    ind("sha1", BAD_SHA1),
    ind("sha256", SUSP_SHA, 50),
    ind("ipv4", "203.0.113.45"),
    ind("cidr", "198.51.100.0/24"),
    ind("domain", "example-bad.net"),
    ind("url", "http://dl.example-bad.org/stage2.bin"),
  ])
    s.add(i);
  return s;
}

function testAllowList(): AllowList {
  const a = new AllowList();
  a.add({
    kind: "hash",
    value: GOOD_SHA.toLowerCase(),
    scope: "global",
    reason: "clean build",
    author: "soc",
    added: "",
  });
  return a;
}

function run(
  events: readonly Event[],
  options: Partial<ReputationOptions> = {},
  allowList = testAllowList(),
) {
  const a = new ReputationAnalyzer({ store: testStore(), allowList, files: [], now: NOW }, options);
  for (const e of events) a.observe(e);
  return { findings: a.finish(), stats: a.stats() };
}

const PAYLOAD = "C:\\Users\\u\\AppData\\Roaming\\svcupd.exe";

interface Case {
  readonly name: string;
  readonly event: Event;
  /** detector, severity, stage, subject kind, context, host, confidence; undefined: no finding */
  readonly want?: readonly [string, string, string | undefined, string, string, string, number];
}

const CASES: readonly Case[] = [
  {
    name: "process with a malicious SHA256",
    event: sysmon(1, 0, {
      Image: PAYLOAD,
      ProcessGuid: "{p1}",
      Hashes: sysmonHashes({ md5: hex("00", 32).replace(/^0/, "1"), sha256: BAD_SHA }),
    }),
    want: ["reputation.malicious", "high", "installation", "file", "process", "WS-TEST-01", 0.9],
  },
  {
    name: "image load with a malicious MD5",
    event: sysmon(7, 1, {
      Image: PAYLOAD,
      ImageLoaded: "C:\\x\\evil.dll",
      Hashes: sysmonHashes({ md5: BAD_MD5 }),
    }),
    want: ["reputation.malicious", "high", "installation", "file", "image-load", "WS-TEST-01", 0.9],
  },
  {
    name: "file written by a browser is a download",
    event: sysmon(11, 2, {
      Image: "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
      TargetFilename: "C:\\Users\\u\\x.zip",
      Hashes: sysmonHashes({ sha256: BAD_SHA }),
    }),
    want: ["reputation.malicious", "high", "delivery", "file", "download", "WS-TEST-01", 0.9],
  },
  {
    name: "Zone.Identifier stream hash (Sysmon 15 Hash) is a download",
    event: sysmon(15, 3, {
      Image: "C:\\Windows\\explorer.exe",
      TargetFilename: "C:\\Users\\u\\x.exe",
      Hash: sysmonHashes({ sha1: BAD_SHA1 }),
    }),
    want: ["reputation.malicious", "high", "delivery", "file", "download", "WS-TEST-01", 0.9],
  },
  {
    name: "executable detected (29) written by another process is installation",
    event: sysmon(29, 4, {
      Image: "C:\\Users\\u\\AppData\\Local\\Temp\\drop.exe",
      TargetFilename: PAYLOAD,
      Hashes: sysmonHashes({ sha256: BAD_SHA }),
    }),
    want: ["reputation.malicious", "high", "installation", "file", "file", "WS-TEST-01", 0.9],
  },
  {
    name: "Sysmon 3 to a listed address",
    event: sysmon(3, 5, {
      Image: PAYLOAD,
      SourceIp: "10.0.5.27",
      DestinationIp: "203.0.113.45",
      DestinationPort: 443,
    }),
    want: ["reputation.malicious", "high", "command_and_control", "address", "connection", "WS-TEST-01", 0.9],
  },
  {
    name: "Sysmon 3 to an address in a listed block (inexact: lower confidence)",
    event: sysmon(3, 6, { Image: PAYLOAD, SourceIp: "10.0.5.27", DestinationIp: "198.51.100.77" }),
    want: [
      "reputation.malicious",
      "high",
      "command_and_control",
      "address",
      "connection",
      "WS-TEST-01",
      0.9 * 0.85,
    ],
  },
  {
    name: "Sysmon 22 for a subdomain of a listed domain",
    event: sysmon(22, 7, {
      Image: PAYLOAD,
      QueryName: "cdn-update.example-bad.net",
      QueryResults: "type:  5 x;",
    }),
    want: [
      "reputation.malicious",
      "high",
      "command_and_control",
      "domain",
      "dns-query",
      "WS-TEST-01",
      0.9 * 0.85,
    ],
  },
  {
    name: "Sysmon 22 resolving to a listed address",
    event: sysmon(22, 8, {
      Image: PAYLOAD,
      QueryName: "innocent.example",
      QueryResults: "::ffff:203.0.113.45;",
    }),
    want: ["reputation.malicious", "high", "command_and_control", "address", "dns-answer", "WS-TEST-01", 0.9],
  },
  {
    name: "Zeek conn: the finding belongs to the internal end",
    event: zeek("conn", 9, { SourceIp: "10.0.5.27", DestinationIp: "203.0.113.45", DestinationPort: 443 }),
    want: ["reputation.malicious", "high", "command_and_control", "address", "connection", "10.0.5.27", 0.9],
  },
  {
    name: "Zeek dns query",
    event: zeek("dns", 10, { SourceIp: "10.0.5.27", query: "example-bad.net", QueryName: "example-bad.net" }),
    want: ["reputation.malicious", "high", "command_and_control", "domain", "dns-query", "10.0.5.27", 0.9],
  },
  {
    name: "Zeek http URL",
    event: zeek("http", 11, { SourceIp: "10.0.5.27", Host: "dl.example-bad.org", Uri: "/stage2.bin" }),
    want: ["reputation.malicious", "high", "command_and_control", "domain", "http", "10.0.5.27", 0.9],
  },
  {
    name: "Zeek ssl server name",
    event: zeek("ssl", 12, { SourceIp: "10.0.5.27", ServerName: "www.example-bad.net" }),
    want: ["reputation.malicious", "high", "command_and_control", "domain", "tls", "10.0.5.27", 0.9 * 0.85],
  },
  {
    name: "Zeek files.log hash",
    event: zeek("files", 13, {
      rx_hosts: ["10.0.5.27"],
      filename: "stage2.bin",
      sha1: BAD_SHA1.toLowerCase(),
    }),
    want: ["reputation.malicious", "high", "delivery", "file", "download", "10.0.5.27", 0.9],
  },
  {
    name: "logon from a listed address has no stage",
    event: security(4624, 14, { IpAddress: "203.0.113.45", LogonType: 10 }),
    want: ["reputation.malicious", "high", undefined, "address", "logon", "WS-TEST-01", 0.9],
  },
  {
    name: "known-good hash: info counter-evidence",
    event: sysmon(1, 15, {
      Image: "C:\\Windows\\System32\\svchost.exe",
      Hashes: sysmonHashes({ sha256: GOOD_SHA }),
    }),
    want: ["reputation.known-good", "info", undefined, "file", "process", "WS-TEST-01", 0.05],
  },
  {
    name: "suspicious hash: medium",
    event: sysmon(1, 16, { Image: "C:\\tools\\x.exe", Hashes: sysmonHashes({ sha256: SUSP_SHA }) }),
    want: ["reputation.suspicious", "medium", "installation", "file", "process", "WS-TEST-01", 0.5],
  },
  {
    name: "nothing listed: no finding",
    event: sysmon(3, 17, {
      Image: PAYLOAD,
      SourceIp: "10.0.5.27",
      DestinationIp: "8.8.8.8",
      DestinationHostname: "dns.google",
    }),
  },
];

test("each kind of observation gives the right finding", () => {
  for (const c of CASES) {
    const { findings } = run([c.event]);
    if (!c.want) {
      assert.deepEqual(findings, [], c.name);
      continue;
    }
    assert.equal(findings.length, 1, `${c.name}: ${findings.map((f) => f.id).join(" ")}`);
    const f = findings[0];
    const got = [f.detector, f.severity, f.stage, f.subject.kind, f.details.context, f.host];
    assert.deepEqual(got, c.want.slice(0, 6), c.name);
    assert.ok(Math.abs(f.confidence - c.want[6]) < 1e-9, `${c.name}: confidence ${f.confidence}`);
    assert.equal(f.viewpoint, "reputation");
    assert.deepEqual(f.evidence, [c.event.provenance], c.name);
    assert.equal(f.evidenceCount, 1);
    assert.ok(f.message.en.length > 0 && f.message.ja.length > 0);
    assert.equal(f.details.benign === true, f.detector === "reputation.known-good", c.name);
  }
});

test("a malicious process finding names the file, its SHA256 and the list entry", () => {
  const e = sysmon(1, 0, {
    Image: PAYLOAD,
    ProcessGuid: "{p1}",
    Hashes: sysmonHashes({ sha256: BAD_SHA, md5: BAD_MD5 }),
  });
  const { findings } = run([e]);
  assert.equal(findings.length, 1, "one file: its other listed hashes do not give a second finding");
  const f = findings[0];
  assert.deepEqual(f.subject, { kind: "file", path: PAYLOAD, sha256: BAD_SHA });
  assert.equal(f.details.source, "unit");
  assert.equal(f.details.processGuid, "{p1}");
  assert.equal(f.details.listedAt, "unit.txt:1");
  assert.match(
    f.message.en,
    /^svcupd\.exe on WS-TEST-01 ran: its SHA256 BABABABABABA… is listed as malicious in the intel store \(unit\)/,
  );
  assert.match(f.message.ja, /悪性/);
});

test("repeated matches aggregate into one finding with capped evidence, first and last", () => {
  const events = Array.from({ length: 30 }, (_, i) =>
    sysmon(3, i * 60, { Image: PAYLOAD, SourceIp: "10.0.5.27", DestinationIp: "203.0.113.45" }),
  );
  const { findings, stats } = run(events);
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f.evidenceCount, 30);
  assert.equal(f.evidence.length, MAX_EVIDENCE);
  assert.deepEqual(f.evidence[0], events[0].provenance);
  assert.equal(f.first?.iso, events[0].time?.iso);
  assert.equal(f.last?.iso, events[29].time?.iso);
  assert.match(f.message.en, /\(30 times\)/);
  assert.equal(stats.matches, 30);
});

test("tracked groups are bounded; what does not fit is counted", () => {
  const events = ["198.51.100.1", "198.51.100.2", "198.51.100.3"].map((ip, i) =>
    sysmon(3, i, { SourceIp: "10.0.5.27", DestinationIp: ip }),
  );
  const { findings, stats } = run(events, { maxTracked: 2 });
  assert.equal(findings.length, 2);
  assert.equal(stats.groupsNotTracked, 1);
  assert.equal(stats.groupsTracked, 2);
});

test("known-good findings can be turned off (counted); source addresses only when asked", () => {
  const good = sysmon(1, 0, { Image: "C:\\Windows\\a.exe", Hashes: sysmonHashes({ sha256: GOOD_SHA }) });
  const r = run([good], { reportKnownGood: false });
  assert.deepEqual([r.findings.length, r.stats.knownGoodIgnored], [0, 1]);
  const inbound = zeek("conn", 1, {
    SourceIp: "203.0.113.45",
    DestinationIp: "10.0.5.27",
    DestinationPort: 3389,
  });
  assert.equal(run([inbound]).findings[0]?.host, "10.0.5.27");
  assert.equal(run([inbound], { checkSourceAddresses: false }).findings.length, 0);
});

test("finding ids are stable and distinct per host and context", () => {
  const a = sysmon(1, 0, { Image: PAYLOAD, Hashes: sysmonHashes({ sha256: BAD_SHA }) }, "WS-A");
  const b = sysmon(1, 0, { Image: PAYLOAD, Hashes: sysmonHashes({ sha256: BAD_SHA }) }, "WS-B.corp.example");
  const c = sysmon(
    11,
    0,
    { Image: "C:\\x\\chrome.exe", TargetFilename: PAYLOAD, Hashes: sysmonHashes({ sha256: BAD_SHA }) },
    "WS-A",
  );
  const ids = run([a, b, c])
    .findings.map((f) => f.id)
    .sort();
  assert.deepEqual(ids, [
    `reputation.malicious:download:${BAD_SHA}:ws-a`,
    `reputation.malicious:process:${BAD_SHA}:ws-a`,
    `reputation.malicious:process:${BAD_SHA}:ws-b`,
  ]);
  assert.deepEqual(
    run([a, b, c])
      .findings.map((f) => f.id)
      .sort(),
    ids,
  );
});

test("the address cache is bounded and does not change the findings", () => {
  const ips = ["203.0.113.45", "8.8.8.8", "198.51.100.9", "::ffff:203.0.113.45", "1.1.1.1"];
  const events = [...ips, ...ips].map((ip, i) => sysmon(3, i, { SourceIp: "10.0.5.27", DestinationIp: ip }));
  const small = run(events, { addressCacheSize: 2 });
  const big = run(events);
  assert.deepEqual(
    small.findings.map((f) => [f.id, f.evidenceCount]),
    big.findings.map((f) => [f.id, f.evidenceCount]),
  );
  assert.deepEqual(
    big.findings.map((f) => [f.id, f.evidenceCount]),
    [
      ["reputation.malicious:connection:203.0.113.45:ws-test-01", 4],
      ["reputation.malicious:connection:198.51.100.9:ws-test-01", 2],
    ],
  );
  assert.ok(small.stats.addressCacheResets > 0);
  assert.equal(big.stats.addressCacheResets, 0);
  assert.ok(big.stats.addressCacheHits > 0);
});

test("intel confidence (0..100, decayed) decides the verdict and the finding's confidence (0..1)", () => {
  const old = { ...ind("ipv4", "192.0.2.7"), lastSeen: new Date(NOW - 30 * 86_400_000).toISOString() };
  const expired = { ...ind("ipv4", "192.0.2.8"), lastSeen: new Date(NOW - 91 * 86_400_000).toISOString() };
  const store = testStore();
  store.add(old);
  store.add(expired);
  const a = new ReputationAnalyzer({ store, allowList: new AllowList(), files: [], now: NOW });
  for (const [i, ip] of ["192.0.2.7", "192.0.2.8"].entries())
    a.observe(sysmon(3, i, { SourceIp: "10.0.5.27", DestinationIp: ip }));
  const f = a.finish();
  assert.equal(f.length, 1, "the expired indicator gives nothing");
  assert.equal(f[0]?.detector, "reputation.suspicious", "one half-life later: 90 → 45, below 0.7");
  assert.ok(Math.abs((f[0]?.confidence ?? 0) - 0.45) < 1e-9);
  const strict = run([sysmon(1, 0, { Image: PAYLOAD, Hashes: sysmonHashes({ sha256: BAD_SHA }) })], {
    maliciousThreshold: 0.95,
  });
  assert.equal(strict.findings[0]?.detector, "reputation.suspicious");
});

test("the allow-list wins over the store, scoped by host and user, by hash, path, signer and destination", () => {
  const allow = new AllowList();
  const entry = { reason: "ours", author: "soc", added: "" } as const;
  allow.add({ ...entry, kind: "destination", value: "198.51.100.0/24", scope: "host", scopeValue: "WS-A" });
  allow.add({ ...entry, kind: "path", value: "C:\\Tools\\*", scope: "user", scopeValue: "CORP\\admin" });
  allow.add({ ...entry, kind: "signer", value: "Contoso Ltd", scope: "global" });
  allow.add({ ...entry, kind: "destination", value: "example-bad.net", scope: "global" });
  const conn = (host: string) =>
    sysmon(3, 0, { Image: PAYLOAD, SourceIp: "10.0.5.27", DestinationIp: "198.51.100.9" }, host);
  const tool = (user: string) =>
    sysmon(1, 1, { Image: "C:\\tools\\x.exe", User: user, Hashes: sysmonHashes({ sha256: BAD_SHA }) });
  const signed = sysmon(7, 2, {
    Image: PAYLOAD,
    ImageLoaded: "C:\\x\\y.dll",
    Signature: "contoso ltd",
    SignatureStatus: "Valid",
    Hashes: sysmonHashes({ md5: BAD_MD5 }),
  });
  const dns = sysmon(22, 3, { Image: PAYLOAD, QueryName: "a.example-bad.net" });
  const cases: readonly [string, Event, string, string][] = [
    ["destination block on its host", conn("WS-A"), "reputation.known-good", "cidr"],
    ["destination block on another host", conn("WS-B"), "reputation.malicious", "cidr"],
    ["path for its user", tool("CORP\\admin"), "reputation.known-good", "pattern"],
    ["path for another user", tool("CORP\\eve"), "reputation.malicious", "exact"],
    ["valid signer", signed, "reputation.known-good", "exact"],
    ["destination domain covers subdomains", dns, "reputation.known-good", "subdomain"],
  ];
  for (const [name, event, detector, match] of cases) {
    const { findings } = run([event], {}, allow);
    assert.equal(findings.length, 1, name);
    assert.deepEqual([findings[0]?.detector, findings[0]?.details.match], [detector, match], name);
    if (detector === "reputation.known-good") {
      assert.equal(findings[0]?.details.listedIn, "allow-list", name);
      assert.match(findings[0]?.message.en ?? "", /on the allow-list.*ours/, name);
    }
  }
});
