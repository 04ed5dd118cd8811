/**
 * Sections shared by the terminal reports of `metrics` and `analyze`. Input: parts of an AnalyzeSummary,
 * the language and the display time zone. Output: text lines (all table cells terminal-escaped).
 */
import type { Language } from "../config/config.js";
import { SOURCE_FORMATS } from "../events/provenance.js";
import type { AnalyzeSummary, TimeRange } from "../pipeline/analyze-summary.js";
import type { TopCounts } from "../pipeline/bounded-counter.js";
import { message } from "./messages.js";
import { renderTable } from "./text-table.js";
import { formatDisplayTime } from "./time-display.js";

export interface ReportOptions {
  readonly lang: Language;
  /** Display zone for times (`UTC`, `local` or an IANA name) */
  readonly timeZone: string;
}

/** Widest a free-text cell (host, channel, file) may be. */
export const MAX_CELL_WIDTH = 60;

/** `2024-01-01 00:00:00Z → 2024-01-02 00:00:00Z`, or `-`. */
export function formatTimeRange(range: TimeRange | null, options: ReportOptions): string {
  if (!range) return "-";
  return `${formatDisplayTime(range.first, options.timeZone)} → ${formatDisplayTime(range.last, options.timeZone)}`;
}

/** `3 (evtx 1, json 2; unknown format 1, failed 0)`: formats with no file are left out. */
export function formatFileCounts(files: AnalyzeSummary["files"], lang: Language): string {
  const parts = SOURCE_FORMATS.filter((f) => files.byFormat[f] > 0).map((f) => `${f} ${files.byFormat[f]}`);
  const trouble: string[] = [];
  if (files.unknownFormat > 0) trouble.push(`${message(lang, "unknownFormat")} ${files.unknownFormat}`);
  if (files.failed > 0) trouble.push(`${message(lang, "failed")} ${files.failed}`);
  const detail = [parts.join(", "), trouble.join(", ")].filter((s) => s !== "").join("; ");
  return detail ? `${files.total} (${detail})` : String(files.total);
}

/** The key/value lines of the overall section. */
export function overallLines(summary: AnalyzeSummary, options: ReportOptions): string[] {
  const { lang } = options;
  const rows: string[][] = [
    [message(lang, "fileCount"), formatFileCounts(summary.files, lang)],
    [message(lang, "records"), String(summary.records)],
    [message(lang, "events"), String(summary.events)],
  ];
  if (summary.eventsWithoutTime > 0)
    rows.push([message(lang, "withoutTime"), String(summary.eventsWithoutTime)]);
  rows.push([message(lang, "timeRange"), formatTimeRange(summary.timeRange, options)]);
  return renderTable([{ header: "" }, { header: "" }], rows, { header: false });
}

/** `Hosts (3 distinct)` then a table of the top keys and a line for the others. */
export function topSection(title: string, keyHeader: string, counts: TopCounts, lang: Language): string[] {
  const distinct = `${counts.distinct}${counts.distinctCapped ? "+" : ""} ${message(lang, "distinct")}`;
  const rows = counts.top.map((e) => [e.key === "" ? message(lang, "unknown") : e.key, String(e.count)]);
  if (counts.others > 0) rows.push([message(lang, "others"), String(counts.others)]);
  return [
    `${title} (${distinct})`,
    ...renderTable(
      [
        { header: keyHeader, maxWidth: MAX_CELL_WIDTH },
        { header: message(lang, "events"), align: "right" },
      ],
      rows,
    ),
  ];
}

/** The event-id section: channel, event id, count. */
export function eventIdSection(eventIds: AnalyzeSummary["eventIds"], lang: Language): string[] {
  const rows = eventIds.top.map((e) => [
    e.channel === "" ? message(lang, "unknown") : e.channel,
    String(e.eventId),
    String(e.count),
  ]);
  if (eventIds.others > 0) rows.push([message(lang, "others"), "", String(eventIds.others)]);
  const distinct = `${eventIds.distinct}${eventIds.distinctCapped ? "+" : ""} ${message(lang, "distinct")}`;
  return [
    `${message(lang, "eventIds")} (${distinct})`,
    ...renderTable(
      [
        { header: message(lang, "channel"), maxWidth: MAX_CELL_WIDTH },
        { header: message(lang, "eventId"), align: "right" },
        { header: message(lang, "events"), align: "right" },
      ],
      rows,
    ),
  ];
}

/** A display time, or `-` when there is none. */
export function formatDisplayTimeOrDash(iso: string | undefined, options: ReportOptions): string {
  return iso === undefined ? "-" : formatDisplayTime(iso, options.timeZone);
}

/** `errors: 1, warnings: 2` in the report's language. */
export function formatProblemCounts(errors: number, warnings: number, lang: Language): string {
  return `${message(lang, "errors")}: ${errors}, ${message(lang, "warnings")}: ${warnings}`;
}
