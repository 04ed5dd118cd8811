/**
 * One Zeek TSV value typed by its column type. Input: the raw text of a cell, the column type and the
 * log's markers (`#unset_field`, `#empty_field`, `#set_separator`). Output: a field value —
 * count/int/port/double/interval/time → number (integers beyond 2^53 → bigint), bool `T`/`F` →
 * boolean, addr/subnet/string/enum → unescaped text, set/vector → array, unset `-` → null,
 * `(empty)` → [] or "" — or a ZeekValueProblem saying why the cell could not be read.
 */
import type { FieldValue } from "../../events/field-value.js";
import type { ZeekColumnType, ZeekValueKind } from "./zeek-type.js";
import { unescapeZeek } from "./zeek-unescape.js";

/** The markers of one log block (from its header lines, or Zeek's defaults). */
export interface ZeekMarkers {
  readonly setSeparator: string;
  readonly emptyField: string;
  readonly unsetField: string;
}

export const DEFAULT_ZEEK_MARKERS: ZeekMarkers = {
  setSeparator: ",",
  emptyField: "(empty)",
  unsetField: "-",
};

/** Most elements of one set/vector cell (split with this limit: memory stays bounded on a hostile cell). */
export const MAX_ZEEK_CONTAINER_ITEMS = 65_536;

/**
 * Why a cell could not be typed: a bad value, a value masked by a test harness (btest), or a
 * container of more than MAX_ZEEK_CONTAINER_ITEMS elements.
 */
export class ZeekValueProblem {
  constructor(
    readonly kind: "bad" | "masked" | "large",
    readonly raw: string,
    readonly expected: ZeekValueKind,
  ) {}
}

const UNSIGNED = /^\d+$/;
const SIGNED = /^[-+]?\d+$/;
const PORT = /^(\d+)(?:\/[a-z]+)?$/;
// `\d+(?:\.\d*)?`, not `\d+\.?\d*`: the two digit runs of the latter can split a digit string any way,
// so a non-matching million-digit cell backtracked quadratically (30,000 digits: 0.6 s; a 64 MB line: hours).
const DECIMAL = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
// btest baselines mask times as XXXXXXXXXX.XXXXXX
const MASKED = /^X+(?:\.X+)?$/;

// Zeek's count and int are 64-bit: 20 digits at most. Longer digit runs are not values (and BigInt
// parsing of a megabytes-long one is superlinear), so they are bad cells.
const MAX_INTEGER_CHARS = 40;

function integer(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

function scalar(raw: string, kind: ZeekValueKind, column: ZeekColumnType): FieldValue | ZeekValueProblem {
  switch (kind) {
    case "text":
      return unescapeZeek(raw);
    case "count": {
      if (raw.length > MAX_INTEGER_CHARS) return new ZeekValueProblem("bad", raw, kind);
      if (UNSIGNED.test(raw)) return integer(raw);
      // a port may be written with its protocol (`80/tcp`) by some exporters
      const m = column.scalar === "port" ? PORT.exec(raw) : null;
      return m ? integer(m[1]) : new ZeekValueProblem("bad", raw, kind);
    }
    case "int":
      return raw.length <= MAX_INTEGER_CHARS && SIGNED.test(raw)
        ? integer(raw)
        : new ZeekValueProblem("bad", raw, kind);
    case "double":
    case "time":
      if (DECIMAL.test(raw)) return Number(raw);
      return new ZeekValueProblem(MASKED.test(raw) ? "masked" : "bad", raw, kind);
    case "bool":
      if (raw === "T") return true;
      if (raw === "F") return false;
      return new ZeekValueProblem("bad", raw, kind);
  }
}

/**
 * Types one cell. A container's elements are typed one by one; the first element that fails makes
 * the whole cell a problem.
 */
export function convertZeekValue(
  raw: string,
  column: ZeekColumnType,
  markers: ZeekMarkers,
): FieldValue | ZeekValueProblem {
  if (raw === markers.unsetField) return null;
  if (column.container) {
    if (raw === markers.emptyField) return [];
    const parts = raw.split(markers.setSeparator, MAX_ZEEK_CONTAINER_ITEMS + 1);
    if (parts.length > MAX_ZEEK_CONTAINER_ITEMS) return new ZeekValueProblem("large", raw, column.kind);
    const out: FieldValue[] = [];
    for (const part of parts) {
      if (part === markers.unsetField) {
        out.push(null);
        continue;
      }
      const v = scalar(part, column.kind, column);
      if (v instanceof ZeekValueProblem) return v;
      out.push(v);
    }
    return out;
  }
  if (raw === markers.emptyField && column.kind === "text") return "";
  return scalar(raw, column.kind, column);
}
