import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { csvCell, csvRow } from "./csv-row.js";

describe("csvCell", () => {
  const rows: readonly [string, string, string][] = [
    ["plain", "cmd.exe", "cmd.exe"],
    ["empty", "", ""],
    ["formula =", '=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ["formula +", "+1+1", "'+1+1"],
    ["formula -", "-2+3", "'-2+3"],
    ["formula @", "@SUM(A1)", "'@SUM(A1)"],
    ["leading tab", "\t=1", "'\t=1"],
    ["leading CR", "\r=1", '"\'\r=1"'],
    ["comma quoted", "a,b", '"a,b"'],
    ["quote doubled", 'say "hi"', '"say ""hi"""'],
    ["newline quoted", "a\nb", '"a\nb"'],
    ["= inside is fine", "a=b", "a=b"],
  ];
  for (const [name, input, expected] of rows) {
    it(name, () => assert.equal(csvCell(input), expected));
  }

  it("csvRow joins cells with commas and ends in CRLF", () => {
    assert.equal(csvRow(["a", "=b", "c,d"]), 'a,\'=b,"c,d"\r\n');
  });
});
