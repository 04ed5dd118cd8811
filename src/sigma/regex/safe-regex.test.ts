/**
 * The linear-time regex engine: same answers as JavaScript's RegExp on the supported syntax
 * (table + generated patterns), rejection of backtracking-only features with a reason, bounded
 * time on catastrophic patterns, and correctness when the DFA cache overflows.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MAX_DFA_STATES } from "./lazy-dfa.js";
import { compileSafeRegex, type RegexFlags } from "./safe-regex.js";

function compile(source: string, flags: Partial<RegexFlags> = {}) {
  const r = compileSafeRegex(source, flags);
  if (!r.ok) assert.fail(`rejected ${source}: ${r.reason}`);
  return r.regex;
}

function native(source: string, flags: Partial<RegexFlags>): RegExp {
  return new RegExp(source, `${flags.i ? "i" : ""}${flags.m ? "m" : ""}${flags.s ? "s" : ""}`);
}

/** Patterns whose meaning is the same in JavaScript and in our engine, with inputs. */
const SAME_AS_JS: readonly [string, readonly string[], Partial<RegexFlags>?][] = [
  ["abc", ["xxabcxx", "ab", ""]],
  ["^abc", ["abcx", "xabc"]],
  ["abc$", ["xabc", "abcx"]],
  ["^$", ["", "a"]],
  ["a.c", ["abc", "a\nc", "ac"]],
  ["\\bfoo\\b", ["a foo b", "afoob", "foo", "foo_"]],
  ["\\Bfoo", ["afoo", " foo"]],
  ["[a-c]+x", ["zzbbbx", "zzdx"]],
  ["[^a-c]x", ["ax", "dx"]],
  ["[\\w-]+@", ["a-b@", "@"]],
  ["[\\d\\s]+z", ["1 2z", "az"]],
  ["[^\\d]", ["123", "12a"]],
  ["\\D\\W\\S", ["a!b", "1!b"]],
  ["(a|b)*c", ["ababc", "abab"]],
  ["colou?r", ["color", "colour", "colr"]],
  ["a{2,3}b", ["ab", "aab", "aaaab"]],
  ["a{2}b", ["aab", "ab"]],
  ["a{2,}b", ["aaaaab", "ab"]],
  ["x{0}y", ["y", "x"]],
  ["(?:ab)+c", ["ababc", "ac"]],
  ["(?<name>ab)c", ["abc"]],
  ["a+?b", ["aaab"]],
  ["\\x41\\u0042\\t", ["AB\t", "AB "]],
  ["\\.\\*\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\\\\\/", [".*?()[]{}|^$\\/", "x"]],
  ["a{,2}", ["a{,2}", "aa"]],
  ["x{", ["x{", "x"]],
  ["HELLO", ["say hello", "HELLO"], { i: true }],
  ["[a-z]+\\d", ["ABC1", "1"], { i: true }],
  ["É", ["é", "e"], { i: true }],
  ["[^a]", ["A", "b"], { i: true }],
  ["^b$", ["a\nb\nc", "bb"], { m: true }],
  ["a.b", ["a\nb"], { s: true }],
  ["(a*)*b", ["aaab", "aaa"]],
  ["(a|ab)(c|bcd)(d*)", ["abcd"]],
  ["", ["", "x"]],
  ["a|", ["zzz"]],
  ["é+", ["caféé", "cafe"]],
  [
    "https?://(?:(?:25[0-5]|(?:2[0-4]|1\\d|[1-9])?\\d)(?:\\.|\\b)){4}",
    ["curl http://10.1.2.3/x", "http://a.b"],
  ],
  [
    "\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+",
    ["a+b+c+d+e+f+g+h+i+j+k+l+m+n+o", "+".repeat(13)],
  ],
  [
    "(?:[Pp]rogram[Dd]ata|%(?:[Ll]ocal)?[Aa]pp[Dd]ata%)\\\\[^\\\\]{1,256}$",
    ["C:\\ProgramData\\x.exe", "C:\\ProgramData\\x\\y.exe"],
  ],
];

