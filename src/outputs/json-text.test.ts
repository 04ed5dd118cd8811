import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import { MAX_JSON_DEPTH, safeJsonStringify, toJsonText } from "./json-text.js";

describe("toJsonText", () => {
  it("writes the same text as JSON.stringify for plain values", () => {
    const value = { a: 1, b: 'x"y', c: [true, null, 2.5], d: { e: [] }, f: undefined, g: Number.NaN };
    assert.equal(toJsonText(value), JSON.stringify(value));
  });

  it("writes 64-bit integers exactly as integer literals", () => {
    assert.equal(
      toJsonText({ max: 18446744073709551615n, id: 9007199254740993n, list: [1n] }),
      '{"max":18446744073709551615,"id":9007199254740993,"list":[1]}',
    );
  });

  it("escapes terminal-unsafe characters as \\u escapes that parse back to the same string", () => {
    const s = "a\u202eb\x1bc\x85d\u2028";
    const text = toJsonText({ s });
    assert.equal(text, '{"s":"a\\u202eb\\u001bc\\u0085d\\u2028"}');
    assert.equal(JSON.parse(text).s, s);
    assert.equal(JSON.parse(safeJsonStringify({ s }, 2)).s, s);
    assert.doesNotMatch(safeJsonStringify({ s }), /[\u202e\u0085\u2028]/);
  });

  it("refuses values nested deeper than the limit with E_JSON_SHAPE", () => {
    let deep: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH + 1; i++) deep = [deep];
    assert.throws(
      () => toJsonText(deep),
      (e: unknown) => e instanceof MikiwameError && e.code === "E_JSON_SHAPE",
    );
  });
});
