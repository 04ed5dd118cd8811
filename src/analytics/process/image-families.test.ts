import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { imageName, isExpectedSystemLocation, isSystemLauncher } from "./image-families.js";

describe("image families", () => {
  const launchers: [string | undefined, boolean][] = [
    ["C:\\Windows\\explorer.exe", true],
    ["C:\\Windows\\System32\\svchost.exe", true],
    ["System", true],
    ["services.exe", true],
    [undefined, false],
    ["C:\\Users\\a\\AppData\\explorer.exe", false],
    ["C:\\Windows\\System32\\cmd.exe", false],
  ];
  for (const [image, want] of launchers)
    it(`isSystemLauncher(${image})`, () => assert.equal(isSystemLauncher(image), want));

  it("isExpectedSystemLocation", () => {
    assert.ok(isExpectedSystemLocation("C:\\Windows\\SysWOW64\\rundll32.exe"));
    assert.ok(isExpectedSystemLocation("C:\\Windows\\notepad.exe"));
    assert.ok(!isExpectedSystemLocation("C:\\Windows\\svchost.exe"));
    assert.ok(!isExpectedSystemLocation("C:\\ProgramData\\svchost.exe"));
  });

  it("imageName", () => assert.equal(imageName("C:\\Windows\\System32\\WINWORD.EXE"), "winword.exe"));
});
