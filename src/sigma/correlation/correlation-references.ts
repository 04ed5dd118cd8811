/**
 * Checks the references between rules once a whole rule set is loaded. Input: the parsed correlation
 * rules and the detection rules (their ids and names). Output: the correlations whose every reference
 * resolves to exactly one rule and whose chains do not loop, plus a rejection (file, line, reason) for
 * each other one; and which rules report on their own (`generate`).
 */
import type { RejectedRule } from "../rule-model.js";
import type { CorrelationRule } from "./correlation-rule.js";

/** What identifies a rule to a correlation: its `id` and its `name`, either may be absent. */
export interface RuleRef {
  readonly id?: string | undefined;
  readonly name?: string | undefined;
}

export interface ResolvedCorrelations {
  /** The usable correlations, in input order */
  readonly rules: readonly CorrelationRule[];
  readonly rejected: readonly RejectedRule[];
}

type Target = { readonly kind: "rule" | "correlation"; readonly index: number };

/** The names a correlation's output can be referenced by (legacy ones cannot: their id is the base rule's). */
export function correlationRefs(c: CorrelationRule): string[] {
  if (c.legacy) return [];
  return [c.id, c.name].filter((r): r is string => r !== undefined);
}

function addTarget(map: Map<string, Target[]>, ref: string | undefined, t: Target): void {
  if (ref === undefined) return;
  const list = map.get(ref);
  if (!list) map.set(ref, [t]);
  else if (!list.some((x) => x.kind === t.kind && x.index === t.index)) list.push(t);
}

/**
 * Resolves every `correlation.rules` entry against `baseRules` and the other correlations. A correlation
 * is rejected when a reference is unknown or ambiguous, names the same rule twice, refers to itself, is
 * part of a loop, or refers to a rejected correlation, or when an alias maps a rule it does not reference.
 */
export function resolveCorrelationRules(
  correlations: readonly CorrelationRule[],
  baseRules: readonly RuleRef[],
): ResolvedCorrelations {
  const targets = new Map<string, Target[]>();
  baseRules.forEach((r, index) => {
    addTarget(targets, r.id, { kind: "rule", index });
    addTarget(targets, r.name, { kind: "rule", index });
  });
  correlations.forEach((c, index) => {
    for (const ref of correlationRefs(c)) addTarget(targets, ref, { kind: "correlation", index });
  });
  const reasons = new Map<number, string>();
  const deps: number[][] = correlations.map(() => []);
  correlations.forEach((c, i) => {
    const seen: Target[] = [];
    for (const ref of c.rules) {
      const found = targets.get(ref) ?? [];
      // detection rules sharing an id all count (the engine sees their matches under one id); a
      // correlation must be the only thing its reference names
      const onlyRules = found.every((t) => t.kind === "rule");
      let reason: string | undefined;
      if (found.length === 0)
        reason = `references "${ref}", but no loaded rule or correlation has this id or name`;
      else if (found.length > 1 && !onlyRules) {
        reason = `reference "${ref}" is ambiguous: ${found.length} rules or correlations have this id or name`;
      } else {
        const t = found[0] as Target;
        if (seen.some((s) => s.kind === t.kind && s.index === t.index)) {
          reason = `references the same rule twice (by id and by name): "${ref}"`;
        } else if (t.kind === "correlation" && t.index === i) reason = `references itself ("${ref}")`;
        seen.push(t);
        if (t.kind === "correlation") (deps[i] as number[]).push(t.index);
      }
      if (reason !== undefined) {
        reasons.set(i, reason);
        break;
      }
    }
    if (!reasons.has(i)) {
      const stray = aliasRuleNotReferenced(c, targets, seen);
      if (stray !== undefined) reasons.set(i, stray);
    }
  });
  rejectLoops(correlations, deps, reasons);
  propagateRejections(correlations, deps, reasons);
  const rules: CorrelationRule[] = [];
  const rejected: RejectedRule[] = [];
  correlations.forEach((c, i) => {
    const reason = reasons.get(i);
    if (reason === undefined) rules.push(c);
    else rejected.push({ source: c.source, ...(c.id !== undefined && { id: c.id }), title: c.title, reason });
  });
  return { rules, rejected };
}

/** The reason an alias names a rule the correlation does not reference, if one does. */
function aliasRuleNotReferenced(
  c: CorrelationRule,
  targets: Map<string, Target[]>,
  referenced: readonly Target[],
): string | undefined {
  for (const [alias, mapping] of c.aliases) {
    for (const ref of mapping.keys()) {
      const found = targets.get(ref) ?? [];
      if (!found.some((t) => referenced.some((r) => r.kind === t.kind && r.index === t.index))) {
        return `correlation.aliases.${alias} maps "${ref}", which is not one of the correlation's rules (${c.rules.join(", ")})`;
      }
    }
  }
  return undefined;
}

function label(c: CorrelationRule): string {
  return c.name ?? c.id ?? c.title;
}

/** Marks every correlation on a reference loop (iterative DFS: chains from input can be long). */
function rejectLoops(
  correlations: readonly CorrelationRule[],
  deps: number[][],
  reasons: Map<number, string>,
): void {
  const state = new Uint8Array(correlations.length); // 0 new, 1 on the stack, 2 done
  for (let start = 0; start < correlations.length; start++) {
    if (state[start] !== 0) continue;
    const stack: { node: number; next: number }[] = [{ node: start, next: 0 }];
    state[start] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { node: number; next: number };
      const edges = deps[top.node] as number[];
      if (top.next >= edges.length) {
        state[top.node] = 2;
        stack.pop();
        continue;
      }
      const to = edges[top.next++] as number;
      if (state[to] === 0) {
        state[to] = 1;
        stack.push({ node: to, next: 0 });
      } else if (state[to] === 1 && to !== top.node) {
        const from = stack.findIndex((f) => f.node === to);
        const loop = stack.slice(from).map((f) => f.node);
        const text = [...loop, to].map((n) => label(correlations[n] as CorrelationRule)).join(" → ");
        for (const n of loop) if (!reasons.has(n)) reasons.set(n, `correlation chain loops: ${text}`);
      }
    }
  }
}

function propagateRejections(
  correlations: readonly CorrelationRule[],
  deps: number[][],
  reasons: Map<number, string>,
): void {
  let changed = true;
  for (let round = 0; changed && round <= correlations.length; round++) {
    changed = false;
    deps.forEach((ds, i) => {
      if (reasons.has(i)) return;
      const bad = ds.find((d) => reasons.has(d));
      if (bad === undefined) return;
      reasons.set(
        i,
        `references correlation "${label(correlations[bad] as CorrelationRule)}", which was rejected`,
      );
      changed = true;
    });
  }
}

/**
 * Which rules report matches on their own. By the specification a rule referenced by a correlation is
 * only a building block (`generate: false`, the default) unless some correlation referencing it says
 * `generate: true`. Rules no correlation references always report. Returns a predicate over a rule's
 * id and name.
 */
export function standaloneRuleFilter(correlations: readonly CorrelationRule[]): (rule: RuleRef) => boolean {
  const hidden = new Set<string>();
  const shown = new Set<string>();
  for (const c of correlations) for (const r of c.rules) (c.generate ? shown : hidden).add(r);
  const has = (set: Set<string>, rule: RuleRef): boolean =>
    (rule.id !== undefined && set.has(rule.id)) || (rule.name !== undefined && set.has(rule.name));
  return (rule) => !has(hidden, rule) || has(shown, rule);
}
