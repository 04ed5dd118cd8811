/**
 * Best effort for JSON objects of no known shape: every field kept (flattened to dotted names),
 * host, time, channel, provider and event id taken from the usual key names when present, and no
 * logsource (Sigma rules will not guess). The caller warns once per file, not per record.
 * Input: a JsonRecord. Output: an Event.
 */
import { flattenRecord } from "./json-fields.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import type { JsonRecord } from "../readers/record.js";
import { pickTime } from "./json-windows.js";
import { asInteger, asString, firstPath } from "./json-value.js";
import { recordLocation } from "./record-location.js";

export const UNKNOWN_TIME_PATHS = [
  "@timestamp",
  "TimeCreated",
  "TimeGenerated",
  "Timestamp",
  "timestamp",
  "EventTime",
  "time",
  "ts",
] as const;
const HOST_PATHS = [
  "Hostname",
  "Computer",
  "HostName",
  "hostname",
  "host.name",
  "computer_name",
  "DeviceName",
  "host",
];
const CHANNEL_PATHS = ["Channel", "EventLog", "channel", "log_name", "Type", "RecordType"];
const PROVIDER_PATHS = ["SourceName", "Source", "ProviderName", "provider", "SourceSystem"];
const EMPTY_LOGSOURCE = Object.freeze({});

/** Normalizes one record of unknown shape. */
export function normalizeUnknownJson(record: JsonRecord, diagnostics: Diagnostics): Event {
  const v = record.value;
  const fields = flattenRecord(record, diagnostics);
  const host = asString(firstPath(v, HOST_PATHS)) ?? "";
  const channel = asString(firstPath(v, CHANNEL_PATHS)) ?? "";
  const provider = asString(firstPath(v, PROVIDER_PATHS)) ?? "";
  const eventId = asInteger(firstPath(v, ["EventID", "event_id", "EventId"])) ?? 0;
  const time = pickTime(v, UNKNOWN_TIME_PATHS);
  if (!time) {
    diagnostics.warn(
      "E_NORMALIZE",
      `record has no usable time (looked at ${UNKNOWN_TIME_PATHS.join(", ")}); time left empty`,
      recordLocation(record.provenance),
    );
  }
  return {
    kind: "windows",
    time,
    host,
    identity: { provider, channel, eventId },
    logsource: EMPTY_LOGSOURCE,
    fields,
    origins: undefined,
    provenance: record.provenance,
  };
}
