/**
 * A stored Event as the API gives it (ApiEvent): its id is the store's dedupe key in hex (the same `_id`
 * a retried document maps to), bigint values as strings, the source file and line or offset. Input: an
 * Event. Output: an ApiEvent.
 */
import type { Event } from "../../events/event.js";
import { eventKey } from "../../store/event-key.js";
import type { ApiEvent } from "../api-contract.js";
import { jsonSafeRecord } from "./json-safe.js";

/** One event for the API. */
export function apiEvent(e: Event): ApiEvent {
  const p = e.provenance;
  return {
    id: eventKey(e).toString(16).padStart(32, "0"),
    time: e.time?.iso,
    host: e.host,
    channel: e.identity.channel,
    provider: e.identity.provider,
    eventId: e.identity.eventId,
    recordId: e.identity.recordId === undefined ? undefined : e.identity.recordId.toString(),
    fields: jsonSafeRecord(e.fields),
    source: {
      file: p.file,
      ...(p.offset !== undefined && { offset: p.offset }),
      ...(p.line !== undefined && { line: p.line }),
    },
  };
}
