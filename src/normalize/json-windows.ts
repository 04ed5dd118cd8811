/**
 * The part shared by every Windows-shaped JSON source: once a shape has pulled out the System
 * values and the event data, this validates the event id, picks the time from the shape's time
 * candidates, and builds the event with buildWindowsEvent.
 * Input: extracted pieces of one JSON record. Output: an Event (with located warnings for what
 * was missing).
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event, EventTime } from "../events/event.js";
import type { FieldValue, Fields } from "../events/field-value.js";
import type { JsonRecord } from "../readers/record.js";
import { parseTime } from "./event-time.js";
import { asInteger, asString, getPath, type JsonObject } from "./json-value.js";
import { recordLocation } from "./record-location.js";
import { buildWindowsEvent, type WindowsSystem } from "./windows-event.js";
import type { WindowsRoutes } from "./windows-routes.js";

/** System values as a JSON shape found them (raw; checked here). */
export interface RawWindowsSystem {
  provider: unknown;
  providerGuid?: unknown;
  eventId: unknown;
  version?: unknown;
  level?: unknown;
  task?: unknown;
  opcode?: unknown;
  keywords?: unknown;
  recordId?: unknown;
  processId?: unknown;
  threadId?: unknown;
  channel: unknown;
  computer: unknown;
  userId?: unknown;
  activityId?: unknown;
}

/** Unnamed `paramN` data (Winlogbeat's rendering of `<Data>` without names) → `Data` list, bounded. */
const MAX_PARAMS = 32;

/** Picks the first parseable time among `paths` of `value`; undefined if none. */
export function pickTime(value: JsonObject, paths: readonly string[]): EventTime | undefined {
  for (const p of paths) {
    const raw = getPath(value, p);
    if (raw === undefined || raw === null || raw === "") continue;
    const t = parseTime(raw);
    if (t) return t;
  }
  return undefined;
}

/** Builds the event of a Windows-shaped JSON record. */
export function finishJsonWindows(
  routes: WindowsRoutes,
  record: JsonRecord,
  raw: RawWindowsSystem,
  data: Fields,
  time: EventTime | undefined,
  timePaths: readonly string[],
  shape: string,
  diagnostics: Diagnostics,
): Event {
  let eventId = asInteger(raw.eventId);
  if (eventId === undefined || eventId < 0) {
    diagnostics.warn(
      "E_NORMALIZE",
      `${shape} record has no valid event id (${raw.eventId === undefined ? "missing" : JSON.stringify(raw.eventId)}); using 0`,
      recordLocation(record.provenance),
    );
    eventId = 0;
  }
  if (!time) {
    diagnostics.warn(
      "E_NORMALIZE",
      `${shape} record has no usable time (looked at ${timePaths.join(", ")}); time left empty`,
      recordLocation(record.provenance),
    );
  }
  if (data.param1 !== undefined && data.Data === undefined) {
    const list: FieldValue[] = [];
    for (let i = 1; i <= MAX_PARAMS; i++) {
      const p = data[`param${i}`];
      if (p === undefined) break;
      list.push(p);
    }
    data.Data = list;
  }
  const system: WindowsSystem = {
    providerName: asString(raw.provider) ?? "",
    providerGuid: asString(raw.providerGuid),
    eventId,
    version: numberish(raw.version),
    level: numberish(raw.level),
    task: numberish(raw.task),
    opcode: numberish(raw.opcode),
    keywords: keywordsOf(raw.keywords),
    timeCreated: time?.iso,
    recordId: recordIdOf(raw.recordId),
    processId: numberish(raw.processId),
    threadId: numberish(raw.threadId),
    channel: asString(raw.channel) ?? "",
    computer: asString(raw.computer) ?? "",
    userId: asString(raw.userId),
    activityId: asString(raw.activityId),
  };
  return buildWindowsEvent(routes, system, data, record.provenance, time, { fromJson: true });
}

/** Numbers stay numbers, numeric strings become numbers, other strings stay (Winlogbeat's `"Info"`). */
function numberish(v: unknown): FieldValue | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "number") return v;
  if (typeof v === "string") return asInteger(v) ?? v;
  if (typeof v === "boolean") return v;
  return undefined;
}

function keywordsOf(v: unknown): FieldValue | undefined {
  if (typeof v === "string" || typeof v === "number") return v;
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return undefined;
}

function recordIdOf(v: unknown): number | bigint | undefined {
  if (typeof v === "number") return Number.isSafeInteger(v) && v >= 0 ? v : undefined;
  if (typeof v === "string" && v.length > 0 && v.length <= 20) {
    const n = asInteger(v);
    if (n !== undefined) return n;
    if (/^\d+$/.test(v)) return BigInt(v);
  }
  return undefined;
}
