/**
 * The legacy (Sigma 1.x) aggregation form: `condition: selection | count() by TargetUserName > 10` with
 * `timeframe: 5m`. Input: the condition text (whole, or only the part after the pipe) and the rule's
 * `timeframe`. Output: the detection part (before the pipe, for the condition compiler) and an equivalent
 * Sigma 2 correlation (event_count, value_count, value_sum or value_avg) over the rule's own matches, or
 * the reason the aggregation cannot be expressed.
 */
import type { RejectedRule, RuleSource, SigmaRule } from "../rule-model.js";
import { type CorrelationCondition, parseCorrelationCondition } from "./correlation-condition.js";
import { InvalidCorrelation, parseCorrelationMeta } from "./correlation-meta.js";
import type { CorrelationRule } from "./correlation-rule.js";
import { describeValue } from "./describe-value.js";
import { parseTimespan, type Timespan, UNBOUNDED_TIMESPAN } from "./timespan.js";

/** The aggregation functions of Sigma 1.x. `min` and `max` have no Sigma 2 equivalent and are rejected. */
export const LEGACY_AGGREGATION_FUNCTIONS = ["count", "sum", "avg", "min", "max"] as const;
export type LegacyAggregationFunction = (typeof LEGACY_AGGREGATION_FUNCTIONS)[number];

/** The correlation types a legacy aggregation becomes. */
export const LEGACY_CORRELATION_TYPES = ["event_count", "value_count", "value_sum", "value_avg"] as const;
export type LegacyCorrelationType = (typeof LEGACY_CORRELATION_TYPES)[number];

/** A parsed legacy aggregation condition. */
export interface LegacyCountCondition {
  /** The detection condition before the pipe (`selection and not filter`), trimmed; undefined when only the aggregation was given */
  readonly search: string | undefined;
  readonly type: LegacyCorrelationType;
  /** The aggregated field: `count(field)` counts its distinct values; sum/avg add up its numbers */
  readonly field: string | undefined;
  readonly groupBy: readonly string[];
  readonly condition: CorrelationCondition;
  /** From `timeframe`; unbounded (the whole input) when the rule has none */
  readonly timespan: Timespan;
}

const OPERATORS: Readonly<Record<string, string>> = {
  "<": "lt",
  "<=": "lte",
  ">": "gt",
  ">=": "gte",
  "=": "eq",
  "==": "eq",
  "!=": "neq",
};

const AGGREGATION =
  /^([A-Za-z]+)\s*\(\s*([^()\s]*)\s*\)\s*(?:\bby\s+(.+?))?\s*(<=|>=|==|!=|<|>|=)\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))$/i;
const FIELD_NAME = /^[^\s,()<>=!|]+$/;
const MAX_CONDITION = 4096;

/** Whether a condition string uses the legacy aggregation pipe (`… | count() …`). */
export function isLegacyAggregation(condition: string): boolean {
  return condition.includes("|");
}

/**
 * Parses `[search |] agg(field) [by f1[, f2]] op N` with the rule's `timeframe` (a string such as `10m`,
 * or undefined for none: the window is then the whole input). Accepts the whole condition or only the
 * aggregation after the pipe. Returns the parsed aggregation, or a reason.
 */
export function parseLegacyCountCondition(
  condition: string,
  timeframe: unknown,
): LegacyCountCondition | { readonly reason: string } {
  if (condition.length > MAX_CONDITION)
    return { reason: `condition is longer than ${MAX_CONDITION} characters` };
  const parts = condition.split("|");
  if (parts.length > 2) {
    return {
      reason: `condition "${condition}" must have one "| aggregation" part, found ${parts.length - 1}`,
    };
  }
  const search = parts.length === 2 ? (parts[0] as string).trim() : undefined;
  const agg = (parts[parts.length - 1] as string).trim();
  if (search === "") return { reason: `condition "${condition}" has no detection part before "|"` };
  if (/^near\b/i.test(agg)) {
    return {
      reason: "the legacy `near` aggregation is not supported; rewrite it as a temporal correlation rule",
    };
  }
  const m = AGGREGATION.exec(agg);
  if (!m) {
    return {
      reason: `aggregation "${agg}" is not of the form "count([field]) [by field[, field]] <op> number" (op: <, <=, >, >=, ==, !=)`,
    };
  }
  const fn = (m[1] as string).toLowerCase();
  const field = m[2] === "" ? undefined : m[2];
  const type = correlationTypeOf(fn, field);
  if (typeof type === "object") return type;
  const groupBy = m[3] === undefined ? [] : m[3].split(",").map((s) => s.trim());
  for (const g of groupBy) {
    if (!FIELD_NAME.test(g)) return { reason: `aggregation "${agg}" has an invalid group-by field "${g}"` };
  }
  if (new Set(groupBy).size !== groupBy.length)
    return { reason: `aggregation "${agg}" repeats a group-by field` };
  const op = OPERATORS[m[4] as string] as string;
  const raw: Record<string, unknown> = { [op]: Number(m[5]) };
  if (field !== undefined) raw.field = field;
  const parsed = parseCorrelationCondition(raw, type, 1);
  if ("reason" in parsed) return { reason: `aggregation "${agg}": ${parsed.reason}` };
  let timespan: Timespan = UNBOUNDED_TIMESPAN;
  if (timeframe !== undefined && timeframe !== null) {
    const t = parseTimespan(timeframe);
    if ("reason" in t) return { reason: `timeframe ${describeValue(timeframe)}: ${t.reason}` };
    timespan = t;
  }
  return { search, type, field, groupBy, condition: parsed, timespan };
}

