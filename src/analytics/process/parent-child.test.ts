import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parentChildDetector, serviceChildAnomaly } from "./parent-child.js";
import { EventFactory, detectorsOf, guid, hitsOn } from "./process-events.test.support.js";

const WORD = "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE";
const OUTLOOK = "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE";
const CHROME = "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe";
const SERVICES = "C:\\Windows\\System32\\services.exe";
const EXPLORER = "C:\\Windows\\explorer.exe";

describe("parent/child detector", () => {
  const parent = guid(0x10);
  const child = guid(0x20);
  const run = (parentImage: string, childImage: string) => {
    const ev = new EventFactory();
    return hitsOn(
      parentChildDetector,
      [ev.start(1, parent, parentImage), ev.start(2, child, childImage, parent)],
      child,
    );
  };
  const cases: [string, string, string, string[]][] = [
    [
      "Word → PowerShell",
      WORD,
      "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
      ["process.suspicious-parent"],
    ],
    ["Outlook → wscript", OUTLOOK, "C:\\Windows\\System32\\wscript.exe", ["process.suspicious-parent"]],
    ["Chrome → cmd", CHROME, "C:\\Windows\\System32\\cmd.exe", ["process.suspicious-parent"]],
    ["services → cmd", SERVICES, "C:\\Windows\\System32\\cmd.exe", ["process.unusual-service-child"]],
    ["services → PSEXESVC", SERVICES, "C:\\Windows\\PSEXESVC.exe", ["process.unusual-service-child"]],
    ["services → binary in Temp", SERVICES, "C:\\Windows\\Temp\\svc.exe", ["process.unusual-service-child"]],
    [
      "services → random name in Windows root",
      SERVICES,
      "C:\\Windows\\aXbTqZ.exe",
      ["process.unusual-service-child"],
    ],
    // misses
    ["Word → Excel", WORD, "C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE", []],
    ["explorer → cmd", EXPLORER, "C:\\Windows\\System32\\cmd.exe", []],
    ["services → svchost", SERVICES, "C:\\Windows\\System32\\svchost.exe", []],
    ["services → Program Files service", SERVICES, "C:\\Program Files\\Vendor\\agent.exe", []],
    [
      "services → Defender platform",
      SERVICES,
      "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18\\MsMpEng.exe",
      [],
    ],
    ["services → Sysmon in Windows root", SERVICES, "C:\\Windows\\Sysmon64.exe", []],
    ["services → TrustedInstaller", SERVICES, "C:\\Windows\\servicing\\TrustedInstaller.exe", []],
  ];
  for (const [name, p, c, want] of cases) it(name, () => assert.deepEqual(detectorsOf(run(p, c)), want));

  it("cites the child's and the parent's creation; stage and techniques per case", () => {
    const [h] = run(WORD, "C:\\Windows\\System32\\cmd.exe");
    assert.equal(h.evidence.length, 2);
    assert.equal(h.stage, "exploitation");
    assert.ok(h.attack.includes("T1204.002"));
    const [psexec] = run(SERVICES, "C:\\Windows\\PSEXESVC.exe");
    assert.equal(psexec.stage, "lateral_movement");
    assert.equal(psexec.severity, "high");
    const [temp] = run(SERVICES, "C:\\Windows\\Temp\\svc.exe");
    assert.equal(temp.severity, "medium");
  });

  it("uses the creation event's ParentImage when the parent is not tracked (Security 4688)", () => {
    const ev = new EventFactory("H");
    const hits = hitsOn(
      parentChildDetector,
      [ev.security4688(1, 200, "C:\\Windows\\System32\\cmd.exe", 999, { ParentImage: WORD })],
      `H|200|${ev.at(1)}`,
    );
    assert.deepEqual(detectorsOf(hits), ["process.suspicious-parent"]);
  });

  it("serviceChildAnomaly kinds", () => {
    assert.equal(serviceChildAnomaly("C:\\Windows\\PAExec-1234-HOST.exe", 8)?.kind, "remote-execution");
    assert.equal(serviceChildAnomaly("C:\\Windows\\System32\\cmd.exe", 8)?.kind, "shell");
    assert.equal(serviceChildAnomaly("C:\\AtomicRedTeam\\svc.exe", 8)?.kind, "folder");
    assert.equal(serviceChildAnomaly("C:\\Windows\\System32\\spoolsv.exe", 8), undefined);
  });
});
