/**
 * The output formats of `mikiwame hunt` and the interface of the line-oriented ones. Input: a format
 * name. Output: its HuntFormatter, which turns one timeline row into a line of text (the terminal table
 * is rendered whole by hunt-table.ts, since its column widths depend on every row).
 */
import { huntCsvFormatter } from "./hunt-csv.js";
import { huntJsonlFormatter } from "./hunt-jsonl.js";
import type { HuntRow } from "./hunt-row.js";
import { huntTimesketchFormatter } from "./hunt-timesketch.js";

export const HUNT_FORMATS = ["table", "csv", "jsonl", "timesketch"] as const;
export type HuntFormat = (typeof HUNT_FORMATS)[number];

/** The formats written line by line. */
export type HuntLineFormat = Exclude<HuntFormat, "table">;

export interface HuntFormatter {
  /** Written once before the first row (the CSV header); may be empty */
  readonly header: string;
  /** One row as text ending in a line break, or undefined when this format cannot show the row */
  formatRow(row: HuntRow): string | undefined;
}

const FORMATTERS: Readonly<Record<HuntLineFormat, HuntFormatter>> = {
  csv: huntCsvFormatter,
  jsonl: huntJsonlFormatter,
  timesketch: huntTimesketchFormatter,
};

/** The formatter of a line format. */
export function huntFormatter(format: HuntLineFormat): HuntFormatter {
  return FORMATTERS[format];
}
