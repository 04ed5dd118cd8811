import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unescapeZeek } from "./zeek-unescape.js";

describe("unescapeZeek", () => {
  const cases: [string, string, string][] = [
    ["no escapes", "plain text", "plain text"],
    ["a tab separator", "a\\x09b", "a\tb"],
    ["the set separator", "a\\x2cb", "a,b"],
    ["a literal dash (not unset)", "\\x2d", "-"],
    ["upper-case hex", "\\x7C", "|"],
    ["escaped UTF-8 bytes become the character", "it\\xe2\\x80\\x99s", "it’s"],
    ["raw UTF-8 is kept", "日本", "日本"],
    ["invalid UTF-8 stays written out, ASCII escapes are decoded", "abc\\x0a\\xffdef", "abc\n\\xffdef"],
    ["other backslashes are left alone", "\\\\\\\\host\\\\share", "\\\\\\\\host\\\\share"],
    ["a truncated escape is left alone", "end\\x4", "end\\x4"],
  ];
  for (const [name, raw, want] of cases) {
    it(name, () => assert.equal(unescapeZeek(raw), want));
  }
});
