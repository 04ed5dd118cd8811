/**
 * A ready-made EVTX file for decoder tests: every BinXML token and every value type (and array
 * form), in the record layouts Windows writes and a few it could. Input: options (records per
 * chunk). Output: the file bytes plus, per record, what a decoder should give (System, section,
 * EventData/UserData fields, written time) and text its XML rendering should contain.
 *
 * Records (ids 1–8, three per chunk by default, so names and templates are re-inlined per chunk):
 * 1. every value type and array, Windows layout (System template + BinXml nested EventData);
 * 2. the same layout again (both templates referenced by offset), edge values, System optionals absent;
 * 3. a Security 4688 event with EventData inline in the outer template;
 * 4. UserData through a BinXml nested template;
 * 5. a plain element tree: CDATA, character and entity references (in content and attributes),
 *    a processing instruction, multi-token text, unnamed `<Data>`;
 * 6. a BinXml value holding an element (with fragment header) instead of a template;
 * 7. a BinXml value holding a template instance preceded by a fragment header;
 * 8. optional substitutions with Null values — the element (content) or attribute is omitted —
 *    and a Null value with 16 bytes of padding in a normal substitution (decoded as null).
 */
import type { FieldValue } from "../../events/field-value.js";
import {
  type ElementNode,
  cdata,
  charRef,
  element,
  entityRef,
  optionalSub,
  pi,
  sub,
  templateInstance,
  text,
} from "./binxml-node.js";
import { type EvtxRecordInput, writeEvtx } from "./evtx-writer.js";
import { type ExpectedRecord, expectedWindowsEvent } from "./expected-record.js";
import { expectedValue } from "./expected-value.js";
import { securityEventInput } from "./security-event.js";
import type { EvtxValue } from "./value-types.js";
import {
  EVENT_NAMESPACE,
  type WindowsEventInput,
  windowsEvent,
  windowsEventElement,
  windowsEventTemplate,
} from "./windows-event.js";

/** One value of the every-type table: its `<Data Name>`, the written value, the decoded value. */
export interface FixtureValue {
  readonly name: string;
  readonly value: EvtxValue;
  readonly expected: FieldValue;
}

/** One record of the fixture and what a decoder should make of it. */
export interface EvtxFixtureRecord {
  readonly description: string;
  /** The record as given to the writer (to write it alone or with others) */
  readonly record: EvtxRecordInput;
  readonly expected: ExpectedRecord;
  /** Substrings the record's XML rendering should contain */
  readonly xmlIncludes: readonly string[];
}

export interface EvtxFixture {
  readonly bytes: Buffer;
  readonly records: readonly EvtxFixtureRecord[];
  /** The every-type table of record 1 */
  readonly values: readonly FixtureValue[];
}

export interface EvtxFixtureOptions {
  /** Default 3 (three chunks) */
  readonly maxRecordsPerChunk?: number;
}

const G1 = "{6F1D2A3B-4C5D-4E6F-8091-A2B3C4D5E6F7}";
const G2 = "{00000000-0000-0000-C000-000000000046}";

