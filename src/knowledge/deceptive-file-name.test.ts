/** The deceptive-file-name signs, one table per check. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  BIDI_CONTROLS,
  bidiControls,
  DOCUMENT_EXTENSIONS,
  DOCUMENT_WORDS,
  documentExtension,
  documentWord,
  doubleExtension,
  EXECUTABLE_EXTENSIONS,
  escapeBidiControls,
  finalExtension,
  isDocumentExtension,
  isExecutableExtension,
  isProgramExtension,
  longestPadding,
  PROGRAM_EXTENSIONS,
  paddedExtension,
} from "./deceptive-file-name.js";

describe("vocabularies", () => {
  for (const [label, list] of [
    ["DOCUMENT_EXTENSIONS", DOCUMENT_EXTENSIONS],
    ["EXECUTABLE_EXTENSIONS", EXECUTABLE_EXTENSIONS],
    ["DOCUMENT_WORDS", DOCUMENT_WORDS],
    ["BIDI_CONTROLS", BIDI_CONTROLS],
  ] as const) {
    it(`${label} has no duplicates`, () => assert.equal(new Set<string>(list).size, list.length));
  }
  it("no extension is both a document and an executable", () => {
    for (const ext of DOCUMENT_EXTENSIONS) assert.equal(isExecutableExtension(ext), false, ext);
  });
  it("program extensions are executable", () => {
    for (const ext of PROGRAM_EXTENSIONS) assert.equal(isExecutableExtension(ext), true, ext);
  });
  it("membership ignores case", () => {
    assert.equal(isDocumentExtension("PDF"), true);
    assert.equal(isExecutableExtension("Exe"), true);
    assert.equal(isProgramExtension("SCR"), true);
    assert.equal(isProgramExtension("js"), false);
  });
});

describe("doubleExtension", () => {
  const cases: [string, ReturnType<typeof doubleExtension>][] = [
    ["report.pdf.exe", { decoy: "pdf", real: "exe", padding: 0 }],
    ["REPORT.PDF.EXE", { decoy: "pdf", real: "exe", padding: 0 }],
    ["a.pdf______________.exe", { decoy: "pdf", real: "exe", padding: 14 }],
    ["Invoice.docx          .scr", { decoy: "docx", real: "scr", padding: 10 }],
    ["photo. jpg.exe", { decoy: "jpg", real: "exe", padding: 0 }],
    ["slides.pptx-.js", { decoy: "pptx", real: "js", padding: 1 }],
    ["文書.jtd.exe", { decoy: "jtd", real: "exe", padding: 0 }],
    ["cv.odt.jar", { decoy: "odt", real: "jar", padding: 0 }],
    // misses
    ["report.exe", undefined],
    ["report.pdf", undefined],
    ["archive.tar.gz", undefined],
    ["report.pdf.exe.bak", undefined],
    ["app.1.2.3.exe", undefined],
    ["mypdf.exe", undefined],
  ];
  for (const [name, want] of cases) it(name, () => assert.deepEqual(doubleExtension(name), want));
});

describe("paddedExtension", () => {
  const cases: [string, number, number | undefined][] = [
    ["a.pdf______.exe", 5, 6],
    ["setup          .exe", 5, 10],
    ["photo.jpg        ", 5, 8],
    ["請求書\u3000\u3000\u3000\u3000\u3000.exe", 5, 5],
    ["a\u00a0\u00a0\u00a0\u00a0\u00a0.exe", 5, 5],
    ["photo.jpg   .scr", 3, 3],
    // misses
    ["photo.jpg   .scr", 5, undefined],
    ["app.1.2.3.exe", 5, undefined],
    ["my_app__v2.exe", 5, undefined],
    ["plain.exe", 1, undefined],
    ["noextension", 1, undefined],
  ];
  for (const [name, minRun, want] of cases) {
    it(`${JSON.stringify(name)} at ${minRun}`, () => assert.equal(paddedExtension(name, minRun), want));
  }
  it("longestPadding counts mixed runs", () => {
    assert.equal(longestPadding("a.pdf______"), 6);
    assert.equal(longestPadding("a  .  b"), 5);
    assert.equal(longestPadding("abc"), 0);
  });
});

describe("bidiControls", () => {
  const cases: [string, string[], number[]][] = [
    ["photo\u202Egpj.exe", ["U+202E"], [5]],
    ["\u200Fa\u2066b\u2069", ["U+200F", "U+2066", "U+2069"], [0, 2, 4]],
    ["a\u061Cb.exe", ["U+061C"], [1]],
    ["plain.exe", [], []],
    ["zero\u200Bwidth.exe", [], []], // a zero-width space is not a bidi control
  ];
  for (const [name, codes, at] of cases) {
    it(JSON.stringify(name), () => {
      const found = bidiControls(name);
      assert.deepEqual(
        found.map((f) => f.codePoint),
        codes,
      );
      assert.deepEqual(
        found.map((f) => f.index),
        at,
      );
    });
  }
  it("escapeBidiControls shows every control as a code point", () => {
    assert.equal(escapeBidiControls("a\u202Eb\u200Ec"), "a<U+202E>b<U+200E>c");
    assert.equal(escapeBidiControls("plain"), "plain");
  });
});

describe("document-like names", () => {
  const words: [string, string | undefined][] = [
    ["Invoice_2026.exe", "invoice"],
    ["scan-0001.scr", "scan"],
    ["請求書.exe", "請求書"],
    ["2026見積もり.exe", "見積"],
    ["ORDER.exe", "order"],
    // misses
    ["border.exe", undefined],
    ["notepad.exe", undefined],
    ["x.invoice", undefined], // the extension is not part of the name's words
  ];
  for (const [name, want] of words) {
    it(`documentWord ${JSON.stringify(name)}`, () => assert.equal(documentWord(name), want));
  }
  const extensions: [string, string | undefined][] = [
    ["readme.txt", "txt"],
    ["photo.jpg      .scr", "jpg"],
    ["Report.PDF.exe", "pdf"],
    // misses
    ["setup.exe", undefined],
    ["pdf", undefined],
    ["update.dat", undefined],
  ];
  for (const [name, want] of extensions) {
    it(`documentExtension ${JSON.stringify(name)}`, () => assert.equal(documentExtension(name), want));
  }
  it("finalExtension", () => {
    assert.equal(finalExtension("a.B.EXE"), "exe");
    assert.equal(finalExtension("noext"), "");
    assert.equal(finalExtension("trailing."), "");
  });
});
