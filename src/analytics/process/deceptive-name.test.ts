import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deceptiveNameDetector } from "./deceptive-name.js";
import { EventFactory, detectorsOf, guid, hitsOn } from "./process-events.test.support.js";

describe("deceptive name detector", () => {
  const ev = new EventFactory();
  const key = guid(0x10);
  const run = (image: string, extra = {}) =>
    hitsOn(deceptiveNameDetector, [ev.start(1, key, image, undefined, extra)], key);
  const cases: [string, string, string[]][] = [
    ["double extension", "C:\\Users\\a\\Downloads\\report.pdf.exe", ["process.double-extension"]],
    [
      "double extension, padded",
      "C:\\Users\\a\\Downloads\\a.pdf______________.exe",
      ["process.double-extension"],
    ],
    ["double extension with spaces", "C:\\x\\Invoice.docx          .scr", ["process.double-extension"]],
    ["padding without a document extension", "C:\\x\\setup          .exe", ["process.padded-name"]],
    ["document-named executable", "C:\\Users\\a\\Desktop\\Invoice_2026.exe", ["process.document-name"]],
    ["Japanese document word", "C:\\Users\\a\\Desktop\\請求書.exe", ["process.document-name"]],
    ["right-to-left override", "C:\\x\\photo\u202Egpj.exe", ["process.rtlo"]],
    // misses
    ["ordinary name", "C:\\Windows\\System32\\notepad.exe", []],
    ["word inside another word", "C:\\x\\border.exe", []],
    ["document word in an installed program", "C:\\Program Files\\Reports\\report.exe", []],
    ["a document, not an executable", "C:\\x\\report.pdf", []],
    ["version dots are not padding", "C:\\x\\app.1.2.3.exe", []],
  ];
  for (const [name, image, want] of cases) it(name, () => assert.deepEqual(detectorsOf(run(image)), want));

  it("RTLO on the command line only", () => {
    assert.deepEqual(detectorsOf(run("C:\\x\\a.exe", { CommandLine: "a.exe \u202Efdp.exe" })), [
      "process.rtlo",
    ]);
  });

  it("double extension details and evidence", () => {
    const [h] = run("C:\\x\\report.pdf.exe");
    assert.equal(h.details.decoyExtension, "pdf");
    assert.equal(h.details.realExtension, "exe");
    assert.deepEqual(h.attack, ["T1036.007"]);
    assert.equal(h.evidence[0].recordId !== undefined, true);
  });

  it("the RTLO message shows the control character escaped", () => {
    const [h] = run("C:\\x\\photo\u202Egpj.exe");
    assert.match(h.message.en, /<U\+202E>/);
    assert.doesNotMatch(h.message.en, /\u202E/);
  });
});
