/**
 * Corpus test: SigmaHQ's own regression data run end to end — info.yml → the rule loaded from the SigmaHQ
 * snapshot → its sample EVTX read, normalized and matched. With SigmaHQ's semantics (the rule must fire
 * on its sample; `match_count` is not checked: some upstream values are below what the rule really
 * matches), every test must pass.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, test } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { analyze } from "../pipeline/analyze.js";
import { corpusPath, corpusSkipReason } from "../testing/corpus.js";
import { findRegressionCases, runRegressionCase, rulesById, type SampleReader } from "./regression-runner.js";
import { loadRules } from "./rule-loader.js";

describe("SigmaHQ regression data", () => {
  test("every rule fires on its own sample", async (t) => {
    const sigma = corpusPath("sigma");
    if (!sigma) return t.skip(corpusSkipReason("sigma"));
    const data = join(sigma, "regression_data");
    const { cases, problems } = await findRegressionCases(data);
    assert.ok(cases.length >= 150, `only ${cases.length} cases found`);
    assert.deepEqual(
      problems.filter((p) => p.severity === "error"),
      [],
      "every info.yml is usable",
    );
    // load just the rules the tests name: regression_data/<rel>/info.yml ↔ <sigma>/<rel>.yml
    const ruleFiles = [
      ...new Set(cases.map((c) => join(sigma, `${relative(data, dirname(c.info))}.yml`))),
    ].filter(existsSync);
    const loaded = await loadRules(ruleFiles);
    const diagnostics = new Diagnostics();
    const read: SampleReader = async (sample, onEvents) => {
      const before = diagnostics.errors;
      await analyze([sample], { diagnostics, onEvents });
      return { errors: diagnostics.errors - before };
    };
    const byId = rulesById(loaded.rules);
    const unexpected: string[] = [];
    let passed = 0;
    let missingRule = 0;
    for (const c of cases) {
      if (!byId.has(c.ruleId.toLowerCase()) && !loaded.rejected.some((r) => r.id === c.ruleId)) {
        missingRule++; // the snapshot does not carry every rule
        continue;
      }
      const r = await runRegressionCase(c, byId, loaded.rejected, read, { anyCount: true });
      if (r.status === "passed") passed++;
      else unexpected.push(`${c.ruleId} ${c.ruleTitle ?? ""}: ${r.reason}`);
    }
    assert.deepEqual(unexpected, []);
    assert.ok(passed >= 150, `${passed} passed, ${missingRule} without their rule in the snapshot`);
    assert.equal(diagnostics.errors, 0, "every sample reads cleanly");
  });
});
