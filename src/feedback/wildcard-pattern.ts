/**
 * Command-line patterns of analyst decisions: `*` (any run of characters, also none) and `?` (exactly one
 * character), case-insensitive, anchored at both ends. Input: the pattern text. Output: a compiled matcher.
 *
 * Never a user regex: the pattern is split at its stars into fixed-length segments; the first segment must
 * match at the start, the last at the end, the ones between are found leftmost in order (taking the leftmost
 * match of each segment is optimal, so there is no backtracking). Each search is a bit-parallel Shift-And
 * scan, so a match costs O(text length × ⌈longest segment / 32⌉) whatever the pattern: `*a*a*a*a*b` on a
 * megabyte of `a` returns as fast as `*b`.
 */
import { MikiwameError } from "../diagnostics/mikiwame-error.js";

/** Longest pattern accepted, in characters. */
export const MAX_PATTERN_LENGTH = 4096;

/** One star-free piece of the pattern: its characters, `undefined` for `?`. */
type Segment = readonly (string | undefined)[];

/** A compiled pattern. */
export interface WildcardPattern {
  /** The pattern as given */
  readonly source: string;
  /** The literal characters before the first wildcard, lower-cased (for indexing; may be empty) */
  readonly literalPrefix: string;
  /** The literal characters after the last wildcard, lower-cased (for indexing; may be empty) */
  readonly literalSuffix: string;
  /** True when `text` matches the whole pattern (case-insensitive). */
  matches(text: string): boolean;
  /** The same on a text already prepared by `wildcardChars` (to test many patterns on one text). */
  matchesChars(chars: readonly string[]): boolean;
}

/** `text` lower-cased and split into code points (so `?` is one character, also outside the BMP). */
export function wildcardChars(text: string): string[] {
  return Array.from(text.toLowerCase());
}

/** True when `seg` matches `text` at `at` exactly. */
function matchesAt(seg: Segment, text: readonly string[], at: number): boolean {
  if (at < 0 || at + seg.length > text.length) return false;
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c !== undefined && c !== text[at + i]) return false;
  }
  return true;
}

/** A Shift-And searcher for one segment: the bit masks per character, in 32-bit words. */
class SegmentSearch {
  private readonly words: number;
  private readonly masks = new Map<string, Uint32Array>();
  /** Bits of the `?` positions: any character may stand there */
  private readonly any: Uint32Array;

  constructor(private readonly seg: Segment) {
    this.words = Math.ceil(seg.length / 32);
    this.any = new Uint32Array(this.words);
    seg.forEach((c, i) => {
      if (c === undefined) this.any[i >>> 5] |= 1 << (i & 31);
    });
    seg.forEach((c, i) => {
      if (c === undefined) return;
      let m = this.masks.get(c);
      if (!m) {
        m = Uint32Array.from(this.any);
        this.masks.set(c, m);
      }
      m[i >>> 5] |= 1 << (i & 31);
    });
  }

  /** The index just after the leftmost match starting at or after `from`, or -1. */
  endOfFirst(text: readonly string[], from: number): number {
    const k = this.seg.length;
    if (k === 0) return from;
    const state = new Uint32Array(this.words);
    const lastWord = (k - 1) >>> 5;
    const lastBit = 1 << ((k - 1) & 31);
    // bounded by the text length: one step per character
    for (let p = from; p < text.length; p++) {
      const mask = this.masks.get(text[p]) ?? this.any;
      let carry = 1; // a match may start at every position
      for (let w = 0; w < this.words; w++) {
        const v = state[w];
        state[w] = ((v << 1) | carry) & mask[w];
        carry = v >>> 31;
      }
      if (state[lastWord] & lastBit) return p + 1;
    }
    return -1;
  }
}

/** Compiles a pattern. Throws a MikiwameError E_DECISION when it is empty or too long. */
export function compileWildcard(source: string): WildcardPattern {
  if (source.length === 0) throw new MikiwameError("E_DECISION", "the command-line pattern is empty");
  if (source.length > MAX_PATTERN_LENGTH)
    throw new MikiwameError(
      "E_DECISION",
      `the command-line pattern is longer than ${MAX_PATTERN_LENGTH} characters`,
    );
  const pieces = source
    .toLowerCase()
    .split("*")
    .map((piece): Segment => Array.from(piece, (c) => (c === "?" ? undefined : c)));
  const literalEnd = source.search(/[*?]/);
  const literalPrefix = (literalEnd < 0 ? source : source.slice(0, literalEnd)).toLowerCase();
  const lastWildcard = Math.max(source.lastIndexOf("*"), source.lastIndexOf("?"));
  const literalSuffix = source.slice(lastWildcard + 1).toLowerCase();
  if (pieces.length === 1) {
    const only = pieces[0];
    const matchesChars = (t: readonly string[]) => t.length === only.length && matchesAt(only, t, 0);
    return {
      source,
      literalPrefix,
      literalSuffix,
      matchesChars,
      matches: (text) => matchesChars(wildcardChars(text)),
    };
  }
  const head = pieces[0];
  const tail = pieces[pieces.length - 1];
  const middle = pieces
    .slice(1, -1)
    .filter((s) => s.length > 0)
    .map((s) => new SegmentSearch(s));
  const fixed = pieces.reduce((n, s) => n + s.length, 0);
  const matchesChars = (t: readonly string[]): boolean => {
    if (t.length < fixed) return false;
    if (!matchesAt(head, t, 0)) return false;
    const tailAt = t.length - tail.length;
    if (!matchesAt(tail, t, tailAt)) return false;
    let pos = head.length;
    for (const s of middle) {
      pos = s.endOfFirst(t, pos);
      if (pos < 0 || pos > tailAt) return false;
    }
    return true;
  };
  return {
    source,
    literalPrefix,
    literalSuffix,
    matchesChars,
    matches: (text) => matchesChars(wildcardChars(text)),
  };
}
