import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import type { JsonRecord } from "../readers/record.js";
import { detectJsonShape, type JsonShape } from "./json-shape.js";
import { createNormalizer, type Normalizer } from "./normalizer.js";

const SYSMON = "Microsoft-Windows-Sysmon/Operational";

function rec(value: Record<string, unknown>, line = 1, file = "export.json"): JsonRecord {
  return { kind: "json", provenance: { file, format: "json", line }, value };
}

function norm(value: Record<string, unknown>, normalizer: Normalizer = createNormalizer()) {
  const diagnostics = new Diagnostics();
  const event = normalizer.normalize(rec(value), diagnostics);
  assert.ok(event, "an event");
  return { event, diagnostics };
}

const winlogbeatSysmon = {
  "@timestamp": "2020-10-23T07:12:04.351Z",
  host: { name: "ws5.shire.local" },
  event: { code: "1", kind: "event", provider: "Microsoft-Windows-Sysmon" },
  winlog: {
    channel: SYSMON,
    event_id: 1,
    provider_name: "Microsoft-Windows-Sysmon",
    computer_name: "WORKSTATION5",
    record_id: 5402081,
    process: { pid: 3312, thread: { id: 4012 } },
    user: { identifier: "S-1-5-18" },
    event_data: {
      Image: "C:\\Users\\wardog\\Desktop\\PurpleSharp.exe",
      ProcessId: "8972",
      ParentProcessId: "4840",
      ParentImage: "C:\\Windows\\System32\\cmd.exe",
      CommandLine: "PurpleSharp.exe  /t T1055.002",
      IntegrityLevel: "High",
      User: "WORKSTATION5\\wardog",
    },
  },
};

const dottedSecurity4688 = {
  "@timestamp": "2020-10-23T07:12:04.346Z",
  "winlog.channel": "Security",
  "winlog.event_id": "4688",
  "winlog.provider_name": "Microsoft-Windows-Security-Auditing",
  "winlog.computer_name": "WORKSTATION5",
  "winlog.record_id": "77",
  "winlog.event_data.NewProcessName": "C:\\Users\\wardog\\Desktop\\PurpleSharp.exe",
  "winlog.event_data.NewProcessId": "0x230c",
  "winlog.event_data.ProcessId": "0x12e8",
  "winlog.event_data.ParentProcessName": "C:\\Windows\\System32\\cmd.exe",
  "winlog.event_data.CommandLine": "PurpleSharp.exe  /t T1055.002",
  "winlog.event_data.MandatoryLabel": "S-1-16-12288",
  "winlog.event_data.SubjectUserName": "wardog",
  "winlog.event_data.SubjectDomainName": "WORKSTATION5",
  "winlog.event_data.TargetUserName": "-",
};

const otrfSysmon1 = {
  "@timestamp": "2020-10-23T03:12:04.351Z",
  TimeCreated: "2020-10-23T03:12:04.351Z",
  Hostname: "WORKSTATION5",
  Channel: SYSMON,
  EventID: 1,
  SourceName: "Microsoft-Windows-Sysmon",
  Level: "4",
  Task: "1",
  Keywords: "0x8000000000000000",
  ProviderGuid: "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}",
  Image: "C:\\Users\\wardog\\Desktop\\PurpleSharp.exe",
  ProcessId: "8972",
  ParentProcessId: "4840",
  ParentImage: "C:\\Windows\\System32\\cmd.exe",
  CommandLine: "PurpleSharp.exe  /t T1055.002",
  IntegrityLevel: "High",
  User: "WORKSTATION5\\wardog",
};

const otrf4688 = {
  "@timestamp": "2020-10-23T03:12:04.346Z",
  TimeCreated: "2020-10-23T03:12:04.346Z",
  Hostname: "WORKSTATION5",
  Channel: "Security",
  EventID: 4688,
  SourceName: "Microsoft-Windows-Security-Auditing",
  NewProcessId: "0x230c",
  NewProcessName: "C:\\Users\\wardog\\Desktop\\PurpleSharp.exe",
  ProcessId: "0x12e8",
  ParentProcessName: "C:\\Windows\\System32\\cmd.exe",
  CommandLine: "PurpleSharp.exe  /t T1055.002",
  MandatoryLabel: "S-1-16-12288",
  SubjectUserName: "wardog",
  SubjectDomainName: "WORKSTATION5",
  TargetUserName: "-",
  TargetDomainName: "-",
};

