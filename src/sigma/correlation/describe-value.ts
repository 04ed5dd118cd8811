/**
 * Renders a value parsed from YAML briefly, for rejection reasons ("got a list", "got number 5").
 * Input: any parsed value. Output: a short, bounded string.
 */

/** A short rendering of a parsed YAML value for error messages (strings cut at 60 characters). */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return `date ${value.toISOString()}`;
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}
