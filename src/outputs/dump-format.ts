/**
 * The output formats of `mikiwame dump` and the interface each one implements. Input: a format name.
 * Output: its DumpFormatter, which turns one raw record or one normalized event into output text.
 */
import type { Event } from "../events/event.js";
import type { RawRecord } from "../readers/record.js";
import { csvDumpFormatter } from "./dump-csv.js";
import { jsonlDumpFormatter } from "./dump-jsonl.js";
import { xmlDumpFormatter } from "./dump-xml.js";

export const DUMP_FORMATS = ["jsonl", "xml", "csv"] as const;
export type DumpFormat = (typeof DUMP_FORMATS)[number];

export interface DumpFormatter {
  /** Written once before the first record (the CSV header line); may be empty */
  readonly header: string;
  /** One record as text (ending in a line break), or undefined when this format cannot show it */
  formatRecord(record: RawRecord): string | undefined;
  /** One event as text (ending in a line break), or undefined when this format cannot show events */
  formatEvent(event: Event): string | undefined;
}

const FORMATTERS: Readonly<Record<DumpFormat, DumpFormatter>> = {
  jsonl: jsonlDumpFormatter,
  xml: xmlDumpFormatter,
  csv: csvDumpFormatter,
};

/** The formatter for `format`. */
export function dumpFormatter(format: DumpFormat): DumpFormatter {
  return FORMATTERS[format];
}
