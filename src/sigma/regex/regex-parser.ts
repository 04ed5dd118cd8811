/**
 * Parser for the regular expressions of Sigma rules (`|re`), restricted to what a linear-time
 * automaton can run: literals, `.`, classes, `\d\w\s` (and negations), anchors `^ $ \b \B \A \z`,
 * groups (capturing, non-capturing, named — all just grouping here), alternation, greedy and lazy
 * quantifiers, and inline flags `(?i)`, `(?m)`, `(?s)`, `(?i:…)`. Everything that needs backtracking
 * (backreferences, lookaround, atomic groups, possessive quantifiers) or that we do not implement is
 * rejected with a reason, never approximated.
 * Input: the pattern source and the initial flags. Output: a regex AST, or a thrown RegexSyntaxError.
 */
import {
  type CharSet,
  complementRanges,
  DIGIT_RANGES,
  SPACE_RANGES,
  singleChar,
  unionRanges,
  WORD_RANGES,
} from "./char-set.js";

/** Zero-width assertions. */
export const REGEX_ASSERTIONS = [
  "text-start",
  "text-end",
  "line-start",
  "line-end",
  "word-boundary",
  "not-word-boundary",
] as const;
export type RegexAssertion = (typeof REGEX_ASSERTIONS)[number];

/** The regex AST: a discriminated union on `t`. */
export type RegexNode =
  | { readonly t: "empty" }
  | { readonly t: "char"; readonly set: CharSet }
  | { readonly t: "cat"; readonly items: readonly RegexNode[] }
  | { readonly t: "alt"; readonly items: readonly RegexNode[] }
  | { readonly t: "rep"; readonly item: RegexNode; readonly min: number; readonly max: number }
  | { readonly t: "assert"; readonly what: RegexAssertion };

export interface RegexFlags {
  /** case-insensitive */
  readonly i: boolean;
  /** multi-line: `^`/`$` also match at line breaks */
  readonly m: boolean;
  /** dot-all: `.` also matches `\n` */
  readonly s: boolean;
}