const nxlogSecurity = {
  "@timestamp": "2020-10-12T22:32:52.980Z",
  Channel: "security",
  EventID: 5158,
  SourceName: "Microsoft-Windows-Security-Auditing",
  Hostname: "WORKSTATION5.theshire.local",
  host: "wec.internal.cloudapp.net",
  EventTime: "2020-10-12 18:32:50",
  ExecutionProcessID: 4,
  ThreadID: 5556,
  RecordNumber: 100604,
  OpcodeValue: 0,
  Opcode: "Info",
  ProcessId: "3448",
  SourcePort: "50109",
};

const evtxDump = {
  Event: {
    "#attributes": { xmlns: "http://schemas.microsoft.com/win/2004/08/events/event" },
    System: {
      Provider: {
        "#attributes": { Name: "Service Control Manager", Guid: "{555908d1-a6d7-4695-8e1e-26931d2012f4}" },
      },
      EventID: { "#attributes": { Qualifiers: 16384 }, "#text": 7045 },
      Version: 0,
      Level: 4,
      Task: 0,
      Opcode: 0,
      Keywords: "0x8080000000000000",
      TimeCreated: { "#attributes": { SystemTime: "2025-11-27T07:40:10.165324Z" } },
      EventRecordID: 571146,
      Execution: { "#attributes": { ProcessID: 700, ThreadID: 4272 } },
      Channel: "System",
      Computer: "dc01",
      Security: { "#attributes": { UserID: "S-1-5-21-1-2-3-500" } },
    },
    EventData: {
      ServiceName: "evil",
      ImagePath: "C:\\evil.exe",
      ServiceType: { "#text": "user mode service" },
    },
  },
};

const evtxDumpUserData = {
  Event: {
    System: {
      Provider: { "#attributes": { Name: "Microsoft-Windows-WMI-Activity" } },
      EventID: 5858,
      TimeCreated: { "#attributes": { SystemTime: "2025-11-27T07:40:10.1Z" } },
      EventRecordID: 9,
      Channel: "Microsoft-Windows-WMI-Activity/Operational",
      Computer: "ws1",
    },
    UserData: {
      Operation_ClientFailure: {
        "#attributes": { xmlns: "http://manifests.microsoft.com/win/2006/windows/WMI" },
        Id: "{00000000-0000-0000-0000-000000000000}",
        ClientMachine: "WS1",
        Operation: "Start IWbemServices::ExecQuery",
      },
    },
  },
};

const legacyBeatClassic = {
  "@timestamp": "2019-05-18T20:36:48.988Z",
  computer_name: "HR001.shire.com",
  event_id: 800,
  log_name: "Windows PowerShell",
  source_name: "PowerShell",
  record_number: "100759",
  level: "Information",
  host: { name: "WECserver" },
  event_data: { param1: "Start-Sleep -Seconds 5", param2: "\tHostName=ConsoleHost\n", param3: "x" },
};

const defendProcess = {
  "@timestamp": "2023-03-01T10:00:00.123456Z",
  event: { category: ["process"], type: ["start"], kind: "event", dataset: "endpoint.events.process" },
  host: { name: "ws9", os: { type: "windows" } },
  user: { name: "alice", domain: "CORP" },
  process: {
    executable: "C:\\Windows\\System32\\rundll32.exe",
    command_line: "rundll32.exe evil.dll,Start",
    pid: 4242,
    entity_id: "abc",
    hash: { sha256: "AA11", md5: "BB22" },
    parent: { executable: "C:\\Windows\\explorer.exe", pid: 1000, command_line: "explorer.exe" },
    Ext: { token: { integrity_level_name: "high" } },
  },
};

const defendDns = {
  "@timestamp": "2023-03-01T10:00:01Z",
  event: { category: "network", type: ["protocol"], kind: "event" },
  host: { name: "ws9", os: { type: "windows" } },
  dns: { question: { name: "evil.example" } },
  process: { executable: "C:\\x.exe", pid: 7 },
};

describe("detectJsonShape", () => {
  const rows: readonly [string, Record<string, unknown>, JsonShape][] = [
    ["Winlogbeat nested", winlogbeatSysmon, "winlogbeat"],
    ["Winlogbeat dotted keys", dottedSecurity4688, "winlogbeat"],
    ["OTRF flat", otrfSysmon1, "flat-windows"],
    ["nxlog flat", nxlogSecurity, "flat-windows"],
    [
      "Sentinel row",
      { TimeGenerated: "2021-08-02T13:05:32.77Z", EventLog: "System", Computer: "A", EventID: 7 },
      "flat-windows",
    ],
    ["evtx_dump", evtxDump, "evtx-json"],
    ["Winlogbeat 6", legacyBeatClassic, "winlogbeat-legacy"],
    ["Elastic Defend", defendProcess, "ecs"],
    ["dotted ECS", { "event.category": "process", "@timestamp": "2023-01-01T00:00:00Z" }, "ecs"],
    ["something else", { TenantId: "x", OperationName: "y" }, "unknown"],
  ];
  for (const [name, value, shape] of rows) test(name, () => assert.equal(detectJsonShape(value), shape));
});

