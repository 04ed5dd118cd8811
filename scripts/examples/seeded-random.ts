/**
 * The example generator's only source of randomness: a seeded PRNG whose state is shared by every
 * module that draws from it, so every run gives the same numbers — as long as the draws happen in the
 * same order. Input: nothing. Output: numbers in [0, 1), integer ranges, picks from a list.
 */

let seed = 20260302;

/** mulberry32: a small seeded PRNG, so every run gives the same numbers. */
export function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** An integer in [a, b], drawn from `rnd`. */
export const between = (a: number, b: number): number => a + Math.floor(rnd() * (b - a + 1));

/** One element of `xs`, drawn from `rnd`. */
export const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
