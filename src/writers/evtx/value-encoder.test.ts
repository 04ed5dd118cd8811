import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { ByteWriter } from "./byte-writer.js";
import { encodeValue } from "./value-encoder.js";
import { type EvtxValue, valueTypeCode } from "./value-types.js";

function encode(v: EvtxValue): string {
  const w = new ByteWriter(0, 4);
  encodeValue(w, v, () => {
    throw new Error("no nested fragment expected");
  });
  return w.bytes().toString("hex");
}

const h = (s: string) => s.replace(/\s+/g, "");

describe("encodeValue", () => {
  const rows: [string, EvtxValue, string][] = [
    ["String UTF-16LE, no terminator", { type: "String", value: "Aé" }, "4100 e900"],
    ["AnsiString Latin-1, no terminator", { type: "AnsiString", value: "Aé" }, "41 e9"],
    ["Int8", { type: "Int8", value: -1 }, "ff"],
    ["UInt8", { type: "UInt8", value: 255 }, "ff"],
    ["Int16", { type: "Int16", value: -2 }, "feff"],
    ["UInt16", { type: "UInt16", value: 0x1234 }, "3412"],
    ["Int32", { type: "Int32", value: -1 }, "ffffffff"],
    ["UInt32", { type: "UInt32", value: 0x01020304 }, "04030201"],
    ["Int64", { type: "Int64", value: -2n }, "feffffffffffffff"],
    ["UInt64 max", { type: "UInt64", value: 0xffffffffffffffffn }, "ffffffffffffffff"],
    ["Real32", { type: "Real32", value: 1.5 }, "0000c03f"],
    ["Real64", { type: "Real64", value: -2 }, "00000000000000c0"],
    ["Bool true is a 32-bit 1", { type: "Bool", value: true }, "01000000"],
    ["Bool false", { type: "Bool", value: false }, "00000000"],
    ["Binary", { type: "Binary", value: Uint8Array.from([0xde, 0xad]) }, "dead"],
    [
      "Guid mixed endian",
      { type: "Guid", value: "{00112233-4455-6677-8899-AABBCCDDEEFF}" },
      "33221100 5544 7766 8899 aabbccddeeff",
    ],
    ["SizeT 8 bytes by default", { type: "SizeT", value: 0x1234n }, "3412000000000000"],
    ["SizeT width 4", { type: "SizeT", value: 0x1234, width: 4 }, "34120000"],
    [
      "FileTime 1 tick after 1601",
      { type: "FileTime", value: "1601-01-01T00:00:00.0000001Z" },
      "0100000000000000",
    ],
    ["FileTime Unix epoch", { type: "FileTime", value: "1970-01-01T00:00:00Z" }, "00803ed5deb19d01"],
    ["FileTime raw ticks", { type: "FileTime", value: 0x0102030405060708n }, "0807060504030201"],
    [
      "SysTime fields incl. day of week",
      { type: "SysTime", value: "2024-02-29T23:59:58.999Z" },
      "e807 0200 0400 1d00 1700 3b00 3a00 e703",
    ],
    ["Sid S-1-5-18", { type: "Sid", value: "S-1-5-18" }, "01 01 000000000005 12000000"],
    [
      "Sid two sub-authorities",
      { type: "Sid", value: "S-1-5-32-544" },
      "01 02 000000000005 20000000 20020000",
    ],
    ["HexInt32", { type: "HexInt32", value: 0xabc }, "bc0a0000"],
    ["HexInt64", { type: "HexInt64", value: 0x3e7n }, "e703000000000000"],
    ["EvtHandle 8 bytes", { type: "EvtHandle", value: 1 }, "0100000000000000"],
    ["EvtXml UTF-16LE", { type: "EvtXml", value: "<a/>" }, "3c00 6100 2f00 3e00"],
    ["Null, no bytes", { type: "Null" }, ""],
    ["Null with padding", { type: "Null", size: 3 }, "000000"],
    [
      "String array NUL-terminated per element",
      { type: "String", array: true, value: ["a", ""] },
      "6100 0000 0000",
    ],
    ["AnsiString array", { type: "AnsiString", array: true, value: ["a", "b"] }, "6100 6200"],
    ["UInt16 array", { type: "UInt16", array: true, value: [1, 2] }, "0100 0200"],
    ["Bool array", { type: "Bool", array: true, value: [true, false] }, "01000000 00000000"],
    [
      "Sid array",
      { type: "Sid", array: true, value: ["S-1-5-18", "S-1-1-0"] },
      "0101000000000005 12000000 0101000000000001 00000000",
    ],
    ["SizeT array width 4", { type: "SizeT", array: true, value: [1, 2], width: 4 }, "01000000 02000000"],
    ["empty array", { type: "UInt32", array: true, value: [] }, ""],
  ];
  for (const [name, v, hex] of rows) {
    it(name, () => {
      assert.equal(encode(v), h(hex));
    });
  }

  it("writes a BinXml value through the fragment encoder, with a header only for elements by default", () => {
    const seen: boolean[] = [];
    const w = new ByteWriter(0);
    const el = { kind: "element" as const, name: "E" };
    const tpl = {
      kind: "template" as const,
      template: { guid: "{00000000-0000-0000-0000-000000000001}", root: el },
      values: [],
    };
    encodeValue(w, { type: "BinXml", value: el }, (_f, header) => seen.push(header));
    encodeValue(w, { type: "BinXml", value: tpl }, (_f, header) => seen.push(header));
    encodeValue(w, { type: "BinXml", value: tpl, fragmentHeader: true }, (_f, header) => seen.push(header));
    assert.deepEqual(seen, [true, false, true]);
  });

  const bad: [string, EvtxValue][] = [
    ["UInt8 256", { type: "UInt8", value: 256 }],
    ["Int8 -129", { type: "Int8", value: -129 }],
    ["UInt32 not an integer", { type: "UInt32", value: 1.5 }],
    ["Int64 2^63", { type: "Int64", value: 2n ** 63n }],
    ["UInt64 negative", { type: "UInt64", value: -1n }],
    ["UInt64 unsafe number", { type: "UInt64", value: 2 ** 60 + 1 }],
    ["SizeT width 4 over 32 bits", { type: "SizeT", value: 2n ** 32n, width: 4 }],
    ["AnsiString outside Latin-1", { type: "AnsiString", value: "日本" }],
    ["Guid malformed", { type: "Guid", value: "{nope}" }],
    ["Sid malformed", { type: "Sid", value: "X-1-5" }],
    ["Sid sub-authority over 32 bits", { type: "Sid", value: "S-1-5-4294967296" }],
    ["SysTime below a millisecond", { type: "SysTime", value: "2024-01-01T00:00:00.0001Z" }],
    ["FileTime not ISO UTC", { type: "FileTime", value: "2024-01-01 00:00:00" }],
  ];
  for (const [name, v] of bad) {
    it(`refuses ${name} with E_EVTX_WRITE`, () => {
      assert.throws(
        () => encode(v),
        (e: unknown) => e instanceof MikiwameError && e.code === "E_EVTX_WRITE" && e.location === undefined,
      );
    });
  }
});

describe("valueTypeCode", () => {
  it("sets 0x80 for arrays only", () => {
    assert.equal(valueTypeCode({ type: "String", value: "x" }), 0x01);
    assert.equal(valueTypeCode({ type: "String", array: true, value: [] }), 0x81);
    assert.equal(valueTypeCode({ type: "HexInt64", array: true, value: [] }), 0x95);
    assert.equal(valueTypeCode({ type: "EvtXml", value: "" }), 0x23);
    assert.equal(valueTypeCode({ type: "Null" }), 0x00);
  });
});
