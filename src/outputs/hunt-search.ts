/**
 * The events `mikiwame search` found, as terminal lines. Input: normalized events and the display zone.
 * Output: a header and one line per event with fixed-width columns (so lines can stream out batch by
 * batch without knowing every row first): Timestamp, Computer, Channel, EventID, RecordID, then the
 * event's data fields as `Key: value ¦ Key: value`. Every cell is escaped for the terminal.
 */
import type { Event } from "../events/event.js";
import { fieldToString } from "../events/field-value.js";
import { joinDetails, SYSTEM_FIELDS } from "./hunt-details.js";
import { huntTimestamp } from "./hunt-row.js";
import { escapeTerminal } from "./terminal-escape.js";
import { displayWidth, truncateToWidth } from "./text-table.js";

interface FixedColumn {
  readonly width: number;
  readonly align?: "right";
  readonly keep?: "end";
}

const COLUMNS: readonly FixedColumn[] = [
  { width: 30 },
  { width: 20 },
  { width: 24, keep: "end" },
  { width: 7, align: "right" },
  { width: 10, align: "right" },
];

/** Widest the Fields cell may be. */
const FIELDS_WIDTH = 300;

function fit(text: string, column: FixedColumn): string {
  const cut = truncateToWidth(escapeTerminal(text), column.width, column.keep);
  const fill = " ".repeat(Math.max(0, column.width - displayWidth(cut)));
  return column.align === "right" ? fill + cut : cut + fill;
}

function line(cells: readonly string[], fields: string): string {
  const fixed = cells.map((c, i) => fit(c, COLUMNS[i])).join("  ");
  return `${fixed}  ${truncateToWidth(escapeTerminal(fields), FIELDS_WIDTH)}`.trimEnd();
}

/** The header line (with its line break). */
export function searchTableHeader(): string {
  return `${line(["Timestamp", "Computer", "Channel", "EventID", "RecordID"], "Fields")}\n`;
}

/** One event as a line (with its line break). */
export function searchTableLine(event: Event, timeZone: string): string {
  const windows = event.kind === "windows";
  const pairs = Object.entries(event.fields)
    .filter(([k]) => !(windows && SYSTEM_FIELDS.has(k)))
    .map(([k, v]) => [k, fieldToString(v)] as const);
  const recordId = event.identity.recordId ?? event.provenance.recordId;
  const cells = [
    event.time ? huntTimestamp(event.time.iso, timeZone) : "-",
    event.host,
    event.identity.channel,
    String(event.identity.eventId),
    recordId === undefined ? "" : String(recordId),
  ];
  return `${line(cells, joinDetails(pairs))}\n`;
}
