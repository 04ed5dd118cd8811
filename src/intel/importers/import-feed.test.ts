/**
 * Tests of every feed importer on sample feeds written here: plain list, the four abuse.ch CSVs (by
 * header), a MISP feed directory and single event, a STIX 2.1 bundle, a mapped CSV. Each bad row is
 * checked for its code and file:line.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { IntelStore } from "../intel-store.js";
import { detectFeedFormat, type FeedFormat, importFeed } from "./import-feed.js";
import { parseCsvMapping } from "./mapped-csv.js";

const NOW = Date.parse("2026-01-01T00:00:00Z");
const SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const MD5 = "d41d8cd98f00b204e9800998ecf8427e";
const SHA1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mikiwame-intel-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function feed(name: string, text: string): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, text);
  return p;
}

async function run(file: string, format: FeedFormat = "auto") {
  const store = new IntelStore();
  const diagnostics = new Diagnostics();
  const stats = await importFeed(file, store, diagnostics, { format, now: "2025-12-31T00:00:00.000Z" });
  const problems = diagnostics.list().map((d) => `${d.code} ${d.location.line ?? "-"}`);
  return { store, stats, problems, diagnostics };
}

describe("plain list", () => {
  it("reads values, skips comments, reports bad lines at file:line", async () => {
    const f = await feed(
      "plain.txt",
      `# header\n${SHA}\n192.0.2.1 # c2\nevil[.]example\nnot-a-thing\n\n2001:db8::/32\n`,
    );
    const { store, stats, problems, diagnostics } = await run(f);
    assert.equal(stats.format, "plain");
    assert.deepEqual([stats.added, stats.skipped], [4, 1]);
    assert.deepEqual(problems, ["E_INDICATOR 5"]);
    assert.equal(diagnostics.list()[0]?.location.file, f);
    assert.equal(store.lookup("x.evil.example", { now: NOW })[0]?.kind, "subdomain");
    assert.equal(store.lookup("2001:db8:5::1", { now: NOW })[0]?.kind, "cidr");
  });
});

describe("abuse.ch CSVs", () => {
  it("MalwareBazaar: every hash column, family from signature", async () => {
    const f = await feed(
      "bazaar.csv",
      [
        "################################################################",
        "# MalwareBazaar full data dump (CSV)                           #",
        '# "first_seen_utc","sha256_hash","md5_hash","sha1_hash","reporter","file_name","file_type_guess","mime_type","signature","clamav","vtpercent","imphash","ssdeep","tlsh"',
        `"2025-12-01 10:00:00", "${SHA}", "${MD5}", "${SHA1}", "abuse_ch", "x.exe", "exe", "application/x-dosexec", "AgentTesla", "n/a", "n/a", "${"f".repeat(32)}", "n/a", "n/a"`,
        `"2025-12-01 10:00:00", "nothex", "n/a", "n/a", "abuse_ch", "x.exe", "exe", "a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a"`,
      ].join("\n"),
    );
    const { store, stats, problems } = await run(f);
    assert.equal(stats.format, "abusech");
    assert.deepEqual(problems, ["E_INDICATOR 5"]);
    assert.equal(stats.added, 4);
    const hit = store.lookup(MD5, { now: NOW })[0]?.indicator;
    assert.deepEqual(
      [hit?.family, hit?.sources, hit?.firstSeen],
      ["agenttesla", ["malwarebazaar"], "2025-12-01T10:00:00.000Z"],
    );
    assert.equal(store.lookup("F".repeat(32), { now: NOW })[0]?.indicator.type, "imphash");
  });
  it("ThreatFox: ioc_type, ip:port, confidence, kill chain", async () => {
    const f = await feed(
      "threatfox.csv",
      [
        '# "first_seen_utc","ioc_id","ioc_value","ioc_type","threat_type","fk_malware","malware_alias","malware_printable","last_seen_utc","confidence_level","reference","tags","anonymous","reporter"',
        '"2025-12-20 01:02:03", "1", "192.0.2.9:8443", "ip:port", "botnet_cc", "win.cobalt_strike", "n/a", "Cobalt Strike", "", "100", "", "c2,cs", "0", "x"',
        '"2025-12-20 01:02:03", "2", "evil.example", "domain", "payload_delivery", "win.x", "n/a", "X", "", "50", "", "", "0", "x"',
        '"2025-12-20 01:02:03", "3", "evil.example", "carrier_pigeon", "payload_delivery", "win.x", "n/a", "X", "", "50", "", "", "0", "x"',
      ].join("\n"),
    );
    const { store, stats, problems } = await run(f);
    assert.deepEqual([stats.added, problems], [2, ["E_INDICATOR 4"]]);
    const ip = store.lookup("192.0.2.9", { now: NOW })[0]?.indicator;
    assert.deepEqual(
      [ip?.family, ip?.threat, ip?.confidence, ip?.killChain, ip?.tags],
      ["cobalt strike", "botnet_cc", 100, ["command-and-control"], ["c2", "cs", "port:8443"]],
    );
    assert.deepEqual(store.lookup("evil.example", { now: NOW })[0]?.indicator.killChain, ["delivery"]);
  });
  it("Feodo Tracker: dst_ip with dst_port; columns found by name in any order", async () => {
    const f = await feed(
      "feodo.csv",
      '# "dst_port","dst_ip","first_seen_utc","c2_status","last_online","malware"\n"443","192.0.2.50","2025-12-01 00:00:00","online","2025-12-30","Emotet"\n"443","999.1.1.1","2025-12-01 00:00:00","online","2025-12-30","Emotet"\n',
    );
    const { store, problems } = await run(f);
    assert.deepEqual(problems, ["E_INDICATOR 3"]);
    const i = store.lookup("192.0.2.50", { now: NOW })[0]?.indicator;
    assert.deepEqual(
      [i?.family, i?.threat, i?.lastSeen, i?.tags],
      ["emotet", "botnet_cc", "2025-12-30T00:00:00.000Z", ["status:online", "port:443"]],
    );
  });
  it("URLhaus: url column, threat, tags", async () => {
    const f = await feed(
      "urlhaus.csv",
      '# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter\n"1","2025-12-29 00:00:00","http://bad.example/a.exe","online","","malware_download","exe,Mozi","https://urlhaus.abuse.ch/url/1/","x"\n"2","2025-12-29 00:00:00","","online","","malware_download","","",""\n',
    );
    const { store, problems } = await run(f);
    assert.deepEqual(problems, ["E_INDICATOR 3"]);
    const u = store.lookup("https://bad.example/a.exe", { now: NOW })[0]?.indicator;
    assert.deepEqual(
      [u?.sources, u?.threat, u?.tags],
      [["urlhaus"], "malware_download", ["exe", "mozi", "status:online"]],
    );
  });
  it("a data row before any header: E_FORMAT_UNKNOWN at its line", async () => {
    const f = await feed("noheader.csv", '# comment\n"1","2025-12-29","http://x.example/"\n');
    const { stats, problems } = await run(f, "abusech");
    assert.deepEqual([stats.added, problems], [0, ["E_FORMAT_UNKNOWN 2"]]);
  });
});

describe("MISP", () => {
  const event = (uuid: string) =>
    JSON.stringify(
      {
        Event: {
          uuid,
          info: "test",
          date: "2025-12-01",
          Orgc: { name: "CIRCL" },
          Tag: [
            { name: "tlp:white" },
            { name: 'misp-galaxy:malpedia="Emotet"' },
            { name: "kill-chain:Delivery" },
          ],
          Attribute: [
            { type: "ip-dst|port", value: "192.0.2.77|8080", to_ids: true, timestamp: "1766000000" },
            { type: "filename|sha256", value: `dropper.exe|${SHA}`, to_ids: true },
            { type: "comment", value: "just text" },
            { type: "domain", value: "bad domain!", to_ids: true },
          ],
          Object: [{ Attribute: [{ type: "url", value: "http://misp.example/p", to_ids: false }] }],
        },
      },
      null,
      2,
    );
  it("single event: attributes and object attributes; bad attribute at its line", async () => {
    const f = await feed("event.json", event("11111111-2222-3333-4444-555555555555"));
    const { store, stats, problems } = await run(f);
    assert.equal(stats.format, "misp");
    assert.deepEqual([stats.added, stats.ignored], [3, 1]);
    const badLine =
      event("11111111-2222-3333-4444-555555555555")
        .split("\n")
        .findIndex((l) => l.includes("bad domain!")) + 1;
    assert.deepEqual(problems, [`E_INDICATOR ${badLine}`]);
    const ip = store.lookup("192.0.2.77", { now: NOW })[0]?.indicator;
    assert.deepEqual([ip?.family, ip?.sources, ip?.killChain], ["emotet", ["misp:CIRCL"], ["delivery"]]);
    assert.equal(store.lookup(SHA, { now: NOW }).length, 1);
    assert.equal(store.lookup("http://misp.example/p", { now: NOW })[0]?.indicator.confidence, 38);
  });
  it("feed directory via manifest.json; a listed event without a file is reported", async () => {
    const d = join(dir, "mispfeed");
    await mkdir(d, { recursive: true });
    const a = "aaaaaaaa-2222-3333-4444-555555555555";
    const b = "bbbbbbbb-2222-3333-4444-555555555555";
    const manifest = JSON.stringify({ [a]: { info: "x" }, [b]: { info: "y" } }, null, 1);
    await writeFile(join(d, "manifest.json"), manifest);
    await writeFile(join(d, `${a}.json`), event(a));
    const { stats, diagnostics } = await run(d);
    assert.equal(stats.added, 3);
    const missing = diagnostics.list().find((x) => x.code === "E_IO");
    assert.deepEqual(
      [missing?.location.file, missing?.location.line],
      [join(d, "manifest.json"), manifest.split("\n").findIndex((l) => l.includes(b)) + 1],
    );
  });
  it("not JSON: E_JSON_SYNTAX", async () => {
    const f = await feed("broken.json", "{ nope");
    const { problems } = await run(f, "misp");
    assert.deepEqual(problems, ["E_JSON_SYNTAX -"]);
  });
});

describe("STIX 2.1", () => {
  it("reads simple patterns, rejects others with a reason at the pattern's line", async () => {
    const bundle = {
      type: "bundle",
      id: "bundle--1",
      objects: [
        {
          type: "indicator",
          id: "indicator--a",
          pattern_type: "stix",
          pattern: "[ipv4-addr:value = '203.0.113.5'] OR [domain-name:value = 'stix.example']",
          valid_from: "2025-12-01T00:00:00Z",
          valid_until: "2026-06-01T00:00:00Z",
          confidence: 90,
          labels: ["malicious-activity"],
          kill_chain_phases: [
            { kill_chain_name: "lockheed-martin-cyber-kill-chain", phase_name: "command-and-control" },
          ],
        },
        {
          type: "indicator",
          id: "indicator--b",
          pattern_type: "stix",
          pattern: "[file:hashes.MD5 = 'x' AND file:name = 'y']",
          valid_from: "2025-12-01T00:00:00Z",
        },
        {
          type: "indicator",
          id: "indicator--c",
          pattern_type: "sigma",
          pattern: "title: x",
          valid_from: "2025-12-01T00:00:00Z",
        },
        { type: "malware", id: "malware--m", name: "TrickBot", is_family: true },
        {
          type: "relationship",
          id: "relationship--r",
          relationship_type: "indicates",
          source_ref: "indicator--a",
          target_ref: "malware--m",
        },
      ],
    };
    const text = JSON.stringify(bundle, null, 2);
    const f = await feed("bundle.json", text);
    const { store, stats, diagnostics } = await run(f);
    assert.equal(stats.format, "stix");
    assert.equal(stats.added, 2);
    const lineOf = (s: string) => text.split("\n").findIndex((l) => l.includes(s)) + 1;
    assert.deepEqual(
      diagnostics.list().map((d) => [d.code, d.location.line, d.location.recordId]),
      [
        ["E_INDICATOR", lineOf("AND file:name"), "indicator--b"],
        ["E_INDICATOR", lineOf("title: x"), "indicator--c"],
      ],
    );
    assert.match(diagnostics.list()[0]?.message ?? "", /AND inside an observation is not supported/);
    const i = store.lookup("sub.stix.example", { now: NOW })[0]?.indicator;
    assert.deepEqual(
      [i?.family, i?.confidence, i?.expires, i?.killChain],
      ["trickbot", 90, "2026-06-01T00:00:00.000Z", ["command-and-control"]],
    );
  });
});

describe("CSV with a column mapping", () => {
  it("maps named columns; a bad row is reported at its line", async () => {
    const f = await feed(
      "mapped.csv",
      'kind;indicator;score;labels\nip-dst;192.0.2.200;60;"apt,x"\nurl;not a url;10;\n',
    );
    const store = new IntelStore();
    const diagnostics = new Diagnostics();
    const stats = await importFeed(f, store, diagnostics, {
      format: "csv",
      mapping: parseCsvMapping("value=indicator,type=kind,confidence=score,tags=labels"),
    });
    assert.deepEqual(
      [stats.added, diagnostics.list().map((d) => `${d.code} ${d.location.line}`)],
      [1, ["E_INDICATOR 3"]],
    );
    const i = store.lookup("192.0.2.200", { now: NOW })[0]?.indicator;
    assert.deepEqual([i?.confidence, i?.tags], [60, ["apt", "x"]]);
  });
  it("a mapping naming a missing column is E_USAGE at the header line", async () => {
    const f = await feed("mapped2.csv", "a,b\n1,2\n");
    await assert.rejects(
      importFeed(f, new IntelStore(), new Diagnostics(), {
        format: "csv",
        mapping: parseCsvMapping("value=c"),
      }),
      (e: unknown) => e instanceof MikiwameError && e.code === "E_USAGE" && e.location?.line === 1,
    );
    assert.throws(
      () => parseCsvMapping("colour=c"),
      (e: unknown) => e instanceof MikiwameError && e.code === "E_USAGE",
    );
  });
});

describe("format detection and unreadable input", () => {
  it("detects formats", async () => {
    assert.equal(await detectFeedFormat(await feed("d1.json", '{"type": "bundle", "objects": []}')), "stix");
    assert.equal(await detectFeedFormat(await feed("d2.txt", "1.2.3.4\n")), "plain");
  });
  it("a missing file is E_IO with the path", async () => {
    const missing = join(dir, "nope.txt");
    await assert.rejects(
      importFeed(missing, new IntelStore(), new Diagnostics()),
      (e: unknown) => e instanceof MikiwameError && e.code === "E_IO" && e.location?.file === missing,
    );
  });
});
