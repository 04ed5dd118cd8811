import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { expandSpaceJoinedRow, splitSpaceJoinedHeader } from "./space-joined-columns.js";

describe("space-joined columns (IoT-23 labels)", () => {
  it("leaves an ordinary header alone", () => {
    assert.deepEqual(splitSpaceJoinedHeader(["ts", "uid", "label"]), {
      names: ["ts", "uid", "label"],
      layout: undefined,
    });
  });

  it("splits header cells joined by runs of spaces, and rows written the same way", () => {
    const { names, layout } = splitSpaceJoinedHeader(["ts", "tunnel_parents   label   detailedlabel"]);
    assert.deepEqual(names, ["ts", "tunnel_parents", "label", "detailedlabel"]);
    assert.deepEqual(layout, { cells: 2, parts: [1, 3] });
    if (!layout) return;
    assert.deepEqual(expandSpaceJoinedRow(["1.0", "(empty)   Malicious   C&C-HeartBeat"], layout), [
      "1.0",
      "(empty)",
      "Malicious",
      "C&C-HeartBeat",
    ]);
    assert.equal(expandSpaceJoinedRow(["1.0", "(empty)   Malicious"], layout), undefined);
    assert.equal(expandSpaceJoinedRow(["1.0"], layout), undefined);
  });
});
