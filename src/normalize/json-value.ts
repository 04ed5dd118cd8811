/**
 * Reading parsed JSON safely: typed accessors for `unknown` values, path lookups that accept both
 * nested objects (`{"winlog": {"channel": …}}`) and dotted keys (`{"winlog.channel": …}`), and the
 * conversion of JSON values into event field values (objects flattened to dotted names, bounded).
 * Input: values from JSON.parse. Output: strings, numbers, FieldValues, flattened Fields.
 */
import type { FieldValue, Fields } from "../events/field-value.js";
import { toInteger } from "./field-conversions.js";

export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The value at a dotted path. Tries nested objects first, then the whole path as one dotted key,
 * then mixed forms (`{"winlog": {"event_data.Image": …}}`). Paths are short, so this is cheap.
 */
export function getPath(obj: JsonObject, path: string): unknown {
  const direct = obj[path];
  if (direct !== undefined) return direct;
  let dot = path.indexOf(".");
  while (dot > 0) {
    const head = obj[path.slice(0, dot)];
    if (isObject(head)) {
      const found = getPath(head, path.slice(dot + 1));
      if (found !== undefined) return found;
    }
    dot = path.indexOf(".", dot + 1);
  }
  return undefined;
}

/** The first defined value among `paths`. */
export function firstPath(obj: JsonObject, paths: readonly string[]): unknown {
  for (const p of paths) {
    const v = getPath(obj, p);
    if (v !== undefined && v !== null && v !== "") return v;
  }
  return undefined;
}

/** A string for a scalar (numbers and booleans rendered), else undefined. */
export function asString(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  return undefined;
}

/** A safe integer from a number or a decimal/hex string; undefined for anything else. */
export function asInteger(v: unknown): number | undefined {
  if (typeof v !== "number" && typeof v !== "string" && typeof v !== "bigint") return undefined;
  const n = toInteger(v);
  return typeof n === "number" ? n : undefined;
}

/** Limits for flattening nested JSON into fields (a record is never allowed to explode). */
export const FLATTEN_MAX_DEPTH = 6;
export const FLATTEN_MAX_FIELDS = 2000;

/** Mutable budget shared by one flattening; `truncated` tells the caller to report it. */
export interface FlattenBudget {
  remaining: number;
  truncated: boolean;
}

/** A new budget of FLATTEN_MAX_FIELDS fields. */
export function newBudget(): FlattenBudget {
  return { remaining: FLATTEN_MAX_FIELDS, truncated: false };
}

/**
 * A JSON value as a field value: scalars as they are, arrays element-wise, objects inside arrays as
 * their JSON text (they have no field name of their own). Depth-bounded.
 */
export function toFieldValue(v: unknown, depth = 0): FieldValue | undefined {
  switch (typeof v) {
    case "string":
    case "number":
    case "boolean":
    case "bigint":
      return v;
    case "object": {
      if (v === null) return null;
      if (Array.isArray(v)) {
        if (depth >= FLATTEN_MAX_DEPTH) return JSON.stringify(v);
        const out: FieldValue[] = [];
        for (const item of v) {
          const f = toFieldValue(item, depth + 1);
          if (f !== undefined) out.push(f);
        }
        return out;
      }
      return JSON.stringify(v);
    }
    default:
      return undefined;
  }
}

/**
 * Copies `obj` into `target`: scalars and arrays under `prefix + key`, nested objects flattened to
 * dotted names. Keys in `skip` (top level only) and `__proto__` are left out. Bounded by `budget`.
 */
export function flattenInto(
  target: Fields,
  obj: JsonObject,
  prefix: string,
  budget: FlattenBudget,
  skip?: ReadonlySet<string>,
  depth = 0,
): void {
  for (const key in obj) {
    if (key === "__proto__" || skip?.has(key)) continue;
    const v = obj[key];
    const name = prefix === "" ? key : prefix + key;
    if (isObject(v)) {
      if (depth + 1 >= FLATTEN_MAX_DEPTH) {
        if (budget.remaining-- <= 0) {
          budget.truncated = true;
          return;
        }
        target[name] = JSON.stringify(v);
      } else flattenInto(target, v, `${name}.`, budget, undefined, depth + 1);
      continue;
    }
    const f = toFieldValue(v, depth);
    if (f === undefined) continue;
    if (budget.remaining-- <= 0) {
      budget.truncated = true;
      return;
    }
    target[name] = f;
  }
}
