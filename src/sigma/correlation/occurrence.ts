/**
 * One thing a correlation counts: a detection rule's match on one event, or a whole match of another
 * correlation (chains). Input: a rule match or a correlation match. Output: a uniform view (the ids and
 * names it answers to, its time, its events, and a field lookup) for the correlation engine.
 */
import type { Event, EventTime } from "../../events/event.js";
import { type FieldValue, fieldToString } from "../../events/field-value.js";

export interface Occurrence {
  /** The rule ids and names this occurrence answers to (matched against `correlation.rules`) */
  readonly refs: readonly string[];
  /** Milliseconds since the epoch: the event time, or the last event time of a correlation match */
  readonly time: number;
  readonly firstTime: EventTime;
  readonly lastTime: EventTime;
  readonly events: readonly Event[];
  /** A field's value as text, or undefined when absent, null or empty */
  text(field: string): string | undefined;
  /** A field's value as a finite number, or undefined when absent or not numeric */
  number(field: string): number | undefined;
}

/** A field of an event, by its exact name. */
export function eventField(event: Event, name: string): FieldValue | undefined {
  return Object.hasOwn(event.fields, name) ? event.fields[name] : undefined;
}

/** The text of a field value; undefined for absent, null and empty values. */
export function fieldText(v: FieldValue | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = fieldToString(v);
  return s === "" ? undefined : s;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEX = /^0[xX][0-9a-fA-F]{1,13}$/;

/** A field value as a finite number: numbers, bigints, and decimal or `0x` hex text. */
export function fieldNumber(v: FieldValue | undefined): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "bigint") return Number(v);
  if (typeof v !== "string") return undefined;
  const s = v.trim();
  if (DECIMAL.test(s)) {
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
  }
  return HEX.test(s) ? Number.parseInt(s.slice(2), 16) : undefined;
}

/** The occurrence of a detection rule's match on `event` (which must have a time). */
export function ruleOccurrence(refs: readonly string[], event: Event, time: EventTime): Occurrence {
  return {
    refs,
    time: time.ms,
    firstTime: time,
    lastTime: time,
    events: [event],
    text: (f) => fieldText(eventField(event, f)),
    number: (f) => fieldNumber(eventField(event, f)),
  };
}

/**
 * The occurrence of a correlation match, for correlations that reference that correlation. Its fields
 * are the match's group-by values; a field it was not grouped by takes the value all its events share
 * (undefined when they differ).
 */
export function chainedOccurrence(
  refs: readonly string[],
  match: {
    readonly events: readonly Event[];
    readonly group: Readonly<Record<string, string>>;
    readonly firstTime: EventTime;
    readonly lastTime: EventTime;
  },
): Occurrence {
  const shared = (f: string): FieldValue | undefined => {
    if (Object.hasOwn(match.group, f)) return match.group[f];
    let common: string | undefined;
    for (const e of match.events) {
      const t = fieldText(eventField(e, f));
      if (t === undefined || (common !== undefined && t !== common)) return undefined;
      common = t;
    }
    return common;
  };
  return {
    refs,
    time: match.lastTime.ms,
    firstTime: match.firstTime,
    lastTime: match.lastTime,
    events: match.events,
    text: (f) => fieldText(shared(f)),
    number: (f) => fieldNumber(shared(f)),
  };
}
