/** Name checks and type-by-magic, one row per case. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detectFileType, type FileType } from "./file-type.js";
import { checkFileName, type NameFindingKind } from "./name-checks.js";

const NAMES: readonly [string, FileType, readonly NameFindingKind[]][] = [
  ["setup.exe", "pe", []],
  ["report.pdf", "pdf", []],
  ["invoice.pdf.exe", "pe", ["double-extension", "document-name-on-executable"]],
  ["photo.jpg      .scr", "pe", ["double-extension", "padded-extension", "document-name-on-executable"]],
  ["annual\u202Efdp.exe", "pe", ["bidi-control"]],
  ["readme.txt", "pe", ["document-name-on-executable"]],
  ["update.dat", "pe", ["extension-type-mismatch"]],
  ["notes.txt", "unknown", []],
  // the shared vocabularies: ideographic-space padding, an Ichitaro decoy, underscores below the run
  [
    "請求書.pdf\u3000\u3000\u3000\u3000\u3000.exe",
    "pe",
    ["double-extension", "padded-extension", "document-name-on-executable"],
  ],
  ["見積.jtd.exe", "pe", ["double-extension", "document-name-on-executable"]],
  ["my_app__v2.exe", "pe", []],
];

const MAGIC: readonly [string, Buffer, FileType][] = [
  ["empty", Buffer.alloc(0), "empty"],
  ["ELF", Buffer.from("\x7fELF\x02\x01\x01", "latin1"), "elf"],
  ["PDF", Buffer.from("%PDF-1.7\n", "latin1"), "pdf"],
  ["shebang", Buffer.from("#!/bin/sh\n", "latin1"), "script-shebang"],
  ["Mach-O 64", Buffer.from("cffaedfe07000001", "hex"), "mach-o"],
  ["MZ without PE", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(0x3e)]), "mz-dos"],
  [
    "zip",
    Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), Buffer.alloc(26), Buffer.from("a.txt")]),
    "zip",
  ],
  ["ole", Buffer.from("d0cf11e0a1b11ae100", "hex"), "ole-compound"],
  ["text", Buffer.from("hello", "latin1"), "unknown"],
];

describe("checkFileName", () => {
  for (const [name, type, kinds] of NAMES) {
    it(`${JSON.stringify(name)} as ${type} → ${kinds.join(", ") || "nothing"}`, () => {
      assert.deepEqual(
        checkFileName(name, type).map((f) => f.kind),
        kinds,
      );
    });
  }
});

describe("detectFileType", () => {
  for (const [label, head, type] of MAGIC) {
    it(`${label} → ${type}`, () => assert.equal(detectFileType(head), type));
  }
  it("an OOXML zip starts with [Content_Types].xml", () => {
    const name = Buffer.from("[Content_Types].xml", "latin1");
    const head = Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), Buffer.alloc(26), name]);
    head.writeUInt16LE(name.length, 26);
    assert.equal(detectFileType(head), "ooxml");
  });
});
