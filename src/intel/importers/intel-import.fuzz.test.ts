/**
 * Bounded fuzzing of the intel importers in the test suite (fixed seed; `npm run fuzz` runs them with
 * random seeds): mutated STIX bundles and MISP events, STIX patterns. See intel-fuzz-harnesses.test.support.ts.
 */
import { test } from "node:test";
import { assertFuzz, type FuzzHarness } from "../../testing/fuzz/fuzz-harness.js";
import {
  intelMispHarness,
  intelStixHarness,
  stixPatternHarness,
} from "./intel-fuzz-harnesses.test.support.js";

function fuzzTest<T>(h: FuzzHarness<T>): void {
  test(`fuzz ${h.name}: ${h.description}`, async (t) => {
    const outcome = await assertFuzz(h);
    t.diagnostic(`${outcome.numRuns} cases, slowest ${outcome.slowestMs.toFixed(0)} ms`);
  });
}

fuzzTest(intelStixHarness);
fuzzTest(intelMispHarness);
fuzzTest(stixPatternHarness);
