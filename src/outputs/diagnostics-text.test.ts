import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { groupedDiagnosticLines } from "./diagnostics-text.js";

describe("groupedDiagnosticLines", () => {
  it("is empty without diagnostics", () => {
    assert.deepEqual(groupedDiagnosticLines(new Diagnostics(), 2), []);
  });

  it("groups by code in order of first appearance, limits each code and counts the rest", () => {
    const d = new Diagnostics();
    for (let line = 1; line <= 4; line++)
      d.warn("E_JSON_SYNTAX", "Unexpected token", { file: "a.json", line });
    d.error("E_IO", "cannot read: permission denied", { file: "b.evtx" });
    d.warn("E_JSON_SYNTAX", "Unexpected end", { file: "c.json", line: 7 });
    assert.deepEqual(groupedDiagnosticLines(d, 2), [
      "warning E_JSON_SYNTAX a.json:1: Unexpected token",
      "warning E_JSON_SYNTAX a.json:2: Unexpected token",
      "  … 3 more E_JSON_SYNTAX (--verbose lists all)",
      "error E_IO b.evtx: cannot read: permission denied",
      "1 error, 5 warnings",
    ]);
  });

  it("escapes control characters in file names and messages", () => {
    const d = new Diagnostics();
    d.warn("E_ZEEK_ROW", "bad value \x1b[31mred", { file: "x\u202e.log", line: 2 });
    assert.equal(
      groupedDiagnosticLines(d, 5)[0],
      "warning E_ZEEK_ROW x\\u202e.log:2: bad value \\x1b[31mred",
    );
  });
});
