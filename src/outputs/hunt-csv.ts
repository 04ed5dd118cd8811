/**
 * The hunt timeline as CSV (Hayabusa's csv-timeline, standard profile). Input: timeline rows. Output:
 * RFC 4180 lines with CRLF, the header `Timestamp,RuleTitle,Level,Computer,Channel,EventID,RecordID,
 * Details,ExtraFieldInfo,RuleID`; Details and ExtraFieldInfo as `Key: value ¦ Key: value`. Every cell
 * is formula-neutralised (a log field starting with `=`, `+`, `-`, `@` gets a leading `'`).
 */
import { csvRow } from "./csv-row.js";
import type { HuntFormatter } from "./hunt-format.js";
import { joinDetails } from "./hunt-details.js";
import { HUNT_COLUMNS, type HuntRow, levelText } from "./hunt-row.js";

/** The CSV cells of a row, in HUNT_COLUMNS order. */
export function huntCsvCells(row: HuntRow): string[] {
  return [
    row.timestamp,
    row.ruleTitle,
    levelText(row.level),
    row.computer,
    row.channel,
    row.eventId === undefined ? "" : String(row.eventId),
    row.recordId === undefined ? "" : String(row.recordId),
    joinDetails(row.details),
    joinDetails(row.extra),
    row.ruleId,
  ];
}

export const huntCsvFormatter: HuntFormatter = {
  header: csvRow(HUNT_COLUMNS),
  formatRow: (row) => csvRow(huntCsvCells(row)),
};
