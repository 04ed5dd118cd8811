/**
 * Turns loosely typed field values (`"{GUID}"`, `42`, `0x3e7n`, `true`) into typed BinXML values
 * by a per-provider field-type table, for the Sysmon and Security helpers. Input: a field name,
 * its value and the table. Output: an `EvtxValue`; a value that does not fit its declared type
 * throws `E_EVTX_WRITE` naming the field.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { EvtxValue } from "./value-types.js";

/** The field types the helpers use. */
export const HELPER_FIELD_TYPES = [
  "String",
  "Guid",
  "UInt16",
  "UInt32",
  "HexInt32",
  "HexInt64",
  "SizeT",
  "Bool",
  "Sid",
] as const;
export type HelperFieldType = (typeof HELPER_FIELD_TYPES)[number];

/** A field value as helpers accept it: plain JavaScript, or an already typed value. */
export type LooseFieldValue = string | number | bigint | boolean | EvtxValue;

function isTyped(v: LooseFieldValue): v is EvtxValue {
  return typeof v === "object" && v !== null && "type" in v;
}

function fail(field: string, type: string, v: unknown): never {
  throw new MikiwameError("E_EVTX_WRITE", `field ${field}: ${String(v)} is not a valid ${type}`);
}

/** The typed value of `field`, declared `type` in the provider's table (String if absent). */
export function coerceField(field: string, v: LooseFieldValue, type: HelperFieldType = "String"): EvtxValue {
  if (isTyped(v)) return v;
  switch (type) {
    case "String":
      return { type: "String", value: String(v) };
    case "Guid":
    case "Sid":
      if (typeof v !== "string") fail(field, type, v);
      return { type, value: v };
    case "UInt16":
    case "UInt32":
    case "HexInt32":
      if (typeof v !== "number") fail(field, type, v);
      return { type, value: v };
    case "HexInt64":
    case "SizeT":
      if (typeof v !== "number" && typeof v !== "bigint") fail(field, type, v);
      return { type, value: v };
    case "Bool":
      if (typeof v !== "boolean") fail(field, type, v);
      return { type: "Bool", value: v };
  }
}

/** Coerces every field of `fields` (order kept) by `table`. */
export function coerceFields(
  fields: Readonly<Record<string, LooseFieldValue>>,
  table: Readonly<Record<string, HelperFieldType>>,
): Record<string, EvtxValue> {
  const out: Record<string, EvtxValue> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = coerceField(k, v, table[k]);
  return out;
}
