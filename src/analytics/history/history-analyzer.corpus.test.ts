/**
 * The history analyzer on real data: all of EVTX-ATTACK-SAMPLES (read in place) as one fleet of
 * lab hosts, and the bundled example (WS-SALES-07 and WS-SALES-08).
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { createNormalizer } from "../../normalize/normalizer.js";
import { evtxReader } from "../../readers/evtx/evtx-reader.js";
import { ndjsonReader } from "../../readers/ndjson/ndjson-reader.js";
import type { FileReader } from "../../readers/reader.js";
import { corpusPath, corpusSkipReason, repoRoot } from "../../testing/corpus.js";
import { HistoryAnalyzer } from "./history-analyzer.js";

async function feed(a: HistoryAnalyzer, files: readonly [FileReader, string][]): Promise<Diagnostics> {
  const diagnostics = new Diagnostics();
  const normalizer = createNormalizer();
  for (const [reader, file] of files)
    for await (const batch of reader.read(file, { diagnostics }))
      for (const r of batch) {
        const e = normalizer.normalize(r, diagnostics);
        if (e) a.observe(e);
      }
  return diagnostics;
}

function evtxFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) evtxFiles(p, out);
    else if (name.toLowerCase().endsWith(".evtx")) out.push(p);
  }
  return out;
}

const ATTACKS = corpusPath("evtx-attack-samples");

describe("history on EVTX-ATTACK-SAMPLES as one fleet", {
  skip: !ATTACKS && corpusSkipReason("evtx-attack-samples"),
}, () => {
  it("finds the lab hosts, system binaries on many of them, attack tools on one", async (t) => {
    const a = new HistoryAnalyzer();
    await feed(
      a,
      evtxFiles(ATTACKS ?? "").map((f) => [evtxReader, f]),
    );
    const findings = a.finish();
    t.diagnostic(`${a.population()} hosts; ${findings.length} history findings`);
    assert.ok(a.population() >= 10);
    const cmd = a.prevalence("image-path", "C:\\Windows\\System32\\cmd.exe");
    assert.ok(cmd && cmd.hosts >= 3, `cmd.exe on ${cmd?.hosts} hosts`);
    const flash = findings.find(
      (f) =>
        f.detector === "history.rare" &&
        f.subject.kind === "file" &&
        f.subject.path.endsWith("Flash_update.exe"),
    );
    assert.equal(flash?.host, "IEWIN7");
    assert.ok(findings.every((f) => f.viewpoint === "history" && f.evidence.length > 0));
  });
});

const EXAMPLES = join(repoRoot(), "examples");
const SYSMON_07 = join(EXAMPLES, "evtx", "WS-SALES-07_Sysmon.evtx");

describe("history on the bundled example", { skip: !existsSync(SYSMON_07) && "examples/ not found" }, () => {
  it("two hosts: the payload on one, services everywhere; too few hosts to call anything rare", async () => {
    const a = new HistoryAnalyzer();
    const d = await feed(a, [
      [evtxReader, SYSMON_07],
      [ndjsonReader, join(EXAMPLES, "json", "WS-SALES-08_sysmon.jsonl")],
    ]);
    assert.equal(d.errors, 0);
    assert.equal(a.population(), 2);
    const payload = a.prevalence(
      "image-path",
      "C:\\Users\\tanaka\\AppData\\Roaming\\Microsoft\\svchost-update\\svcupd.exe",
    );
    assert.equal(payload?.hosts, 1);
    assert.equal(
      a.firstSeen("image-path", "C:\\Windows\\System32\\svchost.exe", "WS-SALES-08")?.host,
      "WS-SALES-08.corp.example",
    );
    assert.equal(a.prevalence("image-path", "C:\\Windows\\System32\\svchost.exe")?.hosts, 2);
    assert.deepEqual(a.finish(), []);
  });
});
