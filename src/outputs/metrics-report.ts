/**
 * The terminal report of `mikiwame metrics`. Input: an AnalyzeSummary + language and display zone.
 * Output: text: per file (format, records, events, bytes, time range, status), the overall counts, the
 * top hosts / channels / event ids, and the parse problems with their locations.
 */
import type { FileOutcome } from "../readers/read-paths.js";
import type { AnalyzeSummary } from "../pipeline/analyze-summary.js";
import { diagnosticLine } from "./diagnostics-text.js";
import { type MessageKey, message } from "./messages.js";
import {
  eventIdSection,
  formatDisplayTimeOrDash,
  formatProblemCounts,
  MAX_CELL_WIDTH,
  overallLines,
  type ReportOptions,
  topSection,
} from "./report-sections.js";
import { renderTable } from "./text-table.js";

const OUTCOME_KEYS: Readonly<Record<FileOutcome, MessageKey>> = {
  read: "read",
  failed: "failed",
  "unknown-format": "unknownFormat",
  "not-requested": "notRequested",
};

function fileLines(summary: AnalyzeSummary, options: ReportOptions): string[] {
  const { lang } = options;
  const rows = summary.perFile.map((f) => [
    f.file,
    f.format ?? "-",
    String(f.records),
    String(f.events),
    String(f.bytes),
    formatDisplayTimeOrDash(f.timeRange?.first, options),
    formatDisplayTimeOrDash(f.timeRange?.last, options),
    message(lang, OUTCOME_KEYS[f.outcome]),
  ]);
  return [
    `${message(lang, "files")} (${summary.perFile.length})`,
    ...renderTable(
      [
        { header: message(lang, "file"), maxWidth: MAX_CELL_WIDTH, keep: "end" },
        { header: message(lang, "format") },
        { header: message(lang, "records"), align: "right" },
        { header: message(lang, "events"), align: "right" },
        { header: message(lang, "bytes"), align: "right" },
        { header: message(lang, "first") },
        { header: message(lang, "last") },
        { header: message(lang, "status") },
      ],
      rows,
    ),
  ];
}

function problemLines(summary: AnalyzeSummary, options: ReportOptions): string[] {
  const { lang } = options;
  const d = summary.diagnostics;
  const title = `${message(lang, "problems")} (${formatProblemCounts(d.errors, d.warnings, lang)})`;
  if (d.errors + d.warnings === 0) return [title, `  ${message(lang, "none")}`];
  const counts = Object.entries(d.byCode).map(([code, n]) => [code, String(n)]);
  const listed = new Map<string, number>();
  for (const p of d.problems) listed.set(p.code, (listed.get(p.code) ?? 0) + 1);
  const lines = [
    title,
    ...renderTable(
      [{ header: message(lang, "code") }, { header: message(lang, "count"), align: "right" }],
      counts,
    ),
    "",
  ];
  for (const p of d.problems) lines.push(`  ${diagnosticLine(p)}`);
  for (const [code, n] of Object.entries(d.byCode)) {
    const rest = n - (listed.get(code) ?? 0);
    if (rest > 0) lines.push(`  … ${rest} ${message(lang, "more")}: ${code}`);
  }
  return lines;
}

/** The whole metrics report, ending in a line break. */
export function renderMetricsText(summary: AnalyzeSummary, options: ReportOptions): string {
  const { lang } = options;
  const sections = [
    fileLines(summary, options),
    [message(lang, "overall"), ...overallLines(summary, options)],
    topSection(message(lang, "hosts"), message(lang, "host"), summary.hosts, lang),
    topSection(message(lang, "channels"), message(lang, "channel"), summary.channels, lang),
    eventIdSection(summary.eventIds, lang),
    problemLines(summary, options),
  ];
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}
