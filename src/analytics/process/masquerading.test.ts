import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { masqueradingDetector, sameFileName } from "./masquerading.js";
import { EventFactory, detectorsOf, guid, hitsOn } from "./process-events.test.support.js";

describe("masquerading detector", () => {
  const ev = new EventFactory();
  const key = guid(0x10);
  const run = (image: string, original?: string, signed?: boolean) =>
    hitsOn(
      masqueradingDetector,
      [
        ev.start(1, key, image, undefined, original ? { OriginalFileName: original } : {}),
        ...(signed === undefined
          ? []
          : [ev.selfLoad(2, key, image, signed, signed ? "Valid" : "Unavailable")]),
      ],
      key,
    );
  const cases: [string, string, string | undefined, boolean | undefined, string[]][] = [
    [
      "svchost outside System32",
      "C:\\Users\\a\\AppData\\svchost.exe",
      undefined,
      undefined,
      ["process.system-name-elsewhere"],
    ],
    [
      "lsass in Windows root",
      "C:\\Windows\\lsass.exe",
      undefined,
      undefined,
      ["process.system-name-elsewhere"],
    ],
    ["mock folder", "C:\\Windows \\System32\\winSAT.exe", undefined, undefined, ["process.mock-folder"]],
    [
      "renamed system utility",
      "C:\\Users\\a\\svcupd.exe",
      "svchost.exe",
      undefined,
      ["process.original-name-mismatch"],
    ],
    ["renamed, even validly signed", "C:\\Temp\\i.exe", "Cmd.Exe", true, ["process.original-name-mismatch"]],
    [
      "claims a well-known program",
      "C:\\Temp\\inv.exe",
      "AcroRd32.exe",
      undefined,
      ["process.original-name-mismatch"],
    ],
    ["unknown name, unsigned", "C:\\Temp\\a.exe", "b.exe", false, ["process.original-name-mismatch"]],
    // misses
    ["svchost in System32", "C:\\Windows\\System32\\svchost.exe", "svchost.exe", undefined, []],
    ["explorer in Windows root", "C:\\Windows\\explorer.exe", "EXPLORER.EXE.MUI", undefined, []],
    ["case differs only", "C:\\Windows\\System32\\cmd.exe", "Cmd.Exe", undefined, []],
    ["name without extension", "C:\\Windows\\System32\\wermgr.exe", "WerMgr", undefined, []],
    ["unknown name, validly signed", "C:\\Program Files\\Code\\Code.exe", "electron.exe", true, []],
    ["bare name without a path", "svchost.exe", undefined, undefined, []],
  ];
  for (const [name, image, original, signed, want] of cases)
    it(name, () => assert.deepEqual(detectorsOf(run(image, original, signed)), want));

  it("severity follows what the version info claims", () => {
    assert.equal(run("C:\\Users\\a\\svcupd.exe", "svchost.exe")[0].severity, "high");
    assert.deepEqual(run("C:\\Users\\a\\svcupd.exe", "svchost.exe")[0].attack, ["T1036.003"]);
    assert.equal(run("C:\\Temp\\inv.exe", "AcroRd32.exe")[0].severity, "medium");
    assert.equal(run("C:\\Temp\\a.exe", "b.exe", false)[0].severity, "low");
  });

  it("sameFileName", () => {
    assert.ok(sameFileName("wermgr", "wermgr.exe"));
    assert.ok(!sameFileName("svchost.exe", "svcupd.exe"));
    assert.ok(!sameFileName("svchost", "svcupd.exe"));
  });
});
