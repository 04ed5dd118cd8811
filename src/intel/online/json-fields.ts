/**
 * Reading fields out of a service's JSON answer without trusting its shape. Input: parsed JSON
 * (`unknown`). Output: the field when it has the expected type, otherwise undefined; and a bounded copy
 * of a subtree for `details` (so one odd answer cannot blow up the cache).
 */
import type { DetailValue } from "./reputation-source.js";

/** The value at `path` (object keys), or undefined when any step is missing or not an object. */
export function fieldAt(json: unknown, ...path: readonly string[]): unknown {
  let cur = json;
  for (const key of path) {
    if (typeof cur !== "object" || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** A finite number at `path`, or undefined. */
export function numberAt(json: unknown, ...path: readonly string[]): number | undefined {
  const v = fieldAt(json, ...path);
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** A string at `path`, or undefined. */
export function stringAt(json: unknown, ...path: readonly string[]): string | undefined {
  const v = fieldAt(json, ...path);
  return typeof v === "string" ? v : undefined;
}

/** Limits for `toDetail`: nesting depth, items per array/object, characters per string. */
const MAX_DEPTH = 4;
const MAX_ITEMS = 50;
const MAX_STRING = 500;

/** A JSON-safe copy of `v`, cut to bounded depth and size; undefined for values JSON cannot hold. */
export function toDetail(v: unknown, depth = 0): DetailValue | undefined {
  if (v === null || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string") return v.length > MAX_STRING ? `${v.slice(0, MAX_STRING)}…` : v;
  if (typeof v !== "object" || depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(v)) {
    const out: DetailValue[] = [];
    for (const item of v.slice(0, MAX_ITEMS)) {
      const d = toDetail(item, depth + 1);
      if (d !== undefined) out.push(d);
    }
    return out;
  }
  const out: Record<string, DetailValue> = {};
  let n = 0;
  for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
    if (n++ >= MAX_ITEMS) break;
    const d = toDetail(item, depth + 1);
    if (d !== undefined) out[k] = d;
  }
  return out;
}

/** Copies the named fields of `obj` that are present into a details record. */
export function pickDetails(obj: unknown, names: readonly string[]): Record<string, DetailValue> {
  const out: Record<string, DetailValue> = {};
  for (const name of names) {
    const d = toDetail(fieldAt(obj, name));
    if (d !== undefined) out[name] = d;
  }
  return out;
}
