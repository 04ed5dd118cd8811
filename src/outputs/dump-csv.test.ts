import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Event } from "../events/event.js";
import type { EvtxRecord, JsonRecord, ZeekRecord } from "../readers/record.js";
import { CSV_COLUMNS, csvDumpFormatter, flattenFields } from "./dump-csv.js";

const evtx: EvtxRecord = {
  kind: "evtx",
  provenance: { file: "sec.evtx", format: "evtx", offset: 0x1200, chunk: 0, recordId: 18446744073709551615n },
  system: {
    providerName: "Microsoft-Windows-Security-Auditing",
    eventId: 4688,
    recordId: 18446744073709551615n,
    channel: "Security",
    computer: "WS1",
    timeCreated: "2024-01-01T00:00:00.1234567Z",
  },
  data: { NewProcessName: "=cmd|' /C calc'!A0", CommandLine: "a,b" },
  section: "EventData",
  writtenTime: "2024-01-01T00:00:00.0000000Z",
};

describe("CSV dump", () => {
  it("has a fixed header", () => {
    assert.equal(csvDumpFormatter.header, `${CSV_COLUMNS.join(",")}\r\n`);
  });

  it("writes an EVTX record with exact 64-bit ids and neutralised fields", () => {
    const line = csvDumpFormatter.formatRecord(evtx);
    assert.equal(
      line,
      "2024-01-01T00:00:00.1234567Z,WS1,Microsoft-Windows-Security-Auditing,Security,4688,18446744073709551615,,,,evtx,sec.evtx,,4608," +
        '"{""NewProcessName"":""=cmd|\' /C calc\'!A0"",""CommandLine"":""a,b""}"\r\n',
    );
  });

  it("neutralises a formula in a fixed column (host)", () => {
    const hostile: EvtxRecord = { ...evtx, system: { ...evtx.system, computer: "@SUM(1+1)*cmd" } };
    const cells = csvDumpFormatter.formatRecord(hostile)?.split(",") ?? [];
    assert.equal(cells[1], "'@SUM(1+1)*cmd");
  });

  it("flattens nested JSON objects to dotted keys", () => {
    const record: JsonRecord = {
      kind: "json",
      provenance: { file: "a.json", format: "json", line: 3 },
      value: { winlog: { event_data: { Image: "x.exe" }, channel: "Security" }, tags: ["a"], empty: {} },
    };
    assert.deepEqual(flattenFields(record.value), {
      "winlog.event_data.Image": "x.exe",
      "winlog.channel": "Security",
      tags: ["a"],
      empty: {},
    });
    assert.equal(
      csvDumpFormatter.formatRecord(record),
      ',,,,,,,,,json,a.json,3,,"{""winlog.event_data.Image"":""x.exe"",""winlog.channel"":""Security"",""tags"":[""a""],""empty"":{}}"\r\n',
    );
  });

  it("takes time and path from a Zeek record", () => {
    const record: ZeekRecord = {
      kind: "zeek",
      provenance: { file: "conn.log", format: "zeek", line: 9 },
      path: "conn",
      fields: { ts: 1320279566.452, uid: "C1" },
    };
    assert.equal(
      csvDumpFormatter.formatRecord(record),
      '2011-11-03T00:19:26.452Z,,zeek,conn,,,,,,zeek,conn.log,9,,"{""ts"":1320279566.452,""uid"":""C1""}"\r\n',
    );
  });

  it("writes a normalized event with its logsource", () => {
    const event: Event = {
      kind: "windows",
      time: { iso: "2024-01-01T00:00:00.1234567Z", ms: 1704067200123.457 },
      host: "WS1",
      identity: {
        provider: "Microsoft-Windows-Sysmon",
        channel: "Microsoft-Windows-Sysmon/Operational",
        eventId: 1,
      },
      logsource: { product: "windows", service: "sysmon", category: "process_creation" },
      fields: { Image: "-c.exe" },
      provenance: { file: "s.json", format: "json", line: 1 },
    };
    assert.equal(
      csvDumpFormatter.formatEvent(event),
      "2024-01-01T00:00:00.1234567Z,WS1,Microsoft-Windows-Sysmon,Microsoft-Windows-Sysmon/Operational,1,,windows,sysmon,process_creation,json,s.json,1,," +
        '"{""Image"":""-c.exe""}"\r\n',
    );
  });
});
