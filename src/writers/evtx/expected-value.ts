/**
 * How a decoder is expected to render each written value, so tests can compare a decoded record
 * with what was written. Input: an `EvtxValue`. Output: the JavaScript value (`FieldValue`) and
 * the XML text. Renderings: strings as-is; integers as numbers (64-bit as bigint beyond 2^53);
 * Real32/64 numbers; Bool boolean; Binary upper-case hex; Guid `{UPPER}`; SizeT and HexInt32/64
 * `0x` + lower-case hex without padding; FileTime and SysTime ISO-8601 UTC with 7 fractional
 * digits; Sid `S-1-…`; Null null; arrays as arrays. A BinXml value has no scalar rendering.
 */
import type { FieldScalar, FieldValue } from "../../events/field-value.js";
import { normalizeGuid } from "./guid.js";
import { normalizeSid } from "./sid.js";
import type { EvtxValue, ScalarInput } from "./value-types.js";
import { isoFromFileTime, systemTimeFromIso, toFileTime } from "./windows-time.js";

function int64(v: bigint | number): number | bigint {
  const b = BigInt(v);
  return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
}

function hex(v: bigint | number): string {
  return `0x${BigInt(v).toString(16)}`;
}

function sysTimeIso(iso: string): string {
  const t = systemTimeFromIso(iso);
  const ms = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.milliseconds);
  return `${new Date(ms).toISOString().slice(0, 23)}0000Z`;
}

/** One element of any scalar type; `v` is the input type that goes with `type`. */
function scalar(type: keyof ScalarInput, v: ScalarInput[keyof ScalarInput]): FieldScalar {
  switch (type) {
    case "String":
    case "AnsiString":
    case "EvtXml":
      return v as string;
    case "Int8":
    case "UInt8":
    case "Int16":
    case "UInt16":
    case "Int32":
    case "UInt32":
    case "Real64":
      return v as number;
    case "Real32":
      return Math.fround(v as number);
    case "Int64":
    case "UInt64":
    case "EvtHandle":
      return int64(v as bigint | number);
    case "Bool":
      return v as boolean;
    case "Binary":
      return Buffer.from(v as Uint8Array)
        .toString("hex")
        .toUpperCase();
    case "Guid":
      return normalizeGuid(v as string);
    case "SizeT":
    case "HexInt32":
    case "HexInt64":
      return hex(v as bigint | number);
    case "FileTime":
      return isoFromFileTime(toFileTime(v as ScalarInput["FileTime"]));
    case "SysTime":
      return sysTimeIso(v as string);
    case "Sid":
      return normalizeSid(v as string);
  }
  return null;
}

/** The value a decoder should give for `v`; undefined for a BinXml value. */
export function expectedValue(v: EvtxValue): FieldValue | undefined {
  switch (v.type) {
    case "Null":
      return null;
    case "BinXml":
      return undefined;
    default:
      if (v.array === true)
        return (v.value as readonly ScalarInput[keyof ScalarInput][]).map((e) => scalar(v.type, e));
      return scalar(v.type, v.value);
  }
}

/** The XML text of a scalar rendering (`true`, `42`, `0x3e7`, …). */
export function renderedText(v: FieldScalar): string {
  return v === null ? "" : String(v);
}
