/** Sigma string escaping and wildcards (rules spec, "Escape Character"), and placeholders. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSigmaString, renderPattern } from "./sigma-string.js";

describe("parseSigmaString", () => {
  const ROWS: readonly [string, string][] = [
    ["C:\\Windows\\cmd.exe", "lit(C:\\Windows\\cmd.exe)"],
    ["C:\\\\Windows", "lit(C:\\Windows)"],
    ["*\\cmd.exe", "star lit(\\cmd.exe)"],
    ["prog?.exe", "lit(prog) one lit(.exe)"],
    ["\\*", "lit(*)"],
    ["\\?", "lit(?)"],
    ["\\\\*", "lit(\\) star"],
    ["\\\\\\*", "lit(\\*)"],
    ["\\\\\\\\", "lit(\\\\)"],
    ["a\\b", "lit(a\\b)"],
    ["100%", "lit(100%)"],
    ["", ""],
  ];
  for (const [input, want] of ROWS) {
    test(JSON.stringify(input), () => {
      const p = parseSigmaString(input, { placeholders: false });
      const got = p.parts.map((x) => (x.t === "lit" ? `lit(${x.s})` : x.t)).join(" ");
      assert.equal(got, want);
    });
  }

  test("placeholders only with expand; \\% is then a plain %", () => {
    const p = parseSigmaString("\\%plain%name%x", { placeholders: true });
    assert.equal(renderPattern(p), "%plain%name%x".replace("%name%", "%name%"));
    assert.deepEqual(
      p.parts.map((x) => (x.t === "placeholder" ? `ph(${x.name})` : x.t === "lit" ? x.s : x.t)),
      ["%plain", "ph(name)", "x"],
    );
    assert.throws(() => parseSigmaString("%open", { placeholders: true }), /unterminated placeholder/);
    assert.throws(() => parseSigmaString("%a b%", { placeholders: true }), /invalid placeholder name/);
  });
});
