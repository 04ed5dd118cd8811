/**
 * The timeline row of a correlation match. Input: a CorrelationMatch and the display time zone. Output:
 * a HuntRow: Timestamp = the first event's time, RuleTitle/Level/RuleID of the correlation, Computer and
 * Channel = those of its events (several are listed), EventID when all events share one, no RecordID;
 * Details = the group-by values, the measured value, the event count and the time span (duration, first
 * and last event); ExtraFieldInfo = the timespan of the rule and the record ids of the events.
 */
import type { Event } from "../events/event.js";
import type { CorrelationMatch } from "../sigma/correlation/correlation-engine.js";
import type { CorrelationRule } from "../sigma/correlation/correlation-rule.js";
import type { CorrelationType } from "../sigma/correlation/correlation-type.js";
import type { DetailPair } from "./hunt-details.js";
import { type HuntRow, huntTimestamp } from "./hunt-row.js";

/** Distinct hosts/channels/record ids listed before the rest are counted (`a, b, c (+4)`). */
export const LISTED_VALUES = 3;
/** Record ids listed in ExtraFieldInfo before the rest are counted. */
export const LISTED_RECORD_IDS = 20;

/** The Details key of each type's measured value. */
export const MEASURE_KEYS: Readonly<Record<CorrelationType, string>> = {
  event_count: "Count",
  value_count: "DistinctCount",
  temporal: "RulesMatched",
  temporal_ordered: "RulesInOrder",
  value_sum: "Sum",
  value_avg: "Average",
  value_percentile: "Percentile",
};

/** `a, b, c (+2)`: the first `max` distinct values (in order) and how many more there are. */
export function listDistinct(values: Iterable<string>, max: number): string {
  const distinct = [...new Set(values)];
  const shown = distinct.slice(0, max).join(", ");
  return distinct.length > max ? `${shown} (+${distinct.length - max})` : shown;
}

function measureText(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
}

/** The measured-value pair(s): `Count: 12`, or `DistinctCount: 5 ¦ Field: TargetUserName` for value types. */
function measurePairs(rule: CorrelationRule, value: number): DetailPair[] {
  const pairs: DetailPair[] = [[MEASURE_KEYS[rule.type], measureText(value)]];
  if (rule.type === "value_percentile" && rule.condition.percentile !== undefined) {
    pairs.push(["PercentileRank", String(rule.condition.percentile)]);
  }
  if (rule.condition.fields.length > 0) pairs.push(["Field", rule.condition.fields.join(", ")]);
  return pairs;
}

/** A duration as `2d3h`, `4m10s`, `1.5s`, `250ms` (largest units first, zero parts left out). */
export function durationText(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const total = Math.round(ms);
  const days = Math.floor(total / 86_400_000);
  const hours = Math.floor((total % 86_400_000) / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = (total % 60_000) / 1000;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days}d`);
  if (hours > 0) parts.push(`${hours}h`);
  if (minutes > 0) parts.push(`${minutes}m`);
  if (seconds > 0) parts.push(`${seconds}s`);
  return parts.join("");
}

function eventRecordId(e: Event): string | undefined {
  const id = e.identity.recordId ?? e.provenance.recordId;
  return id === undefined ? undefined : String(id);
}

/** The row of one correlation match. */
export function correlationRow(match: CorrelationMatch, timeZone: string): HuntRow {
  const { rule, events } = match;
  const first = events[0];
  const eventIds = new Set(events.map((e) => e.identity.eventId));
  const recordIds = events.map(eventRecordId).filter((r): r is string => r !== undefined);
  const details: DetailPair[] = [
    ...Object.entries(match.group).map(([k, v]): DetailPair => [k, v]),
    ...measurePairs(rule, match.value),
    ["Events", String(events.length)],
    ["Duration", durationText(match.lastTime.ms - match.firstTime.ms)],
    ["FirstTime", huntTimestamp(match.firstTime.iso, timeZone)],
    ["LastTime", huntTimestamp(match.lastTime.iso, timeZone)],
  ];
  const extra: DetailPair[] = [["Timespan", rule.timespan.text]];
  if (recordIds.length > 0) {
    const more = recordIds.length > LISTED_RECORD_IDS ? ` (+${recordIds.length - LISTED_RECORD_IDS})` : "";
    extra.push(["RecordIDs", `${recordIds.slice(0, LISTED_RECORD_IDS).join(", ")}${more}`]);
  }
  return {
    timestamp: huntTimestamp(match.firstTime.iso, timeZone),
    iso: match.firstTime.iso,
    ms: match.firstTime.ms,
    ruleTitle: rule.title,
    level: rule.level,
    computer: listDistinct(
      events.map((e) => e.host),
      LISTED_VALUES,
    ),
    channel: listDistinct(
      events.map((e) => e.identity.channel),
      LISTED_VALUES,
    ),
    eventId: eventIds.size === 1 ? first?.identity.eventId : undefined,
    recordId: undefined,
    details,
    extra,
    ruleId: rule.id ?? rule.name ?? "",
    tags: rule.tags,
    file: first?.provenance.file ?? rule.source.file,
    position: first === undefined ? 0 : (first.provenance.offset ?? first.provenance.line ?? 0),
  };
}
