import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LazyDfa, MAX_DFA_STATES } from "./lazy-dfa.js";
import { parseRegex } from "./regex-parser.js";
import { compileProgram } from "./regex-program.js";

function dfa(source: string): LazyDfa {
  return new LazyDfa(compileProgram(parseRegex(source, { i: false, m: false, s: false })));
}

/** Deterministic a/b strings covering many suffixes. */
function abStrings(count: number, length: number): string[] {
  const out: string[] = [];
  let x = 12345;
  for (let i = 0; i < count; i++) {
    let s = "";
    for (let j = 0; j < length; j++) {
      x = (x * 1103515245 + 12345) >>> 0;
      s += x & 0x10000 ? "a" : "b";
    }
    out.push(s);
  }
  return out;
}

describe("LazyDfa state cache", () => {
  it("keeps a pattern that needs ~2,000 states fully cached (no rebuild on every input)", () => {
    // "an a 10 characters before a b at the end" needs 2^11 states: more than the old cap of 1,000
    const d = dfa("a[ab]{10}b");
    const inputs = abStrings(400, 200);
    for (const s of inputs) d.test(s);
    const warm = d.stateCount;
    assert.ok(warm > 1000 && warm <= MAX_DFA_STATES, `${warm} states`);
    for (const s of inputs) d.test(s);
    assert.equal(d.stateCount, warm, "the second pass built no new state");
  });

  it("a pattern that explodes stays within the per-regex cap and still answers right", () => {
    const d = dfa("a[ab]{14}b"); // 2^15 potential states
    for (const s of abStrings(300, 400)) d.test(s);
    assert.ok(d.stateCount <= MAX_DFA_STATES);
    assert.equal(d.test(`a${"b".repeat(13)}ab`), true);
    assert.equal(d.test("b".repeat(40)), false);
  });
});
