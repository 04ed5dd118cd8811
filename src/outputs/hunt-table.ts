/**
 * The hunt timeline as a terminal table. Input: timeline rows. Output: aligned lines with the columns
 * Timestamp, Level, Computer, Channel, EventID, RecordID, RuleTitle, Details (long cells cut with `…`;
 * ExtraFieldInfo and RuleID are in the CSV/JSONL formats). Every cell is escaped for the terminal.
 */
import { joinDetails } from "./hunt-details.js";
import { type HuntRow, levelText } from "./hunt-row.js";
import { renderTable, type TableColumn } from "./text-table.js";

const COLUMNS: readonly TableColumn[] = [
  { header: "Timestamp" },
  { header: "Level" },
  { header: "Computer", maxWidth: 24 },
  { header: "Channel", maxWidth: 24, keep: "end" },
  { header: "EventID", align: "right" },
  { header: "RecordID", align: "right" },
  { header: "RuleTitle", maxWidth: 60 },
  { header: "Details", maxWidth: 100 },
];

/** The rows as a table (a header, then a line per row); "" for no rows. */
export function renderHuntTable(rows: readonly HuntRow[]): string {
  if (rows.length === 0) return "";
  const cells = rows.map((r) => [
    r.timestamp === "" ? "-" : r.timestamp,
    levelText(r.level),
    r.computer,
    r.channel,
    r.eventId === undefined ? "" : String(r.eventId),
    r.recordId === undefined ? "" : String(r.recordId),
    r.ruleTitle,
    joinDetails(r.details) || "-",
  ]);
  return `${renderTable(COLUMNS, cells, { indent: "" }).join("\n")}\n`;
}
