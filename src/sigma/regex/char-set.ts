/**
 * Character sets for the linear-time regex engine: sorted UTF-16 code-unit ranges, optionally
 * negated and case-insensitive. Only evaluated when the lazy DFA meets a new (state, character)
 * pair, so clarity wins over speed here.
 * Input: ranges built by the regex parser. Output: membership tests.
 */

/** A set of UTF-16 code units. `ranges` holds inclusive [lo, hi] pairs. */
export interface CharSet {
  readonly ranges: readonly number[];
  readonly negated: boolean;
  /** Case-insensitive: also matches when the lower- or upper-case form of the character is in the ranges */
  readonly ci: boolean;
}

export const DIGIT_RANGES: readonly number[] = [0x30, 0x39];
export const WORD_RANGES: readonly number[] = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
/** JavaScript's `\s`. */
export const SPACE_RANGES: readonly number[] = [
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f,
  0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
];

/** Is `c` an ASCII word character (`[A-Za-z0-9_]`)? Used by `\b` and `\B`. */
export function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || (c >= 0x61 && c <= 0x7a);
}

function inRanges(ranges: readonly number[], c: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    if (c >= ranges[i] && c <= ranges[i + 1]) return true;
  }
  return false;
}

/** The single-code-unit lower/upper case form of `c`, or `c` when it has none. */
function caseForm(c: number, upper: boolean): number {
  const s = String.fromCharCode(c);
  const t = upper ? s.toUpperCase() : s.toLowerCase();
  return t.length === 1 ? t.charCodeAt(0) : c;
}

/** Does the set contain code unit `c`? */
export function charSetHas(set: CharSet, c: number): boolean {
  let hit = inRanges(set.ranges, c);
  if (!hit && set.ci)
    hit = inRanges(set.ranges, caseForm(c, false)) || inRanges(set.ranges, caseForm(c, true));
  return set.negated ? !hit : hit;
}

/** A set of exactly one character. */
export function singleChar(c: number, ci: boolean): CharSet {
  return { ranges: [c, c], negated: false, ci };
}

/** Merges range lists and sorts them (no need to coalesce: membership is a scan). */
export function unionRanges(...lists: readonly (readonly number[])[]): number[] {
  const pairs: [number, number][] = [];
  for (const l of lists) for (let i = 0; i < l.length; i += 2) pairs.push([l[i], l[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  return pairs.flat();
}

/** The complement of a range list over the UTF-16 code-unit space. */
export function complementRanges(ranges: readonly number[]): number[] {
  const sorted = unionRanges(ranges);
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < sorted.length; i += 2) {
    if (sorted[i] > next) out.push(next, sorted[i] - 1);
    next = Math.max(next, sorted[i + 1] + 1);
  }
  if (next <= 0xffff) out.push(next, 0xffff);
  return out;
}