const SAME = [
  "Image",
  "ParentImage",
  "CommandLine",
  "ProcessId",
  "ParentProcessId",
  "IntegrityLevel",
  "User",
] as const;

function sameProcess(a: Event, b: Event): void {
  for (const name of SAME) assert.deepEqual(a.fields[name], b.fields[name], name);
  assert.equal(a.logsource.category, "process_creation");
  assert.equal(b.logsource.category, "process_creation");
}

describe("Winlogbeat / Elastic Agent", () => {
  test("nested winlog: System fields, event_data, logsource, time, host", () => {
    const { event, diagnostics } = norm(winlogbeatSysmon);
    assert.equal(diagnostics.total, 0);
    assert.equal(event.host, "WORKSTATION5");
    assert.deepEqual(event.identity, {
      provider: "Microsoft-Windows-Sysmon",
      channel: SYSMON,
      eventId: 1,
      recordId: 5402081,
    });
    assert.deepEqual(event.logsource, {
      product: "windows",
      service: "sysmon",
      category: "process_creation",
      categories: ["process_creation"],
    });
    assert.equal(event.time?.iso, "2020-10-23T07:12:04.351Z");
    assert.equal(event.fields.ProcessId, 8972, "Sysmon integer fields are numbers like in EVTX");
    assert.equal(event.fields.ProcessID, 3312);
    assert.equal(event.fields.UserID, "S-1-5-18");
  });
  test("dotted keys 4688 matches the nested Sysmon 1", () => {
    const { event, diagnostics } = norm(dottedSecurity4688);
    assert.equal(diagnostics.total, 0);
    assert.equal(event.identity.recordId, 77);
    sameProcess(norm(winlogbeatSysmon).event, event);
  });
  test("Winlogbeat 6: classic PowerShell params become Data", () => {
    const { event, diagnostics } = norm(legacyBeatClassic);
    assert.equal(diagnostics.total, 0);
    assert.equal(event.host, "HR001.shire.com");
    assert.equal(event.identity.recordId, 100759);
    assert.equal(event.logsource.category, "ps_classic_script");
    assert.equal(event.logsource.service, "powershell-classic");
    assert.deepEqual(event.fields.Data, ["Start-Sleep -Seconds 5", "\tHostName=ConsoleHost\n", "x"]);
  });
});

describe("flat Windows exports (OTRF, nxlog)", () => {
  test("OTRF Sysmon 1 and OTRF 4688 of the same activity agree", () => {
    const s = norm(otrfSysmon1);
    const w = norm(otrf4688);
    assert.equal(s.diagnostics.total + w.diagnostics.total, 0);
    sameProcess(s.event, w.event);
    assert.equal(s.event.fields.ProcessId, 8972);
    assert.equal(s.event.fields.Level, 4, "numeric System strings become numbers");
    assert.equal(s.event.fields.Provider_Guid, "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}");
    assert.equal(s.event.fields.Hostname, undefined, "System keys are renamed, not copied twice");
    assert.equal(s.event.fields.Computer, "WORKSTATION5");
  });
  test("nxlog: lower-case channel canonicalised, real host not the collector, UTC @timestamp first", () => {
    const { event } = norm(nxlogSecurity);
    assert.equal(event.identity.channel, "Security");
    assert.equal(event.fields.Channel, "Security");
    assert.equal(event.logsource.service, "security");
    assert.equal(event.host, "WORKSTATION5.theshire.local");
    assert.equal(event.fields.host, "wec.internal.cloudapp.net");
    assert.equal(event.time?.iso, "2020-10-12T22:32:52.980Z");
    assert.equal(event.fields.ProcessID, 4);
    assert.equal(event.fields.Opcode, 0);
    assert.equal(event.fields.ProcessId, "3448", "Security fields are not retyped");
  });
});

