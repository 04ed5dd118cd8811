/**
 * External validation: files written here are read by independent EVTX parsers — Debian's
 * `evtxexport` (libevtx 20181227, package libevtx-utils) and `evtx_dump.py` (python-evtx 0.7,
 * package python3-evtx) — and their XML must show the values written. Skipped with a printed
 * reason when a tool is not installed.
 *
 * Known limits of these old tools (not asserted, and kept out of the files they read):
 * - evtxexport: no character references (0x08/0x48), no entity references in attributes or as
 *   the only content, no 0x47 (CDATA followed by more data), no EvtHandle/EvtXml values, no
 *   arrays of Bool/Sid/SizeT, fails on a Null value in a normal substitution; prints negative
 *   integers wrongly (sign-magnitude), SizeT in decimal, HexInt zero-padded, FILETIME with 9
 *   digits, floats as `%e`; renders a CDATA-only element without its tags; reads an element
 *   at the start of a BinXml value without a dependency id (so we write a fragment header).
 * - evtx_dump.py: only template-instance roots; no arrays except String; no EvtHandle/EvtXml;
 *   CDATA lengths misread; optional Null substitutions not omitted; FILETIME rounded to
 *   microseconds, SYSTEMTIME milliseconds shown as microseconds, Binary as base64, GUIDs in
 *   lower case, SizeT in decimal, non-ASCII as character references.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { cdata, element, entityRef, optionalSub, pi, templateInstance, text } from "./binxml-node.js";
import { type EvtxRecordInput, writeEvtx } from "./evtx-writer.js";
import { fixtureRecords } from "./fixtures.js";
import { guidToBytes } from "./guid.js";
import { securityEvent } from "./security-event.js";
import { sysmonEvent } from "./sysmon-event.js";
import type { EvtxValue } from "./value-types.js";
import {
  EVENT_NAMESPACE,
  type WindowsEventInput,
  windowsEvent,
  windowsEventElement,
} from "./windows-event.js";
import { normalizeWindowsTime } from "./windows-time.js";

const dir = mkdtempSync(join(tmpdir(), "mikiwame-evtx-tools-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function tool(cmd: string, args: string[]): string | undefined {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return r.error ? undefined : (r.stdout ?? "") + (r.stderr ?? "");
}

function run(cmd: string, file: string, args: string[]): string {
  const r = spawnSync(cmd, [...args, file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, `${cmd} failed: ${r.stderr}`);
  assert.doesNotMatch(r.stdout + r.stderr, /Unable to export|Traceback/, "the tool read every record");
  return r.stdout;
}

function xmlUnescape(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** One rendered event: its XML text and `<Data Name>` values (repeated names collected). */
interface Rendered {
  readonly xml: string;
  readonly data: Map<string, string[]>;
  tag(name: string): string | undefined;
}

