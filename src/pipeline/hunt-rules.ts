/**
 * Which rules a hunt runs and which of their matches it reports. Input: a rule load (detection rules and
 * the raw correlation documents) and the user's selection (level, status, tags, logsource, excluded
 * ids). Output: a HuntRulePlan — the detection rules to run (the selected ones plus the building blocks
 * of the selected correlations), the correlations to run, which detection matches are reported on
 * their own (`generate`, docs/sigma-correlation.md), which correlation matches are reported, and every
 * correlation that was rejected (parse or reference problems) with its file, line and reason.
 */
import type { CompiledRule } from "../sigma/compiled-rule.js";
import { correlationFromDocument } from "../sigma/correlation/correlation-document.js";
import {
  correlationRefs,
  resolveCorrelationRules,
  standaloneRuleFilter,
} from "../sigma/correlation/correlation-references.js";
import {
  correlationAsRule,
  type CorrelationRule,
  isCorrelationRule,
} from "../sigma/correlation/correlation-rule.js";
import type { LoadedRules } from "../sigma/rule-loader.js";
import { type RejectedRule, SIGMA_STATUSES, type SigmaRule } from "../sigma/rule-model.js";
import {
  EXCLUSION_REASONS,
  type ExclusionReason,
  exclusionReason,
  type RuleSelection,
  selectRules,
} from "../sigma/rule-selection.js";

export interface HuntRulePlan {
  /** Detection rules to run, in load order: the selected ones, then building blocks only correlations need */
  readonly detection: readonly CompiledRule[];
  /** Detection rules selected by the user (a subset of `detection`) */
  readonly selected: number;
  /** Detection rules run only to feed a selected correlation (not selected themselves) */
  readonly buildingBlocks: number;
  /** Detection rules left out by the selection, per reason (building blocks still run) */
  readonly excluded: Readonly<Record<ExclusionReason, number>>;
  /** Correlations to run: the selected ones and the correlations they chain to, upstream ones included */
  readonly correlations: readonly CorrelationRule[];
  /** Correlations selected by the user (their matches are reported) */
  readonly selectedCorrelations: number;
  /** Correlations left out by the selection, per reason */
  readonly excludedCorrelations: Readonly<Record<ExclusionReason, number>>;
  /** Correlation documents that did not load (parse or reference problems), and detection rules whose
   * legacy aggregation did not (they do not run: their single matches would mean something else) */
  readonly rejected: readonly RejectedRule[];
  /** Whether a detection rule's own matches are reported (selected, and not a hidden building block) */
  readonly reports: (rule: SigmaRule) => boolean;
  /** Whether a correlation's matches are reported (selected by the user) */
  readonly reportsCorrelation: (rule: CorrelationRule) => boolean;
}

function noExclusions(): Record<ExclusionReason, number> {
  return Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<ExclusionReason, number>;
}

function sourceKey(s: { readonly file: string; readonly line: number }): string {
  return `${s.line}\u0000${s.file}`;
}

/**
 * Plans a hunt over `loaded` with `selection`. Detection rules are selected as `selectRules` does.
 * Correlations are selected by id, level, status and tags; with a logsource filter, a correlation is
 * kept when at least one detection rule it relies on (directly or through chained correlations) fits it.
 * References resolve against every loaded rule, so a selected correlation still gets the matches of a
 * building block the selection left out (that rule runs, and does not report on its own). A detection
 * rule reports when it is selected and `standaloneRuleFilter` over the correlations that run says so.
 */
export function planHunt(loaded: LoadedRules, selection: RuleSelection): HuntRulePlan {
  const rejected: RejectedRule[] = [];
  const parsed: CorrelationRule[] = [];
  const badLegacy = new Set<string>();
  for (const raw of loaded.correlations) {
    const c = correlationFromDocument(raw);
    if (isCorrelationRule(c)) parsed.push(c);
    else {
      rejected.push(c);
      if (raw.legacy !== undefined) badLegacy.add(sourceKey(raw.source));
    }
  }
  const usable =
    badLegacy.size === 0
      ? loaded.rules
      : loaded.rules.filter((r) => !badLegacy.has(sourceKey(r.rule.source)));
  const resolved = resolveCorrelationRules(
    parsed,
    usable.map((r) => r.rule),
  );
  rejected.push(...resolved.rejected);

  const picked = selectRules(usable, selection);
  const selectedSet = new Set<CompiledRule>(picked.rules);

  // what each correlation relies on: detection rules and other correlations, by reference
  const byRef = new Map<string, CompiledRule[]>();
  for (const r of usable) {
    for (const ref of [r.rule.id, r.rule.name]) {
      if (ref === undefined) continue;
      const list = byRef.get(ref);
      if (list) list.push(r);
      else byRef.set(ref, [r]);
    }
  }
  const correlationByRef = new Map<string, CorrelationRule>();
  for (const c of resolved.rules) for (const ref of correlationRefs(c)) correlationByRef.set(ref, c);
  const closure = (roots: readonly CorrelationRule[]) => {
    const correlations = new Set<CorrelationRule>();
    const rules = new Set<CompiledRule>();
    const stack = [...roots];
    // bounded: each correlation is expanded once
    while (stack.length > 0) {
      const c = stack.pop() as CorrelationRule;
      if (correlations.has(c)) continue;
      correlations.add(c);
      for (const ref of c.rules) {
        const inner = correlationByRef.get(ref);
        if (inner !== undefined) stack.push(inner);
        for (const r of byRef.get(ref) ?? []) rules.add(r);
      }
    }
    return { correlations, rules };
  };

  const excludeIds = new Set(Array.from(selection.excludeIds ?? [], (id) => id.toLowerCase()));
  const excludedCorrelations = noExclusions();
  const chosen: CorrelationRule[] = [];
  const { logsource, ...withoutLogsource } = selection;
  for (const c of resolved.rules) {
    let reason = exclusionReason(correlationAsRule(c), withoutLogsource, excludeIds);
    if (reason === undefined && logsource !== undefined) {
      const fits = [...closure([c]).rules].some(
        (r) => exclusionReason(r.rule, { logsource, statuses: SIGMA_STATUSES }) === undefined,
      );
      if (!fits) reason = "logsource";
    }
    if (reason === undefined) chosen.push(c);
    else excludedCorrelations[reason]++;
  }

  const needed = closure(chosen);
  const running = resolved.rules.filter((c) => needed.correlations.has(c));
  const detection = [...picked.rules, ...usable.filter((r) => needed.rules.has(r) && !selectedSet.has(r))];
  const standalone = standaloneRuleFilter(running);
  const selectedRules = new Set<SigmaRule>(picked.rules.map((r) => r.rule));
  const chosenSet = new Set<CorrelationRule>(chosen);
  return {
    detection,
    selected: picked.rules.length,
    buildingBlocks: detection.length - picked.rules.length,
    excluded: picked.excluded,
    correlations: running,
    selectedCorrelations: chosen.length,
    excludedCorrelations,
    rejected,
    reports: (rule) => selectedRules.has(rule) && standalone(rule),
    reportsCorrelation: (rule) => chosenSet.has(rule),
  };
}
