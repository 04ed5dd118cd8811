/**
 * Bounded fuzzing of the EVTX decoder in the test suite (fixed seed; `npm run fuzz` runs the same
 * harnesses with random seeds for longer): mutated writer chunks, mutated real chunks, generated
 * BinXML token streams, whole mutated files (plain and gzipped). See evtx-fuzz-harnesses.test.support.ts.
 */
import { test } from "node:test";
import { assertFuzz, type FuzzHarness } from "../../testing/fuzz/fuzz-harness.js";
import {
  type BxOp,
  evtxBinxmlTokensHarness,
  evtxCorpusChunkHarness,
  evtxFileHarness,
  evtxWriterChunkHarness,
} from "./evtx-fuzz-harnesses.test.support.js";

function fuzzTest<T>(h: FuzzHarness<T>): void {
  test(`fuzz ${h.name}: ${h.description}`, async (t) => {
    const why = h.unavailable?.();
    if (why) {
      t.skip(why);
      return;
    }
    const outcome = await assertFuzz(h);
    t.diagnostic(`${outcome.numRuns} cases, slowest ${outcome.slowestMs.toFixed(0)} ms`);
  });
}

fuzzTest(evtxWriterChunkHarness);
fuzzTest(evtxCorpusChunkHarness);
fuzzTest(evtxBinxmlTokensHarness);
fuzzTest(evtxFileHarness);

/**
 * Findings of `npm run fuzz`, kept as regression fixtures (the shrunk generator input, not bytes).
 * Found by evtx-binxml-tokens on the decoder before the expansion budget (seed 2099773587): a nested
 * value whose fragment is a substitution of itself recursed until the stack overflowed, reported as
 * "Maximum call stack size exceeded".
 */
const FINDINGS: readonly (readonly [string, BxOp[][]])[] = [
  [
    "a nested value holding a substitution of itself",
    [
      [
        {
          t: "template",
          ref: "inline",
          body: [{ t: "subst", index: 0, type: 0, optional: false }],
          values: [
            { type: 0x21, nested: [{ t: "subst", index: 0, type: 0x21, optional: false }], sizeLie: 0 },
          ],
          countLie: 0,
        },
      ],
    ],
  ],
];

for (const [name, input] of FINDINGS) {
  test(`fuzz finding: ${name}`, () => {
    evtxBinxmlTokensHarness.check(input);
  });
}
