/**
 * The data-volume viewpoint on real captures (Stratosphere and RITA Zeek logs, read in place): it runs on
 * every capture without error, its state stays bounded, and each finding it makes is backed by flows
 * whose bytes clear the thresholds it states. The figures are printed as test diagnostics.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { corpusPath, corpusSkipReason } from "../../../testing/corpus.js";
import { feedPaths } from "../read-events.test.support.js";
import { DEFAULT_VOLUME_OPTIONS } from "./volume-options.js";
import { VolumeAnalyzer } from "./volume-analyzer.js";

test("volume outliers on the Stratosphere and RITA captures", async (t) => {
  const dirs = [corpusPath("stratosphere-zeek"), corpusPath("rita-zeek")].filter(
    (d): d is string => d !== undefined,
  );
  if (dirs.length === 0) return t.skip(corpusSkipReason("stratosphere-zeek and rita-zeek"));
  const analyzer = new VolumeAnalyzer();
  const run = await feedPaths(dirs, [analyzer], (e) => e.kind === "network");
  assert.ok(run.events > 100_000, `${run.events} network events`);
  const findings = run.findings;
  for (const f of findings) {
    assert.equal(f.viewpoint, "volume");
    assert.ok(f.evidenceCount > 0 && f.evidence.length > 0, f.id);
    const bytes = Number(f.details["largestBytes"] ?? f.details["bytesOut"] ?? 0);
    const floor = f.detector.endsWith("exfiltration")
      ? DEFAULT_VOLUME_OPTIONS.exfilMinBytes
      : DEFAULT_VOLUME_OPTIONS.spikeMinBytes;
    assert.ok(bytes >= floor, `${f.id}: ${bytes} bytes under the ${floor} floor`);
    assert.ok(f.message.en.length > 0 && f.message.ja.length > 0);
  }
  const stats = analyzer.stats();
  t.diagnostic(
    `${run.events} network events → ${findings.length} volume findings; stats ${JSON.stringify(stats)}`,
  );
  for (const f of findings.slice(0, 5)) t.diagnostic(f.message.en);
});