function correlationTypeOf(
  fn: string,
  field: string | undefined,
): LegacyCorrelationType | { reason: string } {
  switch (fn) {
    case "count":
      return field === undefined ? "event_count" : "value_count";
    case "sum":
    case "avg":
      if (field === undefined) return { reason: `${fn}() needs a field, e.g. ${fn}(bytes)` };
      return fn === "sum" ? "value_sum" : "value_avg";
    case "min":
    case "max":
      return { reason: `the ${fn}() aggregation has no Sigma correlation equivalent and is not supported` };
    default:
      return { reason: `unknown aggregation function "${fn}"; use count, sum or avg` };
  }
}

/**
 * The correlation rule a legacy aggregation rule stands for: it aggregates the matches of `rule` itself
 * (referenced by its id, else its name) and carries the rule's metadata. `generate` is false, so the base
 * rule does not report single matches on its own, as in Sigma 1.x. A legacy correlation cannot be
 * referenced by other correlations (its id belongs to the base rule).
 */
export function legacyCorrelationRule(
  rule: SigmaRule,
  legacy: LegacyCountCondition,
): CorrelationRule | RejectedRule {
  const ref = rule.id ?? rule.name;
  if (ref === undefined) return { source: rule.source, title: rule.title, reason: NEEDS_REF };
  return {
    kind: "correlation",
    type: legacy.type,
    id: rule.id,
    name: rule.name,
    title: rule.title,
    status: rule.status,
    level: rule.level,
    description: rule.description,
    author: rule.author,
    date: rule.date,
    modified: rule.modified,
    taxonomy: undefined,
    tags: rule.tags,
    references: rule.references,
    falsepositives: rule.falsepositives,
    custom: rule.custom,
    ...legacyParts(ref, legacy),
    source: rule.source,
  };
}

const NEEDS_REF =
  "a rule with an aggregation (`| count() …`) needs an `id` or a `name` so its matches can be counted";

/** Top-level keys of a detection rule that the legacy correlation does not keep in `custom`. */
const DETECTION_KEYS = ["detection", "logsource", "timeframe", "fields"] as const;

/**
 * The same as `legacyCorrelationRule`, from the detection rule's YAML document (plain values) and its
 * source, for a loader that has not built the `SigmaRule`. Metadata of the wrong type rejects the rule.
 */
export function legacyCorrelationFromDocument(
  document: Readonly<Record<string, unknown>>,
  source: RuleSource,
  legacy: LegacyCountCondition,
): CorrelationRule | RejectedRule {
  const title = typeof document.title === "string" ? document.title : undefined;
  const id = typeof document.id === "string" ? document.id : undefined;
  try {
    const meta = parseCorrelationMeta(document, DETECTION_KEYS);
    const ref = meta.id ?? meta.name;
    if (ref === undefined) return { source, title: meta.title, reason: NEEDS_REF };
    return { kind: "correlation", type: legacy.type, ...meta, ...legacyParts(ref, legacy), source };
  } catch (e) {
    if (!(e instanceof InvalidCorrelation)) throw e;
    return {
      source,
      ...(id !== undefined && { id }),
      ...(title !== undefined && { title }),
      reason: e.reason,
    };
  }
}

function legacyParts(ref: string, legacy: LegacyCountCondition) {
  return {
    rules: [ref],
    groupBy: legacy.groupBy,
    timespan: legacy.timespan,
    condition: legacy.condition,
    aliases: new Map<string, ReadonlyMap<string, string>>(),
    generate: false,
    legacy: true,
  } as const;
}
