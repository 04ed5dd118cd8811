import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import type { Provenance } from "../events/provenance.js";
import type { EvtxRecord, EvtxSystem, JsonRecord, RawRecord } from "../readers/record.js";
import { createNormalizer } from "./normalizer.js";

const SYSMON = "Microsoft-Windows-Sysmon/Operational";
const FILE = "C:/logs/host.evtx";

function evtx(system: Partial<EvtxSystem>, data: Fields, recordId = 42): EvtxRecord {
  return {
    kind: "evtx",
    provenance: { file: FILE, format: "evtx", offset: 0x1200, chunk: 3, recordId },
    system: {
      providerName: "Microsoft-Windows-Sysmon",
      eventId: 1,
      recordId,
      channel: SYSMON,
      computer: "WORKSTATION5",
      timeCreated: "2020-10-23T07:12:04.3512345Z",
      ...system,
    },
    data,
    section: "EventData",
    writtenTime: "2020-10-23T07:12:04.3600000Z",
  };
}

/** The same process start (PurpleSharp from cmd.exe) as Sysmon 1 … */
const sysmon1 = evtx(
  { eventId: 1, processId: 3312, threadId: 4012, userId: "S-1-5-18", level: 4, task: 1, version: 5 },
  {
    RuleName: "-",
    UtcTime: "2020-10-23 07:12:04.346",
    ProcessGuid: "{39e4a257-8244-5f92-c117-000000000700}",
    ProcessId: 8972,
    Image: "C:\\Users\\wardog\\Desktop\\PurpleSharp.exe",
    CommandLine: "PurpleSharp.exe  /t T1055.002",
    User: "WORKSTATION5\\wardog",
    LogonId: "0xc61d9",
    IntegrityLevel: "High",
    ParentProcessId: 4840,
    ParentImage: "C:\\Windows\\System32\\cmd.exe",
  },
);

/** … and as Security 4688 (hex PIDs, mandatory label SID, split user). */
const security4688 = evtx(
  {
    providerName: "Microsoft-Windows-Security-Auditing",
    providerGuid: "{54849625-5478-4994-A5BA-3E3B0328C30D}",
    eventId: 4688,
    channel: "Security",
    keywords: "0x8020000000000000",
  },
  {
    SubjectUserSid: "S-1-5-21-3940915590-64593676-1414006259-500",
    SubjectUserName: "wardog",
    SubjectDomainName: "WORKSTATION5",
    SubjectLogonId: "0xc61d9",
    NewProcessId: "0x230c",
    NewProcessName: "C:\\Users\\wardog\\Desktop\\PurpleSharp.exe",
    TokenElevationType: "%%1936",
    ProcessId: "0x12e8",
    CommandLine: "PurpleSharp.exe  /t T1055.002",
    TargetUserSid: "S-1-0-0",
    TargetUserName: "-",
    TargetDomainName: "-",
    TargetLogonId: "0x0",
    ParentProcessName: "C:\\Windows\\System32\\cmd.exe",
    MandatoryLabel: "S-1-16-12288",
  },
  77,
);

function run(record: RawRecord): { event: Event | undefined; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics();
  const event = createNormalizer().normalize(record, diagnostics);
  return { event, diagnostics };
}

const SHARED = [
  "Image",
  "ParentImage",
  "CommandLine",
  "ProcessId",
  "ParentProcessId",
  "IntegrityLevel",
  "User",
] as const;

