import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import { compileWildcard, MAX_PATTERN_LENGTH } from "./wildcard-pattern.js";

const CASES: readonly (readonly [pattern: string, text: string, expected: boolean])[] = [
  // literal, anchored, case-insensitive
  ["abc", "abc", true],
  ["abc", "ABC", true],
  ["abc", "abcd", false],
  ["abc", "xabc", false],
  ["abc", "", false],
  // ?
  ["a?c", "abc", true],
  ["a?c", "ac", false],
  ["a?c", "abbc", false],
  ["???", "abc", true],
  ["a?", "a😀", true], // one character, also outside the BMP
  // *
  ["*", "", true],
  ["*", "anything", true],
  ["**", "", true],
  ["a*", "a", true],
  ["a*", "abc", true],
  ["a*", "ba", false],
  ["*c", "abc", true],
  ["*c", "abcd", false],
  ["a*c", "ac", true],
  ["a*c", "abbbc", true],
  ["a*c", "abbbcd", false],
  ["*b*", "abc", true],
  ["*b*", "ac", false],
  ["a*b*c", "abc", true],
  ["a*b*c", "acb", false],
  ["a*b*c", "aXbYbZc", true],
  ["*ab*ab*", "abab", true],
  ["*ab*ab*", "aab", false],
  ["*aba*", "ababa", true],
  // the tail must start after the middle segments end
  ["*ab*b", "ab", false],
  ["*ab*b", "abb", true],
  ["a*a", "a", false],
  ["a*a", "aa", true],
  // ? inside stars
  ["*a?c*", "xxabcxx", true],
  ["*a?c*", "xxacxx", false],
  ["*a??d*", "aaaad", true],
  // regex metacharacters are plain characters
  ["c:\\windows\\*.exe", "C:\\Windows\\System32\\cmd.exe", true],
  ["(a+)+$", "(a+)+$", true],
  ["[ab]", "a", false],
  ["a.c", "abc", false],
  // real command lines
  [
    '"c:\\program files\\microsoft office\\*\\outlook.exe" *',
    '"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE" /recycle',
    true,
  ],
  ["powershell.exe -enc *", "powershell.exe -nop -enc AAAA", false],
  // segments longer than 32 characters (several Shift-And words)
  [`*${"x".repeat(40)}y*`, `${"x".repeat(100)}y`, true],
  [`*${"x".repeat(40)}y*`, `${"x".repeat(39)}y${"x".repeat(39)}`, false],
  [`*${"?".repeat(70)}z`, `${"q".repeat(70)}z`, true],
  [`*${"?".repeat(70)}z`, `${"q".repeat(69)}z`, false],
];

describe("compileWildcard", () => {
  for (const [pattern, text, expected] of CASES) {
    it(`${JSON.stringify(pattern)} ${expected ? "matches" : "does not match"} ${JSON.stringify(text)}`, () => {
      assert.equal(compileWildcard(pattern).matches(text), expected);
    });
  }

  it("returns on pathological patterns over long text (no backtracking)", () => {
    const text = "a".repeat(200_000);
    assert.equal(compileWildcard("*a*a*a*a*a*a*a*b").matches(text), false);
    assert.equal(compileWildcard("*a*a*a*a*a*a*a*b*").matches(text), false);
    assert.equal(compileWildcard(`*${"a".repeat(60)}b*`).matches(text), false);
    assert.equal(compileWildcard(`*${"a?".repeat(30)}b*`).matches(text), false);
    assert.equal(compileWildcard("*a*a*a*a*a*a*a*a").matches(text), true);
  });

  it("agrees with a reference regex on random small patterns and texts", () => {
    // a fixed-seed generator: the same cases every run
    let seed = 12345;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 16) % n;
    };
    const pick = (alphabet: string, max: number) =>
      Array.from({ length: next(max + 1) }, () => alphabet[next(alphabet.length)]).join("");
    for (let i = 0; i < 3000; i++) {
      const pattern = pick("ab*?", 7) || "*";
      const text = pick("abAB", 9);
      const reference = new RegExp(`^${pattern.replaceAll("*", ".*").replaceAll("?", ".")}$`, "is");
      assert.equal(compileWildcard(pattern).matches(text), reference.test(text), `${pattern} on ${text}`);
    }
  });

  it("gives the literal prefix and suffix for indexing", () => {
    assert.equal(compileWildcard("C:\\Tools\\*.exe").literalPrefix, "c:\\tools\\");
    assert.equal(compileWildcard("ab?c*").literalPrefix, "ab");
    assert.equal(compileWildcard("*x").literalPrefix, "");
    assert.equal(compileWildcard("Plain").literalPrefix, "plain");
    assert.equal(compileWildcard("*\\Tools\\Run.PS1").literalSuffix, "\\tools\\run.ps1");
    assert.equal(compileWildcard("a*b?").literalSuffix, "");
    assert.equal(compileWildcard("Plain").literalSuffix, "plain");
  });

  it("rejects an empty or over-long pattern with E_DECISION", () => {
    for (const bad of ["", "x".repeat(MAX_PATTERN_LENGTH + 1)]) {
      assert.throws(
        () => compileWildcard(bad),
        (e: unknown) => e instanceof MikiwameError && e.code === "E_DECISION" && /pattern/.test(e.message),
      );
    }
  });
});
