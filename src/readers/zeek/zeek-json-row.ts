/**
 * One row of a Zeek JSON log turned into record fields. Input: the parsed JSON object of one line.
 * Output: its log path (`_path`, else the Kafka writer's `@stream`, else undefined) and its fields:
 * nested objects flattened with dots (`id.orig_h`), arrays kept, `_path` dropped, and `ts` as epoch
 * seconds when written as an ISO-8601 string (Zeek's `JSON::TS_ISO8601` setting).
 */
import type { FieldValue, Fields } from "../../events/field-value.js";

export interface ZeekJsonRow {
  readonly path: string | undefined;
  readonly fields: Fields;
  /** Set when `ts` is neither a number nor an ISO time (then it is null in `fields`) */
  readonly badTs?: string;
}

// Deeper nesting than this is kept as JSON text rather than flattened further.
const MAX_DEPTH = 32;
const ISO_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch seconds of an ISO-8601 time with any number of fractional digits; undefined if unreadable. */
export function isoToEpochSeconds(text: string): number | undefined {
  const m = ISO_TIME.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3] ?? "Z"}`);
  if (Number.isNaN(ms)) return undefined;
  return ms / 1000 + (m[2] ? Number(`0${m[2]}`) : 0);
}

function toFieldValue(value: unknown, depth: number): FieldValue {
  if (
    value === null ||
    typeof value === "string" ||
    typeof value === "number" ||
    typeof value === "boolean"
  ) {
    return value;
  }
  if (typeof value === "bigint") return value;
  if (Array.isArray(value) && depth < MAX_DEPTH) return value.map((v) => toFieldValue(v, depth + 1));
  // An object inside an array (or anything too deep) has no field name to flatten to: keep its JSON.
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

function flatten(into: Fields, prefix: string, obj: Record<string, unknown>, depth: number): void {
  for (const [key, value] of Object.entries(obj)) {
    const name = prefix === "" ? key : `${prefix}.${key}`;
    if (typeof value === "object" && value !== null && !Array.isArray(value) && depth < MAX_DEPTH) {
      flatten(into, name, value as Record<string, unknown>, depth + 1);
    } else if (name === "__proto__") {
      Object.defineProperty(into, name, {
        value: toFieldValue(value, depth),
        enumerable: true,
        writable: true,
      });
    } else {
      into[name] = toFieldValue(value, depth);
    }
  }
}

/** Reads one Zeek JSON row. */
export function readZeekJsonRow(obj: Record<string, unknown>): ZeekJsonRow {
  const fields: Fields = {};
  const { _path, ...rest } = obj;
  flatten(fields, "", rest, 0);
  const path =
    typeof _path === "string" ? _path : typeof obj["@stream"] === "string" ? obj["@stream"] : undefined;
  const ts = fields.ts;
  if (typeof ts === "string") {
    const seconds = isoToEpochSeconds(ts);
    fields.ts = seconds ?? null;
    if (seconds === undefined) return { path, fields, badTs: ts };
  }
  return { path, fields };
}
