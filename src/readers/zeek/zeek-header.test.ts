import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { looksLikeFieldNames, parseZeekDirective, type ZeekDirective } from "./zeek-header.js";

describe("parseZeekDirective", () => {
  const cases: [line: string, separator: string, want: ZeekDirective][] = [
    ["#separator \\x09", "\t", { name: "separator", value: "\t" }],
    ["#separator |", "\t", { name: "separator", value: "|" }],
    ["#set_separator\t,", "\t", { name: "set_separator", value: "," }],
    ["#empty_field\t(empty)", "\t", { name: "empty_field", value: "(empty)" }],
    ["#unset_field\t-", "\t", { name: "unset_field", value: "-" }],
    ["#path\tconn", "\t", { name: "path", value: "conn" }],
    ["#path|ssh", "|", { name: "path", value: "ssh" }],
    ["#open\t2019-02-28-12-07-01", "\t", { name: "open", value: "2019-02-28-12-07-01" }],
    ["#open XXXX-XX-XX-XX-XX-XX", "|", { name: "open", value: "XXXX-XX-XX-XX-XX-XX" }],
    ["#fields\tts\tuid\tid.orig_h", "\t", { name: "fields", values: ["ts", "uid", "id.orig_h"] }],
    ["#types|string|string", "|", { name: "types", values: ["string", "string"] }],
    ["#close", "\t", { name: "close", value: "" }],
    ["#fieldsX\ta", "\t", { name: "other", text: "#fieldsX\ta" }],
    ["# a comment", "\t", { name: "other", text: "# a comment" }],
  ];
  for (const [line, sep, want] of cases) {
    it(JSON.stringify(line), () => assert.deepEqual(parseZeekDirective(line, sep), want));
  }
});

describe("looksLikeFieldNames", () => {
  const cases: [line: string, afterBanner: boolean, want: boolean][] = [
    ["ts\tuid\tid.orig_h\tid.orig_p", false, true],
    ["uid\tservice\thistory", false, true],
    ["name\taddl\tsource", true, true],
    ["name\taddl\tsource", false, false],
    ["seen.indicator\tseen.where", true, true],
    ["dfe2070c79e7ff36a925ffa327ffe3deecf8f9c2\tfoo-1.txt", true, false],
    ["1517336042.090842\tCi85EB2YjUI9a2eql6", true, false],
    ["Lorem ipsum dolor sit amet", true, false],
    ["ts\tts", false, false],
    ["single", true, false],
  ];
  for (const [line, banner, want] of cases) {
    it(`${JSON.stringify(line)} after banner: ${banner}`, () =>
      assert.equal(looksLikeFieldNames(line, banner), want));
  }
});
