/**
 * The bundled example (examples/, see its README): WS-SALES-07's Sysmon log must give the chain
 * explorer → invoice.pdf.exe (dropper, root cause) → svcupd.exe (payload, still running), with the
 * expected findings, and nothing alarming about the ordinary activity around it.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { Finding } from "../../findings/finding.js";
import { severityRank } from "../../findings/severity.js";
import { createNormalizer } from "../../normalize/normalizer.js";
import { evtxReader } from "../../readers/evtx/evtx-reader.js";
import type { FileReader } from "../../readers/reader.js";
import { ndjsonReader } from "../../readers/ndjson/ndjson-reader.js";
import { repoRoot } from "../../testing/corpus.js";
import { ProcessAnalyzer } from "./process-analyzer.js";
import type { ProcessInfo } from "./process-node.js";

const EXAMPLES = join(repoRoot(), "examples");
const SYSMON = join(EXAMPLES, "evtx", "WS-SALES-07_Sysmon.evtx");
const SECURITY = join(EXAMPLES, "evtx", "WS-SALES-07_Security.evtx");
const JSON_08 = join(EXAMPLES, "json", "WS-SALES-08_sysmon.jsonl");

async function analyze(files: readonly [FileReader, string][]) {
  const diagnostics = new Diagnostics();
  const normalizer = createNormalizer();
  const a = new ProcessAnalyzer();
  for (const [reader, file] of files)
    for await (const batch of reader.read(file, { diagnostics }))
      for (const r of batch) {
        const e = normalizer.normalize(r, diagnostics);
        if (e) a.observe(e);
      }
  return { a, findings: a.finish(), diagnostics };
}

const byImage = (a: ProcessAnalyzer, name: string): ProcessInfo => {
  const found = [...a.processes()].filter((p) => p.image?.toLowerCase().endsWith(`\\${name}`));
  assert.equal(found.length, 1, `one ${name}`);
  return found[0];
};
const detectorsFor = (findings: readonly Finding[], p: ProcessInfo) =>
  findings.filter((f) => f.subject.kind === "process" && f.subject.key === p.key).map((f) => f.detector);

describe("bundled example: WS-SALES-07", { skip: !existsSync(SYSMON) && "examples/ not found" }, () => {
  let run: Awaited<ReturnType<typeof analyze>>;
  before(async () => {
    run = await analyze([[evtxReader, SYSMON]]);
  });

  it("reads without diagnostics", () => assert.equal(run.diagnostics.total, 0));

  it("the chain: explorer → invoice.pdf.exe (dropper, root cause) → svcupd.exe (payload, still running)", () => {
    const { a } = run;
    const payload = byImage(a, "svcupd.exe");
    const dropper = byImage(a, "invoice.pdf.exe");
    const rc = a.rootCause(payload.key);
    assert.equal(rc?.root.key, dropper.key);
    assert.deepEqual(
      rc?.chain.map((l) => `${l.process.image?.split("\\").pop()?.toLowerCase()}:${l.via}`),
      ["explorer.exe:origin", "invoice.pdf.exe:parent+dropper", "svcupd.exe:parent+dropper"],
    );
    assert.equal(a.droppedBy(payload.key)?.writer?.key, dropper.key);
    assert.equal(a.droppedBy(dropper.key)?.writer?.image, "C:\\Windows\\explorer.exe");
    assert.equal(a.state(payload.key)?.state, "running");
    assert.equal(a.state(dropper.key)?.state, "terminated");
    const gap = a.stageGaps(payload.key).find((g) => g.toKey === payload.key);
    assert.equal(gap?.kind, "written-to-executed");
    assert.ok(gap && gap.gapMs > 1_000 && gap.gapMs < 2_000, "svcupd.exe ran 1.4 s after it was written");
  });

  it("the dropper's findings", () => {
    const got = detectorsFor(run.findings, byImage(run.a, "invoice.pdf.exe"));
    for (const d of [
      "process.double-extension",
      "process.suspicious-path",
      "process.unsigned-trusted-metadata",
      "process.original-name-mismatch",
      "process.dropper",
      "process.dropped-executed",
      "process.autorun-registry",
      "state.process",
      "duration.dwell-time",
    ])
      assert.ok(got.includes(d), `${d} in ${got.join(", ")}`);
    const dropper = run.findings.find((f) => f.detector === "process.dropper");
    assert.equal(dropper?.stage, "installation");
    const delivered = run.findings.find(
      (f) =>
        f.detector === "process.dropped-executed" &&
        f.subject.kind === "process" &&
        f.subject.image?.endsWith("invoice.pdf.exe"),
    );
    assert.equal(delivered?.stage, "exploitation", "the user ran what Explorer unpacked");
  });

  it("the payload's findings", () => {
    const payload = byImage(run.a, "svcupd.exe");
    const got = detectorsFor(run.findings, payload);
    for (const d of [
      "process.dropped-executed",
      "process.original-name-mismatch",
      "process.unsigned-trusted-metadata",
      "process.suspicious-path",
      "state.process",
      "duration.process-lifetime",
      "duration.drop-latency",
    ])
      assert.ok(got.includes(d), `${d} in ${got.join(", ")}`);
    const state = run.findings.find((f) => f.id === `state.process:${payload.key}`);
    assert.equal(state?.details.state, "running");
    assert.equal(state?.severity, "high");
    const renamed = run.findings.find((f) => f.id === `process.original-name-mismatch:${payload.key}`);
    assert.equal(renamed?.severity, "high");
    assert.deepEqual(renamed?.attack, ["T1036.003"]);
  });

  it("the payload's discovery commands", () => {
    const cmd = byImage(run.a, "cmd.exe");
    assert.ok(detectorsFor(run.findings, cmd).includes("process.discovery"));
    assert.equal(run.a.rootCause(cmd.key)?.root.image?.endsWith("invoice.pdf.exe"), true);
  });

  it("no over-detection: every finding of medium or above is about the dropper, the payload or its cmd", () => {
    const bad = new Set(["invoice.pdf.exe", "svcupd.exe", "cmd.exe"].map((n) => byImage(run.a, n).key));
    for (const f of run.findings)
      if (severityRank(f.severity) >= severityRank("medium"))
        assert.ok(f.subject.kind === "process" && bad.has(f.subject.key), `${f.id}: ${f.message.en}`);
  });

  it("with the Security log too: the 4688 duplicates merge, the findings are the same", async () => {
    const both = await analyze([
      [evtxReader, SECURITY],
      [evtxReader, SYSMON],
    ]);
    assert.equal(both.a.stats().mergedSecurityStarts, 27);
    assert.deepEqual(both.findings.map((f) => f.id).sort(), run.findings.map((f) => f.id).sort());
  });

  it("WS-SALES-08 (Winlogbeat JSON), the healthy neighbour: a process tree, no process findings", async () => {
    const healthy = await analyze([[ndjsonReader, JSON_08]]);
    assert.equal(healthy.diagnostics.errors, 0);
    assert.ok(healthy.a.graph.size > 20);
    const svchost = [...healthy.a.processes()].find(
      (p) => p.image?.endsWith("svchost.exe") && !p.placeholder,
    );
    assert.equal(healthy.a.parentOf(svchost?.key ?? "")?.image, "C:\\Windows\\System32\\services.exe");
    assert.deepEqual(healthy.findings, []);
  });
});
