/**
 * Reputation in file triage: an indicator-list hit is malicious, a known-good hash counts toward benign,
 * an allow-listed signer with a valid signature is counter-evidence, no reputation is said as such, and
 * online lookups against a local HTTP server on 127.0.0.1 (found / not found; no key → no call).
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { createTestCertificate, signPe, type TestSigner, writePe } from "../testing/pe-writer.js";
import { setUpReputation } from "./reputation-setup.js";
import type { FileReputationSources } from "./file-reputation.js";
import { type FileReport, triageFile } from "./triage-file.js";

const pe = writePe({ timestamp: 1_600_000_000 });
const sha256 = createHash("sha256").update(pe).digest("hex");
const md5 = createHash("md5").update(pe).digest("hex");
const other = writePe({ timestamp: 1_600_000_001 });
const otherSha256 = createHash("sha256").update(other).digest("hex");
const VT_KEY = "vt-test-key";

let dir: string;
let root: TestSigner;
let server: Server;
let base: string;
const requests: string[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mikiwame-rep-"));
  root = await createTestCertificate("Contoso Test Signing", 1);
  await writeFile(join(dir, "tool.exe"), pe);
  await writeFile(join(dir, "other.exe"), other);
  await writeFile(join(dir, "signed.exe"), await signPe(other, root));
  await writeFile(join(dir, "feed.txt"), `# test feed\n${md5}\n`);
  await writeFile(join(dir, "good.csv"), `path,sha256\nC:\\Tools\\tool.exe,${sha256}\n`);
  await writeFile(join(dir, "bad-feed.txt"), "not an indicator at all\n");
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    requests.push(path);
    if (req.headers["x-apikey"] !== VT_KEY) {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "WrongCredentialsError", message: "Wrong API key" } }));
      return;
    }
    if (path === `/vt/files/${sha256}`) {
      res.writeHead(200, { "content-type": "application/json" });
      const stats = { malicious: 41, suspicious: 0, harmless: 0, undetected: 20 };
      const attributes = { last_analysis_stats: stats, meaningful_name: "tool.exe" };
      res.end(JSON.stringify({ data: { id: sha256, type: "file", attributes } }));
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "NotFoundError", message: "not found" } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

async function triage(
  name: string,
  sources: FileReputationSources,
  diagnostics = new Diagnostics(),
): Promise<FileReport> {
  const report = await triageFile(join(dir, name), diagnostics, { reputation: sources });
  assert.ok(report);
  return report;
}

async function setUp(
  options: Partial<Parameters<typeof setUpReputation>[0]>,
  diagnostics = new Diagnostics(),
) {
  return setUpReputation({ diagnostics, ...options });
}

describe("file reputation", () => {
  it("a hash on an --indicators list is malicious, decisively", async () => {
    const { sources } = await setUp({ indicators: [join(dir, "feed.txt")] });
    const report = await triage("tool.exe", sources);
    assert.equal(report.verdict.verdict, "malicious");
    assert.match(
      report.verdict.reasons[0] ?? "",
      /^intel-store: md5 malicious, confidence 75 \(listed by feed\.txt/,
    );
    const hit = report.reputation?.entries.find((e) => e.status === "found");
    assert.equal(hit?.source, "intel-store");
    assert.equal(hit?.subject, "md5");
    assert.equal(hit?.value, md5);
  });

  it("a hash on a --known-good list counts toward benign; unknown files still say no reputation", async () => {
    const { sources } = await setUp({ knownGood: [join(dir, "good.csv")] });
    const good = await triage("tool.exe", sources);
    assert.equal(good.verdict.verdict, "likely-benign");
    assert.match(
      good.verdict.reasons[0] ?? "",
      /^allow-list: sha256 known-good \(reason: listed in .*good\.csv \(C:\\Tools\\tool\.exe\)/,
    );
    const unknown = await triage("other.exe", sources);
    assert.equal(unknown.verdict.verdict, "unknown");
    assert.ok(
      unknown.verdict.reasons.some((r) =>
        /^no reputation: unknown to allow-list; not checked: intel-store, online$/.test(r),
      ),
    );
    assert.ok(!unknown.verdict.reasons.join().includes("clean"));
  });

  it("listed as malware and as known good: malicious, with the conflict in the reasons", async () => {
    const { sources } = await setUp({
      indicators: [join(dir, "feed.txt")],
      knownGood: [join(dir, "good.csv")],
    });
    const report = await triage("tool.exe", sources);
    assert.equal(report.verdict.verdict, "malicious");
    assert.ok(report.verdict.reasons.some((r) => r.startsWith("conflicting: allow-list: sha256 known-good")));
  });

  it("an allow-listed signer with a valid signature is counter-evidence", async () => {
    const { sources } = await setUp({});
    sources.allowList?.add({
      kind: "signer",
      value: "Contoso Test Signing",
      scope: "global",
      reason: "our build system",
      author: "soc",
      added: "",
    });
    const report = await triage("signed.exe", sources);
    assert.equal(report.verdict.verdict, "likely-benign");
    const entry = report.reputation?.entries.find((e) => e.subject === "signer");
    assert.equal(entry?.verdict, "known-good");
    assert.ok(
      report.verdict.reasons.some((r) =>
        r.startsWith("allow-list: signer CN=Contoso Test Signing known-good"),
      ),
    );
  });

  it("a feed line that is no indicator is reported with file and line, and triage goes on", async () => {
    const diagnostics = new Diagnostics();
    const { sources } = await setUp({ indicators: [join(dir, "bad-feed.txt")] }, diagnostics);
    const [d] = diagnostics.list();
    assert.equal(d?.code, "E_INDICATOR");
    assert.equal(d?.location.file, join(dir, "bad-feed.txt"));
    assert.equal(d?.location.line, 1);
    assert.equal((await triage("tool.exe", sources)).verdict.verdict, "unknown");
  });

  it("without --online no service is asked; --offline wins over --online", async () => {
    const before = requests.length;
    const plain = await setUp({ env: { VT_API_KEY: VT_KEY } });
    const r1 = await triage("tool.exe", plain.sources);
    assert.deepEqual(
      r1.reputation?.entries.filter((e) => e.source === "online").map((e) => e.reason),
      ["not asked (use --online)"],
    );
    const offline = await setUp({
      online: true,
      offline: true,
      env: { VT_API_KEY: VT_KEY },
      onlineOptions: { sources: ["virustotal"], virustotal: { baseUrl: `${base}/vt` } },
    });
    const r2 = await triage("tool.exe", offline.sources);
    const vt = r2.reputation?.entries.find((e) => e.source === "virustotal");
    assert.equal(vt?.status, "not-checked");
    assert.match(vt?.reason ?? "", /offline/);
    assert.equal(requests.length, before);
  });

  it("--online: found (malicious) and not found at a local VirusTotal; no X-Force key → not checked, no call", async () => {
    const before = requests.length;
    const { sources, finish } = await setUp({
      online: true,
      env: { VT_API_KEY: VT_KEY },
      onlineOptions: { virustotal: { baseUrl: `${base}/vt` }, xforce: { baseUrl: `${base}/xf` } },
    });
    const found = await triage("tool.exe", sources);
    assert.equal(found.verdict.verdict, "malicious");
    const vt = found.reputation?.entries.find((e) => e.source === "virustotal");
    assert.equal(vt?.status, "found");
    assert.equal(vt?.verdict, "malicious");
    assert.equal(vt?.score, 41);
    assert.deepEqual(vt?.facts, [
      "engines: malicious 41, suspicious 0, harmless 0, undetected 20",
      "meaningful_name tool.exe",
    ]);
    const xf = found.reputation?.entries.find((e) => e.source === "xforce");
    assert.equal(xf?.status, "not-checked");
    assert.match(xf?.reason ?? "", /no X-Force API key/i);

    const missing = await triage("other.exe", sources);
    assert.equal(missing.verdict.verdict, "unknown");
    assert.equal(missing.reputation?.entries.find((e) => e.source === "virustotal")?.status, "not-found");
    assert.ok(
      missing.verdict.reasons.some((r) =>
        /^no reputation: unknown to virustotal; not checked: intel-store, allow-list, xforce$/.test(r),
      ),
    );
    assert.deepEqual(requests.slice(before), [`/vt/files/${sha256}`, `/vt/files/${otherSha256}`]);
    await finish();
  });

  it("--online without any key: nothing is called and every service says not checked", async () => {
    const before = requests.length;
    const { sources } = await setUp({
      online: true,
      env: {},
      onlineOptions: { virustotal: { baseUrl: `${base}/vt` }, xforce: { baseUrl: `${base}/xf` } },
    });
    const report = await triage("tool.exe", sources);
    const online = report.reputation?.entries.filter(
      (e) => e.source === "virustotal" || e.source === "xforce",
    );
    assert.deepEqual(
      online?.map((e) => e.status),
      ["not-checked", "not-checked"],
    );
    assert.match(online?.[0]?.reason ?? "", /no VirusTotal API key: set VT_API_KEY/);
    assert.equal(report.verdict.verdict, "unknown");
    assert.equal(requests.length, before);
  });
});
