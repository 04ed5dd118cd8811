/**
 * Compiles a Sigma pattern into a string test, with fast paths for the shapes rules use most
 * (exact, startswith, endswith, contains, `*a*b*`) and a linear-ish glob for the rest (`?`,
 * windash classes): the classic greedy `*` algorithm, O(value × pattern) worst case, no recursion.
 * Case-insensitive matching lower-cases the pattern here and expects the caller to pass the
 * lower-cased value (computed once per event).
 * Input: a SigmaPattern without placeholders. Output: a StringTest.
 */
import { type IndexKey, unionKeys } from "./index-key.js";
import { type PatternPart, type SigmaPattern, WINDASH_CHARS } from "./sigma-string.js";

/** Tests one field value; `cased: false` tests expect the lower-cased value. */
export interface StringTest {
  readonly cased: boolean;
  /** Relative cost, for putting cheap checks first */
  readonly cost: number;
  /** Keys one of which holds whenever the test does (case-insensitive tests only) */
  readonly keys?: readonly IndexKey[];
  test(value: string): boolean;
}

/** windash patterns with at most this many dash positions are expanded into plain alternatives. */
const MAX_EXPANDED_DASHES = 3;

const STAR = -1;
const ONE = -2;
const DASH = -3;
const DASH_CODES = new Set(WINDASH_CHARS.map((c) => c.charCodeAt(0)));

/** Compiles a pattern (parts must be normalized: no adjacent literals, no `**`). */
export function compileStringTest(pattern: SigmaPattern, cased: boolean): StringTest {
  const parts = pattern.parts.map(
    (p): PatternPart => (p.t === "lit" && !cased ? { t: "lit", s: p.s.toLowerCase() } : p),
  );
  const dashes = parts.filter((p) => p.t === "dash").length;
  if (dashes > 0 && dashes <= MAX_EXPANDED_DASHES && !parts.some((p) => p.t === "one")) {
    const alternatives = expandDashes(parts).map((ps) => compileParts(ps, cased));
    return anyOf(alternatives, cased);
  }
  return compileParts(parts, cased);
}

function anyOf(tests: readonly StringTest[], cased: boolean): StringTest {
  const cost = tests.reduce((sum, t) => sum + t.cost, 0);
  return {
    cased,
    cost,
    keys: unionKeys(tests.map((t) => t.keys)),
    test: (v) => tests.some((t) => t.test(v)),
  };
}

function expandDashes(parts: readonly PatternPart[]): PatternPart[][] {
  let out: PatternPart[][] = [[]];
  for (const p of parts) {
    if (p.t === "dash") {
      out = out.flatMap((prefix) => WINDASH_CHARS.map((d) => [...prefix, { t: "lit", s: d } as PatternPart]));
    } else {
      out = out.map((prefix) => [...prefix, p]);
    }
  }
  return out.map(mergeLiterals);
}

function mergeLiterals(parts: readonly PatternPart[]): PatternPart[] {
  const out: PatternPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.t === "lit" && last?.t === "lit") out[out.length - 1] = { t: "lit", s: last.s + p.s };
    else out.push(p);
  }
  return out;
}

