/**
 * Reputation on real data from ../shared/corpus (skipped with a printed reason when absent):
 *   - DeepBlueCLI's known-good hash list (`md5,sha1,sha256,path`) imports cleanly into the allow-list
 *     and marks the Windows binaries it knows in an OTRF Security-Datasets capture as known-good;
 *   - an indicator list written at run time from values seen in EVTX-ATTACK-SAMPLES (a process hash and
 *     a connection's remote address) finds them again through the readers and the normalizer.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { createNormalizer } from "../../normalize/normalizer.js";
import { readPaths } from "../../readers/read-paths.js";
import { corpusPath, corpusSkipReason } from "../../testing/corpus.js";
import { parseHashes } from "../process/file-hashes.js";
import { feed, writeList } from "./reputation-events.test.support.js";
import { createReputationAnalyzer } from "./reputation-setup.js";

test("corpus: DeepBlueCLI's safelist is a known-good import; its binaries are counter-evidence", async (t) => {
  const safelist = corpusPath("deepbluecli", "safelists", "win10-x64.csv");
  const capture = corpusPath(
    "security-datasets",
    "atomic",
    "windows",
    "lateral_movement",
    "host",
    "schtask_create.json.gz",
  );
  if (!safelist || !capture) return t.skip(corpusSkipReason("deepbluecli safelist / security-datasets"));
  const d = new Diagnostics();
  const analyzer = await createReputationAnalyzer({ knownGoodLists: [safelist] }, d);
  assert.ok(analyzer);
  assert.deepEqual(d.list(), [], "every line of the safelist is readable");
  const counts: Record<number, number> = {};
  for (const e of analyzer.sources.allowList.entries())
    counts[e.value.length] = (counts[e.value.length] ?? 0) + 1;
  assert.ok((counts[64] ?? 0) > 9_000, `sha256: ${counts[64]}`);
  assert.equal(counts[32], counts[64], "as many MD5s");
  assert.equal(counts[40], counts[64], "as many SHA1s");
  const run = await feed([capture], analyzer);
  const good = run.findings.filter((f) => f.detector === "reputation.known-good");
  assert.ok(good.length > 0, "some loaded images are on the safelist");
  for (const f of good) {
    assert.equal(f.severity, "info");
    assert.equal(f.details.benign, true);
    assert.equal(f.stage, undefined);
    assert.match(String(f.details.note), /\(C:\\/i, "the safelist's path is kept in the reason");
    assert.equal(f.details.listedIn, "allow-list");
  }
  assert.equal(
    run.findings.filter((f) => f.detector !== "reputation.known-good").length,
    0,
    "a safelist alone never convicts",
  );
});

test("corpus: values seen in EVTX-ATTACK-SAMPLES are found again when listed", async (t) => {
  const dir = corpusPath("evtx-attack-samples", "Command and Control");
  const exec = corpusPath("evtx-attack-samples", "Execution");
  if (!dir || !exec) return t.skip(corpusSkipReason("evtx-attack-samples"));
  // pick, from the data itself, one process SHA256 and one public remote address
  const d = new Diagnostics();
  const normalizer = createNormalizer();
  let sha: string | undefined;
  let ip: string | undefined;
  for await (const batch of readPaths([dir, exec], { diagnostics: d })) {
    for (const r of batch.records) {
      const e = normalizer.normalize(r, d);
      if (e?.logsource.service !== "sysmon") continue;
      if (!sha && e.identity.eventId === 1) sha = parseHashes(String(e.fields.Hashes ?? "")).sha256;
      const dst = String(e.fields.DestinationIp ?? "");
      if (!ip && e.identity.eventId === 3 && /^\d+\.\d+\.\d+\.\d+$/.test(dst) && !dst.startsWith("10."))
        ip = dst;
    }
    if (sha && ip) break;
  }
  if (!sha || !ip) return t.skip("skipped: no Sysmon 1 with a SHA256 or Sysmon 3 in those folders");
  const list = writeList("picked.txt", `${sha},sha256,malicious,test\n${ip},malicious,test\n`);
  const analyzer = await createReputationAnalyzer({ indicatorLists: [list] }, new Diagnostics());
  assert.ok(analyzer);
  const run = await feed([dir, exec], analyzer);
  const hash = run.findings.find((f) => f.subject.kind === "file" && f.subject.sha256 === sha);
  assert.ok(hash, `the process hash ${sha}`);
  assert.equal(hash.detector, "reputation.malicious");
  assert.equal(hash.evidence[0]?.format, "evtx");
  assert.ok(hash.evidence[0]?.file.includes("evtx-attack-samples"));
  const addr = run.findings.find((f) => f.details.matched === ip);
  assert.ok(addr, `the address ${ip}`);
  assert.equal(addr.stage, "command_and_control");
});
