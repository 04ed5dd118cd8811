/**
 * Time analysis on real data: OTRF Security-Datasets Windows simulations (recorded on scattered days
 * over several years, on a handful of lab hosts; three tactic folders, to keep the test fast) must run
 * without crashing and produce well-formed baselines and findings; the bundled examples/ incident (one
 * morning) must claim no baseline.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { corpusPath, corpusSkipReason, repoRoot } from "../../testing/corpus.js";
import { forEachEvent } from "./test-events.test.support.js";
import { TimeAnalyzer } from "./time-analyzer.js";
import { timeline } from "./timeline.js";

describe("time on security-datasets", () => {
  test("baselines per host and user; findings well formed and placed on a timeline", async (t) => {
    const dir = corpusPath("security-datasets", "atomic", "windows");
    if (!dir) {
      t.skip(corpusSkipReason("security-datasets/atomic/windows"));
      return;
    }
    const folders = ["defense_evasion", "discovery", "execution"].map((f) => join(dir, f)).filter(existsSync);
    const analyzer = new TimeAnalyzer();
    let events = 0;
    await forEachEvent(folders, (event) => {
      events++;
      analyzer.observe(event);
    });
    const findings = analyzer.finish();
    const stats = analyzer.stats();
    assert.ok(events > 20_000, `events read: ${events}`);
    assert.ok(stats.activities > 200, `process creations and logons found: ${stats.activities}`);
    assert.ok(stats.baselinesClaimed > 0, "some lab host or user has a baseline");
    for (const f of findings) {
      assert.equal(f.viewpoint, "time");
      assert.ok(f.first, "every time finding has a time");
      assert.ok(f.evidence.length > 0 && f.evidence.length <= 20);
      assert.ok(f.evidenceCount >= f.evidence.length);
      assert.ok(f.message.en.length > 0 && f.message.ja.length > 0);
    }
    const line = timeline(findings, { bucketMs: 86_400_000 });
    assert.equal(line.undated.length, 0);
    assert.equal(
      line.buckets.reduce((n, b) => n + b.findings.length, 0),
      findings.length,
    );
    const baselines = analyzer
      .baselines()
      .filter((b) => b.claimed)
      .map((b) => `${b.subject} ${b.name}: ${b.events} events on ${b.activeDays} days, usual ${b.usualHours}`)
      .join("; ");
    assert.ok(baselines.length > 0);
    t.diagnostic(`${events} events; stats ${JSON.stringify(stats)}`);
    t.diagnostic(`baselines: ${baselines}`);
    t.diagnostic(
      `${findings.length} findings in ${line.buckets.length} day buckets; first: ${findings[0]?.message.en ?? "-"}`,
    );
  });
});

describe("time on the examples/ incident", () => {
  test("one morning of data: no baseline is claimed, so nothing is called unusual", async (t) => {
    const examples = join(repoRoot(), "examples");
    if (!existsSync(examples)) {
      t.skip("skipped: examples/ not found");
      return;
    }
    const analyzer = new TimeAnalyzer();
    await forEachEvent([examples], (event) => analyzer.observe(event));
    assert.deepEqual(analyzer.finish(), []);
    const stats = analyzer.stats();
    assert.ok(stats.activities > 40, `process creations and logons: ${stats.activities}`);
    assert.equal(stats.baselinesClaimed, 0);
    t.diagnostic(`stats: ${JSON.stringify(stats)}`);
  });
});
