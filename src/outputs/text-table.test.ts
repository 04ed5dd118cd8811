import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { displayWidth, renderTable, truncateToWidth } from "./text-table.js";

describe("text tables", () => {
  it("counts wide characters as two columns", () => {
    assert.equal(displayWidth("abc"), 3);
    assert.equal(displayWidth("ホスト"), 6);
    assert.equal(displayWidth("e\u0301"), 1);
  });

  it("truncates at either end with an ellipsis", () => {
    assert.equal(truncateToWidth("abcdefgh", 5), "abcd…");
    assert.equal(truncateToWidth("abcdefgh", 5, "end"), "…efgh");
    assert.equal(truncateToWidth("ホストホスト", 5), "ホス…");
    assert.equal(truncateToWidth("short", 10), "short");
  });

  it("aligns columns, right-aligns numbers and escapes every cell", () => {
    const lines = renderTable(
      [{ header: "host" }, { header: "n", align: "right" }],
      [
        ["WS1\x1b[2J", "5"],
        ["ホスト", "12"],
      ],
    );
    assert.deepEqual(lines, ["  host         n", "  WS1\\x1b[2J   5", "  ホスト      12"]);
  });

  it("can leave out the header", () => {
    assert.deepEqual(renderTable([{ header: "k" }, { header: "v" }], [["a", "1"]], { header: false }), [
      "  a  1",
    ]);
  });
});
