import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { commandWords, persistenceCommand, registryPersistence } from "./incident-persistence.js";

describe("persistenceCommand", () => {
  const cases = [
    {
      line: 'schtasks /create /tn "Updater" /tr "C:\\u\\x.exe -q" /sc onlogon',
      image: "C:\\Windows\\System32\\schtasks.exe",
      want: { kind: "scheduled-task", target: "Updater", value: "C:\\u\\x.exe -q" },
    },
    {
      line: 'sc.exe create UpdSvc binPath= "C:\\u\\x.exe" start= auto',
      image: "C:\\Windows\\System32\\sc.exe",
      want: { kind: "service", target: "UpdSvc", value: "C:\\u\\x.exe" },
    },
    {
      line: "sc config UpdSvc binpath=C:\\u\\y.exe",
      image: "C:\\Windows\\System32\\sc.exe",
      want: { kind: "service", target: "UpdSvc", value: "C:\\u\\y.exe" },
    },
    {
      line: 'reg add "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run" /v Upd /d "C:\\u\\x.exe" /f',
      image: "C:\\Windows\\System32\\reg.exe",
      want: {
        kind: "run-key",
        target: "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Upd",
        value: "C:\\u\\x.exe",
      },
    },
  ] as const;
  for (const c of cases)
    it(c.line, () => {
      assert.deepEqual(persistenceCommand(c.image, c.line), c.want);
    });

  it("not persistence: schtasks /query, reg add elsewhere, other programs, no command line", () => {
    assert.equal(persistenceCommand("schtasks.exe", "schtasks /query /tn x"), undefined);
    assert.equal(persistenceCommand("reg.exe", 'reg add "HKCU\\Software\\Foo" /v a /d b'), undefined);
    assert.equal(persistenceCommand("cmd.exe", "cmd /c schtasks /create /tn x /tr y"), undefined);
    assert.equal(persistenceCommand("schtasks.exe", undefined), undefined);
  });

  it("commandWords honours quotes and is bounded", () => {
    assert.deepEqual(commandWords('a "b c" d'), ["a", "b c", "d"]);
    assert.equal(commandWords("x ".repeat(10_000)).length, 64);
  });
});

describe("registryPersistence", () => {
  const cases = [
    ["HKU\\S-1\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\Upd", "run-key"],
    ["HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\Userinit", "run-key"],
    ["HKLM\\System\\CurrentControlSet\\Services\\UpdSvc\\ImagePath", "service"],
    [
      "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache\\Tree\\Updater",
      "scheduled-task",
    ],
    ["HKLM\\SOFTWARE\\Classes\\foo", undefined],
  ] as const;
  for (const [target, want] of cases)
    it(`${target} → ${want}`, () => {
      assert.equal(registryPersistence(target), want);
    });
});
