/**
 * JSON text that keeps the JavaScript types JSON loses, so what the store writes reads back the same.
 * Input: a plain value tree (event fields, provenance, findings, incidents, opaque payloads). Output:
 * JSON text, and the value tree again. A bigint is written as `{"$b":"123"}`, a number JSON cannot
 * hold (NaN, ±Infinity, -0) as `{"$n":"NaN"}`; an object key starting with `$` gets one more `$`, so
 * a real object is never mistaken for a tag. Everything else is plain JSON, so SQL can still read it
 * (`fields->>'Image'`). Properties whose value is undefined are left out, as JSON.stringify does.
 */
import { MikiwameError } from "../diagnostics/mikiwame-error.js";

/** Nesting deeper than this is refused (no log value is this deep; a hostile one must not blow the stack). */
export const MAX_TYPED_JSON_DEPTH = 64;

const DOLLAR = 36; // "$"

function isPlainNumber(n: number): boolean {
  return Number.isFinite(n) && !Object.is(n, -0);
}

/** True when `value` needs no tag and no key escape anywhere: JSON.stringify then writes it as is. */
function isPlain(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
    case "undefined":
      return true;
    case "number":
      return isPlainNumber(value);
    case "object":
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth >= MAX_TYPED_JSON_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (v === undefined || !isPlain(v, depth + 1)) return false;
    return true;
  }
  for (const key in value) {
    if (key.charCodeAt(0) === DOLLAR) return false;
    if (!isPlain((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

function encodeValue(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return isPlainNumber(value) ? value : { $n: Object.is(value, -0) ? "-0" : String(value) };
    case "bigint":
      return { $b: value.toString() };
    case "undefined":
      return undefined;
    case "object":
      break;
    default:
      throw new MikiwameError("E_STORE", `a ${typeof value} cannot be stored`);
  }
  if (value === null) return null;
  if (depth >= MAX_TYPED_JSON_DEPTH) {
    throw new MikiwameError("E_STORE", `value nested deeper than ${MAX_TYPED_JSON_DEPTH} levels`);
  }
  if (Array.isArray(value)) return value.map((v) => encodeValue(v, depth + 1) ?? null);
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const v = encodeValue((value as Record<string, unknown>)[key], depth + 1);
    if (v === undefined) continue;
    const name = key.charCodeAt(0) === DOLLAR ? `$${key}` : key;
    Object.defineProperty(out, name, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** JSON text of `value`, with bigints and non-JSON numbers tagged (see the module comment). */
export function encodeTypedJson(value: unknown): string {
  const text = JSON.stringify(isPlain(value, 0) ? value : encodeValue(value, 0));
  if (text === undefined) throw new MikiwameError("E_STORE", `a ${typeof value} cannot be stored`);
  return text;
}

function decodeTag(obj: Record<string, unknown>): unknown {
  const keys = Object.keys(obj);
  if (keys.length === 1) {
    const tag = obj.$b;
    if (keys[0] === "$b" && typeof tag === "string") return BigInt(tag);
    const n = obj.$n;
    if (keys[0] === "$n" && typeof n === "string") return n === "-0" ? -0 : Number(n);
  }
  return undefined;
}

function decodeValue(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (typeof v === "object" && v !== null) value[i] = decodeValue(v);
    }
    return value;
  }
  const obj = value as Record<string, unknown>;
  const tagged = decodeTag(obj);
  if (tagged !== undefined) return tagged;
  let escaped = false;
  for (const key in obj) {
    if (key.charCodeAt(0) === DOLLAR) escaped = true;
    const v = obj[key];
    if (typeof v === "object" && v !== null) obj[key] = decodeValue(v);
  }
  if (!escaped) return obj;
  // own data properties only, so a key like `__proto__` stays a plain key
  return Object.fromEntries(
    Object.entries(obj).map(([k, v]) => [k.charCodeAt(0) === DOLLAR ? k.slice(1) : k, v] as const),
  );
}

/** The value tree of a text written by encodeTypedJson. Throws E_STORE on text that is not JSON. */
export function decodeTypedJson(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new MikiwameError("E_STORE", `stored JSON cannot be read: ${(e as Error).message}`, undefined, {
      cause: e,
    });
  }
  return decodeValue(parsed);
}
