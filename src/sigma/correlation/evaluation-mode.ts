/**
 * How the engine evaluates a correlation. Input: a correlation rule. Output: its mode (threshold: tested
 * at every new match, reported at once; windowed: tested once per closed window), which duplicates a
 * threshold group may drop, and how many entries a group must be able to hold for the rule to be met.
 */
import { isLowerBoundOnly } from "./correlation-condition.js";
import type { DedupeKey } from "./correlation-group.js";
import type { CorrelationRule } from "./correlation-rule.js";

export const EVALUATION_MODES = ["threshold", "windowed"] as const;
export type EvaluationMode = (typeof EVALUATION_MODES)[number];

export interface EvaluationPlan {
  readonly mode: EvaluationMode;
  /** Threshold value_count keeps the latest match per value, threshold temporal the latest per rule */
  readonly dedupe: DedupeKey | undefined;
  /** Entries a group must hold for a count threshold to be reachable (0: no such need) */
  readonly entriesNeeded: number;
}

/** Most entries a count threshold may ask a group to hold. */
export const MAX_ENTRIES_NEEDED = 1_000_000;

/**
 * Threshold mode for counts and sums bounded only from below (`gt`/`gte`): once such a window holds, it
 * is a true hit whatever comes later. Everything else (upper bounds, `eq`, `neq`, averages, percentiles)
 * needs the whole window, so it is windowed.
 */
export function evaluationPlan(rule: CorrelationRule): EvaluationPlan {
  const threshold =
    isLowerBoundOnly(rule.condition) && rule.type !== "value_avg" && rule.type !== "value_percentile";
  if (!threshold) return { mode: "windowed", dedupe: undefined, entriesNeeded: 0 };
  const dedupe = rule.type === "value_count" ? "value" : rule.type === "temporal" ? "rule" : undefined;
  return { mode: "threshold", dedupe, entriesNeeded: entriesNeeded(rule) };
}

function entriesNeeded(rule: CorrelationRule): number {
  if (rule.type !== "event_count" && rule.type !== "value_count" && rule.type !== "temporal_ordered")
    return 0;
  let need = 0;
  for (const t of rule.condition.tests) {
    need = Math.max(need, t.op === "gt" ? Math.floor(t.value) + 1 : Math.ceil(t.value));
  }
  return Math.min(need, MAX_ENTRIES_NEEDED);
}
