/**
 * A compiled list of field rules (`to` ← conversion(`from`)), as used by the Security → Sysmon
 * process mappings (mappings/process-events.json). Compiled once; applied per event without
 * allocating anything but the new field values. The `origins` of an event are shared frozen
 * objects, one per combination of rules that produced a value.
 * Input: mapping data, then per event the source fields and the target fields. Output: the target
 * fields filled in, and the origins object to attach to the event.
 */
import type { FieldOrigin } from "../events/event.js";
import type { FieldValue, Fields } from "../events/field-value.js";
import {
  convertValue,
  type FieldConversion,
  isFieldConversion,
  joinDomainUser,
} from "./field-conversions.js";

/** One rule as written in mapping data. */
export interface FieldRuleSpec {
  readonly to: string;
  /** A source field, or `[domain, user]` for `join-domain-user` */
  readonly from: string | readonly string[];
  /** Used when `from` gives no value */
  readonly fallback?: string | readonly string[];
  readonly conversion: string;
}

interface CompiledRule {
  readonly to: string;
  readonly from: readonly string[];
  readonly fallback: readonly string[] | undefined;
  readonly conversion: FieldConversion;
}

export interface FieldPlan {
  readonly rules: readonly CompiledRule[];
  /** origins per (produced | fallback << 16) mask, filled lazily */
  readonly originCache: Map<number, Readonly<Record<string, FieldOrigin>>>;
}

const MAX_RULES = 16;

/** Validates and compiles rule specs; throws an Error naming the bad rule. */
export function compileFieldPlan(specs: readonly FieldRuleSpec[], where: string): FieldPlan {
  if (specs.length > MAX_RULES) throw new Error(`${where}: at most ${MAX_RULES} field rules per mapping`);
  const rules = specs.map((spec, i): CompiledRule => {
    if (!isFieldConversion(spec.conversion)) {
      throw new Error(`${where}: fields[${i}] has an unknown conversion "${spec.conversion}"`);
    }
    const from = typeof spec.from === "string" ? [spec.from] : [...spec.from];
    const fallback =
      spec.fallback === undefined
        ? undefined
        : typeof spec.fallback === "string"
          ? [spec.fallback]
          : [...spec.fallback];
    const arity = spec.conversion === "join-domain-user" ? 2 : 1;
    if (from.length !== arity || (fallback && fallback.length !== arity)) {
      throw new Error(
        `${where}: fields[${i}] (${spec.to}) needs ${arity} source field(s) for ${spec.conversion}`,
      );
    }
    return { to: spec.to, from, fallback, conversion: spec.conversion };
  });
  return { rules, originCache: new Map() };
}

function produce(rule: CompiledRule, names: readonly string[], source: Fields): FieldValue | undefined {
  if (rule.conversion === "join-domain-user") return joinDomainUser(source[names[0]], source[names[1]]);
  return convertValue(rule.conversion, source[names[0]]);
}

/**
 * Writes every rule's target into `target`, reading only from `source` (so a rule may overwrite a
 * field another rule reads). Returns the shared origins for what was written, or undefined.
 */
export function applyFieldPlan(
  plan: FieldPlan,
  source: Fields,
  target: Fields,
): Readonly<Record<string, FieldOrigin>> | undefined {
  const rules = plan.rules;
  let mask = 0;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    let value = produce(rule, rule.from, source);
    if (value === undefined && rule.fallback) {
      value = produce(rule, rule.fallback, source);
      if (value !== undefined) mask |= 1 << (16 + i);
    }
    if (value !== undefined) {
      target[rule.to] = value;
      mask |= 1 << i;
    }
  }
  if (mask === 0) return undefined;
  return originsFor(plan, mask);
}

function originsFor(plan: FieldPlan, mask: number): Readonly<Record<string, FieldOrigin>> {
  const cached = plan.originCache.get(mask);
  if (cached) return cached;
  const origins: Record<string, FieldOrigin> = {};
  plan.rules.forEach((rule, i) => {
    if ((mask & (1 << i)) === 0) return;
    const names = mask & (1 << (16 + i)) ? (rule.fallback ?? rule.from) : rule.from;
    origins[rule.to] = Object.freeze({ from: names.join("\\"), conversion: rule.conversion });
  });
  const frozen = Object.freeze(origins);
  plan.originCache.set(mask, frozen);
  return frozen;
}
