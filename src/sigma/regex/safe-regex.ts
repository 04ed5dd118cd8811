/**
 * Regular expressions from untrusted rules (and users), run in linear time: the pattern is parsed
 * by our own parser (which rejects backtracking-only features with a reason) and matched with a
 * lazy DFA, never with the backtracking RegExp engine. See docs/sigma-conformance.md for the syntax.
 * Input: a pattern and flags. Output: a SafeRegex (`test`) or a rejection reason.
 */
import { LazyDfa } from "./lazy-dfa.js";
import { parseRegex, type RegexFlags, RegexSyntaxError } from "./regex-parser.js";
import { compileProgram } from "./regex-program.js";
import { requiredLiterals } from "./required-literals.js";

export type { RegexFlags } from "./regex-parser.js";

/** A compiled pattern: `test` answers whether it matches anywhere in the string (like `RegExp.test`). */
export interface SafeRegex {
  readonly source: string;
  readonly flags: RegexFlags;
  /** Lower-cased literals one of which every match contains (undefined: none known); a prefilter only */
  readonly literals: readonly string[] | undefined;
  test(s: string): boolean;
}

export type SafeRegexResult =
  | { readonly ok: true; readonly regex: SafeRegex }
  | { readonly ok: false; readonly reason: string };

/** Longest pattern accepted. */
export const MAX_PATTERN_LENGTH = 10_000;

const NO_FLAGS: RegexFlags = { i: false, m: false, s: false };

/** Compiles `source` for linear-time matching, or says why it cannot. Never throws. */
export function compileSafeRegex(source: string, flags: Partial<RegexFlags> = {}): SafeRegexResult {
  const f: RegexFlags = { ...NO_FLAGS, ...flags };
  if (source.length > MAX_PATTERN_LENGTH) {
    return { ok: false, reason: `regex longer than ${MAX_PATTERN_LENGTH} characters` };
  }
  try {
    const ast = parseRegex(source, f);
    const dfa = new LazyDfa(compileProgram(ast));
    const found = requiredLiterals(ast) ?? [];
    const literals = found.length > 0 && found.every((l) => l.length >= 3) ? found : undefined;
    return { ok: true, regex: { source, flags: f, literals, test: (s: string) => dfa.test(s) } };
  } catch (e) {
    if (e instanceof RegexSyntaxError) return { ok: false, reason: e.message };
    if (e instanceof RangeError) return { ok: false, reason: `regex too deeply nested (${e.message})` };
    throw e;
  }
}
