/**
 * Compact JSON text with exact 64-bit integers. Input: a record, an event or any plain value tree.
 * Output: one line of JSON where a bigint is written as its exact integer literal (JSON.stringify
 * cannot do this; a replacer can only turn it into a string). Characters that JSON allows raw but a
 * terminal would act on (DEL, C1 controls, bidi controls, U+2028/2029) are written as `\uXXXX` escapes,
 * so the text is safe to show and means the same. Deeply nested values are refused rather than
 * overflowing the stack.
 */
import { MikiwameError } from "../diagnostics/mikiwame-error.js";

/** Nesting deeper than this is refused (a log value this deep is hostile or broken). */
export const MAX_JSON_DEPTH = 1000;

/** Characters JSON.stringify leaves raw that must not reach a terminal (C0 is already escaped). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeUnsafe(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** JSON.stringify with terminal-unsafe characters escaped (an equivalent JSON text). */
export function safeJsonStringify(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_IN_JSON, escapeUnsafe);
}

function write(value: unknown, depth: number, out: string[]): boolean {
  switch (typeof value) {
    case "string":
      out.push(JSON.stringify(value).replace(UNSAFE_IN_JSON, escapeUnsafe));
      return true;
    case "number":
      out.push(Number.isFinite(value) ? String(value) : "null");
      return true;
    case "bigint":
      out.push(value.toString());
      return true;
    case "boolean":
      out.push(value ? "true" : "false");
      return true;
    case "object":
      break;
    default:
      return false; // undefined, function, symbol: left out (as JSON.stringify does)
  }
  if (value === null) {
    out.push("null");
    return true;
  }
  if (depth >= MAX_JSON_DEPTH) {
    throw new MikiwameError(
      "E_JSON_SHAPE",
      `value nested deeper than ${MAX_JSON_DEPTH} levels cannot be written`,
    );
  }
  if (Array.isArray(value)) {
    out.push("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(",");
      if (!write(value[i], depth + 1, out)) out.push("null");
    }
    out.push("]");
    return true;
  }
  out.push("{");
  let first = true;
  for (const key of Object.keys(value)) {
    const mark = out.length;
    out.push(first ? "" : ",", JSON.stringify(key), ":");
    if (write((value as Record<string, unknown>)[key], depth + 1, out)) first = false;
    else out.length = mark;
  }
  out.push("}");
  return true;
}

/** `value` as compact JSON; bigint values as exact integer literals. */
export function toJsonText(value: unknown): string {
  const out: string[] = [];
  if (!write(value, 0, out)) return "null";
  return out.join("");
}
