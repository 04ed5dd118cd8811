/**
 * The vocabulary of Sigma correlation types and how each one measures a window of matches.
 * Input: none (constants). Output: the type list, its union type and the groups the parser and
 * engine need (types that name a field, temporal types).
 */

/** The seven correlation types of the Sigma correlation specification 2.1. */
export const CORRELATION_TYPES = [
  "event_count",
  "value_count",
  "temporal",
  "temporal_ordered",
  "value_sum",
  "value_avg",
  "value_percentile",
] as const;
export type CorrelationType = (typeof CORRELATION_TYPES)[number];

/** Types whose condition names the field(s) they aggregate (`condition.field`). */
export const FIELD_CORRELATION_TYPES = ["value_count", "value_sum", "value_avg", "value_percentile"] as const;
export type FieldCorrelationType = (typeof FIELD_CORRELATION_TYPES)[number];

/** Types that count distinct referenced rules; their condition is optional (default: all rules). */
export const TEMPORAL_CORRELATION_TYPES = ["temporal", "temporal_ordered"] as const;
export type TemporalCorrelationType = (typeof TEMPORAL_CORRELATION_TYPES)[number];

/** Types whose measure is a number computed from a field's numeric values. */
export const NUMERIC_CORRELATION_TYPES = ["value_sum", "value_avg", "value_percentile"] as const;
export type NumericCorrelationType = (typeof NUMERIC_CORRELATION_TYPES)[number];

export function isCorrelationType(v: unknown): v is CorrelationType {
  return typeof v === "string" && (CORRELATION_TYPES as readonly string[]).includes(v);
}

export function isFieldCorrelationType(t: CorrelationType): t is FieldCorrelationType {
  return (FIELD_CORRELATION_TYPES as readonly string[]).includes(t);
}

export function isTemporalCorrelationType(t: CorrelationType): t is TemporalCorrelationType {
  return (TEMPORAL_CORRELATION_TYPES as readonly string[]).includes(t);
}

export function isNumericCorrelationType(t: CorrelationType): t is NumericCorrelationType {
  return (NUMERIC_CORRELATION_TYPES as readonly string[]).includes(t);
}
