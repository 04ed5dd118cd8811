/**
 * evtx_dump-style JSON (`{"Event": {"System": {…, "#attributes"}, "EventData": {…}}}`, as in
 * SigmaHQ's regression data) → events. XML attributes sit under `#attributes`, element text under
 * `#text`; EventData names become fields, unnamed `<Data>` becomes `Data`, UserData leaves are
 * flattened.
 * Input: a JsonRecord whose value has Event.System. Output: an Event.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import type { JsonRecord } from "../readers/record.js";
import { finishJsonWindows, type RawWindowsSystem } from "./json-windows.js";
import { type FlattenBudget, isObject, type JsonObject, newBudget, toFieldValue } from "./json-value.js";
import { parseTime } from "./event-time.js";
import { recordLocation } from "./record-location.js";
import type { WindowsRoutes } from "./windows-routes.js";

const TIME_PATHS = ["Event.System.TimeCreated.#attributes.SystemTime"] as const;
const MAX_DEPTH = 6;

/** Normalizes one evtx_dump-style record. */
export function normalizeEvtxJson(
  routes: WindowsRoutes,
  record: JsonRecord,
  diagnostics: Diagnostics,
): Event {
  const event = record.value.Event as JsonObject;
  const sys = event.System as JsonObject;
  const data: Fields = {};
  const budget = newBudget();
  const eventData = event.EventData;
  if (isObject(eventData)) {
    for (const key in eventData) {
      if (key === "#attributes" || key === "__proto__") continue;
      const v = eventData[key];
      const name = key === "#text" ? "Data" : key;
      const f = toFieldValue(isObject(v) && "#text" in v ? v["#text"] : v);
      if (f !== undefined && budget.remaining-- > 0) data[name] = f;
    }
  } else if (eventData !== undefined && eventData !== null) {
    const f = toFieldValue(eventData);
    if (f !== undefined) data.Data = f;
  }
  const userData = event.UserData;
  if (isObject(userData)) flattenLeaves(data, userData, "", budget, 0);
  if (budget.truncated || budget.remaining < 0) {
    diagnostics.warn(
      "E_NORMALIZE",
      "event data has too many fields; the rest were left out",
      recordLocation(record.provenance),
    );
  }
  const raw: RawWindowsSystem = {
    provider: attr(sys.Provider, "Name") ?? attr(sys.Provider, "EventSourceName"),
    providerGuid: attr(sys.Provider, "Guid"),
    eventId: text(sys.EventID),
    version: text(sys.Version),
    level: text(sys.Level),
    task: text(sys.Task),
    opcode: text(sys.Opcode),
    keywords: text(sys.Keywords),
    recordId: text(sys.EventRecordID),
    processId: attr(sys.Execution, "ProcessID"),
    threadId: attr(sys.Execution, "ThreadID"),
    channel: text(sys.Channel),
    computer: text(sys.Computer),
    userId: attr(sys.Security, "UserID"),
    activityId: attr(sys.Correlation, "ActivityID"),
  };
  const time = parseTime(attr(sys.TimeCreated, "SystemTime"));
  return finishJsonWindows(routes, record, raw, data, time, TIME_PATHS, "evtx_dump JSON", diagnostics);
}

/** An element's text: the value itself, or its `#text` when it has attributes. */
function text(v: unknown): unknown {
  return isObject(v) ? v["#text"] : v;
}

function attr(v: unknown, name: string): unknown {
  if (!isObject(v)) return undefined;
  const attrs = v["#attributes"];
  return isObject(attrs) ? attrs[name] : undefined;
}

/** UserData leaves by element name; a name seen twice gets its dotted path instead. */
function flattenLeaves(
  target: Fields,
  obj: JsonObject,
  path: string,
  budget: FlattenBudget,
  depth: number,
): void {
  for (const key in obj) {
    if (key === "#attributes" || key === "__proto__") continue;
    const v = obj[key];
    const here = path === "" ? key : `${path}.${key}`;
    if (isObject(v) && !("#text" in v)) {
      if (depth + 1 < MAX_DEPTH) flattenLeaves(target, v, here, budget, depth + 1);
      continue;
    }
    const f = toFieldValue(isObject(v) ? v["#text"] : v);
    if (f === undefined) continue;
    if (budget.remaining-- <= 0) {
      budget.truncated = true;
      return;
    }
    const name = key === "#text" ? path || "Data" : key;
    target[target[name] === undefined ? name : here] = f;
  }
}
