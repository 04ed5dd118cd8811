import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { median, medianAbsoluteDeviation, quartiles, robustZ, sortedCopy } from "./robust-stats.js";

describe("robust statistics (montanaflynn/stats conventions)", () => {
  it("sorts numerically, not as strings", () =>
    assert.deepEqual(sortedCopy([10, 9, 100, 1]), [1, 9, 10, 100]));

  const medians: [number[], number][] = [
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[7], 7],
  ];
  for (const [values, m] of medians) it(`median ${values} = ${m}`, () => assert.equal(median(values), m));
  it("median of nothing is NaN", () => assert.ok(Number.isNaN(median([]))));

  const qs: [number[], [number, number, number]][] = [
    [
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [3, 5.5, 8],
    ],
    [
      [98, 99, 99, 100, 100, 100, 101, 101, 102],
      [99, 100, 101],
    ], // odd: middle value excluded from halves
    [
      [1, 299, 25, 4975, 90, 2, 42, 500, 1500],
      [13.5, 90, 1000],
    ], // RITA's "random intervals" case
  ];
  for (const [values, [q1, q2, q3]] of qs) {
    it(`quartiles of ${values.length} values`, () => assert.deepEqual(quartiles(values), { q1, q2, q3 }));
  }
  it("quartiles need two values", () => assert.equal(quartiles([1]), undefined));

  it("MAD about the median", () => {
    assert.equal(medianAbsoluteDeviation([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 2.5);
    assert.equal(medianAbsoluteDeviation([60, 60, 60]), 0);
  });

  const zs: [number, number, number, number][] = [
    [10, 10, 0, 0],
    [11, 10, 0, Infinity],
    [9, 10, 0, -Infinity],
    [10 + 1.4826 * 2 * 3, 10, 2, 3],
  ];
  for (const [x, m, mad, z] of zs) {
    it(`robust z of ${x} (median ${m}, MAD ${mad}) = ${z}`, () => {
      const got = robustZ(x, m, mad);
      if (Number.isFinite(z)) assert.ok(Math.abs(got - z) < 1e-9, String(got));
      else assert.equal(got, z);
    });
  }
});
