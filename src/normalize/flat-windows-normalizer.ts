/**
 * Flat Windows JSON exports → events: OTRF Security-Datasets (`Hostname`, `Channel`, `EventID`,
 * `SourceName`, EventData fields at top level), nxlog (`EventTime`, `ExecutionProcessID`, lower-case
 * channels) and Azure Sentinel / Log Analytics rows (`Computer`, `EventLog`, `TimeGenerated`).
 * The System keys get their Sigma names; every other top-level key is kept as a field.
 * Input: a JsonRecord with EventID at top level. Output: an Event.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import type { JsonRecord } from "../readers/record.js";
import { finishJsonWindows, pickTime, type RawWindowsSystem } from "./json-windows.js";
import { flattenInto, newBudget } from "./json-value.js";
import { recordLocation } from "./record-location.js";
import type { WindowsRoutes } from "./windows-routes.js";

/** Time keys, best first: the event's own time before the shipper's. */
export const FLAT_TIME_PATHS = [
  "TimeCreated",
  "@timestamp",
  "TimeGenerated",
  "UtcTime",
  "EventTime",
  "timestamp",
  "Timestamp",
] as const;

/** Keys that become System fields under their Sigma names (so they are not copied twice). */
const SYSTEM_KEYS: ReadonlySet<string> = new Set([
  "EventID",
  "Channel",
  "EventLog",
  "SourceName",
  "ProviderName",
  "Provider_Name",
  "ProviderGuid",
  "Hostname",
  "Computer",
  "Keywords",
  "Level",
  "Task",
  "Opcode",
  "OpcodeValue",
  "Version",
  "RecordNumber",
  "EventRecordID",
  "ExecutionProcessID",
  "ThreadID",
  "UserID",
  "TimeCreated",
]);

/** Normalizes one flat Windows record. */
export function normalizeFlatWindows(
  routes: WindowsRoutes,
  record: JsonRecord,
  diagnostics: Diagnostics,
): Event {
  const v = record.value;
  const data: Fields = {};
  const budget = newBudget();
  flattenInto(data, v, "", budget, SYSTEM_KEYS);
  if (budget.truncated) {
    diagnostics.warn(
      "E_NORMALIZE",
      "record has too many fields; the rest were left out",
      recordLocation(record.provenance),
    );
  }
  const raw: RawWindowsSystem = {
    provider: v.SourceName ?? v.ProviderName ?? v.Provider_Name ?? v.Source,
    providerGuid: v.ProviderGuid,
    eventId: v.EventID,
    version: v.Version,
    level: v.Level,
    task: v.Task,
    opcode: v.OpcodeValue ?? v.Opcode,
    keywords: v.Keywords,
    recordId: v.EventRecordID ?? v.RecordNumber,
    processId: v.ExecutionProcessID,
    threadId: v.ThreadID,
    channel: v.Channel ?? v.EventLog,
    computer: v.Hostname ?? v.Computer ?? v.HostName ?? (typeof v.host === "string" ? v.host : undefined),
    userId: v.UserID,
  };
  const time = pickTime(v, FLAT_TIME_PATHS);
  return finishJsonWindows(
    routes,
    record,
    raw,
    data,
    time,
    FLAT_TIME_PATHS,
    "flat Windows JSON",
    diagnostics,
  );
}
