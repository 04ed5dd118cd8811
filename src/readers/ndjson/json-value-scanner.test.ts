import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type JsonLayout, JsonValueScanner, type ScannedValue } from "./json-value-scanner.js";

function scan(
  input: string,
  chunkSize: number,
  max = 1 << 20,
): { values: ScannedValue[]; layout: JsonLayout } {
  const bytes = Buffer.from(input, "utf8");
  const scanner = new JsonValueScanner(max);
  const values: ScannedValue[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) scanner.push(bytes.subarray(i, i + chunkSize), values);
  scanner.finish(values);
  return { values, layout: scanner.layout };
}

/** `line:text` per value (texts trimmed), oversize as `line:<oversize>`. */
function shown(values: ScannedValue[]): string[] {
  return values.map((v) => `${v.line}:${v.kind === "value" ? v.text.trim() : "<oversize>"}`);
}

const PRETTY = `{
  "Event": {
    "System": { "EventID": 1 },
    "EventData": { "Image": "C:\\\\a.exe", "Note": "brace } and [ in a string" }
  }
}
{
  "Event": { "System": { "EventID": 2 } }
}
`;

describe("JsonValueScanner", () => {
  const cases: { name: string; input: string; want: string[]; layout: JsonLayout }[] = [
    {
      name: "NDJSON, blank lines and CRLF",
      input: '{"a":1}\r\n\n{"b":"x\\"y"}\n{"c":[1,{"d":2}]}',
      want: ['1:{"a":1}', '3:{"b":"x\\"y"}', '4:{"c":[1,{"d":2}]}'],
      layout: "lines",
    },
    {
      name: "a top-level array: one value per element",
      input: '[\n  {"a":1},\n  {"b":[2,3]}\n]\n',
      want: ['2:{"a":1}', '3:{"b":[2,3]}'],
      layout: "values",
    },
    {
      name: "a minified top-level array with scalar and array elements",
      input: '[{"a":1},7,"s",[1]]',
      want: ['1:{"a":1}', "1:7", '1:"s"', "1:[1]"],
      layout: "values",
    },
    {
      name: "a single pretty-printed object",
      input: '{\n  "a": {\n    "b": 1\n  }\n}\n',
      want: ['1:{\n  "a": {\n    "b": 1\n  }\n}'],
      layout: "values",
    },
    {
      name: "pretty-printed objects back to back (evtx_dump style)",
      input: PRETTY,
      want: [
        `1:${PRETTY.slice(0, PRETTY.indexOf("}\n{") + 1)}`,
        `7:${PRETTY.slice(PRETTY.indexOf("}\n{") + 2).trim()}`,
      ],
      layout: "values",
    },
    {
      name: "minified objects back to back on one line",
      input: '{"a":1}{"b":2} {"c":[3]}\n{"d":4}\n',
      want: ['1:{"a":1}', '1:{"b":2}', '1:{"c":[3]}', '2:{"d":4}'],
      layout: "values",
    },
    {
      name: "objects separated by commas (tolerated)",
      input: '{"a":1},\n{"b":2}\n',
      want: ['1:{"a":1}', '2:{"b":2}'],
      layout: "lines",
    },
    {
      name: "NDJSON: a broken line does not swallow the next one",
      input: '{"a":1}\n{"b": "unterminated\n{"c":3}\n{"d":\n{"e":5}\n',
      want: ['1:{"a":1}', '2:{"b": "unterminated', '3:{"c":3}', '4:{"d":', '5:{"e":5}'],
      layout: "lines",
    },
    {
      name: "NDJSON: garbage and scalar lines are values of their own",
      input: '{"a":1}\nnot json\n42\n{"b":2}\n',
      want: ['1:{"a":1}', "2:not json", "3:42", '4:{"b":2}'],
      layout: "lines",
    },
    {
      name: "pretty: a broken object ends at the next column-0 brace",
      input: '{\n  "a": {\n    "b": 1\n{\n  "c": 2\n}\n',
      want: ['1:{\n  "a": {\n    "b": 1', '4:{\n  "c": 2\n}'],
      layout: "values",
    },
    {
      name: "a leading garbage line before pretty objects",
      input: 'junk here\n{\n  "a": 1\n}\n',
      want: ["1:junk here", '2:{\n  "a": 1\n}'],
      layout: "values",
    },
    {
      name: "a value cut off by the end of input is still returned (it will not parse)",
      input: '{"a":1}\n{"b":',
      want: ['1:{"a":1}', '2:{"b":'],
      layout: "lines",
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      for (const chunkSize of [1, 3, 1 << 16]) {
        const { values, layout } = scan(c.input, chunkSize);
        assert.deepEqual(shown(values), c.want, `chunks of ${chunkSize}`);
        assert.equal(layout, c.layout, `chunks of ${chunkSize}`);
      }
    });
  }

  it("gives each value's stream position", () => {
    const { values } = scan('{"a":1}\n  {"b":2}\n', 4);
    assert.deepEqual(
      values.map((v) => v.position),
      [0, 10],
    );
  });

  it("skips a value over the limit without keeping it, in both layouts", () => {
    const big = `{"x":"${"y".repeat(200)}"}`;
    const inputs = [
      { input: `{"a":1}\n${big}\n{"b":2}\n`, want: ['1:{"a":1}', "2:<oversize>", '3:{"b":2}'] },
      { input: `[\n{"a":1},\n${big},\n{"b":2}\n]`, want: ['2:{"a":1}', "3:<oversize>", '4:{"b":2}'] },
    ];
    for (const { input, want } of inputs) {
      for (const chunkSize of [1, 16, 1 << 16]) {
        const { values } = scan(input, chunkSize, 100);
        assert.deepEqual(shown(values), want, `chunks of ${chunkSize}`);
        const over = values[1];
        assert.equal(over.kind === "oversize" ? over.bytes : -1, big.length);
      }
    }
  });
});
