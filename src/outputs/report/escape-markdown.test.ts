import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeMarkdown, markdownCode, markdownTable } from "./escape-markdown.js";

test("escapeMarkdown: markup, links, HTML, breaks and block starts are neutralised", () => {
  const cases: readonly [string, string][] = [
    ["plain text", "plain text"],
    ["a | b", "a \\| b"],
    ["two\nlines\r\nhere", "two lines  here"],
    ["[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"],
    ["![img](x)", "\\!\\[img\\](x)"],
    ["<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"],
    ["http://evil.example/x", "http\\://evil.example/x"],
    ["see www.evil.example", "see www\\.evil.example"],
    ["*bold* _it_ ~s~ `c`", "\\*bold\\* \\_it\\_ \\~s\\~ \\`c\\`"],
    ["&lt;b&gt;", "\\&lt;b\\&gt;"],
    ["$x$ # h", "\\$x\\$ \\# h"],
    ["C:\\Users\\tanaka", "C:\\Users\\tanaka"],
    ["C:\\*.exe", "C:\\\\\\*.exe"],
    ["ends with \\", "ends with \\\\"],
    ["- item", "\\- item"],
    ["+ item", "\\+ item"],
    ["1. item", "1\\. item"],
    ["12) item", "12\\) item"],
    ["    code", "code"],
    ["==", "\\=="],
    ["日本語|テスト", "日本語\\|テスト"],
  ];
  for (const [input, want] of cases) assert.equal(escapeMarkdown(input), want, JSON.stringify(input));
});

test("escapeMarkdown: mid-line text keeps a leading number or dash as is", () => {
  assert.equal(escapeMarkdown("203.0.113.45", false), "203.0.113.45");
  assert.equal(escapeMarkdown("- x", false), "- x");
  assert.equal(escapeMarkdown("203.0.113.45"), "203\\.0.113.45");
});

test("markdownCode: a fence longer than any backtick run; pipes escaped in tables only", () => {
  const cases: readonly [string, boolean, string][] = [
    ["C:\\a b\\c.exe", false, "`C:\\a b\\c.exe`"],
    ["a`b", false, "``a`b``"],
    ["``x", false, "``` ``x ```"],
    ["a|b", true, "`a\\|b`"],
    ["a|b", false, "`a|b`"],
    ["a\\|b", true, "a\\\\\\|b"],
    ["line\nbreak", false, "`line break`"],
    [" padded ", false, "`  padded  `"],
    ["", true, ""],
  ];
  for (const [input, inTable, want] of cases)
    assert.equal(markdownCode(input, inTable), want, JSON.stringify(input));
});

test("markdownTable: header, separator and rows with the same number of cells", () => {
  assert.deepEqual(markdownTable(["a", "b"], [["1", ""]]), ["| a | b |", "|---|---|", "| 1 |   |"]);
});
