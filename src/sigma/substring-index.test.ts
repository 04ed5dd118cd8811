/** Aho–Corasick: every occurrence of overlapping literals is found, in one pass. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { SubstringIndex } from "./substring-index.js";

describe("SubstringIndex", () => {
  test("finds overlapping and nested literals", () => {
    const idx = new SubstringIndex<string>();
    for (const w of ["he", "she", "his", "hers", "e", "😀"]) idx.add(w, w);
    idx.build();
    const found = new Set<string>();
    idx.scan("ushers 😀", (ps) => {
      for (const p of ps) found.add(p);
    });
    assert.deepEqual([...found].sort(), ["e", "he", "hers", "she", "😀"]);
    assert.equal(idx.occursIn("xyz"), false);
    assert.equal(idx.occursIn("xhisx"), true);
  });

  test("agrees with includes() on generated literals and texts", () => {
    let seed = 11;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const word = (max: number): string => Array.from({ length: 1 + rnd(max) }, () => "abc"[rnd(3)]).join("");
    const literals = Array.from({ length: 40 }, () => word(4));
    const idx = new SubstringIndex<number>();
    for (const [i, l] of literals.entries()) idx.add(l, i);
    for (let k = 0; k < 200; k++) {
      const text = word(30);
      const found = new Set<number>();
      idx.scan(text, (ps) => {
        for (const p of ps) found.add(p);
      });
      const want = literals.flatMap((l, i) => (text.includes(l) ? [i] : []));
      assert.deepEqual(
        [...found].sort((a, b) => a - b),
        want,
        text,
      );
      assert.equal(idx.occursIn(text), want.length > 0);
    }
  });
});
