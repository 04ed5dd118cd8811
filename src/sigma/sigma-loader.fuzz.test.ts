/**
 * Bounded fuzzing of the Sigma loader in the test suite (fixed seed; `npm run fuzz` runs the same
 * harnesses with random seeds): conditions, structurally mutated rules, byte-mutated rule texts.
 * See sigma-fuzz-harnesses.test.support.ts.
 */
import { test } from "node:test";
import { assertFuzz, type FuzzHarness } from "../testing/fuzz/fuzz-harness.js";
import {
  sigmaConditionHarness,
  sigmaRuleTextHarness,
  sigmaRuleYamlHarness,
} from "./sigma-fuzz-harnesses.test.support.js";

function fuzzTest<T>(h: FuzzHarness<T>): void {
  test(`fuzz ${h.name}: ${h.description}`, async (t) => {
    const outcome = await assertFuzz(h);
    t.diagnostic(`${outcome.numRuns} cases, slowest ${outcome.slowestMs.toFixed(0)} ms`);
  });
}

fuzzTest(sigmaConditionHarness);
fuzzTest(sigmaRuleYamlHarness);
fuzzTest(sigmaRuleTextHarness);
