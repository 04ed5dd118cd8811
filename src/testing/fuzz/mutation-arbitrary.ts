/**
 * Test support: fast-check generators of mutation lists (buffer-mutation.ts). Structure-aware: a
 * harness passes the offsets that matter in its format (size fields, offsets, counts, token bytes),
 * and most mutations land there, with boundary values (0, 1, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff,
 * 0xffffffff, …) rather than uniform noise; the rest land anywhere. fast-check shrinks a failing list
 * to the few mutations that matter.
 * Input: the input length and its hot offsets. Output: an Arbitrary of Mutation lists.
 */
import fc from "fast-check";
import type { Mutation } from "./buffer-mutation.js";

/** Values that break length and offset checks. */
export const BOUNDARY_VALUES: readonly number[] = [
  0, 1, 2, 3, 4, 7, 8, 0x0f, 0x10, 0x1f, 0x20, 0x21, 0x40, 0x7f, 0x80, 0xfe, 0xff, 0x100, 0x1ff, 0x200,
  0x7fff, 0x8000, 0xfffe, 0xffff, 0x10000, 0x10001, 0xfffff, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
];

export interface MutationArbitraryOptions {
  /** Length of the inputs the mutations will be applied to */
  readonly length: number;
  /** Offsets where the format keeps its structure (size fields, offsets, counts, tokens) */
  readonly hot?: readonly number[];
  /** Most mutations per case (default 6) */
  readonly maxMutations?: number;
  /** Allow mutations that change the length (insert, remove, truncate; default true) */
  readonly resize?: boolean;
}

/** An offset: near a hot offset (±3) most of the time, anywhere otherwise. */
function offsetArb(length: number, hot: readonly number[]): fc.Arbitrary<number> {
  const anywhere = fc.nat({ max: Math.max(0, length - 1) });
  if (hot.length === 0) return anywhere;
  const near = fc
    .tuple(fc.constantFrom(...hot), fc.integer({ min: -3, max: 3 }))
    .map(([h, d]) => Math.max(0, h + d));
  return fc.oneof({ weight: 3, arbitrary: near }, { weight: 1, arbitrary: anywhere });
}

const valueArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BOUNDARY_VALUES) },
  { weight: 1, arbitrary: fc.nat({ max: 0xffffffff }) },
);

/** A generator of mutation lists for inputs of `options.length` bytes. */
export function mutationListArb(options: MutationArbitraryOptions): fc.Arbitrary<Mutation[]> {
  const at = offsetArb(options.length, options.hot ?? []);
  const kinds: fc.Arbitrary<Mutation>[] = [
    fc.record({ kind: fc.constant("flip" as const), at, bit: fc.nat({ max: 7 }) }),
    fc.record({
      kind: fc.constantFrom("set8" as const, "set16" as const, "set32" as const),
      at,
      value: valueArb,
    }),
    fc.record({
      kind: fc.constant("inflate" as const),
      at,
      width: fc.constantFrom(2 as const, 4 as const),
      factor: fc.constantFrom(0, 2, 16, 256, 65536),
    }),
    fc.record({
      kind: fc.constant("splice" as const),
      at,
      from: offsetArb(options.length, options.hot ?? []),
      length: fc.integer({ min: 1, max: 64 }),
    }),
  ];
  if (options.resize !== false) {
    kinds.push(
      fc.record({ kind: fc.constant("truncate" as const), at }),
      fc.record({
        kind: fc.constant("insert" as const),
        at,
        bytes: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 16 }),
      }),
      fc.record({ kind: fc.constant("remove" as const), at, length: fc.integer({ min: 1, max: 32 }) }),
    );
  }
  return fc.array(fc.oneof(...kinds), { minLength: 1, maxLength: options.maxMutations ?? 6 });
}
