import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { longestOrderedChain, measureWindow, percentileOf } from "./window-measure.js";

describe("percentileOf (linear interpolation between closest ranks)", () => {
  const cases: readonly [readonly number[], number, number | undefined][] = [
    [[], 50, undefined],
    [[7], 0, 7],
    [[7], 100, 7],
    [[30, 10, 20], 50, 20],
    [[10, 20, 30, 40], 50, 25],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0, 1],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 100, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9.1],
    [[15, 20, 35, 40, 50], 40, 29],
    [[-5, 5], 25, -2.5],
  ];
  for (const [values, p, expected] of cases) {
    test(`p${p} of [${values.join(", ")}] = ${expected}`, () => {
      const got = percentileOf(values, p);
      if (expected === undefined) assert.equal(got, undefined);
      else assert.ok(got !== undefined && Math.abs(got - expected) < 1e-9, `got ${got}`);
    });
  }
});

describe("longestOrderedChain", () => {
  const e = (...rules: number[]) => rules.map((ruleIndex) => ({ ruleIndex, value: undefined }));
  const cases: readonly [string, number[], number, number][] = [
    ["in order", [0, 1, 2], 3, 3],
    ["reversed", [2, 1, 0], 3, 1],
    ["a gap: A then C", [0, 2], 3, 2],
    ["repeats do not count twice", [0, 0, 0], 3, 1],
    ["late start: B A B C", [1, 0, 1, 2], 3, 3],
    ["C before B", [0, 2, 1], 3, 2],
    ["empty", [], 2, 0],
  ];
  for (const [name, rules, count, expected] of cases) {
    test(name, () => assert.equal(longestOrderedChain(e(...rules), count), expected));
  }
});

describe("measureWindow", () => {
  const entries = [
    { ruleIndex: 0, value: 4 },
    { ruleIndex: 1, value: 4 },
    { ruleIndex: 1, value: 10 },
  ];
  const cases: readonly [Parameters<typeof measureWindow>[0], number][] = [
    ["event_count", 3],
    ["value_count", 2],
    ["temporal", 2],
    ["temporal_ordered", 2],
    ["value_sum", 18],
    ["value_avg", 6],
    ["value_percentile", 4],
  ];
  for (const [type, expected] of cases) {
    test(type, () => assert.equal(measureWindow(type, entries, 2, 50), expected));
  }
  test("numeric measures of an empty window are undefined", () => {
    assert.equal(measureWindow("value_avg", [], 1, undefined), undefined);
    assert.equal(measureWindow("value_sum", [], 1, undefined), undefined);
  });
});
