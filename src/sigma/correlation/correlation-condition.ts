/**
 * The `condition` of a correlation rule. Input: the parsed YAML mapping (`{gte: 10}`,
 * `{gt: 100, lte: 200}`, `{field: User, gte: 5}`, `{field: bytes, percentile: 95, gt: 1000}`), the
 * correlation type and the number of referenced rules. Output: a typed condition (all tests must hold),
 * or the reason it is invalid. Also evaluates a condition against a measured value.
 */
import {
  type CorrelationType,
  isFieldCorrelationType,
  isNumericCorrelationType,
  isTemporalCorrelationType,
} from "./correlation-type.js";
import { describeValue } from "./describe-value.js";

/** The comparison operators of a correlation condition. */
export const CONDITION_OPERATORS = ["gt", "gte", "lt", "lte", "eq", "neq"] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** One comparison of the measured value (count, sum, average, percentile) with a threshold. */
export interface ConditionTest {
  readonly op: ConditionOperator;
  readonly value: number;
}

export interface CorrelationCondition {
  /** All must hold (the spec's "AND in the mapping", e.g. `gt: 100` and `lte: 200`); never empty */
  readonly tests: readonly ConditionTest[];
  /** The field(s) aggregated by value_* types (value_count may name several: distinct tuples); else [] */
  readonly fields: readonly string[];
  /** value_percentile only: which percentile (0–100) of the field's values is compared */
  readonly percentile: number | undefined;
  /** True when the rule had no condition and the temporal default (all rules) applies */
  readonly implicit: boolean;
}

const CONDITION_KEYS: readonly string[] = [...CONDITION_OPERATORS, "field", "percentile"];
const MAX_FIELD_NAME = 256;

/** Whether `value` satisfies every test of `condition`. */
export function conditionHolds(condition: CorrelationCondition, value: number): boolean {
  for (const t of condition.tests) if (!testHolds(t, value)) return false;
  return true;
}

function testHolds(t: ConditionTest, v: number): boolean {
  switch (t.op) {
    case "gt":
      return v > t.value;
    case "gte":
      return v >= t.value;
    case "lt":
      return v < t.value;
    case "lte":
      return v <= t.value;
    case "eq":
      return v === t.value;
    case "neq":
      return v !== t.value;
  }
}

/** `gt 100 and lte 200`, for messages and reports. */
export function formatCondition(condition: CorrelationCondition): string {
  return condition.tests.map((t) => `${t.op} ${t.value}`).join(" and ");
}

/**
 * True when the condition only bounds the value from below (`gt`/`gte`): once it holds for a window it
 * cannot be undone by more events of a count, so the engine may report it as soon as it holds.
 */
export function isLowerBoundOnly(condition: CorrelationCondition): boolean {
  return condition.tests.every((t) => t.op === "gt" || t.op === "gte");
}

/**
 * Parses `correlation.condition` for a correlation of `type` referencing `ruleCount` rules.
 * Returns the condition or the reason it is invalid.
 */
export function parseCorrelationCondition(
  raw: unknown,
  type: CorrelationType,
  ruleCount: number,
): CorrelationCondition | { readonly reason: string } {
  if (raw === undefined || raw === null) {
    if (isTemporalCorrelationType(type)) {
      return { tests: [{ op: "gte", value: ruleCount }], fields: [], percentile: undefined, implicit: true };
    }
    return { reason: `correlation.condition is required for type ${type} (e.g. "condition: {gte: 10}")` };
  }
  if (typeof raw !== "object" || Array.isArray(raw) || raw instanceof Date) {
    return { reason: `correlation.condition must be a mapping such as {gte: 10}, got ${describeValue(raw)}` };
  }
  const map = raw as Record<string, unknown>;
  const unknown = Object.keys(map).filter((k) => !CONDITION_KEYS.includes(k));
  if (unknown.length > 0) {
    return {
      reason: `correlation.condition has unknown key(s) ${unknown.map((k) => `"${k}"`).join(", ")}; allowed: ${CONDITION_KEYS.join(", ")}`,
    };
  }
  const tests: ConditionTest[] = [];
  for (const op of CONDITION_OPERATORS) {
    if (!(op in map)) continue;
    const v = map[op];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      return { reason: `correlation.condition.${op} must be a number, got ${describeValue(v)}` };
    }
    tests.push({ op, value: v });
  }
  if (tests.length === 0) {
    return { reason: `correlation.condition needs a comparison (one of ${CONDITION_OPERATORS.join(", ")})` };
  }
  const fields = parseFields(map.field, type);
  if ("reason" in fields) return fields;
  const percentile = parsePercentile(map.percentile, type);
  if (typeof percentile === "object") return percentile;
  const condition: CorrelationCondition = { tests, fields: fields.fields, percentile, implicit: false };
  const never = isNumericCorrelationType(type)
    ? realConditionIsEmpty(tests)
    : integerConditionIsEmpty(tests, isTemporalCorrelationType(type) ? ruleCount : Number.POSITIVE_INFINITY);
  if (never) {
    const what = isTemporalCorrelationType(type)
      ? `a count of distinct rules between 1 and ${ruleCount}`
      : isNumericCorrelationType(type)
        ? "any value"
        : "any count of 1 or more";
    return { reason: `correlation.condition "${formatCondition(condition)}" can never hold for ${what}` };
  }
  return condition;
}

