import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testEvent, testMatch, testRule } from "./hunt-fixtures.js";
import { HuntTimeline } from "./hunt-timeline.js";

describe("HuntTimeline", () => {
  const rule = testRule({ id: "r1", title: "R" });
  const early = testEvent({ iso: "2020-01-01T00:00:01Z", recordId: 1 });
  const late = testEvent({ iso: "2020-01-01T00:00:02Z", recordId: 2 });

  it("sorts by time and removes the same rule on the same event read twice", () => {
    const t = new HuntTimeline({ timeZone: "UTC" });
    assert.equal(t.add(testMatch(rule, late)), true);
    assert.equal(t.add(testMatch(rule, early)), true);
    // the same event from another file (e.g. a copy of the log) is a duplicate
    assert.equal(
      t.add(testMatch(rule, { ...late, provenance: { ...late.provenance, file: "copy.evtx" } })),
      false,
    );
    assert.equal(t.duplicates, 1);
    assert.deepEqual(
      t.rows().map((r) => r.recordId),
      [1, 2],
    );
  });

  it("keeps another rule on the same event", () => {
    const t = new HuntTimeline({ timeZone: "UTC" });
    t.add(testMatch(rule, early));
    t.add(testMatch(testRule({ id: "r2", title: "R" }), early));
    assert.equal(t.size, 2);
  });

  it("counts, but does not keep, matches past maxRows", () => {
    const t = new HuntTimeline({ timeZone: "UTC", maxRows: 1 });
    t.add(testMatch(rule, early));
    assert.equal(t.add(testMatch(rule, late)), false);
    assert.equal(t.overflow, 1);
    assert.equal(t.size, 1);
  });

  it("asks for the detection fields of each match", () => {
    const t = new HuntTimeline({ timeZone: "UTC", detectionFields: () => ["Marker"] });
    t.add(testMatch(rule, testEvent({ category: "x", fields: { Other: "o", Marker: "m" } })));
    assert.deepEqual(t.rows()[0].details, [["Marker", "m"]]);
  });
});
