/**
 * The terminal report of `mikiwame analyze`. Input: an AnalyzeSummary + language and display zone.
 * Output: a short text summary (files, records, events, time range, top hosts and event ids, problem
 * counts). Later issues add findings and incidents above this summary.
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

/** The analyze summary, ending in a line break. */
export function renderSummaryText(summary: AnalyzeSummary, options: ReportOptions): string {
  const { lang } = options;
  const d = summary.diagnostics;
  const sections = [[message(lang, "summary"), ...overallLines(summary, options)]];
  if (summary.events > 0) {
    sections.push(topSection(message(lang, "hosts"), message(lang, "host"), summary.hosts, lang));
    sections.push(eventIdSection(summary.eventIds, lang));
  }
  if (d.errors + d.warnings > 0) {
    sections.push([`${message(lang, "problems")} (${formatProblemCounts(d.errors, d.warnings, lang)})`]);
  }
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}
