import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildEvtxFixture, everyTypeValues, fixtureRecords } from "./fixtures.js";
import { ARRAY_VALUE_TYPES, VALUE_TYPES } from "./value-types.js";

describe("EVTX fixture", () => {
  it("covers every value type (BinXml through the nested payloads) and every array type", () => {
    const values = everyTypeValues();
    const scalar = new Set(
      values.filter((v) => !("array" in v.value && v.value.array)).map((v) => v.value.type),
    );
    const arrays = new Set(
      values.filter((v) => "array" in v.value && v.value.array).map((v) => v.value.type),
    );
    assert.deepEqual(
      VALUE_TYPES.filter((t) => !scalar.has(t)),
      ["BinXml"],
    );
    assert.deepEqual(
      ARRAY_VALUE_TYPES.filter((t) => !arrays.has(t)),
      [],
    );
  });

  it("pins the decoded renderings decoders must produce", () => {
    const got = Object.fromEntries(everyTypeValues().map((v) => [v.name, v.expected]));
    const pinned: Record<string, unknown> = {
      String: "Grüße, 世界 <&>",
      AnsiString: "ANSI text é",
      Int8: -128,
      UInt32: 4294967295,
      Int64: -9007199254740993n,
      UInt64: 18446744073709551615n,
      Real32: 1.5,
      Bool: true,
      Binary: "DEADBEEF000A",
      Guid: "{6F1D2A3B-4C5D-4E6F-8091-A2B3C4D5E6F7}",
      SizeT: "0x7ff6a1b20000",
      SizeT32: "0x1a2b",
      FileTime: "2024-01-02T03:04:05.1234567Z",
      SysTime: "2024-02-29T23:59:58.9990000Z",
      Sid: "S-1-5-21-3623811015-3361044348-30300820-1013",
      HexInt32: "0x1fffff",
      HexInt64: "0x3e7",
      EvtHandle: 676,
      EvtXml: "<Param>1</Param>",
      Null: null,
      StringArray: ["first", "", "third"],
      Int64Array: [-1, 9007199254740993n],
      UInt64Array: [0, 18446744073709551615n],
      BoolArray: [true, false],
      FileTimeArray: ["1601-01-01T00:00:00.0000000Z", "2026-03-02T09:14:03.5000000Z"],
      SysTimeArray: ["2026-03-02T09:14:03.2500000Z"],
      HexInt64Array: ["0x3e7", "0xffffffffffffffff"],
      SizeTArray: ["0x0", "0x10"],
    };
    for (const [k, v] of Object.entries(pinned)) assert.deepEqual(got[k], v, k);
  });

  it("describes 8 records whose expectations match what they carry", () => {
    const records = fixtureRecords();
    assert.deepEqual(
      records.map((r) => r.expected.recordId),
      [1, 2, 3, 4, 5, 6, 7, 8],
    );
    const first = records[0]!.expected;
    assert.deepEqual(first.data, Object.fromEntries(everyTypeValues().map((v) => [v.name, v.expected])));
    assert.equal(first.system.qualifiers, 16384);
    assert.equal(first.system.keywords, "0x8000000000000010");
    assert.equal(first.system.userId, "S-1-5-21-1004336348-1177238915-682003330-512");
    assert.equal(records[1]!.expected.system.qualifiers, undefined);
    assert.equal(records[1]!.expected.data["StringArray"] !== undefined, true);
    assert.equal(records[2]!.expected.data["NewProcessId"], "0x1a2c");
    assert.deepEqual(records[3]!.expected.data, {
      param1: "WmiApRpl",
      binaryDataSize: 4,
      binaryData: "44415441",
    });
    assert.equal(records[3]!.expected.section, "UserData");
    assert.deepEqual(records[4]!.expected.data["Data"], ["unnamed 1", "unnamed 2"]);
    assert.deepEqual(
      records[5]!.expected.data,
      { Via: "element in BinXml", Count: "3" },
      "literal text in an element payload",
    );
    assert.deepEqual(records[6]!.expected.data, { Via: "template after fragment header" });
    assert.deepEqual(records[7]!.expected.data, {
      Omitted: null,
      Padded: null,
      AttrNull: "text",
      Present: 7,
    });
  });

  it("builds the same bytes every time, three records per chunk unless told otherwise", () => {
    const a = buildEvtxFixture();
    assert.ok(a.bytes.equals(buildEvtxFixture().bytes));
    assert.equal(a.bytes.readUInt16LE(42), 3);
    assert.equal(buildEvtxFixture({ maxRecordsPerChunk: 1 }).bytes.readUInt16LE(42), 8);
    assert.equal(buildEvtxFixture({ maxRecordsPerChunk: 100 }).bytes.readUInt16LE(42), 1);
  });
});
