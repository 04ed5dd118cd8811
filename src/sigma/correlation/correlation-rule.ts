/**
 * The Sigma correlation rule model and its parser. Input: one YAML document already parsed into plain
 * JavaScript values (by the `yaml` package) that has a `correlation` key, plus where it came from.
 * Output: a typed `CorrelationRule`, or a `RejectedRule` whose reason says what is wrong and how to fix it.
 * References to other rules are checked later, against the whole rule set (correlation-references.ts).
 */
import type { RejectedRule, RuleSource, SigmaRule } from "../rule-model.js";
import { type CorrelationCondition, parseCorrelationCondition } from "./correlation-condition.js";
import {
  type CorrelationMeta,
  InvalidCorrelation,
  isMapping,
  parseCorrelationMeta,
  stringList,
} from "./correlation-meta.js";
import { CORRELATION_TYPES, type CorrelationType, isCorrelationType } from "./correlation-type.js";
import { describeValue } from "./describe-value.js";
import { parseTimespan, type Timespan } from "./timespan.js";

export { parseLegacyCountCondition } from "./legacy-aggregation.js";

/** A parsed correlation rule (Sigma correlation specification 2.1). */
export interface CorrelationRule extends CorrelationMeta {
  readonly kind: "correlation";
  readonly type: CorrelationType;
  /** The referenced rules (detection rules or correlations), by `id` or `name`, in the rule's order */
  readonly rules: readonly string[];
  /** Group-by fields or aliases; empty means one group for all matches */
  readonly groupBy: readonly string[];
  readonly timespan: Timespan;
  readonly condition: CorrelationCondition;
  /** alias → (referenced rule name or id → field name in that rule's events) */
  readonly aliases: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Whether the referenced rules also report on their own (default false: only the correlation does) */
  readonly generate: boolean;
  /** True when built from a legacy `condition: … | count() by … > N` rule */
  readonly legacy: boolean;
  readonly source: RuleSource;
}

/** The keys of the `correlation` section. */
export const CORRELATION_KEYS = [
  "type",
  "rules",
  "group-by",
  "timespan",
  "condition",
  "aliases",
  "generate",
] as const;

/** Whether a parse result is a correlation rule (and not a rejection). */
export function isCorrelationRule(r: CorrelationRule | RejectedRule): r is CorrelationRule {
  return "kind" in r && r.kind === "correlation";
}

/**
 * Parses one correlation document. `doc` is the YAML document as plain values; `source` is its file and
 * the 1-based line of the document start. Never throws on bad input: returns a `RejectedRule` instead.
 */
export function parseCorrelationRule(doc: unknown, source: RuleSource): CorrelationRule | RejectedRule {
  if (!isMapping(doc))
    return { source, reason: `a correlation document must be a mapping, got ${describeValue(doc)}` };
  try {
    return buildRule(doc, source);
  } catch (e) {
    if (e instanceof InvalidCorrelation) return rejection(doc, source, e.reason);
    throw e;
  }
}

/** A rejection carrying the document's id and title when they are strings. */
export function rejection(doc: Record<string, unknown>, source: RuleSource, reason: string): RejectedRule {
  return {
    source,
    ...(typeof doc.id === "string" && { id: doc.id }),
    ...(typeof doc.title === "string" && { title: doc.title }),
    reason,
  };
}

function buildRule(doc: Record<string, unknown>, source: RuleSource): CorrelationRule {
  if ("detection" in doc) {
    throw new InvalidCorrelation(
      "a document has both `detection` and `correlation`; a correlation must be its own document",
    );
  }
  const meta = parseCorrelationMeta(doc, ["correlation"]);
  const corr = doc.correlation;
  if (!isMapping(corr))
    throw new InvalidCorrelation(`\`correlation\` must be a mapping, got ${describeValue(corr)}`);
  const unknownKeys = Object.keys(corr).filter((k) => !(CORRELATION_KEYS as readonly string[]).includes(k));
  if (unknownKeys.length > 0) {
    throw new InvalidCorrelation(
      `correlation has unknown key(s) ${unknownKeys.map((k) => `"${k}"`).join(", ")}; allowed: ${CORRELATION_KEYS.join(", ")}`,
    );
  }
  const type = corr.type;
  if (!isCorrelationType(type)) {
    throw new InvalidCorrelation(
      `correlation.type ${type === undefined ? "is missing" : `${describeValue(type)} is not supported`}; use one of ${CORRELATION_TYPES.join(", ")}`,
    );
  }
  const rules = stringList(corr.rules, "correlation.rules", true);
  if (rules.length === 0)
    throw new InvalidCorrelation("correlation.rules must name at least one rule (by id or name)");
  const groupBy = stringList(corr["group-by"], "correlation.group-by", true);
  if (corr.timespan === undefined)
    throw new InvalidCorrelation('correlation.timespan is required (e.g. "timespan: 5m")');
  const timespan = parseTimespan(corr.timespan);
  if ("reason" in timespan) throw new InvalidCorrelation(`correlation.${timespan.reason}`);
  const condition = parseCorrelationCondition(corr.condition, type, rules.length);
  if ("reason" in condition) throw new InvalidCorrelation(condition.reason);
  const aliases = parseAliases(corr.aliases);
  const generate = corr.generate ?? false;
  if (typeof generate !== "boolean") {
    throw new InvalidCorrelation(
      `correlation.generate must be true or false, got ${describeValue(generate)}`,
    );
  }
  return {
    kind: "correlation",
    type,
    ...meta,
    rules,
    groupBy,
    timespan,
    condition,
    aliases,
    generate,
    legacy: false,
    source,
  };
}

/** Alias keys name referenced rules by name (or id); resolveCorrelationRules checks they are referenced. */
function parseAliases(v: unknown): Map<string, Map<string, string>> {
  const aliases = new Map<string, Map<string, string>>();
  if (v === undefined || v === null) return aliases;
  if (!isMapping(v))
    throw new InvalidCorrelation(`correlation.aliases must be a mapping, got ${describeValue(v)}`);
  for (const [alias, mapping] of Object.entries(v)) {
    if (alias.trim() === "") throw new InvalidCorrelation("correlation.aliases has an empty alias name");
    if (!isMapping(mapping)) {
      throw new InvalidCorrelation(
        `correlation.aliases.${alias} must map rule names to field names, got ${describeValue(mapping)}`,
      );
    }
    const fields = new Map<string, string>();
    for (const [rule, field] of Object.entries(mapping)) {
      if (typeof field !== "string" || field.trim() === "") {
        throw new InvalidCorrelation(
          `correlation.aliases.${alias}.${rule} must be a field name, got ${describeValue(field)}`,
        );
      }
      fields.set(rule, field);
    }
    aliases.set(alias, fields);
  }
  return aliases;
}

/**
 * A correlation seen as a detection rule with no detection: its metadata (id, name, level, status, tags …)
 * for the code that maps or selects rules by metadata (finding severity and stage, rule selection).
 */
export function correlationAsRule(c: CorrelationRule): SigmaRule {
  return {
    kind: "rule",
    id: c.id,
    name: c.name,
    title: c.title,
    status: c.status,
    level: c.level,
    description: c.description,
    author: c.author,
    date: c.date,
    modified: c.modified,
    tags: c.tags,
    references: c.references,
    falsepositives: c.falsepositives,
    fields: [],
    logsource: {},
    source: c.source,
    custom: c.custom,
  };
}
