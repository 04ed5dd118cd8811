/**
 * What an occurrence contributes to one correlation. Input: the correlation rule and an occurrence.
 * Output: its group-by values (aliases applied) and its aggregated value (the distinct-value key for
 * value_count, the number for sum/avg/percentile), or undefined/null when the occurrence lacks them.
 */
import type { CorrelationRule } from "./correlation-rule.js";
import type { Occurrence } from "./occurrence.js";

/** The field an occurrence of the rule known as `refs` holds for a group-by name or alias. */
export function aliasedField(rule: CorrelationRule, name: string, refs: readonly string[]): string {
  const alias = rule.aliases.get(name);
  if (alias) for (const r of refs) if (alias.has(r)) return alias.get(r) as string;
  return name;
}

/** The group-by values in `group-by` order, or undefined when one is absent or empty. */
export function groupValues(rule: CorrelationRule, occ: Occurrence): string[] | undefined {
  const values: string[] = [];
  for (const name of rule.groupBy) {
    const v = occ.text(aliasedField(rule, name, occ.refs));
    if (v === undefined) return undefined;
    values.push(v);
  }
  return values;
}

/**
 * The aggregated value: undefined for types without a field; null when the occurrence lacks it (or, for
 * sum/avg/percentile, has no numeric value).
 */
export function entryValue(rule: CorrelationRule, occ: Occurrence): string | number | undefined | null {
  const fields = rule.condition.fields;
  if (fields.length === 0) return undefined;
  if (rule.type !== "value_count")
    return occ.number(aliasedField(rule, fields[0] as string, occ.refs)) ?? null;
  const parts: string[] = [];
  for (const f of fields) {
    const t = occ.text(aliasedField(rule, f, occ.refs));
    if (t === undefined) return null;
    parts.push(t);
  }
  return parts.length === 1 ? (parts[0] as string) : JSON.stringify(parts);
}
