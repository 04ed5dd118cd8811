/**
 * Sigma meta-filters (documents with a `filter:` key, Sigma filters spec 2.x): parsed, compiled,
 * and applied at load time to the rules they name (by id or name) as `rule and not (filter
 * condition)` — the filter's condition describes what to suppress, as in the spec's example. A
 * filter naming a missing rule, a filter, a correlation, or a rule whose logsource it does not
 * cover leaves a located warning; references between filters (including cycles) are reported and
 * ignored, since filters apply to detection rules only.
 * Input: filter documents, compiled rules. Output: MetaFilters; filtered rules and warnings.
 */
import type { SigmaCompiledRule } from "./compiled-rule.js";
import { compileCondition, compileSearch, type Predicate } from "./detection-compiler.js";
import { parseCondition } from "./condition-parser.js";
import type { PlaceholderSource } from "./modifiers.js";
import { RuleError } from "./rule-error.js";
import type { LoadWarning, RejectedRule, RuleSource } from "./rule-model.js";
import { describeNode, getEntry, type YMap } from "./yaml-tree.js";

export interface MetaFilter {
  readonly kind: "filter";
  readonly id: string | undefined;
  readonly title: string;
  readonly description: string | undefined;
  readonly source: RuleSource;
  readonly logsource: { readonly product?: string; readonly service?: string; readonly category?: string };
  /** Rule ids or names the filter applies to */
  readonly rules: readonly string[];
  /** The filter's condition as written */
  readonly condition: string;
  /** The compiled filter condition (true = suppress the match) */
  readonly predicate: Predicate;
}

/** Parses and compiles a filter document. Returns the filter or a rejection with every problem found. */
export function parseMetaFilter(
  root: YMap,
  source: RuleSource,
  placeholders: PlaceholderSource,
): MetaFilter | RejectedRule {
  const problems: string[] = [];
  const str = (map: YMap, key: string): string | undefined => {
    const e = getEntry(map, key);
    if (!e || (e.value.kind === "scalar" && e.value.value === null)) return undefined;
    if (e.value.kind !== "scalar") {
      problems.push(`line ${e.keyLine}: '${key}' must be a string, got ${describeNode(e.value)}`);
      return undefined;
    }
    return String(e.value.value);
  };
  const title = str(root, "title");
  const id = str(root, "id");
  const description = str(root, "description");
  if (title === undefined) problems.push("filter 'title' is missing");
  const logsource: Record<string, string> = {};
  const ls = getEntry(root, "logsource");
  if (!ls) problems.push("filter 'logsource' is missing");
  else if (ls.value.kind !== "map") problems.push(`line ${ls.keyLine}: 'logsource' must be a map`);
  else {
    for (const key of ["product", "service", "category"]) {
      const v = str(ls.value, key);
      if (v !== undefined) logsource[key] = v;
    }
  }
  const f = getEntry(root, "filter");
  let rules: string[] = [];
  let condition = "";
  let predicate: Predicate | undefined;
  if (f?.value.kind !== "map") {
    problems.push(f ? `line ${f.keyLine}: 'filter' must be a map` : "'filter' is missing");
  } else {
    const body = f.value;
    const r = getEntry(body, "rules");
    if (!r)
      problems.push(`line ${f.keyLine}: 'filter.rules' is missing (the ids or names of the rules to filter)`);
    else if (r.value.kind === "scalar" && typeof r.value.value === "string") rules = [r.value.value];
    else if (r.value.kind === "seq" && r.value.items.length > 0) {
      for (const item of r.value.items) {
        if (item.kind === "scalar" && item.value !== null) rules.push(String(item.value));
        else problems.push(`line ${item.line}: 'filter.rules' items must be rule ids or names`);
      }
    } else problems.push(`line ${r.keyLine}: 'filter.rules' must be a non-empty list of rule ids or names`);
    const c = getEntry(body, "condition");
    if (c?.value.kind !== "scalar" || typeof c.value.value !== "string") {
      problems.push(`line ${c?.keyLine ?? f.keyLine}: 'filter.condition' must be a string`);
    } else condition = c.value.value;
    const identifiers = new Map<string, Predicate>();
    for (const e of body.entries) {
      if (e.key === "rules" || e.key === "condition") continue;
      try {
        identifiers.set(e.key, compileSearch(e.key, e.value, e.keyLine, placeholders));
      } catch (err) {
        problems.push(err instanceof RuleError ? err.describe() : String(err));
      }
    }
    if (condition !== "" && problems.length === 0) {
      try {
        const parsed = parseCondition(condition);
        if (parsed.aggregation !== undefined)
          throw new RuleError("a filter condition cannot aggregate", c?.value.line);
        predicate = compileCondition(parsed.node, identifiers, c?.value.line ?? f.keyLine);
      } catch (err) {
        problems.push(
          err instanceof RuleError
            ? err.describe()
            : `condition '${condition}': ${String(err instanceof Error ? err.message : err)}`,
        );
      }
    }
  }
  if (problems.length > 0 || predicate === undefined || title === undefined) {
    return { source, id, title, reason: `filter: ${problems.join("; ")}` };
  }
  return { kind: "filter", id, title, description, source, logsource, rules, condition, predicate };
}

