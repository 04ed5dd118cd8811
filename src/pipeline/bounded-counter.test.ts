import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BoundedCounter } from "./bounded-counter.js";

describe("BoundedCounter", () => {
  it("returns the top keys by count, ties by key, and counts the rest as others", () => {
    const c = new BoundedCounter();
    for (const k of ["b", "a", "c", "a", "b", "d", "a"]) c.add(k);
    assert.deepEqual(c.top(2), {
      distinct: 4,
      distinctCapped: false,
      top: [
        { key: "a", count: 3 },
        { key: "b", count: 2 },
      ],
      others: 2,
    });
  });

  it("tracks at most maxKeys distinct keys but still counts every occurrence", () => {
    const c = new BoundedCounter(2);
    for (const k of ["x", "y", "z", "z", "x"]) c.add(k);
    const top = c.top(10);
    assert.equal(top.distinct, 2);
    assert.equal(top.distinctCapped, true);
    assert.deepEqual(top.top, [
      { key: "x", count: 2 },
      { key: "y", count: 1 },
    ]);
    assert.equal(top.others, 2);
  });
});