describe("evtx_dump JSON", () => {
  test("#attributes and #text unwrapped", () => {
    const { event, diagnostics } = norm(evtxDump);
    assert.equal(diagnostics.total, 0);
    assert.equal(event.identity.eventId, 7045);
    assert.equal(event.identity.provider, "Service Control Manager");
    assert.equal(event.identity.recordId, 571146);
    assert.equal(event.host, "dc01");
    assert.equal(event.logsource.service, "system");
    assert.equal(event.time?.iso, "2025-11-27T07:40:10.165324Z");
    assert.equal(event.fields.ServiceType, "user mode service");
    assert.equal(event.fields.ImagePath, "C:\\evil.exe");
    assert.equal(event.fields.ProcessID, 700);
    assert.equal(event.fields.UserID, "S-1-5-21-1-2-3-500");
    assert.equal(event.fields["#attributes"], undefined);
  });
  test("UserData leaves flattened by element name", () => {
    const { event } = norm(evtxDumpUserData);
    assert.equal(event.fields.ClientMachine, "WS1");
    assert.equal(event.fields.Operation, "Start IWbemServices::ExecQuery");
    assert.equal(event.fields.xmlns, undefined);
    assert.equal(event.logsource.service, "wmi");
  });
});

describe("ECS-only endpoint documents", () => {
  test("process start → Sysmon names and process_creation", () => {
    const { event, diagnostics } = norm(defendProcess);
    assert.equal(diagnostics.total, 0);
    assert.deepEqual(event.logsource, {
      product: "windows",
      category: "process_creation",
      categories: ["process_creation"],
    });
    assert.equal(event.fields.Image, "C:\\Windows\\System32\\rundll32.exe");
    assert.equal(event.fields.CommandLine, "rundll32.exe evil.dll,Start");
    assert.equal(event.fields.ParentImage, "C:\\Windows\\explorer.exe");
    assert.equal(event.fields.ProcessId, 4242);
    assert.equal(event.fields.ParentProcessId, 1000);
    assert.equal(event.fields.User, "CORP\\alice");
    assert.equal(event.fields.IntegrityLevel, "High");
    assert.equal(event.fields.Hashes, "MD5=BB22,SHA256=AA11");
    assert.equal(
      event.fields["process.executable"],
      "C:\\Windows\\System32\\rundll32.exe",
      "ECS names kept too",
    );
    assert.equal(event.host, "ws9");
    assert.equal(event.time?.iso, "2023-03-01T10:00:00.123456Z");
    assert.deepEqual(event.origins?.Image, { from: "process.executable", conversion: "rename" });
  });
  test("network event with a DNS question → dns_query", () => {
    const { event } = norm(defendDns);
    assert.equal(event.logsource.category, "dns_query");
    assert.equal(event.fields.QueryName, "evil.example");
  });
  test("unknown OS leaves product empty", () => {
    const { event } = norm({ ...defendDns, host: { name: "x" } });
    assert.equal(event.logsource.product, undefined);
  });
});

describe("unknown JSON shapes", () => {
  test("best effort, and one warning per file, not per record", () => {
    const n = createNormalizer();
    const diagnostics = new Diagnostics();
    const v = {
      TenantId: "t",
      TimeGenerated: "2021-08-02T13:29:25.983Z",
      Computer2: "x",
      Type: "AuditLogs",
      deep: { a: { b: 1 } },
    };
    const e1 = n.normalize(rec(v, 1, "aad.json"), diagnostics);
    n.normalize(rec(v, 2, "aad.json"), diagnostics);
    n.normalize(rec(v, 1, "other.json"), diagnostics);
    assert.equal(diagnostics.warnings, 2);
    const d = diagnostics.list()[0];
    assert.equal(d.code, "E_NORMALIZE");
    assert.match(d.message, /unknown shape/);
    assert.deepEqual(d.location, { file: "aad.json", line: 1 });
    assert.equal(e1?.time?.iso, "2021-08-02T13:29:25.983Z");
    assert.equal(e1?.identity.channel, "AuditLogs");
    assert.equal(e1?.fields["deep.a.b"], 1);
    assert.deepEqual(e1?.logsource, {});
  });
  test("flattening is bounded", () => {
    const big: Record<string, unknown> = { "@timestamp": "2021-08-02T13:29:25Z" };
    for (let i = 0; i < 5000; i++) big[`k${i}`] = i;
    const diagnostics = new Diagnostics();
    const e = createNormalizer().normalize(rec(big), diagnostics);
    assert.ok(e && Object.keys(e.fields).length <= 2000);
    assert.ok(diagnostics.list().some((d) => /too many fields/.test(d.message) && d.location.line === 1));
  });
});