/** Every scalar type and every array type, named after the type. */
export function everyTypeValues(): FixtureValue[] {
  const v: [string, EvtxValue][] = [
    ["String", { type: "String", value: "Grüße, 世界 <&>" }],
    ["AnsiString", { type: "AnsiString", value: "ANSI text \u00e9" }],
    ["Int8", { type: "Int8", value: -128 }],
    ["UInt8", { type: "UInt8", value: 255 }],
    ["Int16", { type: "Int16", value: -32768 }],
    ["UInt16", { type: "UInt16", value: 65535 }],
    ["Int32", { type: "Int32", value: -2147483648 }],
    ["UInt32", { type: "UInt32", value: 4294967295 }],
    ["Int64", { type: "Int64", value: -9007199254740993n }],
    ["UInt64", { type: "UInt64", value: 18446744073709551615n }],
    ["Real32", { type: "Real32", value: 1.5 }],
    ["Real64", { type: "Real64", value: -1234.5678 }],
    ["Bool", { type: "Bool", value: true }],
    ["Binary", { type: "Binary", value: Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x0a]) }],
    ["Guid", { type: "Guid", value: G1 }],
    ["SizeT", { type: "SizeT", value: 0x7ff6a1b20000n }],
    ["SizeT32", { type: "SizeT", value: 0x1a2b, width: 4 }],
    ["FileTime", { type: "FileTime", value: "2024-01-02T03:04:05.1234567Z" }],
    ["SysTime", { type: "SysTime", value: "2024-02-29T23:59:58.999Z" }],
    ["Sid", { type: "Sid", value: "S-1-5-21-3623811015-3361044348-30300820-1013" }],
    ["HexInt32", { type: "HexInt32", value: 0x1fffff }],
    ["HexInt64", { type: "HexInt64", value: 0x3e7n }],
    ["EvtHandle", { type: "EvtHandle", value: 0x2a4n }],
    ["EvtXml", { type: "EvtXml", value: "<Param>1</Param>" }],
    ["Null", { type: "Null" }],
    ["StringArray", { type: "String", array: true, value: ["first", "", "third"] }],
    ["AnsiStringArray", { type: "AnsiString", array: true, value: ["a", "bc"] }],
    ["Int8Array", { type: "Int8", array: true, value: [-1, 0, 127] }],
    ["UInt8Array", { type: "UInt8", array: true, value: [0, 1, 255] }],
    ["Int16Array", { type: "Int16", array: true, value: [-2, 300] }],
    ["UInt16Array", { type: "UInt16", array: true, value: [445, 3389, 5985] }],
    ["Int32Array", { type: "Int32", array: true, value: [-70000, 70000] }],
    ["UInt32Array", { type: "UInt32", array: true, value: [1, 4000000000] }],
    ["Int64Array", { type: "Int64", array: true, value: [-1n, 9007199254740993n] }],
    ["UInt64Array", { type: "UInt64", array: true, value: [0n, 18446744073709551615n] }],
    ["Real32Array", { type: "Real32", array: true, value: [0.25, -8] }],
    ["Real64Array", { type: "Real64", array: true, value: [0.1, 1e300] }],
    ["BoolArray", { type: "Bool", array: true, value: [true, false] }],
    ["GuidArray", { type: "Guid", array: true, value: [G1, G2] }],
    ["SizeTArray", { type: "SizeT", array: true, value: [0n, 0x10n] }],
    [
      "FileTimeArray",
      { type: "FileTime", array: true, value: ["1601-01-01T00:00:00Z", "2026-03-02T09:14:03.5Z"] },
    ],
    ["SysTimeArray", { type: "SysTime", array: true, value: ["2026-03-02T09:14:03.250Z"] }],
    ["SidArray", { type: "Sid", array: true, value: ["S-1-5-18", "S-1-5-32-544"] }],
    ["HexInt32Array", { type: "HexInt32", array: true, value: [0x0, 0x1fffff] }],
    ["HexInt64Array", { type: "HexInt64", array: true, value: [0x3e7n, 0xffffffffffffffffn] }],
  ];
  return v.map(([name, value]) => ({ name, value, expected: expectedValue(value) ?? null }));
}

function edgeValues(): EvtxValue[] {
  return everyTypeValues().map(({ value }): EvtxValue => {
    if ("array" in value && value.array === true) return value;
    switch (value.type) {
      case "String":
        return { type: "String", value: "" };
      case "Int8":
        return { type: "Int8", value: 127 };
      case "UInt32":
        return { type: "UInt32", value: 0 };
      case "Int64":
        return { type: "Int64", value: 42n };
      case "Bool":
        return { type: "Bool", value: false };
      case "Binary":
        return { type: "Binary", value: new Uint8Array(0) };
      case "FileTime":
        return { type: "FileTime", value: "1999-12-31T23:59:59.9999999Z" };
      default:
        return value;
    }
  });
}

const BASE: WindowsEventInput = {
  providerName: "Mikiwame-Fixture",
  providerGuid: "{0B0A0908-0706-0504-0302-010000000001}",
  eventId: 4242,
  timeCreated: "2026-03-02T09:14:03.1234567Z",
  channel: "Mikiwame/Fixture",
  computer: "FIXTURE-HOST",
};

function fromInput(
  description: string,
  input: WindowsEventInput,
  id: bigint,
  xmlIncludes: string[] = [],
): EvtxFixtureRecord {
  return {
    description,
    record: windowsEvent({ ...input, recordId: id }),
    expected: expectedWindowsEvent(input, id),
    xmlIncludes,
  };
}

