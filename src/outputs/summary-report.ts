/**
 * The terminal report of `mikiwame analyze`. Input: an AnalyzeSummary + language and display zone.
 * Output: a short text summary (files, records, events, time range, top hosts and event ids, problem
 * counts). `compact` (under the findings of `analyze`): the overall lines and the hosts only.
 */
import type { AnalyzeSummary } from "../pipeline/analyze-summary.js";
import { message } from "./messages.js";
import {
  eventIdSection,
  formatProblemCounts,
  overallLines,
  type ReportOptions,
  topSection,
} from "./report-sections.js";

export interface SummaryReportOptions extends ReportOptions {
  /** Leave out the event-id table (the summary under the findings of `analyze`) */
  readonly compact?: boolean;
}

/** The analyze summary, ending in a line break. */
export function renderSummaryText(summary: AnalyzeSummary, options: SummaryReportOptions): string {
  const { lang } = options;
  const d = summary.diagnostics;
  const sections = [[message(lang, "summary"), ...overallLines(summary, options)]];
  if (summary.events > 0) {
    sections.push(topSection(message(lang, "hosts"), message(lang, "host"), summary.hosts, lang));
    if (!options.compact) sections.push(eventIdSection(summary.eventIds, lang));
  }
  if (d.errors + d.warnings > 0) {
    sections.push([`${message(lang, "problems")} (${formatProblemCounts(d.errors, d.warnings, lang)})`]);
  }
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}
