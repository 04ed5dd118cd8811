import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { coerceField, type HelperFieldType, type LooseFieldValue } from "./field-coercion.js";
import type { EvtxValue } from "./value-types.js";

describe("coerceField", () => {
  const ok: [HelperFieldType | undefined, LooseFieldValue, EvtxValue][] = [
    [undefined, 42, { type: "String", value: "42" }],
    ["String", true, { type: "String", value: "true" }],
    ["Guid", "{A-B}", { type: "Guid", value: "{A-B}" }],
    ["UInt16", 443, { type: "UInt16", value: 443 }],
    ["UInt32", 4, { type: "UInt32", value: 4 }],
    ["HexInt32", 0x1fffff, { type: "HexInt32", value: 0x1fffff }],
    ["HexInt64", 0x3e7n, { type: "HexInt64", value: 0x3e7n }],
    ["SizeT", 0x1a2b, { type: "SizeT", value: 0x1a2b }],
    ["Bool", false, { type: "Bool", value: false }],
    ["Sid", "S-1-5-18", { type: "Sid", value: "S-1-5-18" }],
    ["UInt32", { type: "Null" }, { type: "Null" }],
  ];
  for (const [type, v, expected] of ok) {
    it(`${String(v)} as ${type ?? "(default)"}`, () => {
      assert.deepEqual(coerceField("F", v, type), expected);
    });
  }

  const bad: [HelperFieldType, LooseFieldValue][] = [
    ["UInt32", "12"],
    ["Guid", 1],
    ["Bool", "true"],
    ["SizeT", "0x10"],
  ];
  for (const [type, v] of bad) {
    it(`refuses ${JSON.stringify(v)} as ${type}, naming the field`, () => {
      assert.throws(
        () => coerceField("ProcessId", v, type),
        (e: unknown) =>
          e instanceof MikiwameError &&
          e.code === "E_EVTX_WRITE" &&
          e.location === undefined &&
          e.message.includes("ProcessId"),
      );
    });
  }
});
