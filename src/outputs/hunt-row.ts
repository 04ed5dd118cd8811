/**
 * One row of the hunt timeline (Hayabusa's standard profile). Input: a rule match and the display time
 * zone. Output: a HuntRow with the columns `Timestamp, RuleTitle, Level, Computer, Channel, EventID,
 * RecordID, Details, ExtraFieldInfo, RuleID`, plus what ordering and the summaries need (time, tags,
 * provenance). Rows order by time, then rule, then host and source position; rows without a time last.
 */
import type { Event } from "../events/event.js";
import type { RuleMatch } from "../sigma/sigma-engine.js";
import type { SigmaLevel } from "../sigma/rule-model.js";
import { type DetailPair, rowDetails } from "./hunt-details.js";
import { formatDisplayTime } from "./time-display.js";

/** The timeline columns, in output order (CSV header, JSON key order). */
export const HUNT_COLUMNS = [
  "Timestamp",
  "RuleTitle",
  "Level",
  "Computer",
  "Channel",
  "EventID",
  "RecordID",
  "Details",
  "ExtraFieldInfo",
  "RuleID",
] as const;
export type HuntColumn = (typeof HUNT_COLUMNS)[number];

/** Hayabusa's level names; a rule without `level` shows as `info`. */
export const LEVEL_ABBREVIATIONS: Readonly<Record<SigmaLevel, string>> = {
  informational: "info",
  low: "low",
  medium: "med",
  high: "high",
  critical: "crit",
};

export interface HuntRow {
  /** Display time in the chosen zone (`2020-05-02 03:40:19.123 +00:00`), "" when the event has none */
  readonly timestamp: string;
  /** ISO-8601 UTC with the source precision, when the event has a time */
  readonly iso: string | undefined;
  /** Milliseconds since the epoch, for ordering */
  readonly ms: number | undefined;
  readonly ruleTitle: string;
  readonly level: SigmaLevel | undefined;
  readonly computer: string;
  readonly channel: string;
  /** The Windows event id; undefined for a correlation whose events have different ones */
  readonly eventId: number | undefined;
  readonly recordId: number | bigint | undefined;
  readonly details: readonly DetailPair[];
  readonly extra: readonly DetailPair[];
  /** The rule's id (else its name, else "") */
  readonly ruleId: string;
  readonly tags: readonly string[];
  /** Where the event came from: file, then line or byte offset */
  readonly file: string;
  readonly position: number;
}

/** `2020-05-02 03:40:19.123 +00:00`: milliseconds and the zone offset, as Hayabusa writes times. */
export function huntTimestamp(iso: string, timeZone: string): string {
  if (timeZone !== "UTC") return formatDisplayTime(iso, timeZone);
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(iso);
  if (!m) return iso.replace("T", " ");
  const ms = (m[3] ?? "").padEnd(3, "0").slice(0, 3);
  return `${m[1]} ${m[2]}.${ms} +00:00`;
}

/** The row for one match. `detectionFields`: the field names the rule's detection uses, if known. */
export function huntRow(match: RuleMatch, timeZone: string, detectionFields?: readonly string[]): HuntRow {
  const { rule, event } = match;
  const { details, extra } = rowDetails(rule, event, detectionFields);
  return {
    timestamp: event.time ? huntTimestamp(event.time.iso, timeZone) : "",
    iso: event.time?.iso,
    ms: event.time?.ms,
    ruleTitle: rule.title,
    level: rule.level,
    computer: event.host,
    channel: event.identity.channel,
    eventId: event.identity.eventId,
    recordId: event.identity.recordId ?? event.provenance.recordId,
    details,
    extra,
    ruleId: rule.id ?? rule.name ?? "",
    tags: rule.tags,
    file: event.provenance.file,
    position: eventPosition(event),
  };
}

function eventPosition(event: Event): number {
  const p = event.provenance;
  return p.offset ?? p.line ?? 0;
}

/** The Level column text. */
export function levelText(level: SigmaLevel | undefined): string {
  return LEVEL_ABBREVIATIONS[level ?? "informational"];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Timeline order: time (rows without one last), rule title, rule id, computer, file, position. */
export function compareRows(a: HuntRow, b: HuntRow): number {
  if (a.ms !== b.ms) {
    if (a.ms === undefined) return 1;
    if (b.ms === undefined) return -1;
    return a.ms - b.ms;
  }
  return (
    compareText(a.ruleTitle, b.ruleTitle) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.computer, b.computer) ||
    compareText(a.file, b.file) ||
    a.position - b.position
  );
}

/**
 * The identity of a row for de-duplication: the same rule on the same event content (time, host,
 * channel, event and record id, all fields) is one row, whichever file it was read from.
 */
export function rowKey(row: HuntRow): string {
  return JSON.stringify([
    row.iso ?? "",
    row.ruleId,
    row.ruleTitle,
    row.computer,
    row.channel,
    row.eventId ?? "",
    row.recordId === undefined ? "" : String(row.recordId),
    row.details,
    row.extra,
  ]);
}
