import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PairSamples } from "./pair-samples.js";

function filled(cap: number, seconds: number[]): PairSamples {
  const p = new PairSamples(cap);
  for (const s of seconds) p.add({ second: s, bytes: undefined, uid: undefined });
  p.settle();
  return p;
}

describe("PairSamples", () => {
  it("keeps the most recent `cap` samples, also when they arrive out of order", () => {
    const p = filled(10, [...Array.from({ length: 30 }, (_, i) => 1000 + i)].reverse());
    assert.equal(p.stored, 10);
    assert.deepEqual(
      p.within(0, Infinity).map((s) => s.second),
      Array.from({ length: 10 }, (_, i) => 1020 + i),
    );
    assert.equal(p.droppedCount, 20);
  });

  it("counts pushed-out samples by hour in window counts", () => {
    const p = filled(
      5,
      Array.from({ length: 20 }, (_, i) => 3600 * 10 + i * 10),
    );
    assert.equal(p.countWithin(3600 * 10, 3600 * 11), 20);
    assert.equal(p.countWithin(3600 * 12, 3600 * 13), 0);
  });

  it("selects a window inclusively by binary search", () => {
    const p = filled(100, [5, 1, 9, 3, 7]);
    assert.deepEqual(
      p.within(3, 7).map((s) => s.second),
      [3, 5, 7],
    );
  });
});
