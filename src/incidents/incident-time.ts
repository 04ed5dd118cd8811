/**
 * Times of an incident: event times as plain `{ iso, ms }` values, and the earliest / latest of several.
 * Input: EventTime values (or undefined). Output: IncidentTime values.
 */
import type { EventTime } from "../events/event.js";
import type { IncidentTime } from "./incident.js";

/** A plain copy of an event time (no extra properties carried over). */
export function incidentTime(t: EventTime | undefined): IncidentTime | undefined {
  return t === undefined ? undefined : { iso: t.iso, ms: t.ms };
}

/** The earliest of the given times. */
export function earliest(...times: (EventTime | undefined)[]): IncidentTime | undefined {
  let best: EventTime | undefined;
  for (const t of times) if (t && (!best || t.ms < best.ms)) best = t;
  return incidentTime(best);
}

/** The latest of the given times. */
export function latest(...times: (EventTime | undefined)[]): IncidentTime | undefined {
  let best: EventTime | undefined;
  for (const t of times) if (t && (!best || t.ms > best.ms)) best = t;
  return incidentTime(best);
}