function events(xml: string): Rendered[] {
  return xml
    .split(/<Event[ >]/)
    .slice(1)
    .map((chunk) => {
      const data = new Map<string, string[]>();
      for (const m of chunk.matchAll(/<Data Name="([^"]*)">([^<]*)<\/Data>/g)) {
        const k = xmlUnescape(m[1]!);
        data.set(k, [...(data.get(k) ?? []), xmlUnescape(m[2]!)]);
      }
      return {
        xml: chunk,
        data,
        tag: (name: string) => {
          const m = new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`).exec(chunk);
          return m ? xmlUnescape(m[1]!) : undefined;
        },
      };
    });
}

// ---- what the files hold ------------------------------------------------------------------

/** Scalar and array values every tool here renders; non-negative integers (evtxexport prints negatives wrongly). */
const COMMON_VALUES: [string, EvtxValue][] = [
  ["String", { type: "String", value: "Grüße <&> 世界" }],
  ["AnsiString", { type: "AnsiString", value: "ansi text" }],
  ["Int8", { type: "Int8", value: 100 }],
  ["UInt8", { type: "UInt8", value: 255 }],
  ["Int16", { type: "Int16", value: 30000 }],
  ["UInt16", { type: "UInt16", value: 65535 }],
  ["Int32", { type: "Int32", value: 2000000000 }],
  ["UInt32", { type: "UInt32", value: 4294967295 }],
  ["Int64", { type: "Int64", value: 9007199254740993n }],
  ["UInt64", { type: "UInt64", value: 18446744073709551615n }],
  ["Real32", { type: "Real32", value: 1.5 }],
  ["Real64", { type: "Real64", value: 1234.5 }],
  ["Bool", { type: "Bool", value: true }],
  ["Binary", { type: "Binary", value: Uint8Array.from([0xde, 0xad, 0xbe, 0xef]) }],
  ["Guid", { type: "Guid", value: "{6F1D2A3B-4C5D-4E6F-8091-A2B3C4D5E6F7}" }],
  ["SizeT", { type: "SizeT", value: 0x7ff6a1b20000n }],
  ["FileTime", { type: "FileTime", value: "2024-01-02T03:04:05.1234567Z" }],
  ["SysTime", { type: "SysTime", value: "2024-02-29T23:59:58.999Z" }],
  ["Sid", { type: "Sid", value: "S-1-5-21-3623811015-3361044348-30300820-1013" }],
  ["HexInt32", { type: "HexInt32", value: 0x1fffff }],
  ["HexInt64", { type: "HexInt64", value: 0x3e7n }],
  ["StringArray", { type: "String", array: true, value: ["first", "second"] }],
];

/** Arrays evtxexport renders (as repeated elements). */
const EVTXEXPORT_ARRAYS: [string, EvtxValue][] = [
  ["AnsiStringArray", { type: "AnsiString", array: true, value: ["a", "bc"] }],
  ["UInt8Array", { type: "UInt8", array: true, value: [0, 255] }],
  ["Int16Array", { type: "Int16", array: true, value: [1, 300] }],
  ["UInt16Array", { type: "UInt16", array: true, value: [445, 3389, 5985] }],
  ["UInt32Array", { type: "UInt32", array: true, value: [1, 4000000000] }],
  ["UInt64Array", { type: "UInt64", array: true, value: [0n, 18446744073709551615n] }],
  ["Real64Array", { type: "Real64", array: true, value: [0.5, 1e10] }],
  [
    "GuidArray",
    {
      type: "Guid",
      array: true,
      value: ["{6F1D2A3B-4C5D-4E6F-8091-A2B3C4D5E6F7}", "{00000000-0000-0000-C000-000000000046}"],
    },
  ],
  [
    "FileTimeArray",
    { type: "FileTime", array: true, value: ["1601-01-01T00:00:00Z", "2026-03-02T09:14:03.5Z"] },
  ],
  ["SysTimeArray", { type: "SysTime", array: true, value: ["2026-03-02T09:14:03.250Z"] }],
  ["HexInt32Array", { type: "HexInt32", array: true, value: [0, 0x1fffff] }],
  ["HexInt64Array", { type: "HexInt64", array: true, value: [0x3e7n, 0xffffffffffffffffn] }],
];

const FULL: WindowsEventInput = {
  providerName: "Mikiwame-Tools",
  providerGuid: "{0B0A0908-0706-0504-0302-010000000001}",
  eventId: 4242,
  qualifiers: 16384,
  version: 3,
  level: 2,
  task: 100,
  opcode: 11,
  keywords: 0x8000000000000010n,
  timeCreated: "2026-03-02T09:14:03.1234567Z",
  activityId: "{A1A2A3A4-B1B2-C1C2-D1D2-D3D4D5D6D7D8}",
  processId: 2284,
  threadId: 5252,
  channel: "Mikiwame/Tools",
  computer: "TOOLS-HOST",
  userId: "S-1-5-18",
};

function everyType(values: [string, EvtxValue][], recordId: number): EvtxRecordInput {
  return windowsEvent({ ...FULL, recordId, eventData: values.map(([name, value]) => ({ name, value })) });
}

const BEACONS = 120;
function beacons(firstId: number): EvtxRecordInput[] {
  return Array.from({ length: BEACONS }, (_, i) =>
    sysmonEvent(
      3,
      `2026-03-02T09:${String(15 + Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}.5Z`,
      {
        RuleName: "-",
        UtcTime: "2026-03-02 09:15:00.500",
        ProcessGuid: "{4A1D2C3B-0001-0002-0003-000000000007}",
        ProcessId: 6120,
        Image: "C:\\Users\\tanaka\\AppData\\Roaming\\svcupd.exe",
        Initiated: true,
        DestinationIp: "203.0.113.45",
        DestinationPort: 443,
        SourcePort: 50000 + i,
      },
      { computer: "WS-SALES-07", recordId: firstId + i },
    ),
  );
}

const security = (recordId: number) =>
  securityEvent(
    4688,
    "2026-03-02T09:14:05Z",
    {
      SubjectUserName: "tanaka",
      NewProcessId: 0x1a2c,
      MandatoryLabel: "S-1-16-8192",
      NewProcessName: "C:\\x.exe",
    },
    { computer: "WS-SALES-07", recordId, encoding: "inline" },
  );

/** Plain tokens evtxexport reads: a PI, text + entity reference + text, CDATA alone, split text. */
function plainTokens(recordId: number): EvtxRecordInput {
  const input: WindowsEventInput = { ...FULL, encoding: "plain" };
  const system = windowsEventElement(input, BigInt(recordId)).children![0]!;
  const root = element("Event", { xmlns: EVENT_NAMESPACE }, [
    system,
    pi("mikiwame-pi", "tool data"),
    element("EventData", {}, [
      element("Data", { Name: "Mixed" }, [text("a"), entityRef("amp"), text("b")]),
      element("Data", { Name: "Split" }, [text("one "), text("two")]),
      element("Data", { Name: "CData" }, [cdata("x < y & z")]),
    ]),
  ]);
  return { root, writtenTime: input.timeCreated, recordId };
}

/** Optional Null values: the element and the attribute are left out. */
function optionalNulls(recordId: number): EvtxRecordInput {
  const tree = element("Event", { xmlns: EVENT_NAMESPACE }, [
    element("EventData", {}, [
      element("Data", { Name: "Omitted" }, [optionalSub(0, "String")]),
      element("Data", { Name: "AttrNull", Extra: optionalSub(1, "String") }, [text("text")]),
      element("Data", { Name: "Present" }, [optionalSub(2, "UInt32")]),
    ]),
  ]);
  const def = { guid: "{5A5A5A5A-0000-4000-8000-0000000000AA}", root: tree };
  return {
    root: templateInstance(def, [{ type: "Null" }, { type: "Null" }, { type: "UInt32", value: 7 }]),
    writtenTime: "2026-03-02T09:14:03Z",
    recordId,
  };
}

// ---- value checks, per tool's rendering ---------------------------------------------------

function sameTime(rendered: string, iso7: string): boolean {
  return rendered.startsWith(iso7.slice(0, 27));
}

/** Does the tool's text show the written scalar? `t` is the tool. */
function shows(t: "evtxexport" | "python", v: EvtxValue, s: string): boolean {
  const e = "value" in v ? v.value : undefined;
  switch (v.type) {
    case "String":
    case "AnsiString":
    case "Sid":
      return s === e;
    case "Int8":
    case "UInt8":
    case "Int16":
    case "UInt16":
    case "Int32":
    case "UInt32":
    case "Int64":
    case "UInt64":
    case "SizeT":
    case "HexInt32":
    case "HexInt64":
      return BigInt(s) === BigInt(e as number | bigint);
    case "Real32":
    case "Real64":
      return Number.parseFloat(s.replace(/e([+-])0*(\d)/, "e$1$2")) === e;
    case "Bool":
      return s.toLowerCase() === String(e);
    case "Binary":
      return t === "python"
        ? s === Buffer.from(e as Uint8Array).toString("base64")
        : s ===
            Buffer.from(e as Uint8Array)
              .toString("hex")
              .toUpperCase();
    case "Guid":
      return guidToBytes(s).equals(guidToBytes(e as string));
    case "FileTime": {
      const iso = normalizeWindowsTime(e as string);
      return t === "python" ? s.replace(" ", "T").slice(0, 23) === iso.slice(0, 23) : sameTime(s, iso);
    }
    case "SysTime":
      return t === "python" ? s.slice(0, 19).replace(" ", "T") === (e as string).slice(0, 19) : s === e;
    default:
      return false;
  }
}

function checkValues(t: "evtxexport" | "python", ev: Rendered, values: [string, EvtxValue][]): void {
  for (const [name, v] of values) {
    const got = ev.data.get(name);
    assert.ok(got, `${t}: <Data Name="${name}"> missing`);
    if ("array" in v && v.array === true) {
      if (t === "python") {
        for (const x of v.value as readonly string[])
          assert.ok(got[0]!.includes(`<string>${x}</string>`), `${name}: ${got}`);
        continue;
      }
      const elems = v.value as readonly unknown[];
      assert.equal(got.length, elems.length, `${name}: ${got}`);
      elems.forEach((x, i) => {
        assert.ok(shows(t, { type: v.type, value: x } as EvtxValue, got[i]!), `${name}[${i}]: ${got[i]}`);
      });
    } else {
      assert.ok(shows(t, v, got[0]!), `${t}: ${name} shows "${got[0]}"`);
    }
  }
}

function checkSystem(ev: Rendered): void {
  assert.equal(ev.tag("EventID"), "4242");
  assert.match(ev.xml, /<EventID Qualifiers="16384">4242<\/EventID>/);
  assert.equal(ev.tag("Version"), "3");
  assert.equal(ev.tag("Level"), "2");
  assert.equal(ev.tag("Task"), "100");
  assert.equal(ev.tag("Opcode"), "11");
  assert.equal(BigInt(ev.tag("Keywords")!), 0x8000000000000010n);
  assert.equal(ev.tag("Channel"), "Mikiwame/Tools");
  assert.equal(ev.tag("Computer"), "TOOLS-HOST");
  assert.match(ev.xml, /ProcessID="2284" ThreadID="5252"/);
  assert.match(ev.xml, /UserID="S-1-5-18"/);
  assert.match(ev.xml, /ActivityID="\{A1A2A3A4-B1B2-C1C2-D1D2-D3D4D5D6D7D8\}"/i);
}

function checkBeacons(evs: Rendered[], firstId: number): void {
  assert.equal(evs.length, BEACONS);
  evs.forEach((ev, i) => {
    assert.equal(ev.tag("EventRecordID"), String(firstId + i));
    assert.equal(ev.tag("Computer"), "WS-SALES-07");
    assert.deepEqual(ev.data.get("DestinationIp"), ["203.0.113.45"]);
    assert.deepEqual(ev.data.get("SourcePort"), [String(50000 + i)]);
    assert.equal(ev.data.get("Image")![0], "C:\\Users\\tanaka\\AppData\\Roaming\\svcupd.exe");
  });
}

// ---- the tests ------------------------------------------------------------------------------

describe("evtxexport reads what we write", () => {
  const version = tool("evtxexport", ["-V"]);
  const skip =
    version === undefined ? "skipped: evtxexport not installed (apt-get install libevtx-utils)" : false;
  const fx = fixtureRecords();

  it("renders every value type, System fields, templates reused over chunks, nested BinXml, PI/CDATA/entities", {
    skip,
  }, () => {
    const records: EvtxRecordInput[] = [
      fx[2]!.record, // 3: Security 4688, EventData inline
      fx[3]!.record, // 4: UserData via BinXml
      fx[5]!.record, // 6: BinXml value holding an element
      fx[6]!.record, // 7: fragment header + template in a BinXml value
      everyType([...COMMON_VALUES, ...EVTXEXPORT_ARRAYS], 10),
      plainTokens(11),
      optionalNulls(12),
      security(13),
      ...beacons(100),
    ];
    const file = join(dir, "evtxexport.evtx");
    writeFileSync(file, writeEvtx(records, { maxRecordsPerChunk: 40 }));
    const evs = events(run("evtxexport", file, ["-f", "xml"]));
    assert.equal(evs.length, records.length);

    assert.equal(evs[0]!.data.get("NewProcessName")?.[0], "C:\\Windows\\System32\\cmd.exe");
    assert.equal(evs[0]!.data.get("MandatoryLabel")?.[0], "S-1-16-8192");
    assert.equal(BigInt(evs[0]!.data.get("NewProcessId")![0]!), 0x1a2cn);
    assert.equal(evs[1]!.tag("param1"), "WmiApRpl");
    assert.equal(evs[1]!.tag("binaryDataSize"), "4");
    assert.match(evs[1]!.xml, /<EventXML xmlns="Mikiwame-Fixture-Ns">/);
    assert.deepEqual(evs[2]!.data.get("Via"), ["element in BinXml"]);
    assert.deepEqual(evs[2]!.data.get("Count"), ["3"]);
    assert.deepEqual(evs[3]!.data.get("Via"), ["template after fragment header"]);

    checkSystem(evs[4]!);
    assert.equal(evs[4]!.tag("EventRecordID"), "10");
    assert.ok(sameTime(/SystemTime="([^"]+)"/.exec(evs[4]!.xml)![1]!, "2026-03-02T09:14:03.1234567Z"));
    checkValues("evtxexport", evs[4]!, [...COMMON_VALUES, ...EVTXEXPORT_ARRAYS]);

    assert.match(evs[5]!.xml, /<\?mikiwame-pi tool data\?>/);
    assert.deepEqual(evs[5]!.data.get("Mixed"), ["a&b"]);
    assert.deepEqual(evs[5]!.data.get("Split"), ["one two"]);
    assert.match(evs[5]!.xml, /<!\[CDATA\[x < y & z\]\]>/);

    assert.equal(evs[6]!.data.has("Omitted"), false);
    assert.match(evs[6]!.xml, /<Data Name="AttrNull">text<\/Data>/);
    assert.deepEqual(evs[6]!.data.get("Present"), ["7"]);

    assert.equal(evs[7]!.tag("EventRecordID"), "13");
    checkBeacons(evs.slice(8), 100);
  });
});

describe("evtx_dump.py (python-evtx) reads what we write", () => {
  const available = tool("evtx_dump.py", ["--help"]);
  const skip =
    available === undefined ? "skipped: evtx_dump.py not installed (apt-get install python3-evtx)" : false;
  const fx = fixtureRecords();

  it("renders template-based records: every value type it knows, nested EventData/UserData, chunks", {
    skip,
  }, () => {
    const records: EvtxRecordInput[] = [
      fx[2]!.record,
      fx[3]!.record,
      fx[6]!.record,
      everyType([...COMMON_VALUES, ["Null", { type: "Null" }]], 10),
      security(13),
      ...beacons(100),
    ];
    const file = join(dir, "python-evtx.evtx");
    writeFileSync(file, writeEvtx(records, { maxRecordsPerChunk: 40 }));
    const evs = events(run("evtx_dump.py", file, []));
    assert.equal(evs.length, records.length);
    assert.equal(evs[0]!.data.get("NewProcessName")?.[0], "C:\\Windows\\System32\\cmd.exe");
    assert.equal(evs[1]!.tag("param1"), "WmiApRpl");
    assert.deepEqual(evs[2]!.data.get("Via"), ["template after fragment header"]);
    checkSystem(evs[3]!);
    checkValues("python", evs[3]!, COMMON_VALUES);
    assert.deepEqual(evs[3]!.data.get("Null"), [""]);
    assert.equal(evs[4]!.tag("EventRecordID"), "13");
    checkBeacons(evs.slice(5), 100);
  });
});