function parseFields(
  raw: unknown,
  type: CorrelationType,
): { readonly fields: string[] } | { reason: string } {
  if (!isFieldCorrelationType(type)) {
    if (raw !== undefined) {
      return { reason: `correlation.condition.field is not used by type ${type}; remove it` };
    }
    return { fields: [] };
  }
  if (raw === undefined || raw === null) {
    return { reason: `correlation.condition.field is required for type ${type}` };
  }
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) return { reason: "correlation.condition.field is an empty list" };
  if (list.length > 1 && type !== "value_count") {
    return { reason: `correlation.condition.field must be a single field name for type ${type}` };
  }
  const fields: string[] = [];
  for (const f of list) {
    if (typeof f !== "string" || f.trim() === "" || f.length > MAX_FIELD_NAME) {
      return {
        reason: `correlation.condition.field must be a field name (1–256 characters), got ${describeValue(f)}`,
      };
    }
    if (fields.includes(f)) return { reason: `correlation.condition.field lists "${f}" twice` };
    fields.push(f);
  }
  return { fields };
}

function parsePercentile(raw: unknown, type: CorrelationType): number | undefined | { reason: string } {
  if (type !== "value_percentile") {
    if (raw !== undefined)
      return { reason: `correlation.condition.percentile is only used by value_percentile` };
    return undefined;
  }
  if (raw === undefined || raw === null) {
    return {
      reason:
        "value_percentile needs correlation.condition.percentile (0–100): which percentile of the field is compared with the threshold",
    };
  }
  if (typeof raw !== "number" || !Number.isFinite(raw) || raw < 0 || raw > 100) {
    return {
      reason: `correlation.condition.percentile must be a number from 0 to 100, got ${describeValue(raw)}`,
    };
  }
  return raw;
}

/** True when no integer in [1, max] satisfies all tests (counts of events, values or rules). */
function integerConditionIsEmpty(tests: readonly ConditionTest[], max: number): boolean {
  let lo = 1;
  let hi = max;
  let neq: number | undefined;
  for (const t of tests) {
    switch (t.op) {
      case "gt":
        lo = Math.max(lo, Math.floor(t.value) + 1);
        break;
      case "gte":
        lo = Math.max(lo, Math.ceil(t.value));
        break;
      case "lt":
        hi = Math.min(hi, Math.ceil(t.value) - 1);
        break;
      case "lte":
        hi = Math.min(hi, Math.floor(t.value));
        break;
      case "eq":
        if (!Number.isInteger(t.value)) return true;
        lo = Math.max(lo, t.value);
        hi = Math.min(hi, t.value);
        break;
      case "neq":
        neq = t.value;
        break;
    }
  }
  if (lo > hi) return true;
  return lo === hi && neq === lo;
}

/** True when no real number satisfies all tests (sums, averages, percentiles). */
function realConditionIsEmpty(tests: readonly ConditionTest[]): boolean {
  let lo = Number.NEGATIVE_INFINITY;
  let loOpen = true;
  let hi = Number.POSITIVE_INFINITY;
  let hiOpen = true;
  let neq: number | undefined;
  const raise = (v: number, open: boolean): void => {
    if (v > lo || (v === lo && open)) {
      lo = v;
      loOpen = open;
    }
  };
  const lower = (v: number, open: boolean): void => {
    if (v < hi || (v === hi && open)) {
      hi = v;
      hiOpen = open;
    }
  };
  for (const t of tests) {
    if (t.op === "gt") raise(t.value, true);
    else if (t.op === "gte") raise(t.value, false);
    else if (t.op === "lt") lower(t.value, true);
    else if (t.op === "lte") lower(t.value, false);
    else if (t.op === "eq") {
      raise(t.value, false);
      lower(t.value, false);
    } else neq = t.value;
  }
  if (lo > hi) return true;
  if (lo === hi) return loOpen || hiOpen || neq === lo;
  return false;
}