function compileParts(parts: readonly PatternPart[], cased: boolean): StringTest {
  const onlyLitAndStar = parts.every((p) => p.t === "lit" || p.t === "star");
  if (onlyLitAndStar) {
    const lits = parts.filter((p) => p.t === "lit").map((p) => (p.t === "lit" ? p.s : ""));
    const leadingStar = parts[0]?.t === "star";
    const trailingStar = parts.length > 0 && parts[parts.length - 1].t === "star";
    if (lits.length === 0) {
      // "" (empty value) or "*" (anything)
      return parts.length === 0
        ? { cased, cost: 1, test: (v) => v === "" }
        : { cased, cost: 1, test: () => true };
    }
    if (lits.length === 1) {
      const s = lits[0];
      if (!leadingStar && !trailingStar) {
        return {
          cased,
          cost: 1,
          keys: cased ? undefined : [{ kind: "exact", key: s }],
          test: (v) => v === s,
        };
      }
      const contains: IndexKey[] | undefined = cased ? undefined : [{ kind: "contains", key: s }];
      if (!leadingStar) return { cased, cost: 2, keys: contains, test: (v) => v.startsWith(s) };
      if (!trailingStar) {
        const slash = s.lastIndexOf("\\");
        const keys: IndexKey[] | undefined =
          cased || slash === -1 ? contains : [{ kind: "basename", key: s.slice(slash + 1) }];
        return { cased, cost: 2, keys, test: (v) => v.endsWith(s) };
      }
      return { cased, cost: 3, keys: contains, test: (v) => v.includes(s) };
    }
    return {
      cased,
      cost: 3 + lits.length,
      keys: longestLiteral(lits, cased),
      test: segmentsTest(lits, leadingStar, trailingStar),
    };
  }
  const lits = parts.flatMap((p) => (p.t === "lit" ? [p.s] : []));
  return { cased, cost: 8, keys: longestLiteral(lits, cased), test: globTest(parts) };
}

/** The longest literal of a pattern as a `contains` key (every match contains it). */
function longestLiteral(lits: readonly string[], cased: boolean): IndexKey[] | undefined {
  if (cased) return undefined;
  let best = "";
  for (const l of lits) if (l.length > best.length) best = l;
  return best === "" ? undefined : [{ kind: "contains", key: best }];
}

/** `a*b*c` with literal segments: leftmost-greedy search is exact for literal segments. */
function segmentsTest(
  lits: readonly string[],
  leadingStar: boolean,
  trailingStar: boolean,
): (v: string) => boolean {
  const first = lits[0];
  const last = lits[lits.length - 1];
  return (v) => {
    let pos = 0;
    let i = 0;
    if (!leadingStar) {
      if (!v.startsWith(first)) return false;
      pos = first.length;
      i = 1;
    }
    const end = trailingStar ? lits.length : lits.length - 1;
    for (; i < end; i++) {
      const at = v.indexOf(lits[i], pos);
      if (at === -1) return false;
      pos = at + lits[i].length;
    }
    if (trailingStar) return true;
    return v.length - last.length >= pos && v.endsWith(last);
  };
}

/** General glob over code units (`?` is one UTF-16 code unit; a surrogate pair counts as one character). */
function globTest(parts: readonly PatternPart[]): (v: string) => boolean {
  const atoms: number[] = [];
  for (const p of parts) {
    switch (p.t) {
      case "lit":
        for (let i = 0; i < p.s.length; i++) atoms.push(p.s.charCodeAt(i));
        break;
      case "star":
        if (atoms[atoms.length - 1] !== STAR) atoms.push(STAR);
        break;
      case "one":
        atoms.push(ONE);
        break;
      case "dash":
        atoms.push(DASH);
        break;
      case "placeholder":
        throw new Error(`placeholder %${p.name}% was not expanded`);
    }
  }
  const pat = Int32Array.from(atoms);
  const m = pat.length;
  return (v) => {
    const n = v.length;
    let i = 0;
    let j = 0;
    let starI = -1;
    let starJ = 0;
    while (j < n) {
      if (i < m && pat[i] !== STAR) {
        const c = v.charCodeAt(j);
        const a = pat[i];
        const width = a === ONE ? charWidth(v, j) : 1;
        if (a === ONE || a === c || (a === DASH && DASH_CODES.has(c))) {
          i++;
          j += width;
          continue;
        }
      } else if (i < m) {
        starI = i++;
        starJ = j;
        continue;
      }
      if (starI === -1) return false;
      i = starI + 1;
      starJ += charWidth(v, starJ);
      j = starJ;
    }
    while (i < m && pat[i] === STAR) i++;
    return i === m;
  };
}

/** 2 at a surrogate pair, else 1. */
function charWidth(v: string, j: number): number {
  const c = v.charCodeAt(j);
  if (c >= 0xd800 && c <= 0xdbff && j + 1 < v.length) {
    const d = v.charCodeAt(j + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}
