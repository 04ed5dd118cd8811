/**
 * Values as the API sends them: JSON has no bigint, so 64-bit integers beyond 2^53 become decimal
 * strings (everything else is kept). Input: a plain value tree (event fields, finding details).
 * Output: the same tree, JSON-serialisable. Nesting is bounded (values deeper than 64 levels are cut).
 */

const MAX_DEPTH = 64;

/** The value with every bigint as its decimal string. */
export function jsonSafe(value: unknown, depth = 0): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value !== "object" || value === null) return value;
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v) => jsonSafe(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // own data properties only; a `__proto__` key from a log stays a plain key
    Object.defineProperty(out, k, {
      value: jsonSafe(v, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** A record of values with bigints as strings. */
export function jsonSafeRecord(value: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  return jsonSafe(value) as Record<string, unknown>;
}
