/**
 * How the pipeline sets the reputation viewpoint up: load the configured indicator lists (and
 * known-good hash lists) into one list and make the analyzer — or, with no list configured, no
 * analyzer at all, and a run-summary line saying "reputation: not checked".
 * Input: ReputationOptions, Diagnostics. Output: a ReputationAnalyzer or undefined; the status line.
 */
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { LocalizedText } from "../../findings/finding.js";
import { IndicatorList } from "./indicator-list.js";
import { loadIndicatorList } from "./load-indicator-list.js";
import { ReputationAnalyzer } from "./reputation-analyzer.js";
import { type ReputationOptions, reputationOptions } from "./reputation-options.js";

/** Whether reputation was checked in a run, and against what. */
export interface ReputationStatus {
  readonly checked: boolean;
  /** Distinct indicators loaded */
  readonly indicators: number;
  /** The list files loaded */
  readonly files: readonly string[];
  /** The run-summary line: `reputation: not checked (no indicator list configured)` or what was checked */
  readonly text: LocalizedText;
}

/** True when the options name at least one indicator or known-good list. */
export function reputationConfigured(options: Partial<ReputationOptions>): boolean {
  return (options.indicatorLists?.length ?? 0) > 0 || (options.knownGoodLists?.length ?? 0) > 0;
}

/**
 * Loads the configured lists and makes the analyzer; resolves to undefined when no list is configured.
 * Rejects with `E_CONFIG` on a bad option and `E_IO` when a list file cannot be opened; problems inside
 * a list are located diagnostics and the line is skipped.
 */
export async function createReputationAnalyzer(
  options: Partial<ReputationOptions>,
  diagnostics: Diagnostics,
): Promise<ReputationAnalyzer | undefined> {
  const o = reputationOptions(options);
  if (!reputationConfigured(o)) return undefined;
  const list = new IndicatorList();
  const limits = { maxLineBytes: o.maxLineBytes, maxIndicators: o.maxIndicators, into: list };
  for (const file of o.indicatorLists)
    await loadIndicatorList(file, diagnostics, { ...limits, defaultVerdict: o.defaultVerdict });
  for (const file of o.knownGoodLists)
    await loadIndicatorList(file, diagnostics, { ...limits, defaultVerdict: "benign" });
  return new ReputationAnalyzer(list, o);
}

/** The status of the reputation viewpoint for the run summary (pass the analyzer, or undefined when none). */
export function reputationStatus(analyzer: ReputationAnalyzer | undefined): ReputationStatus {
  if (!analyzer)
    return {
      checked: false,
      indicators: 0,
      files: [],
      text: {
        en: "reputation: not checked (no indicator list configured)",
        ja: "評価: 未確認（指標リストが設定されていません）",
      },
    };
  const n = analyzer.list.size;
  const files = [...analyzer.list.files];
  return {
    checked: true,
    indicators: n,
    files,
    text: {
      en: `reputation: checked against ${n} indicator(s) from ${files.length} list(s)`,
      ja: `評価: ${files.length} 件のリストの ${n} 件の指標で確認済み`,
    },
  };
}
