/**
 * Correlation time spans. Input: the `timespan` text of a correlation rule (`30s`, `5m`, `1h`, `2d`) or
 * the `timeframe` of a legacy aggregation rule. Output: the span in milliseconds, or the reason the text
 * is not a valid span.
 */
import { describeValue } from "./describe-value.js";

/** The units the Sigma correlation specification allows, with their length in milliseconds. */
export const TIMESPAN_UNITS = ["s", "m", "h", "d"] as const;
export type TimespanUnit = (typeof TIMESPAN_UNITS)[number];

const UNIT_MS: Readonly<Record<TimespanUnit, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Longest span accepted: 100 years, far beyond any log set, and well inside exact doubles. */
const MAX_SPAN_MS = 100 * 366 * UNIT_MS.d;

/** A parsed time span. `ms` is `Infinity` only for a legacy aggregation without `timeframe`. */
export interface Timespan {
  /** The span as written in the rule (`5m`), or `unbounded` */
  readonly text: string;
  readonly ms: number;
}

/** The span that covers a whole input (legacy aggregation rules without `timeframe`). */
export const UNBOUNDED_TIMESPAN: Timespan = { text: "unbounded", ms: Number.POSITIVE_INFINITY };

/**
 * Parses `number + lower-case unit` (`90m`). Returns the span, or a reason naming what is wrong and
 * what is accepted.
 */
export function parseTimespan(value: unknown): Timespan | { readonly reason: string } {
  if (typeof value !== "string") {
    return { reason: `timespan must be a string such as "5m", got ${describeValue(value)}` };
  }
  const m = /^([0-9]{1,12})([a-zA-Z])$/.exec(value.trim());
  if (!m) {
    return {
      reason: `timespan "${value}" is not a number followed by one unit letter (s, m, h or d), e.g. "5m"`,
    };
  }
  const unit = m[2] as string;
  if (!isTimespanUnit(unit)) {
    return {
      reason: `timespan "${value}" has unit "${unit}"; the accepted units are s, m, h and d (lower case)`,
    };
  }
  const count = Number(m[1]);
  if (count <= 0) return { reason: `timespan "${value}" must be greater than zero` };
  const ms = count * UNIT_MS[unit];
  if (ms > MAX_SPAN_MS) return { reason: `timespan "${value}" is longer than 100 years` };
  return { text: value.trim(), ms };
}

function isTimespanUnit(u: string): u is TimespanUnit {
  return (TIMESPAN_UNITS as readonly string[]).includes(u);
}
