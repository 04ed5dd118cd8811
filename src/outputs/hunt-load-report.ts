/**
 * The rule load report of `hunt` and `rules lint`. Input: the counts of a rule load (files, loaded,
 * rejected with file:line and reason, not selected by reason). Output: text lines — one count line, and
 * with `verbose` (always for lint) one line per rejected rule: `rejected file:line (id): reason`.
 */
import type { LoadedRules } from "../sigma/rule-loader.js";
import type { LoadWarning, RejectedRule } from "../sigma/rule-model.js";
import { EXCLUSION_REASONS, type ExclusionReason } from "../sigma/rule-selection.js";
import { escapeTerminal } from "./terminal-escape.js";

export interface LoadReportInput {
  readonly files: number;
  /** Detection rules loaded */
  readonly loaded: number;
  readonly correlations: number;
  readonly filters: number;
  readonly rejected: readonly RejectedRule[];
  /** Located problems that did not stop a rule from loading (e.g. a filter naming an unknown rule) */
  readonly warnings: readonly LoadWarning[];
  /** Rules left out by the selection, per reason (hunt only) */
  readonly excluded?: Readonly<Record<ExclusionReason, number>>;
  /** Rules that will run (hunt only) */
  readonly selected?: number;
  /** Correlations that will run (hunt only, when any were loaded) */
  readonly selectedCorrelations?: number;
  /** Detection rules run only because a selected correlation references them (hunt only) */
  readonly buildingBlocks?: number;
}

/** The report's input from a load. */
export function loadReportOf(loaded: LoadedRules): LoadReportInput {
  return {
    files: loaded.files,
    loaded: loaded.rules.length,
    correlations: loaded.correlations.length,
    filters: loaded.filters.length,
    rejected: loaded.rejected,
    warnings: loaded.warnings,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** `rejected rules/x.yml:12 (id): reason`, escaped for the terminal. */
export function rejectedRuleLine(r: RejectedRule): string {
  const id = r.id ?? r.title;
  return escapeTerminal(`rejected ${r.source.file}:${r.source.line}${id ? ` (${id})` : ""}: ${r.reason}`);
}

/** `warning rules/x.yml:12 (id): message`, escaped for the terminal. */
export function loadWarningLine(w: LoadWarning): string {
  const id = w.id ?? w.title;
  return escapeTerminal(`warning ${w.source.file}:${w.source.line}${id ? ` (${id})` : ""}: ${w.message}`);
}

/**
 * The count line: `rules: 120 loaded from 45 files (2 correlations), 3 rejected, 110 selected (10 left
 * out: level 7, status 3), 2 correlations selected (+1 building-block rule)`, then with `listAll` a line per rejected rule and per load warning; without
 * it, a hint to --verbose when there are some.
 */
export function renderLoadReport(input: LoadReportInput, listAll: boolean): string[] {
  let line = `rules: ${input.loaded} loaded from ${plural(input.files, "file")}`;
  const extras: string[] = [];
  if (input.correlations > 0) extras.push(plural(input.correlations, "correlation"));
  if (input.filters > 0) extras.push(plural(input.filters, "filter"));
  if (extras.length > 0) line += ` (${extras.join(", ")})`;
  line += `, ${input.rejected.length} rejected`;
  if (input.warnings.length > 0) line += `, ${plural(input.warnings.length, "warning")}`;
  if (input.selected !== undefined) {
    line += `, ${input.selected} selected`;
    const excluded = input.excluded;
    if (excluded) {
      const parts = EXCLUSION_REASONS.filter((r) => excluded[r] > 0).map((r) => `${r} ${excluded[r]}`);
      if (parts.length > 0) line += ` (left out: ${parts.join(", ")})`;
    }
  }
  if (input.selectedCorrelations !== undefined && input.correlations > 0) {
    line += `, ${plural(input.selectedCorrelations, "correlation")} selected`;
    if (input.buildingBlocks) line += ` (+${plural(input.buildingBlocks, "building-block rule")})`;
  }
  if (!listAll && input.rejected.length + input.warnings.length > 0) line += " (--verbose lists them)";
  const lines = [escapeTerminal(line)];
  if (listAll) {
    for (const r of input.rejected) lines.push(`  ${rejectedRuleLine(r)}`);
    for (const w of input.warnings) lines.push(`  ${loadWarningLine(w)}`);
  }
  return lines;
}
