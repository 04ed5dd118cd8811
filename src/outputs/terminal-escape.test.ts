import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { escapeTerminal, escapeTerminalLines } from "./terminal-escape.js";

describe("escapeTerminal", () => {
  const rows: readonly [string, string, string][] = [
    ["plain text is unchanged", "C:\\Windows\\System32\\cmd.exe", "C:\\Windows\\System32\\cmd.exe"],
    ["Japanese is unchanged", "見極め ホスト", "見極め ホスト"],
    ["ESC clear screen", "a\x1b[2Jb", "a\\x1b[2Jb"],
    ["BEL and NUL", "\x07\x00", "\\x07\\x00"],
    ["newline, CR, tab", "a\nb\rc\td", "a\\nb\\rc\\td"],
    ["DEL", "\x7f", "\\x7f"],
    ["C1 CSI", "\x9b31m", "\\x9b31m"],
    ["right-to-left override", "invoice\u202Efdp.exe", "invoice\\u202efdp.exe"],
    ["bidi isolates", "\u2066x\u2069", "\\u2066x\\u2069"],
    ["LRM, RLM, ALM", "\u200e\u200f\u061c", "\\u200e\\u200f\\u061c"],
  ];
  for (const [name, input, expected] of rows) {
    it(name, () => assert.equal(escapeTerminal(input), expected));
  }

  it("escapeTerminalLines keeps line breaks but escapes the rest", () => {
    assert.equal(escapeTerminalLines("one\x1b]0;x\x07\ntwo\r"), "one\\x1b]0;x\\x07\ntwo\\r");
  });
});
