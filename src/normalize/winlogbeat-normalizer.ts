/**
 * Winlogbeat / Elastic Agent documents → events. Two generations: ECS (7.x+, everything under
 * `winlog.*`, nested or as dotted keys; time in `@timestamp`, host in `winlog.computer_name` or
 * `host.name`) and the 6.x layout (`log_name`, `event_id`, `computer_name`, `event_data` at top
 * level). `event_data` fields keep their names; `user_data` leaves are flattened.
 * Input: a JsonRecord of either layout. Output: an Event.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import type { JsonRecord } from "../readers/record.js";
import { finishJsonWindows, pickTime, type RawWindowsSystem } from "./json-windows.js";
import { firstPath, flattenInto, getPath, isObject, newBudget, toFieldValue } from "./json-value.js";
import { recordLocation } from "./record-location.js";
import type { WindowsRoutes } from "./windows-routes.js";

const ECS_TIME_PATHS = ["@timestamp", "winlog.time_created", "event.created"] as const;
const LEGACY_TIME_PATHS = ["@timestamp"] as const;
const EVENT_DATA_PREFIX = "winlog.event_data.";

/** Winlogbeat 7+ / Elastic Agent (`winlog.*`). */
export function normalizeWinlogbeat(
  routes: WindowsRoutes,
  record: JsonRecord,
  diagnostics: Diagnostics,
): Event {
  const v = record.value;
  const w = isObject(v.winlog) ? v.winlog : undefined;
  const get = (p: string): unknown => (w ? getPath(w, p) : v[`winlog.${p}`]);
  const data: Fields = {};
  const budget = newBudget();
  const eventData = get("event_data");
  if (isObject(eventData)) flattenInto(data, eventData, "", budget);
  else if (!w) {
    for (const key in v) {
      if (key.startsWith(EVENT_DATA_PREFIX)) {
        const f = toFieldValue(v[key]);
        if (f !== undefined && budget.remaining-- > 0) data[key.slice(EVENT_DATA_PREFIX.length)] = f;
      }
    }
  }
  const userData = get("user_data");
  if (isObject(userData)) flattenInto(data, userData, "", budget);
  if (budget.truncated || budget.remaining < 0) warnTruncated(record, diagnostics);
  const raw: RawWindowsSystem = {
    provider: get("provider_name"),
    providerGuid: get("provider_guid"),
    eventId: get("event_id") ?? getPath(v, "event.code"),
    version: get("version"),
    task: get("task"),
    opcode: get("opcode"),
    keywords: get("keywords"),
    recordId: get("record_id"),
    processId: get("process.pid"),
    threadId: get("process.thread.id"),
    channel: get("channel"),
    computer: get("computer_name") ?? firstPath(v, ["host.name", "host.hostname", "agent.hostname"]),
    userId: get("user.identifier"),
    activityId: get("activity_id"),
  };
  const time = pickTime(v, ECS_TIME_PATHS);
  return finishJsonWindows(routes, record, raw, data, time, ECS_TIME_PATHS, "Winlogbeat", diagnostics);
}

/** Winlogbeat 6.x (`log_name`, `event_id`, `event_data` at top level). */
export function normalizeWinlogbeatLegacy(
  routes: WindowsRoutes,
  record: JsonRecord,
  diagnostics: Diagnostics,
): Event {
  const v = record.value;
  const data: Fields = {};
  const budget = newBudget();
  if (isObject(v.event_data)) flattenInto(data, v.event_data, "", budget);
  if (isObject(v.user_data)) flattenInto(data, v.user_data, "", budget);
  if (budget.truncated) warnTruncated(record, diagnostics);
  const raw: RawWindowsSystem = {
    provider: v.source_name,
    providerGuid: v.provider_guid,
    eventId: v.event_id,
    version: v.version,
    task: v.task,
    opcode: v.opcode,
    keywords: v.keywords,
    recordId: v.record_number,
    processId: v.process_id,
    threadId: v.thread_id,
    channel: v.log_name,
    computer: v.computer_name ?? firstPath(v, ["host.name", "beat.hostname"]),
    userId: getPath(v, "user.identifier"),
    activityId: v.activity_id,
  };
  const time = pickTime(v, LEGACY_TIME_PATHS);
  return finishJsonWindows(routes, record, raw, data, time, LEGACY_TIME_PATHS, "Winlogbeat 6", diagnostics);
}

function warnTruncated(record: JsonRecord, diagnostics: Diagnostics): void {
  diagnostics.warn(
    "E_NORMALIZE",
    "event data has too many fields; the rest were left out",
    recordLocation(record.provenance),
  );
}
