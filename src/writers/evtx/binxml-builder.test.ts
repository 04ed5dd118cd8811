import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { BinXmlBuilder } from "./binxml-builder.js";
import {
  type BinXmlFragment,
  cdata,
  charRef,
  element,
  entityRef,
  optionalSub,
  pi,
  sub,
  type TemplateDefinition,
  templateInstance,
  text,
} from "./binxml-node.js";
import { ByteWriter } from "./byte-writer.js";
import { ChunkTables, nameHash } from "./chunk-tables.js";

const h = (s: string) => s.replace(/\s+/g, "");
const u16 = (n: number) => Buffer.from([n & 0xff, n >> 8]).toString("hex");
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b.toString("hex");
};
const utf16 = (s: string) => Buffer.from(s, "utf16le").toString("hex");
/** An inline name: next, hash, length, UTF-16, NUL. */
const nm = (name: string, next = 0) =>
  u32(next) + u16(nameHash(name)) + u16(name.length) + utf16(name) + "0000";

function build(root: BinXmlFragment, base = 0, tables = new ChunkTables(), header = false): string {
  const w = new ByteWriter(base, 8);
  new BinXmlBuilder(w, tables).fragment(root, header);
  return w.bytes().toString("hex");
}

function isWriteError(e: unknown): boolean {
  return e instanceof MikiwameError && e.code === "E_EVTX_WRITE" && e.location === undefined;
}

describe("BinXmlBuilder elements", () => {
  it("writes an element with an attribute, names inline, the way libevtx documents it", () => {
    const expected =
      "41 ffff 2c000000 0b020000" + nm("A") + "17000000" + "06 20020000" + nm("B") + "05 01 0100 6300" + "03";
    assert.equal(build(element("A", { B: "c" }), 0x200), h(expected));
  });

  it("writes every content token, with 0x40 where more character data follows", () => {
    const root = element("R", {}, [
      text("a"),
      entityRef("amp"),
      charRef(60),
      cdata("x"),
      pi("t", "d"),
      sub(1, "UInt32"),
      optionalSub(2, "String", true),
      element("R"),
    ]);
    const expected =
      "01 0200 5f000000 0b000000" +
      nm("R") +
      "02" +
      "45 01 0100 6100" +
      "49 23000000" +
      nm("amp", nameHash("amp") % 64 === nameHash("R") % 64 ? 0x0b : 0) +
      "48 3c00" +
      "07 0100 7800" +
      "0a 40000000" +
      nm("t", nameHash("t") % 64 === nameHash("R") % 64 ? 0x0b : 0) +
      "0b 0100 6400" +
      "0d 0100 08" +
      "0e 0200 81" +
      "01 ffff 05000000 0b000000 03" +
      "04";
    assert.equal(build(root), h(expected));
  });

  it("references a name already written in the chunk instead of repeating it", () => {
    const tables = new ChunkTables();
    build(element("Data"), 0x300, tables);
    assert.equal(build(element("Data"), 0x400, tables), h("01 ffff 05000000 0b030000 03"));
  });

  it("takes an explicit dependency id", () => {
    assert.equal(
      build({ ...element("E", {}, [optionalSub(4, "UInt8")]), dependencyId: 0xffff }).slice(2, 6),
      "ffff",
    );
    assert.equal(build(element("E", {}, [optionalSub(4, "UInt8")])).slice(2, 6), "0400");
  });

  it("wraps a fragment in a header and an end-of-stream token on request", () => {
    const body = build(element("E"), 4);
    assert.equal(build(element("E"), 0, new ChunkTables(), true), `0f010100${body}00`);
  });

  it("refuses text longer than 65535 characters", () => {
    assert.throws(() => build(element("E", {}, "x".repeat(65536))), isWriteError);
  });

  it("refuses an empty name", () => {
    assert.throws(() => build(element("")), isWriteError);
  });
});

describe("BinXmlBuilder template instances", () => {
  const def: TemplateDefinition = {
    guid: "{01020304-0506-0708-090A-0B0C0D0E0F10}",
    root: element("T", {}, [sub(0, "UInt8")]),
  };
  const guidBytes = "04030201 0605 0807 090a0b0c0d0e0f10";

  it("writes the definition inline on first use and references it afterwards", () => {
    const tables = new ChunkTables();
    const first = build(templateInstance(def, [{ type: "UInt8", value: 7 }]), 0x200, tables);
    const element_ = "01 ffff 16000000 31020000" + nm("T") + "02 0d 0000 04 04";
    const defData = `0f010100${h(element_)}00`;
    const expectedFirst =
      "0c 01 04030201 0a020000" +
      "00000000" +
      guidBytes +
      u32(defData.length / 2) +
      defData +
      "01000000 0100 0400 07";
    assert.equal(first, h(expectedFirst));
    assert.equal(tables.template("{01020304-0506-0708-090A-0B0C0D0E0F10}")?.offset, 0x20a);
    const second = build(templateInstance(def, [{ type: "UInt8", value: 8 }]), 0x300, tables);
    assert.equal(second, h("0c 01 04030201 0a020000 01000000 0100 0400 08"));
  });

  it("writes value descriptors with sizes and type codes (array flag, Null)", () => {
    const d: TemplateDefinition = { guid: "{0000000A-0000-0000-0000-000000000000}", root: element("T") };
    const out = build(
      templateInstance(d, [
        { type: "Null" },
        { type: "String", array: true, value: ["ab"] },
        { type: "Null", size: 2 },
      ]),
    );
    assert.ok(out.endsWith(h("03000000 0000 0000 0600 8100 0200 0000 6100 6200 0000 0000")), out);
  });

  it("refuses one GUID used for two different trees", () => {
    const tables = new ChunkTables();
    build(templateInstance(def, [{ type: "UInt8", value: 1 }]), 0x200, tables);
    const other: TemplateDefinition = { guid: def.guid, root: element("Other") };
    assert.throws(() => build(templateInstance(other, []), 0x300, tables), isWriteError);
  });

  it("refuses a value larger than its 16-bit descriptor size", () => {
    const d: TemplateDefinition = { guid: "{0000000B-0000-0000-0000-000000000000}", root: element("T") };
    assert.throws(
      () => build(templateInstance(d, [{ type: "Binary", value: new Uint8Array(65536) }])),
      isWriteError,
    );
  });

  it("writes a nested BinXml template instance bare, or after a fragment header on request", () => {
    const inner: TemplateDefinition = {
      guid: "{000000C1-0000-0000-0000-000000000000}",
      root: element("I", {}, [sub(0, "UInt8")]),
    };
    const outer: TemplateDefinition = {
      guid: "{000000C2-0000-0000-0000-000000000000}",
      root: element("O", {}, [optionalSub(0, "BinXml")]),
    };
    const nested = templateInstance(inner, [{ type: "UInt8", value: 9 }]);
    const tables = new ChunkTables();
    const bare = build(templateInstance(outer, [{ type: "BinXml", value: nested }]), 0x200, tables);
    // the value (after count 1 and a 0x21 descriptor) starts directly with the template instance token
    assert.match(bare, /01000000[0-9a-f]{4}21000c01c1000000/);
    const withHeader = build(
      templateInstance(outer, [{ type: "BinXml", value: nested, fragmentHeader: true }]),
      0x400,
      tables,
    );
    assert.equal(
      withHeader,
      h(
        `0c01c2000000 ${u32(0x20a)} 01000000 1800 2100 0f010100 0c01c1000000 ${u32(bare.indexOf("0c01c1000000") / 2 + 0x200 + 10)} 01000000 0100 0400 09 00`,
      ),
    );
  });
});
