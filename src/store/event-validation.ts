/**
 * Checks that an event can be stored and read back unchanged, before anything of its batch is written.
 * Input: an Event (typed, but it may come from an HTTP client or a buggy caller). Output: undefined, or
 * the reason it cannot be stored; `assertStorable` throws E_STORE located at the event's record.
 */
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { Location } from "../diagnostics/location.js";
import { EVENT_KINDS, type Event } from "../events/event.js";
import { SOURCE_FORMATS } from "../events/provenance.js";

/** Deepest array nesting of a field value that is stored. */
export const MAX_FIELD_DEPTH = 32;

const MIN_RECORD_ID = -(2n ** 127n);
const MAX_RECORD_ID = 2n ** 127n - 1n;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function fieldValueProblem(v: unknown, depth: number): string | undefined {
  switch (typeof v) {
    case "string":
    case "number":
    case "bigint":
    case "boolean":
      return undefined;
    case "object":
      if (v === null) return undefined;
      if (!Array.isArray(v)) return "is an object (field values are scalars or arrays)";
      if (depth >= MAX_FIELD_DEPTH) return `is nested deeper than ${MAX_FIELD_DEPTH} levels`;
      for (const item of v) {
        const p = fieldValueProblem(item, depth + 1);
        if (p) return p;
      }
      return undefined;
    default:
      return `is ${typeof v === "undefined" ? "undefined" : `a ${typeof v}`}`;
  }
}

function optionalString(o: Record<string, unknown>, key: string): boolean {
  return o[key] === undefined || typeof o[key] === "string";
}

function optionalInteger(o: Record<string, unknown>, key: string): boolean {
  const v = o[key];
  return v === undefined || (typeof v === "number" && Number.isSafeInteger(v)) || typeof v === "bigint";
}

function recordIdProblem(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "number")
    return Number.isSafeInteger(v) ? undefined : "identity.recordId is not an integer";
  if (typeof v === "bigint") {
    return v < MIN_RECORD_ID || v > MAX_RECORD_ID ? "identity.recordId is out of range" : undefined;
  }
  return "identity.recordId is not a number or bigint";
}

function timeProblem(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v) || typeof v.iso !== "string" || typeof v.ms !== "number" || !Number.isFinite(v.ms)) {
    return "time must be undefined or { iso: string, ms: finite number }";
  }
  return undefined;
}

function provenanceProblem(v: unknown): string | undefined {
  if (!isObject(v) || typeof v.file !== "string") return "provenance.file is missing";
  if (!(SOURCE_FORMATS as readonly unknown[]).includes(v.format)) return "provenance.format is unknown";
  for (const key of ["offset", "line", "chunk", "recordId"]) {
    if (!optionalInteger(v, key)) return `provenance.${key} is not an integer`;
  }
  return undefined;
}

function logsourceProblem(v: unknown): string | undefined {
  if (!isObject(v)) return "logsource is not an object";
  for (const key of ["product", "service", "category"]) {
    if (!optionalString(v, key)) return `logsource.${key} is not a string`;
  }
  const cats = v.categories;
  if (cats !== undefined && !(Array.isArray(cats) && cats.every((c) => typeof c === "string"))) {
    return "logsource.categories is not a list of strings";
  }
  return undefined;
}

function originsProblem(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) return "origins is not an object";
  for (const key in v) {
    const o = v[key];
    if (!isObject(o) || typeof o.from !== "string" || typeof o.conversion !== "string") {
      return `origins.${key} is not { from, conversion }`;
    }
  }
  return undefined;
}

/** Why `event` cannot be stored, or undefined when it can. */
export function eventProblem(event: Event): string | undefined {
  const e = event as unknown;
  if (!isObject(e)) return "not an object";
  if (!(EVENT_KINDS as readonly unknown[]).includes(e.kind)) return `kind ${String(e.kind)} is unknown`;
  if (typeof e.host !== "string") return "host is not a string";
  const id = e.identity;
  if (!isObject(id) || typeof id.provider !== "string" || typeof id.channel !== "string") {
    return "identity.provider and identity.channel must be strings";
  }
  if (typeof id.eventId !== "number" || !Number.isInteger(id.eventId) || Math.abs(id.eventId) > 2 ** 31 - 1) {
    return "identity.eventId is not a 32-bit integer";
  }
  const problem =
    recordIdProblem(id.recordId) ??
    timeProblem(e.time) ??
    provenanceProblem(e.provenance) ??
    logsourceProblem(e.logsource) ??
    originsProblem(e.origins);
  if (problem) return problem;
  if (!isObject(e.fields)) return "fields is not an object";
  for (const key in e.fields) {
    const p = fieldValueProblem(e.fields[key], 0);
    if (p) return `field ${JSON.stringify(key)} ${p}`;
  }
  return undefined;
}

/** The location of an event's record, for messages (only the parts that are known). */
export function eventLocation(event: Event): Location {
  const p = (event as { provenance?: unknown }).provenance;
  if (!isObject(p)) return {};
  const loc: { -readonly [K in keyof Location]: Location[K] } = {};
  if (typeof p.file === "string") loc.file = p.file;
  if (typeof p.line === "number") loc.line = p.line;
  if (typeof p.offset === "number") loc.offset = p.offset;
  if (typeof p.chunk === "number") loc.chunk = p.chunk;
  if (typeof p.recordId === "number" || typeof p.recordId === "bigint") loc.recordId = String(p.recordId);
  return loc;
}

/**
 * Throws E_STORE for the first event of `events` that cannot be stored, naming its index, the source
 * and the reason, located at its record.
 */
export function assertStorable(events: readonly Event[], sourceName: string): void {
  for (let i = 0; i < events.length; i++) {
    const problem = eventProblem(events[i]);
    if (problem) {
      throw new MikiwameError(
        "E_STORE",
        `event ${i + 1} of the batch from ${sourceName} cannot be stored: ${problem}; nothing of this batch was stored`,
        eventLocation(events[i]),
      );
    }
  }
}
