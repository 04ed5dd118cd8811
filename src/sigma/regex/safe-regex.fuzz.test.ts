/**
 * Bounded fuzzing of the regex engine in the test suite (fixed seed; `npm run fuzz` runs it with
 * random seeds): generated patterns against JavaScript's RegExp, time and state bounds.
 * See regex-fuzz-harnesses.test.support.ts.
 */
import { test } from "node:test";
import { assertFuzz } from "../../testing/fuzz/fuzz-harness.js";
import { sigmaRegexHarness } from "./regex-fuzz-harnesses.test.support.js";

test(`fuzz ${sigmaRegexHarness.name}: ${sigmaRegexHarness.description}`, async (t) => {
  const outcome = await assertFuzz(sigmaRegexHarness);
  t.diagnostic(`${outcome.numRuns} cases, slowest ${outcome.slowestMs.toFixed(0)} ms`);
});
