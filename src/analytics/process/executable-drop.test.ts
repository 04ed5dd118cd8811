import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { executableDropDetector, type WriterClass, writerClass } from "./executable-drop.js";
import { EventFactory, detectorsOf, guid, hitsOn } from "./process-events.test.support.js";

const EXPLORER = "C:\\Windows\\explorer.exe";
const CHROME = "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe";

describe("writerClass", () => {
  const cases: [string | undefined, number | undefined, WriterClass][] = [
    ["System", 4, "remote"],
    [undefined, 4, "remote"],
    [CHROME, undefined, "delivery"],
    [EXPLORER, undefined, "delivery"],
    ["C:\\Program Files\\7-Zip\\7zG.exe", undefined, "delivery"],
    ["C:\\Windows\\System32\\msiexec.exe", undefined, "installer"],
    ["C:\\Temp\\msiexec.exe", undefined, "other"],
    ["C:\\Temp\\dropper.exe", undefined, "other"],
  ];
  for (const [image, pid, want] of cases)
    it(`${image ?? `pid ${pid}`} → ${want}`, () => assert.equal(writerClass(image, pid), want));
});

describe("executable drop detector", () => {
  const w = guid(0x10);
  const q = guid(0x20);
  /** `writer` writes `file`, which then runs (when `run`). */
  const scenario = (writer: string, file: string, run: boolean) => {
    const ev = new EventFactory();
    return [ev.start(0, w, writer), ev.fileCreate(1, w, file), ...(run ? [ev.start(3, q, file, w)] : [])];
  };

  it("a dropper: the writer gets process.dropper, the payload process.dropped-executed (installation)", () => {
    const events = scenario("C:\\Temp\\invoice.pdf.exe", "C:\\Users\\a\\AppData\\Roaming\\svcupd.exe", true);
    const writer = hitsOn(executableDropDetector, events, w);
    assert.deepEqual(detectorsOf(writer), ["process.dropper"]);
    assert.equal(writer[0].stage, "installation");
    assert.equal(writer[0].severity, "high");
    assert.deepEqual(writer[0].details.payloadKeys, [q]);
    const payload = hitsOn(executableDropDetector, events, q);
    assert.deepEqual(detectorsOf(payload), ["process.dropped-executed"]);
    assert.equal(payload[0].stage, "installation");
    assert.equal(payload[0].details.latencyMs, 2000);
    assert.equal(payload[0].details.writerKey, w);
    assert.equal(payload[0].evidence.length, 2);
  });

  it("a browser download that runs: delivery for the browser, exploitation for the payload", () => {
    const events = scenario(CHROME, "C:\\Users\\a\\Downloads\\setup.exe", true);
    const writer = hitsOn(executableDropDetector, events, w);
    assert.deepEqual(detectorsOf(writer), ["process.executable-write"]);
    assert.equal(writer[0].stage, "delivery");
    assert.equal(writer[0].severity, "low");
    const payload = hitsOn(executableDropDetector, events, q);
    assert.equal(payload[0].stage, "exploitation");
    assert.equal(payload[0].severity, "medium");
  });

  it("a file written over SMB (System) and run: lateral movement", () => {
    const events = scenario("System", "C:\\Windows\\PSEXESVC.exe", true);
    const writer = hitsOn(executableDropDetector, events, w);
    assert.deepEqual(detectorsOf(writer), ["process.executable-write"]);
    assert.equal(writer[0].stage, "lateral_movement");
    assert.match(writer[0].message.en, /over the network/);
    assert.equal(hitsOn(executableDropDetector, events, q)[0].stage, "lateral_movement");
  });

  it("an executable written and not (yet) run", () => {
    const hits = hitsOn(executableDropDetector, scenario("C:\\Temp\\x.exe", "C:\\Temp\\y.dll", false), w);
    assert.deepEqual(detectorsOf(hits), ["process.executable-write"]);
    assert.equal(hits[0].severity, "medium");
  });

  it("misses installers in their folders and non-executable files", () => {
    assert.deepEqual(
      hitsOn(
        executableDropDetector,
        scenario("C:\\Windows\\System32\\msiexec.exe", "C:\\Program Files\\A\\a.exe", true),
        q,
      ),
      [],
    );
    assert.deepEqual(
      hitsOn(executableDropDetector, scenario("C:\\Windows\\System32\\msiexec.exe", "C:\\x.exe", true), w),
      [],
    );
    assert.deepEqual(
      hitsOn(executableDropDetector, scenario("C:\\Temp\\x.exe", "C:\\Temp\\notes.txt", false), w),
      [],
    );
  });
});
