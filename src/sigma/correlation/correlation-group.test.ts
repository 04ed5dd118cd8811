import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CorrelationGroup, type DedupeKey, type WindowEntry } from "./correlation-group.js";

let seq = 0;
function entry(time: number, value?: string, ruleIndex = 0): WindowEntry {
  const t = { iso: "", ms: time };
  return { time, seq: ++seq, firstTime: t, lastTime: t, events: [], ruleIndex, value };
}

function group(by?: DedupeKey): CorrelationGroup {
  return new CorrelationGroup("k", {}, by);
}

function add(g: CorrelationGroup, e: WindowEntry): number {
  g.insert(e);
  return g.dedupe(e);
}

const times = (g: CorrelationGroup) => g.entries.map((e) => e.time);

describe("CorrelationGroup", () => {
  test("keeps entries in time order, ties in arrival order", () => {
    const g = group();
    const a = entry(10);
    const b = entry(5);
    const c = entry(10);
    for (const e of [a, b, c, entry(7)]) g.insert(e);
    assert.deepEqual(times(g), [5, 7, 10, 10]);
    assert.equal(g.entries[2], a);
    assert.equal(g.entries[3], c);
  });

  test("by value: the latest entry per value stays, whatever the arrival order", () => {
    const g = group("value");
    assert.equal(add(g, entry(10, "x")), 0);
    assert.equal(add(g, entry(20, "y")), 0);
    assert.equal(add(g, entry(30, "x")), 1);
    assert.deepEqual(times(g), [20, 30]);
    assert.equal(add(g, entry(5, "x")), 1); // late and older: dropped
    assert.deepEqual(times(g), [20, 30]);
  });

  test("by rule: one entry per rule", () => {
    const g = group("rule");
    add(g, entry(1, undefined, 0));
    add(g, entry(2, undefined, 1));
    add(g, entry(3, undefined, 0));
    assert.deepEqual(
      g.entries.map((e) => [e.time, e.ruleIndex]),
      [
        [2, 1],
        [3, 0],
      ],
    );
  });

  test("removed entries are forgotten: a value seen again after expiry is kept", () => {
    const g = group("value");
    add(g, entry(10, "x"));
    assert.equal(g.expireBefore(11), 1);
    assert.equal(add(g, entry(12, "x")), 0);
    assert.deepEqual(times(g), [12]);
    add(g, entry(13, "y"));
    assert.equal(g.trimTo(1), 1);
    assert.equal(add(g, entry(14, "x")), 0); // the trimmed x is forgotten too
    assert.deepEqual(
      g.takeUntil(13).map((e) => e.value),
      ["y"],
    );
    assert.equal(add(g, entry(15, "y")), 0);
  });

  test("expireBefore keeps an entry exactly at the limit; takeUntil includes its end", () => {
    const g = group();
    for (const t of [0, 60, 61]) g.insert(entry(t));
    assert.equal(g.expireBefore(0), 0);
    assert.deepEqual(
      g.takeUntil(60).map((e) => e.time),
      [0, 60],
    );
    assert.equal(g.newest(), 61);
    assert.equal(group().newest(), Number.NEGATIVE_INFINITY);
  });
});