describe("Sysmon 1 and Security 4688 are the same thing to rules", () => {
  const a = run(sysmon1);
  const b = run(security4688);
  assert.ok(a.event && b.event);
  const s = a.event;
  const w = b.event;
  for (const name of SHARED) {
    test(name, () => assert.deepEqual(w.fields[name], s.fields[name]));
  }
  test("same logsource category, product, no diagnostics", () => {
    assert.equal(s.logsource.category, "process_creation");
    assert.equal(w.logsource.category, "process_creation");
    assert.equal(s.logsource.product, "windows");
    assert.equal(w.logsource.product, "windows");
    assert.equal(s.logsource.service, "sysmon");
    assert.equal(w.logsource.service, "security");
    assert.equal(a.diagnostics.total + b.diagnostics.total, 0);
  });
  test("4688 values converted: hex PIDs → numbers, SID → integrity, user joined", () => {
    assert.equal(w.fields.ProcessId, 0x230c);
    assert.equal(w.fields.ParentProcessId, 0x12e8);
    assert.equal(w.fields.IntegrityLevel, "High");
    assert.equal(w.fields.User, "WORKSTATION5\\wardog");
    assert.equal(w.fields.LogonId, "0xc61d9");
  });
  test("4688 originals kept for rules written against them", () => {
    assert.equal(w.fields.NewProcessName, "C:\\Users\\wardog\\Desktop\\PurpleSharp.exe");
    assert.equal(w.fields.NewProcessId, "0x230c");
    assert.equal(w.fields.MandatoryLabel, "S-1-16-12288");
    assert.equal(w.fields.TokenElevationType, "%%1936");
  });
  test("origins say where each converted field came from, shared across events", () => {
    assert.deepEqual(w.origins?.ProcessId, { from: "NewProcessId", conversion: "hex-to-int" });
    assert.deepEqual(w.origins?.ParentProcessId, { from: "ProcessId", conversion: "hex-to-int" });
    assert.deepEqual(w.origins?.IntegrityLevel, { from: "MandatoryLabel", conversion: "sid-to-integrity" });
    assert.deepEqual(w.origins?.User, {
      from: "SubjectDomainName\\SubjectUserName",
      conversion: "join-domain-user",
    });
    assert.equal(run(security4688).event?.origins, w.origins);
    assert.ok(Object.isFrozen(w.origins));
    assert.equal(s.origins, undefined);
  });
  test("the target user wins when present", () => {
    const rec = evtx(security4688.system, {
      ...security4688.data,
      TargetUserName: "bob",
      TargetDomainName: "CORP",
    });
    const e = run(rec).event;
    assert.equal(e?.fields.User, "CORP\\bob");
    assert.deepEqual(e?.origins?.User, {
      from: "TargetDomainName\\TargetUserName",
      conversion: "join-domain-user",
    });
  });
});

describe("EVTX System fields and envelope", () => {
  const { event } = run(sysmon1);
  assert.ok(event);
  const rows: readonly [string, unknown][] = [
    ["EventID", 1],
    ["Channel", SYSMON],
    ["Provider_Name", "Microsoft-Windows-Sysmon"],
    ["Computer", "WORKSTATION5"],
    ["EventRecordID", 42],
    ["Level", 4],
    ["Task", 1],
    ["Version", 5],
    ["TimeCreated", "2020-10-23T07:12:04.3512345Z"],
    ["ProcessID", 3312],
    ["ThreadID", 4012],
    ["UserID", "S-1-5-18"],
  ];
  for (const [name, value] of rows) test(name, () => assert.equal(event.fields[name], value));
  test("envelope", () => {
    assert.equal(event.kind, "windows");
    assert.equal(event.host, "WORKSTATION5");
    assert.deepEqual(event.identity, {
      provider: "Microsoft-Windows-Sysmon",
      channel: SYSMON,
      eventId: 1,
      recordId: 42,
    });
    assert.equal(event.time?.iso, "2020-10-23T07:12:04.3512345Z");
    assert.ok(Math.abs((event.time?.ms ?? 0) - (Date.UTC(2020, 9, 23, 7, 12, 4) + 351.2345)) < 0.001);
    assert.equal(event.provenance, sysmon1.provenance);
  });
  test("EventData wins over a System field of the same name (Sysmon 4 Version)", () => {
    const e = run(evtx({ eventId: 4, version: 3 }, { State: "Started", Version: "13.10" })).event;
    assert.equal(e?.fields.Version, "13.10");
    assert.equal(e?.logsource.category, "sysmon_status");
  });
  test("written time is used when TimeCreated is missing", () => {
    const r = run(evtx({ timeCreated: undefined }, {}));
    assert.equal(r.event?.time?.iso, "2020-10-23T07:12:04.3600000Z");
    assert.equal(r.diagnostics.total, 0);
  });
  test("Security 4689 gets Sysmon 5 names", () => {
    const e = run(
      evtx(
        { providerName: "Microsoft-Windows-Security-Auditing", eventId: 4689, channel: "Security" },
        {
          ProcessId: "0x230c",
          ProcessName: "C:\\x.exe",
          SubjectUserName: "wardog",
          SubjectDomainName: "WS5",
        },
      ),
    ).event;
    assert.equal(e?.logsource.category, "process_termination");
    assert.equal(e?.fields.ProcessId, 0x230c);
    assert.equal(e?.fields.Image, "C:\\x.exe");
    assert.equal(e?.fields.User, "WS5\\wardog");
  });
});

