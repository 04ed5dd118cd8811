import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Event } from "../../events/event.js";
import { processAccessDetector } from "./process-access.js";
import { EventFactory, detectorsOf, guid, hitsOn, pidOf } from "./process-events.test.support.js";

const LSASS = "C:\\Windows\\System32\\lsass.exe";

describe("process access detector", () => {
  const key = guid(0x10);
  const access = (ev: EventFactory, s: number, target: string, mask: string): Event =>
    ev.sysmon(10, s, {
      SourceProcessGUID: key,
      SourceProcessId: pidOf(key),
      TargetProcessGUID: guid(0x99),
      TargetImage: target,
      GrantedAccess: mask,
    });
  const thread = (ev: EventFactory, s: number, targetGuid: string, target: string): Event =>
    ev.sysmon(8, s, { SourceProcessGuid: key, TargetProcessGuid: targetGuid, TargetImage: target });
  const run = (image: string, events: (ev: EventFactory) => Event[]) => {
    const ev = new EventFactory();
    return hitsOn(processAccessDetector, [ev.start(0, key, image), ...events(ev)], key);
  };
  const cases: [string, string, (ev: EventFactory) => Event[], string[]][] = [
    [
      "mimikatz reads lsass (0x1010)",
      "C:\\Temp\\mimikatz.exe",
      (ev) => [access(ev, 1, LSASS, "0x1010")],
      ["process.lsass-access"],
    ],
    [
      "full access to lsass",
      "C:\\Temp\\d.exe",
      (ev) => [access(ev, 1, LSASS, "0x1fffff")],
      ["process.lsass-access"],
    ],
    [
      "remote thread into explorer",
      "C:\\Temp\\m.exe",
      (ev) => [thread(ev, 1, guid(0x77), "C:\\Windows\\explorer.exe")],
      ["process.remote-thread"],
    ],
    // misses
    ["query-only access to lsass (0x1000)", "C:\\Temp\\x.exe", (ev) => [access(ev, 1, LSASS, "0x1000")], []],
    [
      "Defender reads lsass",
      "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18\\MsMpEng.exe",
      (ev) => [access(ev, 1, LSASS, "0x1410")],
      [],
    ],
    [
      "memory read of another process",
      "C:\\Temp\\x.exe",
      (ev) => [access(ev, 1, "C:\\Windows\\notepad.exe", "0x1010")],
      [],
    ],
    [
      "csrss starting threads",
      "C:\\Windows\\System32\\csrss.exe",
      (ev) => [thread(ev, 1, guid(0x77), "C:\\x.exe")],
      [],
    ],
    ["a thread in itself", "C:\\Temp\\x.exe", (ev) => [thread(ev, 1, key, "C:\\Temp\\x.exe")], []],
  ];
  for (const [name, image, events, want] of cases)
    it(name, () => assert.deepEqual(detectorsOf(run(image, events)), want));

  it("counts every access, cites each, gives the masks", () => {
    const [h] = run("C:\\Temp\\m.exe", (ev) => [
      access(ev, 1, LSASS, "0x1010"),
      access(ev, 2, LSASS, "0x1410"),
    ]);
    assert.equal(h.evidenceCount, 2);
    assert.equal(h.evidence.length, 2);
    assert.equal(h.details.grantedAccess, "0x1010,0x1410");
    assert.deepEqual(h.attack, ["T1003.001"]);
  });

  it("a remote thread from an installed program is low", () => {
    const [h] = run("C:\\Program Files\\Debugger\\dbg.exe", (ev) => [thread(ev, 1, guid(0x77), "C:\\x.exe")]);
    assert.equal(h.severity, "low");
  });
});
