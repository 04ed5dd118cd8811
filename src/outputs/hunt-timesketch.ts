/**
 * The hunt timeline as JSON lines ready for Timesketch import. Input: timeline rows. Output: one object
 * per row with Timesketch's required `message` (the rule title), `datetime` (ISO-8601 UTC, microseconds) and
 * `timestamp_desc`, then the standard columns (Details and ExtraFieldInfo as flat `Key: value ¦ …`
 * strings, which Timesketch indexes as text). A row without a time cannot be imported: the formatter
 * returns undefined for it and the caller reports it.
 */
import type { HuntFormatter } from "./hunt-format.js";
import { joinDetails } from "./hunt-details.js";
import type { HuntRow } from "./hunt-row.js";
import { huntJsonObject } from "./hunt-jsonl.js";
import { toJsonText } from "./json-text.js";

/** Timesketch's `timestamp_desc` for every row: the time is when the event was recorded. */
export const TIMESKETCH_TIMESTAMP_DESC = "Event Time";

/** ISO-8601 UTC with at most microseconds (what Timesketch's Python side parses everywhere). */
export function timesketchDatetime(iso: string): string {
  return iso.replace(/(\.\d{6})\d+Z$/, "$1Z");
}

/** The Timesketch object of a row, or undefined when the row has no time. */
export function timesketchObject(row: HuntRow): Record<string, unknown> | undefined {
  if (row.iso === undefined) return undefined;
  // the JSONL row's columns, with Details / ExtraFieldInfo as text (Timesketch shows strings)
  return {
    message: row.ruleTitle,
    datetime: timesketchDatetime(row.iso),
    timestamp_desc: TIMESKETCH_TIMESTAMP_DESC,
    ...huntJsonObject(row),
    Details: joinDetails(row.details),
    ExtraFieldInfo: joinDetails(row.extra),
  };
}

export const huntTimesketchFormatter: HuntFormatter = {
  header: "",
  formatRow: (row) => {
    const object = timesketchObject(row);
    return object === undefined ? undefined : `${toJsonText(object)}\n`;
  },
};
