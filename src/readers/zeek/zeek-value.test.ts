import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FieldValue } from "../../events/field-value.js";
import { parseZeekType } from "./zeek-type.js";
import { convertZeekValue, DEFAULT_ZEEK_MARKERS, ZeekValueProblem } from "./zeek-value.js";

describe("convertZeekValue", () => {
  const ok: [type: string, raw: string, want: FieldValue][] = [
    ["count", "443", 443],
    ["count", "18446744073709551615", 18446744073709551615n],
    ["port", "53", 53],
    ["port", "80/tcp", 80],
    ["int", "-12", -12],
    ["int", "+7", 7],
    ["double", "0.5", 0.5],
    ["double", "1e3", 1000],
    ["interval", "3.000158", 3.000158],
    ["time", "1517336042.090842", 1517336042.090842],
    ["time", "19.981745", 19.981745],
    ["bool", "T", true],
    ["bool", "F", false],
    ["addr", "fd2d:ab8c:225::1", "fd2d:ab8c:225::1"],
    ["subnet", "10.0.0.0/8", "10.0.0.0/8"],
    ["enum", "Notice::ACTION_LOG", "Notice::ACTION_LOG"],
    ["string", "a\\x09b", "a\tb"],
    ["string", "(empty)", ""],
    ["string", "-", null],
    ["count", "-", null],
    ["set[string]", "(empty)", []],
    ["set[string]", "-", null],
    ["set[addr]", "10.0.0.1,10.0.0.2", ["10.0.0.1", "10.0.0.2"]],
    ["vector[string]", "a\\x2cb,c", ["a,b", "c"]],
    ["vector[interval]", "1.5,-,2", [1.5, null, 2]],
    ["vector[count]", "1", [1]],
    ["int64", "123", "123"],
  ];
  for (const [type, raw, want] of ok) {
    it(`${type} ${JSON.stringify(raw)}`, () => {
      assert.deepEqual(convertZeekValue(raw, parseZeekType(type), DEFAULT_ZEEK_MARKERS), want);
    });
  }

  const problems: [type: string, raw: string, kind: "bad" | "masked"][] = [
    ["count", "abc", "bad"],
    ["count", "-1", "bad"],
    ["port", "80/", "bad"],
    ["int", "1.5", "bad"],
    ["double", "fast", "bad"],
    ["time", "XXXXXXXXXX.XXXXXX", "masked"],
    ["interval", "XXX", "masked"],
    ["bool", "true", "bad"],
    ["count", "(empty)", "bad"],
    ["vector[count]", "1,x,3", "bad"],
  ];
  for (const [type, raw, kind] of problems) {
    it(`${type} ${JSON.stringify(raw)} is ${kind}`, () => {
      const v = convertZeekValue(raw, parseZeekType(type), DEFAULT_ZEEK_MARKERS);
      assert.ok(v instanceof ZeekValueProblem);
      assert.equal(v.kind, kind);
    });
  }

  it("follows the log's own markers", () => {
    const markers = { setSeparator: ";", emptyField: "EMPTY", unsetField: "NONE" };
    assert.equal(convertZeekValue("NONE", parseZeekType("string"), markers), null);
    assert.equal(convertZeekValue("-", parseZeekType("string"), markers), "-");
    assert.deepEqual(convertZeekValue("EMPTY", parseZeekType("set[string]"), markers), []);
    assert.deepEqual(convertZeekValue("a;b,c", parseZeekType("set[string]"), markers), ["a", "b,c"]);
  });
});
