/** The typed JSON of the store: every value type reads back as it was, and the text stays plain JSON. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import { decodeTypedJson, encodeTypedJson, MAX_TYPED_JSON_DEPTH } from "./typed-json.js";

describe("typed JSON", () => {
  const cases: [string, unknown, string][] = [
    [
      "a plain object is written as JSON.stringify writes it",
      { a: "x", b: 1, c: [true, null] },
      '{"a":"x","b":1,"c":[true,null]}',
    ],
    ["a bigint", 2n ** 64n, '{"$b":"18446744073709551616"}'],
    ["a negative bigint in a list", [-(2n ** 70n)], '[{"$b":"-1180591620717411303424"}]'],
    ["negative zero", -0, '{"$n":"-0"}'],
    ["NaN", Number.NaN, '{"$n":"NaN"}'],
    [
      "infinities",
      [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
      '[{"$n":"Infinity"},{"$n":"-Infinity"}]',
    ],
    ["a key starting with $ gets one more", { $b: "1", $$x: 2, a$: 3 }, '{"$$b":"1","$$$x":2,"a$":3}'],
    ["a lone surrogate", "a\ud800b", '"a\\ud800b"'],
    ["deep lists", [[[[1n]]]], '[[[[{"$b":"1"}]]]]'],
  ];
  for (const [name, value, text] of cases) {
    it(name, () => {
      assert.equal(encodeTypedJson(value), text);
      assert.deepStrictEqual(decodeTypedJson(text), value);
    });
  }

  it("leaves undefined properties out, and writes an undefined list item as null", () => {
    assert.equal(encodeTypedJson({ a: undefined, b: [undefined, 1n] }), '{"b":[null,{"$b":"1"}]}');
  });

  it("keeps a key named __proto__ as an own key, never as the prototype", () => {
    for (const text of ['{"__proto__":{"polluted":1}}', '{"__proto__":{"polluted":1},"$$x":[{"$b":"1"}]}']) {
      const back = decodeTypedJson(text) as Record<string, unknown>;
      assert.equal(Object.getPrototypeOf(back), Object.prototype, text);
      assert.ok(Object.hasOwn(back, "__proto__"), text);
      assert.equal(back.polluted, undefined, text);
      assert.equal(encodeTypedJson(back), text);
    }
  });

  it("refuses what it cannot write, and text that is not JSON, with E_STORE", () => {
    let deep: unknown = 1n;
    for (let i = 0; i < MAX_TYPED_JSON_DEPTH + 1; i++) deep = [deep];
    const refused: [unknown, RegExp][] = [
      [() => 1, /a function cannot be stored/],
      [Symbol("s"), /a symbol cannot be stored/],
      [deep, /nested deeper than 64 levels/],
    ];
    for (const [value, message] of refused) {
      assert.throws(
        () => encodeTypedJson(value),
        (e: unknown) => e instanceof MikiwameError && e.code === "E_STORE" && message.test(e.message),
      );
    }
    assert.throws(
      () => decodeTypedJson("{broken"),
      (e: unknown) =>
        e instanceof MikiwameError && e.code === "E_STORE" && /stored JSON cannot be read/.test(e.message),
    );
  });
});
