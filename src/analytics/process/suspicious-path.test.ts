import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventFactory, guid, hitsOn } from "./process-events.test.support.js";
import { type PathClass, classifyPath, suspiciousPathDetector } from "./suspicious-path.js";

describe("classifyPath", () => {
  const cases: [string, PathClass | undefined][] = [
    ["C:\\$Recycle.Bin\\S-1-5-21\\x.exe", "recycle-bin"],
    ["C:\\Users\\a\\AppData\\Local\\Temp\\x.exe", "temp"],
    ["C:\\Windows\\Temp\\x.exe", "temp"],
    ["C:\\Temp\\x.exe", "temp"],
    ["C:\\Users\\a\\Downloads\\setup.exe", "downloads"],
    ["C:\\Users\\Public\\x.exe", "users-public"],
    ["C:\\PerfLogs\\x.exe", "perflogs"],
    ["C:\\ProgramData\\x.exe", "programdata-root"],
    ["C:\\Users\\a\\AppData\\Roaming\\Microsoft\\x\\x.exe", "appdata"],
    ["C:\\a\\b\\c\\d\\e\\f\\g\\h\\i\\x.exe", "deep-nesting"],
    // misses
    ["C:\\ProgramData\\Microsoft\\Windows Defender\\MsMpEng.exe", undefined],
    ["C:\\Program Files\\App\\a\\b\\c\\d\\e\\f\\g\\h\\x.exe", undefined],
    ["C:\\Windows\\System32\\svchost.exe", undefined],
    ["C:\\Tools\\x.exe", undefined],
  ];
  for (const [path, want] of cases)
    it(`${path} → ${want ?? "none"}`, () => assert.equal(classifyPath(path, 8)?.id, want));
});

describe("suspicious path detector", () => {
  const ev = new EventFactory();
  const key = guid(0x10);
  it("hits an unsigned executable in Temp, citing its creation", () => {
    const fresh = new EventFactory();
    const hits = hitsOn(
      suspiciousPathDetector,
      [fresh.start(1, key, "C:\\Users\\a\\AppData\\Local\\Temp\\x.exe")],
      key,
    );
    assert.equal(hits.length, 1);
    assert.equal(hits[0].detector, "process.suspicious-path");
    assert.equal(hits[0].severity, "medium");
    assert.equal(hits[0].stage, "exploitation");
    assert.deepEqual(hits[0].attack, ["T1204.002"]);
    assert.deepEqual(
      hits[0].evidence.map((e) => e.recordId),
      [1],
    );
    assert.match(hits[0].message.en, /Temp folder/);
    assert.match(hits[0].message.ja, /一時フォルダー/);
  });

  it("a valid signature weakens Temp and clears AppData", () => {
    const image = "C:\\Users\\a\\AppData\\Local\\Temp\\setup.exe";
    const temp = hitsOn(
      suspiciousPathDetector,
      [ev.start(1, key, image), ev.selfLoad(2, key, image, true, "Valid")],
      key,
    );
    assert.equal(temp[0].severity, "low");
    assert.equal(temp[0].details.signature, "valid");
    const app = "C:\\Users\\a\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe";
    assert.deepEqual(
      hitsOn(suspiciousPathDetector, [ev.start(1, key, app), ev.selfLoad(2, key, app, true, "Valid")], key),
      [],
    );
  });

  it("misses Program Files and processes without an image", () => {
    assert.deepEqual(
      hitsOn(suspiciousPathDetector, [ev.start(1, key, "C:\\Program Files\\A\\a.exe")], key),
      [],
    );
    assert.deepEqual(hitsOn(suspiciousPathDetector, [ev.sysmon(3, 1, { ProcessGuid: key })], key), []);
  });
});
