import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isCommonImageName, mentionsName } from "./draft-links.js";

describe("mentionsName", () => {
  const names = new Set(["upd.exe"]);
  const cases = [
    ["C:\\Users\\u\\upd.exe", true],
    ['"C:\\Users\\u\\upd.exe" -k', true],
    ["upd.exe /silent", true],
    ["cmd /c C:/x/upd.exe,arg", true],
    ["C:\\Users\\u\\notupd.exe", false],
    ["C:\\Users\\u\\upd.exe.bak", false],
    [undefined, false],
  ] as const;
  for (const [value, want] of cases)
    it(`${String(value)} → ${want}`, () => {
      assert.equal(mentionsName(value, names), want);
    });
});

describe("isCommonImageName", () => {
  it("system binaries, shells and launchers link nothing; others do", () => {
    for (const n of ["cmd.exe", "powershell.exe", "explorer.exe", "svchost.exe", "rundll32.exe", ""])
      assert.equal(isCommonImageName(n), true, n);
    for (const n of ["upd.exe", "invoice.pdf.exe", "outlook.exe"])
      assert.equal(isCommonImageName(n), false, n);
  });
});
