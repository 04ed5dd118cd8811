/**
 * The values a record or event field can hold. Decoders choose the JavaScript type closest to the
 * source type: 64-bit integers beyond 2^53 stay `bigint`, never silently rounded; binary data is
 * an upper-case hex string (as Windows renders it); times are ISO-8601 UTC strings.
 */
export type FieldScalar = string | number | bigint | boolean | null;
export type FieldValue = FieldScalar | readonly FieldValue[];
export type Fields = Record<string, FieldValue>;

/** Renders a value the way Sigma and text outputs compare it. */
export function fieldToString(v: FieldValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map(fieldToString).join(", ");
  return String(v);
}

/** JSON.stringify replacer that keeps bigint exact (as a JSON number literal when safe, else a string). */
export function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}