describe("safe regex: same answers as RegExp", () => {
  for (const [source, inputs, flags = {}] of SAME_AS_JS) {
    test(`/${source}/${Object.keys(flags).join("")}`, () => {
      const ours = compile(source, flags);
      const theirs = native(source, flags);
      for (const s of inputs) assert.equal(ours.test(s), theirs.test(s), JSON.stringify(s));
    });
  }

  test("inline flags (?i) (?s) (?m) and scoped (?i:…)", () => {
    assert.equal(compile("(?i)hello").test("HELLO"), true);
    assert.equal(compile("a(?i)b").test("aB"), true);
    assert.equal(compile("a(?i)b").test("AB"), false);
    assert.equal(compile("(?i:a)b").test("Ab"), true);
    assert.equal(compile("(?i:a)b").test("AB"), false);
    assert.equal(compile("(?s)a.b").test("a\nb"), true);
    assert.equal(compile("(?m)^b").test("a\nb"), true);
    assert.equal(compile("(?i)x(?-i)y").test("XY"), false);
    assert.equal(compile("\\Aab\\z").test("ab"), true);
  });

  test("PCRE-style class: ] first is a literal", () => {
    assert.equal(compile("[]a]").test("]"), true);
    assert.equal(compile("[^]a]").test("]"), false);
  });

  test("generated patterns over {a, b} agree with RegExp", () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const atom = (depth: number): string => {
      const k = rnd(depth > 2 ? 4 : 7);
      if (k === 0) return "a";
      if (k === 1) return "b";
      if (k === 2) return ".";
      if (k === 3) return "[ab]";
      if (k === 4) return `(${expr(depth + 1)})`;
      if (k === 5) return `(?:${expr(depth + 1)}|${expr(depth + 1)})`;
      return "\\b";
    };
    const quant = (): string => ["", "", "*", "+", "?", "{1,2}", "*?", "{2}"][rnd(8)];
    const expr = (depth: number): string => {
      let s = "";
      const n = 1 + rnd(3);
      for (let i = 0; i < n; i++) {
        const a = atom(depth);
        s += a === "\\b" ? a : a + quant();
      }
      return s;
    };
    for (let i = 0; i < 300; i++) {
      const anchored = rnd(4);
      const source = `${anchored === 0 ? "^" : ""}${expr(0)}${anchored === 1 ? "$" : ""}`;
      const ours = compile(source);
      const theirs = new RegExp(source);
      for (let j = 0; j < 10; j++) {
        const len = rnd(8);
        let s = "";
        for (let k = 0; k < len; k++) s += "ab "[rnd(3)];
        assert.equal(ours.test(s), theirs.test(s), `/${source}/ on ${JSON.stringify(s)}`);
      }
    }
  });

  test("more DFA states than the cache holds: flushed, answers unchanged", () => {
    const source = "(a|b)*a(a|b){12}";
    assert.ok(2 ** 13 > MAX_DFA_STATES);
    const ours = compile(source);
    const theirs = new RegExp(source);
    let seed = 3;
    for (let i = 0; i < 40; i++) {
      let s = "";
      for (let k = 0; k < 400; k++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += seed % 3 === 0 ? "a" : "b";
      }
      assert.equal(ours.test(s), theirs.test(s));
      assert.equal(ours.test(`${s}b`.repeat(2)), theirs.test(`${s}b`.repeat(2)));
    }
  });
});

describe("safe regex: bounded time", () => {
  const EVIL = `${"a".repeat(50 * 1024)}b`;
  for (const source of ["(a+)+$", "(a|aa)+$", "^(a*)*$", "(.*a){12}$", "^(a|a?)+$"]) {
    test(`${source} on 50 KB of a…b`, () => {
      const re = compile(source);
      const started = Date.now();
      assert.equal(re.test(EVIL), false);
      const ms = Date.now() - started;
      assert.ok(ms < 1000, `took ${ms} ms`);
    });
  }
});

describe("safe regex: rejected with a reason", () => {
  const ROWS: readonly [string, RegExp][] = [
    ["(a)\\1", /backreference \\1 is not supported \(it needs backtracking\) \(at offset 3\)/],
    ["(?<n>a)\\k<n>", /named backreferences are not supported/],
    [
      "(?=a)",
      /lookahead\/lookbehind assertions are not supported \(they need backtracking\) \(at offset 0\)/,
    ],
    ["(?!a)", /lookahead/],
    ["(?<=a)b", /lookahead/],
    ["(?<!a)b", /lookahead/],
    ["(?>a)", /atomic groups are not supported/],
    ["a++", /possessive quantifiers are not supported \(at offset 2\)/],
    ["\\p{L}", /unsupported escape \\p/],
    ["[[:alpha:]]", /POSIX classes/],
    ["a{1,5000}", /repetition count above 1000/],
    ["(?:a{1000}){30}", /regex too large/],
    ["(", /missing '\)'/],
    ["a)", /unbalanced '\)'/],
    ["*a", /nothing to repeat/],
    ["a**", /quantifier after a quantifier/],
    ["[z-a]", /range out of order/],
    ["[a-\\d]", /a class escape cannot end a range/],
    ["[a", /missing '\]'/],
    ["a\\", /lone backslash/],
    ["\\x4", /\\x needs two hex digits/],
    ["(?x)a", /unsupported group syntax/],
    ["^*", /quantifier on an anchor/],
    ["x".repeat(10_001), /longer than 10000 characters/],
  ];
  for (const [source, reason] of ROWS) {
    test(source.length > 40 ? `${source.slice(0, 20)}…` : source, () => {
      const r = compileSafeRegex(source);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.reason, reason);
    });
  }
});

describe("safe regex: required literals (index prefilter)", () => {
  const ROWS: readonly [string, readonly string[] | undefined, Partial<RegexFlags>?][] = [
    ["\\\\Windows\\\\[a-z]{8}\\.tmp$", ["\\windows\\"]],
    ["Invoke-(Expression|Command)", ["invoke-"]],
    ["(?:mimikatz|kiwi_|sekurlsa)::", ["mimikatz", "kiwi_", "sekurlsa"]],
    ["[Rr][Uu][Nn][Dd][Ll][Ll]32", ["rundll32"]],
    ["ABC", ["abc"], { i: true }],
    ["a\\bbc\\b", ["abc"]],
    ["(abc)+x", ["abc"]],
    ["(abc)*x", undefined],
    ["ab|cd", undefined],
    ["\\d{3}-\\d{4}", undefined],
    ["é+xyz", ["xyz"]],
  ];
  for (const [source, want, flags = {}] of ROWS) {
    test(source, () => {
      assert.deepEqual(compile(source, flags).literals, want);
    });
  }

  test("every match contains one of the literals (generated texts)", () => {
    for (const source of [
      "Invoke-(Expression|Command)",
      "(?:mimikatz|kiwi_|sekurlsa)::",
      "[Rr][Uu][Nn]dll32\\.exe",
    ]) {
      const re = compile(source);
      for (const text of ["x Invoke-Command y", "KIWI_::", "RUNdll32.exe", "nothing", "Invoke-Expr"]) {
        if (re.test(text))
          assert.ok(
            re.literals?.some((l) => text.toLowerCase().includes(l)),
            `${source} on ${text}`,
          );
      }
    }
  });
});
