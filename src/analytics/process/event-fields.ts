/**
 * Typed reads of event fields for the process analytics. Logs disagree on types (EVTX gives numbers
 * and booleans, JSON often strings, `-` for "none"), so each read accepts every shape and returns one
 * type or undefined. Input: an event's fields and candidate names. Output: string / number / boolean.
 */
import type { Fields, FieldValue } from "../../events/field-value.js";

/** Values that mean "no value" in Windows logs. */
function isEmptyText(s: string): boolean {
  return s === "" || s === "-" || s === "?";
}

/** The first of `names` with a non-empty text value (numbers and bigints rendered in decimal). */
export function textField(fields: Fields, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = readScalar(fields[name]);
    if (v === undefined || v === null) continue;
    const s = typeof v === "string" ? v.trim() : String(v);
    if (!isEmptyText(s)) return s;
  }
  return undefined;
}

/** The first of `names` holding a non-negative safe integer (also from `"123"` or `"0x7b"`). */
export function intField(fields: Fields, ...names: string[]): number | undefined {
  for (const name of names) {
    const v = readScalar(fields[name]);
    let n: number | undefined;
    if (typeof v === "number") n = v;
    else if (typeof v === "bigint") n = v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
    else if (typeof v === "string") {
      const s = v.trim();
      if (/^0x[0-9a-f]{1,13}$/i.test(s)) n = Number.parseInt(s.slice(2), 16);
      else if (/^\d{1,15}$/.test(s)) n = Number(s);
    }
    if (n !== undefined && Number.isSafeInteger(n) && n >= 0) return n;
  }
  return undefined;
}

/** The first of `names` holding a boolean (`true`/`false` in any case, or 1/0). */
export function boolField(fields: Fields, ...names: string[]): boolean | undefined {
  for (const name of names) {
    const v = readScalar(fields[name]);
    if (typeof v === "boolean") return v;
    if (typeof v === "number") return v !== 0;
    if (typeof v === "string") {
      const s = v.trim().toLowerCase();
      if (s === "true" || s === "1") return true;
      if (s === "false" || s === "0") return false;
    }
  }
  return undefined;
}

/** A list's first element (some JSON sources wrap single values in arrays). */
function readScalar(v: FieldValue | undefined): FieldValue | undefined {
  if (Array.isArray(v)) return v.length > 0 ? readScalar(v[0]) : undefined;
  return v;
}

/** The all-zero GUID Sysmon writes when it does not know a process (e.g. a parent that exited). */
const ZERO_GUID = /^\{?0{8}-0{4}-0{4}-0{4}-0{12}\}?$/;

/** Like `textField`, for process GUIDs / entity ids: the all-zero GUID counts as no value. */
export function guidField(fields: Fields, ...names: string[]): string | undefined {
  const v = textField(fields, ...names);
  return v === undefined || ZERO_GUID.test(v) ? undefined : v;
}
