/**
 * Fuzz harness of the linear-time regex engine (test support; run by safe-regex.fuzz.test.ts and
 * scripts/fuzz.ts): `sigma-regex` generates patterns from the syntax the engine accepts (literals,
 * classes, escapes, anchors, groups, inline flags, alternation, greedy / lazy / counted quantifiers,
 * nested repetition) plus raw garbage. Properties: `compileSafeRegex` never throws (it compiles or
 * gives a reason); a compiled pattern answers like JavaScript's RegExp on short ASCII texts wherever
 * JavaScript accepts the same pattern (a differential check; texts avoid `\r`, which the two treat
 * differently by design); matching a 20,000-character hostile text stays within the time budget and
 * the DFA within its state cap.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { type ErasedHarness, eraseHarness, type FuzzHarness } from "../../testing/fuzz/fuzz-harness.js";
import { LazyDfa, MAX_DFA_STATES } from "./lazy-dfa.js";
import { parseRegex, type RegexFlags } from "./regex-parser.js";
import { compileProgram } from "./regex-program.js";
import { compileSafeRegex } from "./safe-regex.js";

const ATOMS = [
  "a",
  "b",
  "ab",
  "_",
  "-",
  "1",
  "A",
  " ",
  ".",
  "\\.",
  "\\\\",
  "\\n",
  "\\t",
  "\\d",
  "\\D",
  "\\w",
  "\\W",
  "\\s",
  "\\S",
  "[ab]",
  "[^a]",
  "[a-c]",
  "[\\d_]",
  "[^\\n]",
  "[-a]",
  "[]a]",
  "[a-]",
  "{",
  "}",
  "\\x41",
  "\\u0061",
];
/** Zero-width atoms: never quantified (the engine rejects that, with a reason). */
const ANCHORS = ["^", "$", "\\b", "\\B"];
const QUANTIFIERS = [
  "",
  "",
  "",
  "*",
  "+",
  "?",
  "{2}",
  "{1,3}",
  "{0,}",
  "{,2}",
  "*?",
  "+?",
  "??",
  "{2,}?",
  "{0}",
];

const patternTree = fc.letrec<{ re: string; seq: string }>((tie) => ({
  re: fc.oneof(
    { depthSize: "small", maxDepth: 4, withCrossShrink: true },
    {
      weight: 6,
      arbitrary: fc.tuple(fc.constantFrom(...ATOMS), fc.constantFrom(...QUANTIFIERS)).map(([a, q]) => a + q),
    },
    { weight: 1, arbitrary: fc.constantFrom(...ANCHORS) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom("(?:", "(?:", "(", "(?i:", "(?<n>"),
          tie("seq"),
          fc.constantFrom(...QUANTIFIERS),
        )
        .map(([open, body, q]) => `${open}${body})${q}`),
    },
    { weight: 1, arbitrary: fc.tuple(tie("seq"), tie("seq")).map(([x, y]) => `${x}|${y}`) },
    { weight: 1, arbitrary: fc.constantFrom("(?i)", "(?m)", "(?s)") },
  ),
  seq: fc.array(tie("re"), { maxLength: 4 }).map((parts) => parts.join("")),
}));
const patternArb: fc.Arbitrary<string> = patternTree.seq;

interface RegexCase {
  readonly pattern: string;
  readonly flags: RegexFlags;
  readonly texts: string[];
}

const textArb = fc.string({
  unit: fc.constantFrom("a", "b", "A", "_", "-", "1", " ", ".", "\n", "\t", "{"),
  maxLength: 16,
});

/** JavaScript's reading of the pattern, or undefined when it has no equivalent there. */
function jsRegex(pattern: string, flags: RegexFlags): RegExp | undefined {
  // Inline flags do not exist in JavaScript; `[]a]` is a class holding `]` in PCRE (what Sigma follows)
  // but an empty class in JavaScript: skip those patterns.
  if (/\(\?[ims]/.test(pattern) || /\[\^?\]/.test(pattern)) return undefined;
  try {
    return new RegExp(pattern, `${flags.i ? "i" : ""}${flags.m ? "m" : ""}${flags.s ? "s" : ""}`);
  } catch {
    return undefined;
  }
}

const HOSTILE_TEXT = `${"a".repeat(10_000)}!${"ab".repeat(5_000)}`;

export const sigmaRegexHarness: FuzzHarness<RegexCase> = {
  name: "sigma-regex",
  description:
    "generated regexes: compile or a reason; same answers as JavaScript's RegExp; linear time, bounded states",
  arbitrary: fc.record({
    pattern: fc.oneof(
      { weight: 5, arbitrary: patternArb },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    ),
    flags: fc.record({ i: fc.boolean(), m: fc.boolean(), s: fc.boolean() }),
    texts: fc.array(textArb, { minLength: 1, maxLength: 8 }),
  }),
  check(c) {
    const compiled = compileSafeRegex(c.pattern, c.flags);
    if (!compiled.ok) {
      assert.ok(compiled.reason.length > 0, "rejected without a reason");
      return;
    }
    const js = jsRegex(c.pattern, c.flags);
    if (js) {
      for (const t of c.texts)
        assert.equal(
          compiled.regex.test(t),
          js.test(t),
          `/${c.pattern}/${js.flags} on ${JSON.stringify(t)}: ours ${compiled.regex.test(t)}, JavaScript ${js.test(t)}`,
        );
    }
    const dfa = new LazyDfa(compileProgram(parseRegex(c.pattern, c.flags)));
    dfa.test(HOSTILE_TEXT);
    for (const t of c.texts) dfa.test(t.repeat(200));
    assert.ok(dfa.stateCount <= MAX_DFA_STATES, `${dfa.stateCount} DFA states`);
  },
  serialize: (c) => ({
    ext: "txt",
    bytes: Buffer.from(c.pattern, "utf8"),
    note: `/${c.pattern}/ flags ${JSON.stringify(c.flags)} texts ${JSON.stringify(c.texts)}`,
  }),
  suiteRuns: 400,
  caseBudgetMs: 2000,
};

/** Every regex harness, for scripts/fuzz.ts. */
export const REGEX_HARNESSES: readonly ErasedHarness[] = [eraseHarness(sigmaRegexHarness)];
