/**
 * The hunt timeline as JSON lines (Hayabusa's json-timeline `-L`, standard profile). Input: timeline
 * rows. Output: one object per row with the keys `Timestamp, RuleTitle, Level, Computer, Channel,
 * EventID, RecordID, Details, ExtraFieldInfo, RuleID`; EventID and RecordID are numbers (RecordID
 * exact beyond 2^53, null when unknown); Details and ExtraFieldInfo are objects `{ key: value }` as
 * Hayabusa writes them. Terminal-unsafe characters are `\uXXXX` escapes.
 */
import type { HuntFormatter } from "./hunt-format.js";
import { detailsObject } from "./hunt-details.js";
import { type HuntRow, levelText } from "./hunt-row.js";
import { toJsonText } from "./json-text.js";

/** The JSON object of a row. */
export function huntJsonObject(row: HuntRow): Record<string, unknown> {
  return {
    Timestamp: row.timestamp,
    RuleTitle: row.ruleTitle,
    Level: levelText(row.level),
    Computer: row.computer,
    Channel: row.channel,
    EventID: row.eventId ?? null,
    RecordID: row.recordId ?? null,
    Details: detailsObject(row.details),
    ExtraFieldInfo: detailsObject(row.extra),
    RuleID: row.ruleId,
  };
}

export const huntJsonlFormatter: HuntFormatter = {
  header: "",
  formatRow: (row) => `${toJsonText(huntJsonObject(row))}\n`,
};
