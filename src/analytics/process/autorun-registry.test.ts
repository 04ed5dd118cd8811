import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { autorunProgram, autorunRegistryDetector } from "./autorun-registry.js";
import { EventFactory, guid, hitsOn } from "./process-events.test.support.js";

describe("autorun registry detector", () => {
  const key = guid(0x10);
  const run = (target: string, details: string, eventType = "SetValue") => {
    const ev = new EventFactory();
    return hitsOn(
      autorunRegistryDetector,
      [
        ev.start(0, key, "C:\\Temp\\dropper.exe"),
        ev.sysmon(13, 1, { ProcessGuid: key, EventType: eventType, TargetObject: target, Details: details }),
      ],
      key,
    );
  };
  const RUN = "HKU\\S-1-5-21-1\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\SvcUpdate";
  const cases: [string, string, string, string | undefined, string | undefined][] = [
    ["Run key → AppData", RUN, '"C:\\Users\\a\\AppData\\Roaming\\svcupd.exe" /silent', "run-key", "medium"],
    [
      "RunOnce → Temp",
      "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce\\x",
      "C:\\Windows\\Temp\\x.exe",
      "run-key",
      "high",
    ],
    [
      "Winlogon Userinit",
      "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\Userinit",
      "C:\\Users\\Public\\u.exe",
      "winlogon",
      "high",
    ],
    [
      "service ImagePath",
      "HKLM\\System\\CurrentControlSet\\Services\\evil\\ImagePath",
      "C:\\ProgramData\\e.exe",
      "service",
      "high",
    ],
    [
      "IFEO debugger",
      "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sethc.exe\\Debugger",
      "C:\\Users\\Public\\cmd.exe",
      "ifeo",
      "high",
    ],
    // misses
    [
      "OneDrive's own Run key",
      RUN,
      '"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe" /background',
      undefined,
      undefined,
    ],
    ["not an autorun location", "HKCU\\Software\\Vendor\\Path", "C:\\Temp\\x.exe", undefined, undefined],
    ["a deletion", RUN, "C:\\Temp\\x.exe", undefined, undefined],
  ];
  for (const [name, target, details, loc, severity] of cases)
    it(name, () => {
      const hits = run(target, details, name === "a deletion" ? "DeleteValue" : "SetValue");
      assert.equal(hits[0]?.details.location, loc);
      assert.equal(hits[0]?.severity, severity);
    });

  it("autorunProgram", () => {
    assert.equal(autorunProgram('"C:\\A B\\x.exe" /s'), "C:\\A B\\x.exe");
    assert.equal(autorunProgram("C:\\Program Files\\A\\x.exe -run"), "C:\\Program Files\\A\\x.exe");
    assert.equal(autorunProgram("rundll32 a.dll,Go"), "rundll32");
  });
});