/** A windows event whose BinXml payload value is replaced (same outer template). */
function withPayload(
  description: string,
  input: WindowsEventInput,
  id: bigint,
  payload: (id: bigint) => EvtxValue,
  /** A literal (element) payload decodes to text, like the "plain" encoding */
  literalPayload = false,
): EvtxFixtureRecord {
  const root = windowsEventTemplate(input, id);
  const values = [...root.values.slice(0, -1), payload(id)];
  return {
    description,
    record: { root: templateInstance(root.template, values), writtenTime: input.timeCreated, recordId: id },
    expected: expectedWindowsEvent(literalPayload ? { ...input, encoding: "plain" } : input, id),
    xmlIncludes: [],
  };
}

function plainTokensRecord(id: bigint): EvtxFixtureRecord {
  const input: WindowsEventInput = { ...BASE, eventId: 5, level: 4, encoding: "plain" };
  const system = windowsEventElement(input, id).children![0]!;
  const data = element("EventData", {}, [
    element("Data", { Name: "Mixed" }, [text("a"), entityRef("amp"), text("b"), charRef(60), text("c")]),
    element("Data", { Name: "CData" }, [cdata("x < y & z")]),
    element("Data", { Name: [text("Esc"), entityRef("amp"), charRef(0x41)] }, [text("attr refs")]),
    element("Data", { Name: "Split" }, [text("one "), text("two "), text("three")]),
    element("Data", {}, [text("unnamed 1")]),
    element("Data", {}, [text("unnamed 2")]),
  ]);
  const root = element("Event", { xmlns: EVENT_NAMESPACE }, [
    system,
    pi("mikiwame-pi", "fixture data"),
    data,
  ]);
  const expected: ExpectedRecord = {
    ...expectedWindowsEvent({ ...input, eventData: {} }, id),
    data: {
      Mixed: "a&b<c",
      CData: "x < y & z",
      "Esc&A": "attr refs",
      Split: "one two three",
      Data: ["unnamed 1", "unnamed 2"],
    },
  };
  return {
    description:
      "plain element tree: CDATA, char/entity refs in content and attributes, PI, split text, unnamed Data",
    record: { root, writtenTime: input.timeCreated, recordId: id },
    expected,
    xmlIncludes: ["<?mikiwame-pi fixture data?>", "<![CDATA[x < y & z]]>"],
  };
}

function optionalNullRecord(id: bigint): EvtxFixtureRecord {
  const input: WindowsEventInput = { ...BASE, eventId: 8, encoding: "plain" };
  const system = windowsEventElement(input, id).children![0] as ElementNode;
  const tree = element("Event", { xmlns: EVENT_NAMESPACE }, [
    system,
    element("EventData", {}, [
      element("Data", { Name: "Omitted" }, [optionalSub(0, "String")]),
      element("Data", { Name: "Padded" }, [sub(1, "Guid")]),
      element("Data", { Name: "AttrNull", Extra: optionalSub(2, "String") }, [text("text")]),
      element("Data", { Name: "Present" }, [optionalSub(3, "UInt32")]),
    ]),
  ]);
  const def = { guid: "{5A5A5A5A-0000-4000-8000-000000000008}", root: tree };
  const values: EvtxValue[] = [
    { type: "Null" },
    { type: "Null", size: 16 },
    { type: "Null" },
    { type: "UInt32", value: 7 },
  ];
  const expected: ExpectedRecord = {
    ...expectedWindowsEvent({ ...input, eventData: {} }, id),
    // An optional substitution holding Null drops the element from the XML rendering (libevtx, the
    // element's dependency id); in the field map the field stays, with no value (null), as evtx_dump
    // gives it — "present but empty" is what an analyst sees in Event Viewer's form view.
    data: { Omitted: null, Padded: null, AttrNull: "text", Present: 7 },
  };
  return {
    description:
      "optional substitutions with Null (element / attribute omitted); padded Null in a normal substitution",
    record: { root: templateInstance(def, values), writtenTime: input.timeCreated, recordId: id },
    expected,
    xmlIncludes: [],
  };
}