/** What the filters are applied to. */
export interface FilterTargets {
  readonly rules: readonly SigmaCompiledRule[];
  /** ids and names of correlation rules (so that naming one gets a precise warning) */
  readonly correlationRefs: ReadonlySet<string>;
}

/** Applies every filter to the rules it names. */
export function applyMetaFilters(
  filters: readonly MetaFilter[],
  targets: FilterTargets,
): { rules: SigmaCompiledRule[]; warnings: LoadWarning[] } {
  const warnings: LoadWarning[] = [];
  const rules = [...targets.rules];
  const index = new Map<string, number>();
  rules.forEach((r, i) => {
    if (r.rule.id !== undefined) index.set(r.rule.id, i);
    if (r.rule.name !== undefined && !index.has(r.rule.name)) index.set(r.rule.name, i);
  });
  const filterRefs = new Map<string, MetaFilter>();
  for (const f of filters) if (f.id !== undefined) filterRefs.set(f.id, f);
  const warn = (f: MetaFilter, message: string): void => {
    warnings.push({ source: f.source, id: f.id, title: f.title, message });
  };
  for (const f of filters) {
    if (/^\s*not\b/i.test(f.condition)) {
      warn(
        f,
        `filter condition '${f.condition}' starts with 'not': filters are applied as 'rule and not (condition)', so this filter keeps only the matches where '${f.condition.replace(/^\s*not\s+/i, "")}' holds (pySigma ANDs the condition as written instead)`,
      );
    }
    for (const ref of f.rules) {
      const i = index.get(ref);
      if (i === undefined) {
        if (filterRefs.has(ref)) {
          warn(f, `names filter '${ref}': filters apply to detection rules only; reference ignored`);
        } else if (targets.correlationRefs.has(ref)) {
          warn(
            f,
            `names correlation rule '${ref}': filters apply to detection rules only; reference ignored`,
          );
        } else {
          warn(f, `names rule '${ref}', which is not among the loaded rules; reference ignored`);
        }
        continue;
      }
      const target = rules[i];
      const mismatch = (["product", "service", "category"] as const).find(
        (k) => f.logsource[k] !== undefined && f.logsource[k] !== target.rule.logsource[k],
      );
      if (mismatch !== undefined) {
        warn(
          f,
          `logsource ${mismatch} '${f.logsource[mismatch]}' does not cover rule '${ref}' (${mismatch} '${target.rule.logsource[mismatch] ?? "unset"}'); not applied`,
        );
        continue;
      }
      rules[i] = target.withFilter(f.predicate);
    }
  }
  for (const cycle of filterCycles(filters, filterRefs)) {
    const f = cycle[0];
    warn(
      f,
      `filter reference cycle ${cycle.map((c) => c.id).join(" → ")} → ${f.id}; these references are ignored`,
    );
  }
  return { rules, warnings };
}

/** Cycles in the graph of filters naming filters (each reported once). */
function filterCycles(filters: readonly MetaFilter[], byId: ReadonlyMap<string, MetaFilter>): MetaFilter[][] {
  const state = new Map<MetaFilter, 1 | 2>(); // 1 = on the current path, 2 = done
  const cycles: MetaFilter[][] = [];
  const path: MetaFilter[] = [];
  const visit = (f: MetaFilter): void => {
    state.set(f, 1);
    path.push(f);
    for (const ref of f.rules) {
      const g = byId.get(ref);
      if (g === undefined) continue;
      const s = state.get(g);
      if (s === 1) cycles.push(path.slice(path.indexOf(g)));
      else if (s === undefined) visit(g);
    }
    path.pop();
    state.set(f, 2);
  };
  for (const f of filters) if (!state.has(f)) visit(f);
  return cycles;
}
