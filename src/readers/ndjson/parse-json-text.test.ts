import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeJsonKind, isJsonObject, parseJsonText } from "./parse-json-text.js";

function value(text: string): unknown {
  const r = parseJsonText(text);
  if (!r.ok) throw new Error(`unexpected parse failure: ${r.reason}`);
  return r.value;
}

describe("parseJsonText", () => {
  const exact: { name: string; text: string; want: unknown }[] = [
    { name: "a plain object", text: '{"a":1,"b":"x"}', want: { a: 1, b: "x" } },
    {
      name: "Windows Keywords beyond 2^53 stay exact (bigint)",
      text: '{"Keywords":-9214364837600034816,"EventID":4688}',
      want: { Keywords: -9214364837600034816n, EventID: 4688 },
    },
    { name: "uint64 max", text: "[18446744073709551615]", want: [18446744073709551615n] },
    { name: "16-digit safe integers stay numbers", text: "[1234567890123456]", want: [1234567890123456] },
    {
      name: "long digit runs inside strings are untouched",
      text: '{"h":"12345678901234567890"}',
      want: { h: "12345678901234567890" },
    },
    {
      name: "a string with escaped quotes before a big integer",
      text: '{"s":"a\\"b\\\\","n":12345678901234567890}',
      want: { s: 'a"b\\', n: 12345678901234567890n },
    },
    {
      name: "floats with many digits stay numbers",
      text: "[1.12345678901234567890, 12345678901234567890.5, 1e12345678901234567]",
      want: [1.1234567890123457, 12345678901234567000, Number.POSITIVE_INFINITY],
    },
    {
      name: "a big integer at the start of the text",
      text: "-12345678901234567890",
      want: -12345678901234567890n,
    },
  ];
  for (const c of exact) {
    it(c.name, () => assert.deepEqual(value(c.text), c.want));
  }

  it("returns the parser's reason and position for bad JSON", () => {
    const r = parseJsonText('{"a": 1,, "b": 2}');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.match(r.reason, /JSON/);
      assert.equal(r.position, 8);
    }
  });

  it("never throws", () => {
    for (const bad of ["", "{", "not json", "\u0000\u0001", '{"n":12345678901234567890']) {
      assert.equal(parseJsonText(bad).ok, false, JSON.stringify(bad));
    }
  });
});

describe("describeJsonKind / isJsonObject", () => {
  const cases: [unknown, string, boolean][] = [
    [{}, "an object", true],
    [[], "an array", false],
    [null, "null", false],
    ["s", "a string", false],
    [1, "a number", false],
    [1n, "a number", false],
    [true, "a boolean", false],
  ];
  for (const [v, kind, isObject] of cases) {
    it(`${JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x))} is ${kind}`, () => {
      assert.equal(describeJsonKind(v), kind);
      assert.equal(isJsonObject(v), isObject);
    });
  }
});
