import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseZeekType, type ZeekColumnType, zeekTypeByFieldName } from "./zeek-type.js";

describe("parseZeekType", () => {
  const cases: [string, Omit<ZeekColumnType, "name">][] = [
    ["count", { kind: "count", container: false, scalar: "count" }],
    ["port", { kind: "count", container: false, scalar: "port" }],
    ["int", { kind: "int", container: false, scalar: "int" }],
    ["interval", { kind: "double", container: false, scalar: "interval" }],
    ["double", { kind: "double", container: false, scalar: "double" }],
    ["time", { kind: "time", container: false, scalar: "time" }],
    ["bool", { kind: "bool", container: false, scalar: "bool" }],
    ["addr", { kind: "text", container: false, scalar: "addr" }],
    ["subnet", { kind: "text", container: false, scalar: "subnet" }],
    ["enum", { kind: "text", container: false, scalar: "enum" }],
    ["string", { kind: "text", container: false, scalar: "string" }],
    ["set[addr]", { kind: "text", container: true, scalar: "addr" }],
    ["vector[interval]", { kind: "double", container: true, scalar: "interval" }],
    ["int64", { kind: "text", container: false, scalar: undefined }],
    ["set[widget]", { kind: "text", container: true, scalar: undefined }],
  ];
  for (const [name, want] of cases) {
    it(name, () => assert.deepEqual(parseZeekType(name), { name, ...want }));
  }
});

describe("zeekTypeByFieldName", () => {
  it("types well-known columns and reads the others as strings", () => {
    assert.equal(zeekTypeByFieldName("ts").kind, "time");
    assert.equal(zeekTypeByFieldName("id.resp_p").scalar, "port");
    assert.equal(zeekTypeByFieldName("local_orig").kind, "bool");
    assert.equal(zeekTypeByFieldName("history").scalar, "string");
    assert.equal(zeekTypeByFieldName("__proto__").scalar, "string");
  });
});
