/**
 * Bounded fuzzing of the JSON reader in the test suite (fixed seed; `npm run fuzz` runs the same
 * harnesses with random seeds): the value scanner cut at random places, NDJSON against JSON.parse,
 * garbage files. See ndjson-fuzz-harnesses.test.support.ts.
 */
import { test } from "node:test";
import { assertFuzz, type FuzzHarness } from "../../testing/fuzz/fuzz-harness.js";
import {
  jsonScannerSplitHarness,
  ndjsonGarbageHarness,
  ndjsonOracleHarness,
} from "./ndjson-fuzz-harnesses.test.support.js";

function fuzzTest<T>(h: FuzzHarness<T>): void {
  test(`fuzz ${h.name}: ${h.description}`, async (t) => {
    const outcome = await assertFuzz(h);
    t.diagnostic(`${outcome.numRuns} cases, slowest ${outcome.slowestMs.toFixed(0)} ms`);
  });
}

fuzzTest(jsonScannerSplitHarness);
fuzzTest(ndjsonOracleHarness);
fuzzTest(ndjsonGarbageHarness);

/**
 * Findings of the fuzz harnesses, kept as regression fixtures (generator inputs, not files):
 * a UTF-8 byte-order mark split across read chunks was not removed (the first value failed), and a
 * read size under 64 bytes made gzip input throw a zlib RangeError.
 */
test("fuzz finding: a byte-order mark split across 1-byte reads", async () => {
  await ndjsonOracleHarness.check({
    objects: [{}, { a: 1 }],
    crlf: false,
    bom: true,
    gzip: false,
    finalNewline: true,
    chunkBytes: 1,
    batchSize: 1,
  });
});

test("fuzz finding: gzip input read 1 byte at a time", async () => {
  await ndjsonOracleHarness.check({
    objects: [{ a: "x" }],
    crlf: true,
    bom: true,
    gzip: true,
    finalNewline: false,
    chunkBytes: 1,
    batchSize: 1,
  });
});
