import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eventRole, type FileOperation, fileOperation, type ProcessEventRole } from "./event-role.js";
import { EventFactory } from "./process-events.test.support.js";

const ev = new EventFactory();

describe("eventRole", () => {
  const sysmon: [number, ProcessEventRole][] = [
    [1, "process-start"],
    [3, "network"],
    [5, "process-end"],
    [7, "image-load"],
    [8, "remote-thread"],
    [10, "process-access"],
    [11, "file"],
    [12, "registry"],
    [13, "registry"],
    [14, "registry"],
    [15, "file"],
    [17, "activity"],
    [22, "dns"],
    [23, "file"],
    [26, "file"],
    [29, "file"],
  ];
  for (const [id, role] of sysmon)
    it(`Sysmon ${id} → ${role}`, () =>
      assert.equal(eventRole(ev.sysmon(id, 0, { ProcessGuid: "{x}" })), role));

  it("Security 4688 / 4689 are starts and ends", () => {
    assert.equal(eventRole(ev.security4688(0, 1, "C:\\a.exe", 2)), "process-start");
    assert.equal(eventRole(ev.security4689(0, 1, "C:\\a.exe")), "process-end");
  });

  it("ECS documents are classified by category, whatever their event id", () => {
    const e = ev.windows("endpoint", 0, 0, { ProcessGuid: "abc" }, ["process_creation"]);
    assert.equal(eventRole(e), "process-start");
  });

  it("events about no process have no role", () => {
    assert.equal(eventRole(ev.windows("security", 4624, 0, {}, [])), "none");
    assert.equal(eventRole(ev.windows("powershell", 4104, 0, {}, ["ps_script"])), "none");
    const zeek = { ...ev.windows("conn", 0, 0, {}, ["firewall"]), kind: "network" as const };
    assert.equal(eventRole(zeek), "none");
  });
});

describe("fileOperation", () => {
  const cases: [number, FileOperation][] = [
    [11, "create"],
    [15, "stream"],
    [23, "delete"],
    [26, "delete"],
    [29, "executable"],
  ];
  for (const [id, op] of cases)
    it(`Sysmon ${id} → ${op}`, () =>
      assert.equal(fileOperation(ev.sysmon(id, 0, { TargetFilename: "x" })), op));
});
