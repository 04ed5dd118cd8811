import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isoToEpochSeconds, readZeekJsonRow } from "./zeek-json-row.js";

describe("readZeekJsonRow", () => {
  it("takes the path from _path and drops it from the fields", () => {
    const row = readZeekJsonRow({ _path: "conn", ts: 1.5, uid: "C1", "id.orig_h": "10.0.0.1" });
    assert.deepEqual(row, { path: "conn", fields: { ts: 1.5, uid: "C1", "id.orig_h": "10.0.0.1" } });
  });

  it("falls back to the Kafka writer's @stream, else leaves the path to the caller", () => {
    assert.equal(readZeekJsonRow({ "@stream": "dns", ts: 1 }).path, "dns");
    assert.equal(readZeekJsonRow({ ts: 1 }).path, undefined);
  });

  it("flattens nested objects with dots and keeps arrays and big integers", () => {
    const row = readZeekJsonRow({
      id: { orig_h: "a", resp_p: 80 },
      answers: ["x", "y"],
      n: 18446744073709551615n,
    });
    assert.deepEqual(row.fields, {
      "id.orig_h": "a",
      "id.resp_p": 80,
      answers: ["x", "y"],
      n: 18446744073709551615n,
    });
  });

  it("keeps an object inside an array as JSON text", () => {
    assert.deepEqual(readZeekJsonRow({ a: [{ b: 1 }] }).fields, { a: ['{"b":1}'] });
  });

  it("turns an ISO ts into epoch seconds and reports one it cannot read", () => {
    assert.equal(readZeekJsonRow({ ts: "1970-01-01T00:00:01.500000Z" }).fields.ts, 1.5);
    const bad = readZeekJsonRow({ ts: "yesterday" });
    assert.equal(bad.fields.ts, null);
    assert.equal(bad.badTs, "yesterday");
  });
});

describe("isoToEpochSeconds", () => {
  const cases: [string, number | undefined][] = [
    ["2008-07-09T16:13:30.005432Z", 1215620010.005432],
    ["1969-12-31T23:59:59.600000Z", -0.4],
    ["2020-05-01T00:00:00+02:00", 1588284000],
    ["2020-05-01T00:00:00", 1588291200],
    ["not a time", undefined],
    ["2020-13-45T00:00:00Z", undefined],
  ];
  for (const [text, want] of cases) {
    it(text, () => {
      const got = isoToEpochSeconds(text);
      if (want === undefined) assert.equal(got, undefined);
      else assert.ok(got !== undefined && Math.abs(got - want) < 1e-6, `${got} ≈ ${want}`);
    });
  }
});