/** The fixture's records (ids 1–8) with their expectations, to write alone or in other files. */
export function fixtureRecords(): EvtxFixtureRecord[] {
  const values = everyTypeValues();
  const full: WindowsEventInput = {
    ...BASE,
    eventSourceName: "MikiwameFixtureSource",
    qualifiers: 16384,
    version: 3,
    level: 2,
    task: 100,
    opcode: 11,
    keywords: 0x8000000000000010n,
    activityId: "{A1A2A3A4-B1B2-C1C2-D1D2-D3D4D5D6D7D8}",
    relatedActivityId: "{F1F2F3F4-E1E2-D1D2-C1C2-B3B4B5B6B7B8}",
    processId: 2284,
    threadId: 5252,
    userId: "S-1-5-21-1004336348-1177238915-682003330-512",
    eventData: values.map((f) => ({ name: f.name, value: f.value })),
  };
  const edge = edgeValues();
  const second: WindowsEventInput = {
    ...BASE,
    timeCreated: "2026-03-02T09:14:04Z",
    eventSourceName: "MikiwameFixtureSource",
    eventData: values.map((f, i) => ({ name: f.name, value: edge[i]! })),
  };
  const security = securityEventInput(
    4688,
    "2026-03-02T09:14:05.5Z",
    {
      SubjectUserSid: "S-1-5-18",
      SubjectUserName: "WS-SALES-07$",
      SubjectDomainName: "CORP",
      SubjectLogonId: 0x3e7n,
      NewProcessId: 0x1a2c,
      NewProcessName: "C:\\Windows\\System32\\cmd.exe",
      TokenElevationType: "%%1938",
      ProcessId: 0x1200,
      CommandLine: "cmd.exe /c whoami",
      TargetUserSid: "S-1-0-0",
      TargetUserName: "-",
      TargetDomainName: "-",
      TargetLogonId: 0x0,
      ParentProcessName: "C:\\Windows\\explorer.exe",
      MandatoryLabel: "S-1-16-8192",
    },
    { computer: "FIXTURE-HOST", encoding: "inline" },
  );
  const userData: WindowsEventInput = {
    ...BASE,
    eventId: 4,
    userData: {
      name: "EventXML",
      xmlns: "Mikiwame-Fixture-Ns",
      fields: { param1: "WmiApRpl", binaryDataSize: { type: "UInt32", value: 4 }, binaryData: "44415441" },
    },
  };
  const elementPayload: WindowsEventInput = {
    ...BASE,
    eventId: 6,
    eventData: { Via: "element in BinXml", Count: { type: "UInt16", value: 3 } },
  };
  const headerPayload: WindowsEventInput = {
    ...BASE,
    eventId: 7,
    eventData: { Via: "template after fragment header" },
  };

  return [
    fromInput("every value type and array; Windows layout with BinXml nested EventData", full, 1n, [
      '<Data Name="String">',
    ]),
    fromInput("same layout again (templates referenced), edge values, System optionals absent", second, 2n),
    fromInput("Security 4688 with EventData inline in the outer template", security, 3n),
    fromInput("UserData through a BinXml nested template", userData, 4n, [
      '<EventXML xmlns="Mikiwame-Fixture-Ns">',
    ]),
    plainTokensRecord(5n),
    withPayload(
      "BinXml value holding an element (fragment header + EOF); its values are literal text",
      elementPayload,
      6n,
      (id) => ({
        type: "BinXml",
        value: windowsEventElement({ ...elementPayload, encoding: "plain" }, id).children![1] as ElementNode,
      }),
      true,
    ),
    withPayload("BinXml value: fragment header before a template instance", headerPayload, 7n, (id) => {
      const nested = windowsEventTemplate(headerPayload, id).values.at(-1)!;
      return { ...nested, fragmentHeader: true } as EvtxValue;
    }),
    optionalNullRecord(8n),
  ];
}

/** Builds the fixture file and its expectations. */
export function buildEvtxFixture(options: EvtxFixtureOptions = {}): EvtxFixture {
  const records = fixtureRecords();
  const bytes = writeEvtx(
    records.map((r) => r.record),
    { maxRecordsPerChunk: options.maxRecordsPerChunk ?? 3 },
  );
  return { bytes, records, values: everyTypeValues() };
}
