/**
 * Bounded fuzzing of the Zeek reader in the test suite (fixed seed; `npm run fuzz` runs it with
 * random seeds): generated and mutated TSV/JSON logs. See zeek-fuzz-harnesses.test.support.ts.
 */
import { test } from "node:test";
import { assertFuzz } from "../../testing/fuzz/fuzz-harness.js";
import { zeekLogHarness } from "./zeek-fuzz-harnesses.test.support.js";

test(`fuzz ${zeekLogHarness.name}: ${zeekLogHarness.description}`, async (t) => {
  const outcome = await assertFuzz(zeekLogHarness);
  t.diagnostic(`${outcome.numRuns} cases, slowest ${outcome.slowestMs.toFixed(0)} ms`);
});