describe("bad and odd records give located diagnostics and never throw", () => {
  const loc = { file: FILE, offset: 0x1200, chunk: 3, recordId: "42" };
  const rows: readonly {
    name: string;
    record: unknown;
    kept: boolean;
    severity: "error" | "warning";
    message: RegExp;
    location?: object;
  }[] = [
    {
      name: "EVTX without System",
      record: { ...sysmon1, system: undefined },
      kept: false,
      severity: "error",
      message: /no System section/,
      location: loc,
    },
    {
      name: "EVTX with a missing EventID",
      record: evtx({ eventId: undefined as unknown as number }, {}),
      kept: true,
      severity: "warning",
      message: /no valid EventID/,
      location: loc,
    },
    {
      name: "EVTX data that is not an object",
      record: { ...sysmon1, data: ["a", "b"] },
      kept: true,
      severity: "warning",
      message: /data is not an object \(array\)/,
      location: loc,
    },
    {
      name: "EVTX with no usable time at all",
      record: { ...evtx({ timeCreated: "garbage" }, {}), writtenTime: "" },
      kept: true,
      severity: "warning",
      message: /no usable time/,
      location: loc,
    },
    {
      name: "JSON value that is an array",
      record: { kind: "json", provenance: { file: "a.json", format: "json", line: 7 }, value: [1, 2] },
      kept: false,
      severity: "error",
      message: /an array, not an object/,
      location: { file: "a.json", line: 7 },
    },
    {
      name: "JSON value that is null",
      record: { kind: "json", provenance: { file: "a.json", format: "json", line: 8 }, value: null },
      kept: false,
      severity: "error",
      message: /null, not an object/,
      location: { file: "a.json", line: 8 },
    },
    {
      name: "flat JSON with a missing EventID",
      record: {
        kind: "json",
        provenance: { file: "a.json", format: "json", line: 9 },
        value: { Channel: "Security", Hostname: "H", "@timestamp": "2020-10-23T03:12:00Z" },
      },
      kept: true,
      severity: "warning",
      message: /no valid event id \(missing\)/,
      location: { file: "a.json", line: 9 },
    },
    {
      name: "flat JSON with an EventID of a weird type",
      record: {
        kind: "json",
        provenance: { file: "a.json", format: "json", line: 10 },
        value: { EventID: { x: 1 }, Channel: "Security", "@timestamp": "2020-10-23T03:12:00Z" },
      },
      kept: true,
      severity: "warning",
      message: /no valid event id \(\{"x":1\}\)/,
      location: { file: "a.json", line: 10 },
    },
    {
      name: "Zeek record without fields",
      record: {
        kind: "zeek",
        provenance: { file: "conn.log", format: "zeek", line: 9 },
        path: "conn",
        fields: 5,
      },
      kept: false,
      severity: "error",
      message: /no fields/,
      location: { file: "conn.log", line: 9 },
    },
    {
      name: "unknown record kind",
      record: { kind: "pcap", provenance: { file: "x.pcap", format: "evtx", offset: 16 } },
      kept: false,
      severity: "error",
      message: /unknown record kind "pcap"/,
      location: { file: "x.pcap", offset: 16 },
    },
    { name: "null record", record: null, kept: false, severity: "error", message: /not an object \(null\)/ },
  ];
  for (const row of rows) {
    test(row.name, () => {
      const { event, diagnostics } = run(row.record as RawRecord);
      assert.equal(event !== undefined, row.kept);
      const d = diagnostics.list()[0];
      assert.ok(d, "a diagnostic was reported");
      assert.equal(d.code, "E_NORMALIZE");
      assert.equal(d.severity, row.severity);
      assert.match(d.message, row.message);
      if (row.location) assert.deepEqual(d.location, row.location);
      if (event && /time/.test(row.message.source)) assert.equal(event.time, undefined);
    });
  }

  test("a __proto__ key in data cannot change the prototype of fields", () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}, "Image": "a.exe"}') as Fields;
    const { event } = run(evtx({}, data));
    assert.ok(event);
    assert.equal(Object.getPrototypeOf(event.fields), Object.prototype);
    assert.equal((event.fields as Record<string, unknown>).polluted, undefined);
    assert.equal(event.fields.Image, "a.exe");
  });

  test("a record whose provenance getter throws is reported, not thrown", () => {
    const evil = {
      kind: "json",
      get provenance(): Provenance {
        throw new Error("boom");
      },
      get value(): Record<string, unknown> {
        throw new Error("bad value");
      },
    } as unknown as JsonRecord;
    const diagnostics = new Diagnostics();
    assert.equal(createNormalizer().normalize(evil, diagnostics), undefined);
    const d = diagnostics.list()[0];
    assert.equal(d.code, "E_NORMALIZE");
    assert.match(d.message, /could not be normalized: bad value/);
    assert.deepEqual(d.location, {});
  });
});
