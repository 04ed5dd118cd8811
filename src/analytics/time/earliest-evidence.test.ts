import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { EarliestEvidence } from "./earliest-evidence.js";

const at = (s: number) => ({ iso: new Date(s * 1000).toISOString(), ms: s * 1000 });
const prov = (line: number) => ({ file: "f", format: "json" as const, line });

describe("EarliestEvidence", () => {
  test("keeps the earliest `cap` by time whatever the arrival order; counts all", () => {
    const e = new EarliestEvidence(3);
    for (const s of [50, 10, 40, 30, 20, 60]) e.addAt(at(s), prov(s));
    assert.deepEqual(
      e.provenances().map((p) => p.line),
      [10, 20, 30],
    );
    assert.equal(e.count, 6);
    assert.equal(e.first?.ms, 10_000);
    assert.equal(e.last?.ms, 60_000);
  });

  test("untimed events are kept only while there is room, after timed ones", () => {
    const e = new EarliestEvidence(2);
    e.addAt(undefined, prov(1));
    e.addAt(at(5), prov(5));
    e.addAt(at(3), prov(3));
    assert.deepEqual(
      e.provenances().map((p) => p.line),
      [3, 5],
    );
    assert.equal(e.count, 3);
  });

  test("cap 0 keeps nothing but counts", () => {
    const e = new EarliestEvidence(0);
    e.addAt(at(1), prov(1));
    assert.deepEqual(e.provenances(), []);
    assert.equal(e.count, 1);
    assert.equal(e.first?.ms, 1000);
  });
});
