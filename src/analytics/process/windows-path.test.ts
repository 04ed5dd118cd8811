import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  baseName,
  extensionOf,
  folderDepth,
  isExecutableName,
  isInInstallFolder,
  isInSystemFolder,
  isInWindowsRoot,
  normalizePath,
} from "./windows-path.js";

describe("normalizePath", () => {
  const cases: [string, string | undefined, string][] = [
    ["lower case, backslashes", "C:/Users/A/x.EXE", "c:\\users\\a\\x.exe"],
    ["quotes and spaces trimmed", ' "C:\\Temp\\a.exe" ', "c:\\temp\\a.exe"],
    [
      "NT device path",
      "\\Device\\HarddiskVolume3\\Windows\\System32\\cmd.exe",
      "c:\\windows\\system32\\cmd.exe",
    ],
    ["\\??\\ prefix", "\\??\\C:\\Windows\\x.exe", "c:\\windows\\x.exe"],
    ["\\\\?\\ prefix", "\\\\?\\C:\\Windows\\x.exe", "c:\\windows\\x.exe"],
    ["%SystemRoot%", "%SystemRoot%\\System32\\svchost.exe", "c:\\windows\\system32\\svchost.exe"],
    ["\\SystemRoot\\", "\\SystemRoot\\System32\\smss.exe", "c:\\windows\\system32\\smss.exe"],
    ["undefined", undefined, ""],
  ];
  for (const [name, input, want] of cases) it(name, () => assert.equal(normalizePath(input), want));

  it("cuts absurdly long paths", () =>
    assert.equal(normalizePath(`C:\\${"a".repeat(10_000)}`).length, 4_096));
});

describe("path questions", () => {
  it("baseName keeps case and strips quotes", () => {
    assert.equal(baseName('"C:\\A\\Invoice.PDF.exe"'), "Invoice.PDF.exe");
    assert.equal(baseName("cmd.exe"), "cmd.exe");
    assert.equal(baseName(undefined), "");
  });

  it("extensionOf", () => {
    assert.equal(extensionOf("a.pdf.EXE"), "exe");
    assert.equal(extensionOf("noext"), "");
    assert.equal(extensionOf("trailing."), "");
  });

  it("folderDepth counts folders between drive and file", () => {
    assert.equal(folderDepth("c:\\x.exe"), 0);
    assert.equal(folderDepth("c:\\a\\b\\x.exe"), 2);
    assert.equal(folderDepth("\\\\server\\share\\x.exe"), 2);
  });

  const places: [string, boolean, boolean, boolean][] = [
    // path, system folder, windows root, install folder
    ["C:\\Windows\\System32\\svchost.exe", true, false, true],
    ["D:\\Windows\\SysWOW64\\cmd.exe", true, false, true],
    ["C:\\Windows\\explorer.exe", false, true, true],
    ["C:\\Program Files\\App\\a.exe", false, false, true],
    ["C:\\Program Files (x86)\\App\\a.exe", false, false, true],
    ["C:\\Windows \\System32\\winsat.exe", false, false, false],
    ["C:\\Users\\a\\System32\\x.exe", false, false, false],
  ];
  for (const [path, system, root, install] of places)
    it(`places ${path}`, () => {
      const p = normalizePath(path);
      assert.deepEqual(
        [isInSystemFolder(p), isInWindowsRoot(p), isInInstallFolder(p)],
        [system, root, install],
      );
    });

  it("isExecutableName", () => {
    for (const n of ["a.exe", "b.DLL", "c.ps1", "d.hta", "e.scr"]) assert.ok(isExecutableName(n), n);
    for (const n of ["a.pdf", "b.zip", "c", "d.exe.txt"]) assert.ok(!isExecutableName(n), n);
  });
});
