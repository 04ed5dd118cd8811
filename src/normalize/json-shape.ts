/**
 * Which kind of JSON object a record is, decided from a couple of keys (no scan of the object):
 * evtx_dump output, Winlogbeat/Elastic Agent (ECS with `winlog`), Winlogbeat 6 (`event_data`,
 * `log_name`), flat Windows exports (OTRF Security-Datasets, nxlog, Sentinel: `EventID` at top
 * level), ECS-only endpoint documents (Elastic Defend), or unknown.
 * Input: a parsed JSON object. Output: one of JSON_SHAPES.
 */
import { isObject, type JsonObject } from "./json-value.js";

export const JSON_SHAPES = [
  "evtx-json",
  "winlogbeat",
  "winlogbeat-legacy",
  "flat-windows",
  "ecs",
  "unknown",
] as const;
export type JsonShape = (typeof JSON_SHAPES)[number];

/** Detects the shape of one JSON object. */
export function detectJsonShape(v: JsonObject): JsonShape {
  const ev = v.Event;
  if (isObject(ev) && isObject(ev.System)) return "evtx-json";
  if (isObject(v.winlog) || v["winlog.channel"] !== undefined || v["winlog.event_id"] !== undefined)
    return "winlogbeat";
  const hasChannel = v.Channel !== undefined || v.EventLog !== undefined;
  const hasSystem = v.SourceName !== undefined || v.Hostname !== undefined || v.Computer !== undefined;
  if ((v.EventID !== undefined && (hasChannel || hasSystem)) || (hasChannel && hasSystem))
    return "flat-windows";
  if (
    v.event_id !== undefined &&
    (v.log_name !== undefined || v.computer_name !== undefined || isObject(v.event_data))
  ) {
    return "winlogbeat-legacy";
  }
  const event = v.event;
  if (
    (isObject(event) && (event.category !== undefined || event.kind !== undefined)) ||
    v["event.category"] !== undefined ||
    v["event.kind"] !== undefined
  ) {
    return "ecs";
  }
  return "unknown";
}