/** A pattern we cannot (or must not) run; `position` is the 0-based offset in the pattern. */
export class RegexSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} (at offset ${position})`);
    this.name = "RegexSyntaxError";
  }
}

/** Largest `{n,m}` bound accepted (bigger ones are rejected, not truncated). */
export const MAX_REPEAT = 1000;

/** `\d \D \w \W \s \S`: escapes that stand for a set, not one character. */
const CLASS_ESCAPES: ReadonlySet<string> = new Set(["d", "D", "w", "W", "s", "S"]);

const ANY_BUT_NEWLINE: CharSet = { ranges: [0x0a, 0x0a], negated: true, ci: false };
const ANY: CharSet = { ranges: [0, 0xffff], negated: false, ci: false };

/** Parses `source` into an AST. Throws RegexSyntaxError. */
export function parseRegex(source: string, flags: RegexFlags): RegexNode {
  const p = new Parser(source);
  const node = p.parseAlternation(flags, 0);
  if (p.pos < source.length) throw new RegexSyntaxError("unbalanced ')'", p.pos);
  return node;
}

class Parser {
  pos = 0;

  constructor(private readonly src: string) {}

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? "";
  }

  private fail(message: string, at = this.pos): never {
    throw new RegexSyntaxError(message, at);
  }

  parseAlternation(flags: RegexFlags, depth: number): RegexNode {
    if (depth > 100) this.fail("groups nested deeper than 100 levels");
    const alternatives: RegexNode[] = [];
    // Inline flags `(?i)` change the flags for the rest of the enclosing group, across alternatives.
    const state = { flags };
    for (;;) {
      alternatives.push(this.parseSequence(state, depth));
      if (this.peek() !== "|") break;
      this.pos++;
    }
    return alternatives.length === 1 ? alternatives[0] : { t: "alt", items: alternatives };
  }

  private parseSequence(state: { flags: RegexFlags }, depth: number): RegexNode {
    const items: RegexNode[] = [];
    while (this.pos < this.src.length) {
      const c = this.peek();
      if (c === "|" || c === ")") break;
      const start = this.pos;
      const atom = this.parseAtom(state, depth);
      if (atom === undefined) continue; // an inline flag group
      items.push(this.parseQuantifier(atom, start));
    }
    if (items.length === 0) return { t: "empty" };
    return items.length === 1 ? items[0] : { t: "cat", items };
  }

  private parseQuantifier(atom: RegexNode, atomStart: number): RegexNode {
    let node = atom;
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      const qStart = this.pos;
      if (c === "*") {
        min = 0;
        max = Infinity;
        this.pos++;
      } else if (c === "+") {
        min = 1;
        max = Infinity;
        this.pos++;
      } else if (c === "?") {
        min = 0;
        max = 1;
        this.pos++;
      } else if (c === "{") {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
        if (!m) return node; // a literal `{`, as in PCRE and JavaScript
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
        if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) {
          this.fail(`repetition count above ${MAX_REPEAT}`, qStart);
        }
        if (max < min) this.fail("repetition {n,m} with m < n", qStart);
        this.pos += m[0].length;
      } else {
        return node;
      }
      if (node.t === "assert") this.fail("quantifier on an anchor", qStart);
      if (node.t === "empty" && atomStart === qStart) this.fail("quantifier without a target", qStart);
      if (this.peek() === "+") this.fail("possessive quantifiers are not supported", this.pos);
      if (this.peek() === "?") this.pos++; // lazy: same language, and we only answer "is there a match"
      if (node.t === "rep" && this.src[qStart - 1] !== ")") {
        this.fail("nothing to repeat (quantifier after a quantifier)", qStart);
      }
      node = { t: "rep", item: node, min, max };
    }
  }

  /** One atom; undefined for an inline flag group `(?i)` (which changes `state.flags`). */
  private parseAtom(state: { flags: RegexFlags }, depth: number): RegexNode | undefined {
    const flags = state.flags;
    const c = this.peek();
    switch (c) {
      case "(":
        return this.parseGroup(state, depth);
      case "[":
        return { t: "char", set: this.parseClass(flags) };
      case ".":
        this.pos++;
        return { t: "char", set: flags.s ? ANY : ANY_BUT_NEWLINE };
      case "^":
        this.pos++;
        return { t: "assert", what: flags.m ? "line-start" : "text-start" };
      case "$":
        this.pos++;
        return { t: "assert", what: flags.m ? "line-end" : "text-end" };
      case "\\":
        return this.parseEscape(flags);
      case "*":
      case "+":
      case "?":
        return this.fail("nothing to repeat");
      default:
        this.pos++;
        return { t: "char", set: singleChar(c.charCodeAt(0), flags.i) };
    }
  }

  private parseGroup(state: { flags: RegexFlags }, depth: number): RegexNode | undefined {
    const open = this.pos;
    this.pos++;
    let inner = state.flags;
    if (this.peek() === "?") {
      const rest = this.src.slice(this.pos + 1);
      if (rest.startsWith(":")) {
        this.pos += 2;
      } else if (/^P?<[A-Za-z_][A-Za-z0-9_]*>/.test(rest)) {
        this.pos = this.src.indexOf(">", this.pos) + 1; // named group: grouping only
      } else if (/^(=|!|<=|<!)/.test(rest)) {
        this.fail("lookahead/lookbehind assertions are not supported (they need backtracking)", open);
      } else if (rest.startsWith(">")) {
        this.fail("atomic groups are not supported", open);
      } else if (/^P[=>]/.test(rest)) {
        this.fail("named backreferences are not supported", open);
      } else {
        const m = /^([ims]*)(?:-([ims]*))?([:)])/.exec(rest);
        if (!m || (m[1] === "" && (m[2] ?? "") === ""))
          this.fail(`unsupported group syntax '(?${rest.slice(0, 3)}'`, open);
        const next = applyFlags(state.flags, m[1], m[2] ?? "");
        this.pos += 1 + m[0].length;
        if (m[3] === ")") {
          state.flags = next; // (?i) — applies to the rest of the enclosing group
          return undefined;
        }
        inner = next;
      }
    }
    const node = this.parseAlternation(inner, depth + 1);
    if (this.peek() !== ")") this.fail("missing ')'", open);
    this.pos++;
    return node;
  }

  private parseEscape(flags: RegexFlags): RegexNode {
    const at = this.pos;
    const e = this.peek(1);
    if (e === "") this.fail("pattern ends with a lone backslash", at);
    this.pos += 2;
    switch (e) {
      case "b":
        return { t: "assert", what: "word-boundary" };
      case "B":
        return { t: "assert", what: "not-word-boundary" };
      case "A":
        return { t: "assert", what: "text-start" };
      case "z":
      case "Z":
        return { t: "assert", what: "text-end" };
      default: {
        const set = this.escapeSet(e, flags, at, false);
        return { t: "char", set };
      }
    }
  }

  /** A class escape or a literal escape, after the backslash (pos is past `\e`). */
  private escapeSet(e: string, flags: RegexFlags, at: number, inClass: boolean): CharSet {
    switch (e) {
      case "d":
        return { ranges: DIGIT_RANGES, negated: false, ci: false };
      case "D":
        return { ranges: DIGIT_RANGES, negated: true, ci: false };
      case "w":
        return { ranges: WORD_RANGES, negated: false, ci: false };
      case "W":
        return { ranges: WORD_RANGES, negated: true, ci: false };
      case "s":
        return { ranges: SPACE_RANGES, negated: false, ci: false };
      case "S":
        return { ranges: SPACE_RANGES, negated: true, ci: false };
      default:
        return singleChar(this.escapeChar(e, at, inClass), flags.i);
    }
  }

  /** The code unit of a literal escape `\n`, `\x41`, `\u0041`, `\.` … (pos is past `\e`). */
  private escapeChar(e: string, at: number, inClass: boolean): number {
    switch (e) {
      case "n":
        return 0x0a;
      case "r":
        return 0x0d;
      case "t":
        return 0x09;
      case "f":
        return 0x0c;
      case "v":
        return 0x0b;
      case "a":
        return 0x07;
      case "e":
        return 0x1b;
      case "0":
        if (/[0-9]/.test(this.peek())) this.fail("octal escapes are not supported", at);
        return 0;
      case "x": {
        const braced = /^\{([0-9A-Fa-f]{1,4})\}/.exec(this.src.slice(this.pos));
        if (braced) {
          this.pos += braced[0].length;
          return Number.parseInt(braced[1], 16);
        }
        const m = /^[0-9A-Fa-f]{2}/.exec(this.src.slice(this.pos));
        if (!m) this.fail("\\x needs two hex digits", at);
        this.pos += 2;
        return Number.parseInt(m[0], 16);
      }
      case "u": {
        const m = /^[0-9A-Fa-f]{4}/.exec(this.src.slice(this.pos));
        if (!m) this.fail("\\u needs four hex digits", at);
        this.pos += 4;
        return Number.parseInt(m[0], 16);
      }
      case "b":
        if (inClass) return 0x08;
        break;
      default:
        break;
    }
    if (/[1-9]/.test(e)) this.fail(`backreference \\${e} is not supported (it needs backtracking)`, at);
    if (e === "k") this.fail("named backreferences are not supported", at);
    if (/[A-Za-z]/.test(e)) this.fail(`unsupported escape \\${e}`, at);
    return e.charCodeAt(0); // escaped punctuation or any other non-letter: itself
  }

  private parseClass(flags: RegexFlags): CharSet {
    const open = this.pos;
    this.pos++;
    let negated = false;
    if (this.peek() === "^") {
      negated = true;
      this.pos++;
    }
    const positive: number[][] = [];
    const negatives: number[][] = []; // \D \W \S inside a class: added as complements
    let first = true;
    for (;;) {
      if (this.pos >= this.src.length) this.fail("missing ']'", open);
      let c = this.peek();
      if (c === "]" && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === "[" && this.peek(1) === ":") this.fail("POSIX classes [:name:] are not supported", this.pos);
      let lo: number;
      if (c === "\\") {
        const at = this.pos;
        const e = this.peek(1);
        if (e === "") this.fail("pattern ends with a lone backslash", at);
        this.pos += 2;
        const set = this.escapeSet(e, { ...flags, i: false }, at, true);
        if (CLASS_ESCAPES.has(e)) {
          (set.negated ? negatives : positive).push([...set.ranges]);
          continue;
        }
        lo = set.ranges[0];
      } else {
        lo = c.charCodeAt(0);
        this.pos++;
      }
      c = this.peek();
      if (c === "-" && this.peek(1) !== "]" && this.peek(1) !== "") {
        const dashAt = this.pos;
        this.pos++;
        let hi: number;
        if (this.peek() === "\\") {
          const at = this.pos;
          const e = this.peek(1);
          this.pos += 2;
          const set = this.escapeSet(e, { ...flags, i: false }, at, true);
          if (CLASS_ESCAPES.has(e)) this.fail("a class escape cannot end a range", dashAt);
          hi = set.ranges[0];
        } else {
          hi = this.peek().charCodeAt(0);
          this.pos++;
        }
        if (hi < lo) this.fail("range out of order in character class", dashAt);
        positive.push([lo, hi]);
      } else {
        positive.push([lo, lo]);
      }
    }
    const ranges = unionRanges(...positive, ...negatives.map(complementRanges));
    return { ranges, negated, ci: flags.i };
  }
}

function applyFlags(flags: RegexFlags, on: string, off: string): RegexFlags {
  const next = { ...flags };
  for (const f of on) next[f as keyof RegexFlags] = true;
  for (const f of off) next[f as keyof RegexFlags] = false;
  return next;
}
