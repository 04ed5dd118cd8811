/**
 * EVTX records (decoded by our BinXML reader) → events. The System section is typed already; this
 * checks the few things an event cannot do without, picks the time (TimeCreated, else the record
 * header's written time) and hands over to buildWindowsEvent.
 * Input: an EvtxRecord. Output: an Event, or undefined after a located E_NORMALIZE error.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import type { EvtxRecord } from "../readers/record.js";
import { parseTimeString } from "./event-time.js";
import { isObject } from "./json-value.js";
import { recordLocation } from "./record-location.js";
import { buildWindowsEvent, type WindowsSystem } from "./windows-event.js";
import type { WindowsRoutes } from "./windows-routes.js";

const EMPTY: Fields = Object.freeze({}) as Fields;

/** Normalizes one EVTX record. */
export function normalizeEvtx(
  routes: WindowsRoutes,
  record: EvtxRecord,
  diagnostics: Diagnostics,
): Event | undefined {
  const system = record.system as WindowsSystem | undefined;
  if (!isObject(system)) {
    diagnostics.error(
      "E_NORMALIZE",
      "EVTX record has no System section; record skipped",
      recordLocation(record.provenance),
    );
    return undefined;
  }
  let eventId = system.eventId;
  let fixed: WindowsSystem = system;
  if (typeof eventId !== "number" || !Number.isInteger(eventId) || eventId < 0) {
    diagnostics.warn(
      "E_NORMALIZE",
      `EVTX record has no valid EventID (${String(eventId)}); using 0`,
      recordLocation(record.provenance),
    );
    eventId = 0;
    fixed = { ...system, eventId };
  }
  if (
    typeof fixed.channel !== "string" ||
    typeof fixed.providerName !== "string" ||
    typeof fixed.computer !== "string"
  ) {
    fixed = {
      ...fixed,
      channel: typeof fixed.channel === "string" ? fixed.channel : "",
      providerName: typeof fixed.providerName === "string" ? fixed.providerName : "",
      computer: typeof fixed.computer === "string" ? fixed.computer : "",
    };
  }
  let data = record.data;
  if (!isObject(data)) {
    if (data !== undefined && data !== null) {
      diagnostics.warn(
        "E_NORMALIZE",
        `EVTX record data is not an object (${Array.isArray(data) ? "array" : typeof data}); event kept without data fields`,
        recordLocation(record.provenance),
      );
    }
    data = EMPTY;
  }
  let time = typeof fixed.timeCreated === "string" ? parseTimeString(fixed.timeCreated) : undefined;
  if (!time && typeof record.writtenTime === "string") time = parseTimeString(record.writtenTime);
  if (!time) {
    diagnostics.warn(
      "E_NORMALIZE",
      `EVTX record has no usable time (TimeCreated ${JSON.stringify(fixed.timeCreated ?? null)}); time left empty`,
      recordLocation(record.provenance),
    );
  }
  return buildWindowsEvent(routes, fixed, data, record.provenance, time, { fromJson: false });
}
