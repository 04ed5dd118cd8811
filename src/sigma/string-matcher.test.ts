/**
 * String tests compiled from Sigma patterns: every fast path and the general glob agree with a
 * reference (the pattern turned into an anchored RegExp) on generated patterns and values.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { normalizePattern, type PatternPart, WINDASH_CHARS } from "./sigma-string.js";
import { compileStringTest } from "./string-matcher.js";

function reference(parts: readonly PatternPart[]): RegExp {
  const body = parts
    .map((p) => {
      switch (p.t) {
        case "lit":
          return p.s.replace(/[\\^$.*+?()[\]{}|/-]/g, (c) => `\\${c}`);
        case "star":
          return "[^]*";
        case "one":
          return "[^]";
        case "dash":
          return `[${WINDASH_CHARS.map((c) => `\\${c}`).join("")}]`;
        default:
          return "";
      }
    })
    .join("");
  return new RegExp(`^${body}$`);
}

describe("compileStringTest", () => {
  test("fast paths", () => {
    const t = (parts: PatternPart[], v: string) => compileStringTest({ parts, binary: false }, true).test(v);
    assert.equal(t([{ t: "lit", s: "ab" }], "ab"), true);
    assert.equal(t([{ t: "lit", s: "ab" }, { t: "star" }], "abc"), true);
    assert.equal(t([{ t: "star" }, { t: "lit", s: "bc" }], "abc"), true);
    assert.equal(t([{ t: "star" }, { t: "lit", s: "b" }, { t: "star" }], "abc"), true);
    assert.equal(t([{ t: "lit", s: "ab" }, { t: "star" }, { t: "lit", s: "ba" }], "aba"), false);
    assert.equal(t([{ t: "lit", s: "ab" }, { t: "star" }, { t: "lit", s: "ba" }], "abba"), true);
    assert.equal(t([], ""), true);
    assert.equal(t([], "x"), false);
    assert.equal(t([{ t: "star" }], ""), true);
    assert.equal(t([{ t: "one" }], "😀"), true, "? is one character, surrogate pairs included");
    assert.equal(t([{ t: "one" }], "ab"), false);
  });

  test("case-insensitive tests expect the lower-cased value", () => {
    const ci = compileStringTest({ parts: [{ t: "star" }, { t: "lit", s: "WhoAmI" }], binary: false }, false);
    assert.equal(ci.cased, false);
    assert.equal(ci.test("c:\\windows\\whoami"), true);
  });

  test("agrees with a RegExp reference on generated patterns", () => {
    let seed = 5;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ["a", "b", "-", "/", "\u2013"];
    for (let i = 0; i < 2000; i++) {
      const parts: PatternPart[] = [];
      const n = rnd(6);
      for (let k = 0; k < n; k++) {
        const r = rnd(10);
        if (r < 5) parts.push({ t: "lit", s: alphabet[rnd(2)].repeat(1 + rnd(2)) });
        else if (r < 7) parts.push({ t: "star" });
        else if (r < 9) parts.push({ t: "one" });
        else parts.push({ t: "dash" });
      }
      const pattern = normalizePattern({ parts, binary: false });
      const test = compileStringTest(pattern, true);
      const ref = reference(pattern.parts);
      for (let j = 0; j < 8; j++) {
        const v = Array.from({ length: rnd(7) }, () => alphabet[rnd(alphabet.length)]).join("");
        assert.equal(test.test(v), ref.test(v), `${JSON.stringify(pattern.parts)} on ${JSON.stringify(v)}`);
      }
    }
  });
});
