/**
 * `--online` reputation against a local HTTP server on 127.0.0.1 answering like VirusTotal: the image
 * SHA256 of the example incident's payload and its C&C address and name are looked up (bounded, most severe
 * first), answers become findings, and values no service could check give "not checked" findings.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, beforeEach, test } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { openOnlineSources } from "../../intel/online/online-sources.js";
import { repoRoot } from "../../testing/corpus.js";
import { ImageFacts } from "./image-facts.js";
import { onlineReputationFindings, onlineTargets } from "./online-reputation.js";
import { reputationOptions } from "./reputation-options.js";
import { createReputationAnalyzer } from "./reputation-setup.js";
import { feed, hex, sysmon, sysmonHashes } from "./reputation-events.test.support.js";

const PAYLOAD = "C:\\Users\\tanaka\\AppData\\Roaming\\Microsoft\\svchost-update\\svcupd.exe";
const PAYLOAD_SHA256 = "01574bafb9df4967a03864d65e6c6a9a010b80e479708c8110bd76ff53a4bd36";
const KEY = "vt-test-key";

let server: Server;
let base: string;
const requests: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    requests.push(path);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers["x-apikey"] !== KEY) return send(401, { error: { code: "WrongCredentialsError" } });
    if (path === `/vt/files/${PAYLOAD_SHA256}`)
      return send(200, {
        data: {
          attributes: {
            last_analysis_stats: { malicious: 41, suspicious: 0, undetected: 20, harmless: 0 },
            meaningful_name: "svcupd.exe",
          },
        },
      });
    if (path === "/vt/ip_addresses/203.0.113.45")
      return send(200, { data: { attributes: { last_analysis_stats: { malicious: 0, harmless: 70 } } } });
    return send(404, { error: { code: "NotFoundError" } });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/vt`;
});
after(() => new Promise<void>((ok) => server.close(() => ok())));
beforeEach(() => {
  requests.length = 0;
});

const LIMITS = { perMinute: 1000, perDay: 1000 };

function sources(env: NodeJS.ProcessEnv, more: { offline?: boolean; perDay?: number } = {}) {
  return openOnlineSources({
    env,
    offline: more.offline,
    sources: ["virustotal"],
    virustotal: { baseUrl: base, limits: { ...LIMITS, perDay: more.perDay ?? LIMITS.perDay } },
  });
}

test("targets: suspicious processes only, most severe first, distinct, within both bounds", () => {
  const facts = new ImageFacts();
  const proc = (host: string, image: string, sha: string, dst: string) => {
    const e1 = sysmon(1, 0, { Image: image, Hashes: sysmonHashes({ sha256: sha }) }, host);
    facts.note(e1, { kind: "hash", value: sha, context: "process", field: "Hashes", path: image });
    const e3 = sysmon(3, 1, { Image: image, DestinationIp: dst }, host);
    facts.note(e3, {
      kind: "address",
      value: dst,
      context: "connection",
      field: "DestinationIp",
      path: image,
    });
  };
  proc("WS-A", "C:\\a.exe", hex("aa", 64), "203.0.113.1");
  proc("WS-B", "C:\\b.exe", hex("bb", 64), "10.0.0.9"); // private: not a target
  proc("WS-C", "C:\\c.exe", hex("aa", 64), "203.0.113.1"); // same hash and address: once
  proc("WS-D", "C:\\d.exe", hex("dd", 64), "198.51.100.4");
  const rows = [
    { host: "WS-B", image: "C:\\b.exe", suspicious: true },
    { host: "WS-A", image: "C:\\A.EXE", suspicious: true },
    { host: "WS-X", image: undefined, suspicious: true },
    { host: "WS-C", image: "C:\\c.exe", suspicious: true },
    { host: "WS-D", image: "C:\\d.exe", suspicious: false },
  ];
  const all = onlineTargets(rows, facts, { onlineMaxHashes: 20, onlineMaxDestinations: 20 });
  assert.deepEqual(
    all.map((t) => [t.kind, t.value.slice(0, 4), t.host]),
    [
      ["hash", "bbbb", "WS-B"],
      ["hash", "aaaa", "WS-A"],
      ["ip", "203.", "WS-A"],
    ],
  );
  const one = onlineTargets(rows, facts, { onlineMaxHashes: 1, onlineMaxDestinations: 0 });
  assert.deepEqual(
    one.map((t) => t.value.slice(0, 4)),
    ["bbbb"],
  );
});

async function incidentTargets() {
  const analyzer = await createReputationAnalyzer({}, new Diagnostics(), { evenWithoutIntel: true });
  assert.ok(analyzer);
  await feed([join(repoRoot(), "examples")], analyzer);
  const rows = [{ host: "WS-SALES-07", image: PAYLOAD, suspicious: true }];
  return onlineTargets(rows, analyzer.images, reputationOptions());
}

test("the payload's SHA256 and its C&C address are looked up; answers become findings", async () => {
  const targets = await incidentTargets();
  assert.deepEqual(
    targets.map((t) => [t.kind, t.value]),
    [
      ["hash", PAYLOAD_SHA256],
      ["domain", "cdn-update.example-bad.net"],
      ["ip", "203.0.113.45"],
    ],
  );
  const { sources: s } = await sources({ VT_API_KEY: KEY });
  const findings = await onlineReputationFindings(targets, s, reputationOptions());
  assert.deepEqual(
    findings.map((f) => [f.detector, f.severity, f.confidence, f.details.source, f.details.verdict]),
    [
      ["reputation.malicious", "high", 0.9, "virustotal", "malicious"],
      ["reputation.unknown", "info", 0, "virustotal", undefined],
      ["reputation.harmless", "info", 0, "virustotal", "harmless"],
    ],
  );
  const [hash] = findings;
  assert.deepEqual(hash?.subject, { kind: "file", path: PAYLOAD, sha256: PAYLOAD_SHA256.toUpperCase() });
  assert.equal(hash?.host, "WS-SALES-07");
  assert.equal(hash?.stage, "installation");
  assert.match(
    hash?.message.en ?? "",
    /^virustotal rates the SHA256 01574bafb9df… of svcupd\.exe malicious \(score 41\)/,
  );
  assert.match(String(hash?.details.sourceDetails), /svcupd\.exe/);
  assert.deepEqual(requests.sort(), [
    "/vt/domains/cdn-update.example-bad.net",
    `/vt/files/${PAYLOAD_SHA256}`,
    "/vt/ip_addresses/203.0.113.45",
  ]);
});

test("no key, offline or quota: nothing (or only what the quota allows) is called; not checked, and why", async () => {
  const targets = await incidentTargets();
  const cases: readonly [
    string,
    NodeJS.ProcessEnv,
    { offline?: boolean; perDay?: number },
    RegExp,
    number,
  ][] = [
    ["no key", {}, {}, /not checked online: virustotal: no .*API key/, 0],
    ["offline", { VT_API_KEY: KEY }, { offline: true }, /not checked online: virustotal: offline/, 0],
    ["quota", { VT_API_KEY: KEY }, { perDay: 1 }, /not checked online: virustotal: daily quota used/, 1],
  ];
  for (const [name, env, more, why, calls] of cases) {
    requests.length = 0;
    const { sources: s } = await sources(env, more);
    const findings = await onlineReputationFindings(targets, s, reputationOptions());
    const unchecked = findings.filter((f) => f.detector === "reputation.not-checked");
    assert.equal(unchecked.length, targets.length - calls, name);
    for (const f of unchecked) {
      assert.equal(f.severity, "info", name);
      assert.match(f.message.en, why, name);
    }
    assert.equal(requests.length, calls, `${name}: calls made`);
  }
});

test("a value the service does not know is reputation.unknown", async () => {
  const { sources: s } = await sources({ VT_API_KEY: KEY });
  const target = {
    kind: "hash",
    value: hex("ee", 64).toLowerCase(),
    host: "WS-1",
    image: "C:\\x.exe",
  } as const;
  const [f] = await onlineReputationFindings([target], s, reputationOptions());
  assert.deepEqual([f?.detector, f?.details.status], ["reputation.unknown", "not-found"]);
  assert.match(f?.message.en ?? "", /virustotal does not know the SHA256 eeeeeeeeeeee… of x\.exe/);
});
