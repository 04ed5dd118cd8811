/**
 * Applies the user's field-mapping file (field-mapping.ts) to a JSON record of a flat EDR export:
 * mapped fields under their new names (converted), the logsource and identity from constants or
 * source fields, host and time from the named fields.
 * Input: a FieldMapping and a JsonRecord. Output: an Event.
 */
import { applyMappedPaths, flattenRecord } from "./json-fields.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event, EventTime, FieldOrigin } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import type { JsonRecord } from "../readers/record.js";
import { parseEpoch, parseTime } from "./event-time.js";
import { joinDomainUser } from "./field-conversions.js";
import type { FieldMapping, ValueSelector } from "./field-mapping.js";
import { asInteger, asString, getPath, type JsonObject, toFieldValue } from "./json-value.js";
import { recordLocation } from "./record-location.js";
import type { NormalizedLogsource } from "./windows-routes.js";

const LOGSOURCE_CACHE_LIMIT = 1024;

/** A FieldMapping ready to apply: origins and logsources shared across events. */
export class UserMappingNormalizer {
  private readonly origins: Readonly<Record<string, FieldOrigin>>;
  private readonly logsources = new Map<string, NormalizedLogsource>();

  constructor(readonly mapping: FieldMapping) {
    const origins: Record<string, FieldOrigin> = {};
    for (const f of mapping.fields) origins[f.to] = Object.freeze({ from: f.from, conversion: f.conversion });
    if (mapping.user) {
      const from = mapping.user.domain ? `${mapping.user.domain}\\${mapping.user.name}` : mapping.user.name;
      origins[mapping.user.to] = Object.freeze({ from, conversion: "join-domain-user" });
    }
    this.origins = Object.freeze(origins);
  }

  /** True when the mapping applies to this object (always, without a `match`). */
  matches(v: JsonObject): boolean {
    const m = this.mapping.match;
    if (!m) return true;
    const found = getPath(v, m.field);
    if (found === undefined) return false;
    return m.equals === undefined || found === m.equals || asString(found) === String(m.equals);
  }

  /** Normalizes one record with the mapping. */
  normalize(record: JsonRecord, diagnostics: Diagnostics): Event {
    const m = this.mapping;
    const v = record.value;
    const fields: Fields = m.keepUnmapped ? flattenRecord(record, diagnostics) : {};
    applyMappedPaths(fields, v, m.fields);
    if (m.user) {
      const user = joinDomainUser(
        m.user.domain ? toFieldValue(getPath(v, m.user.domain)) : undefined,
        toFieldValue(getPath(v, m.user.name)),
      );
      if (user !== undefined) fields[m.user.to] = user;
    }
    const provider = asString(select(m.provider, v)) ?? m.name;
    const channel = asString(select(m.channel, v)) ?? m.name;
    const rawId = select(m.eventId, v);
    let eventId = rawId === undefined ? 0 : asInteger(rawId);
    if (eventId === undefined) {
      diagnostics.warn(
        "E_NORMALIZE",
        `mapping ${m.name}: event id ${JSON.stringify(rawId)} is not an integer; using 0`,
        recordLocation(record.provenance),
      );
      eventId = 0;
    }
    const host = m.host === undefined ? "" : (asString(getPath(v, m.host)) ?? "");
    fields.EventID = eventId;
    fields.Channel = channel;
    fields.Provider_Name = provider;
    fields.Computer = host;
    const time = this.timeOf(v, record, diagnostics);
    return {
      kind: m.kind,
      time,
      host,
      identity: { provider, channel, eventId },
      logsource: this.logsourceOf(v),
      fields,
      origins: this.origins,
      provenance: record.provenance,
    };
  }

  private timeOf(v: JsonObject, record: JsonRecord, diagnostics: Diagnostics): EventTime | undefined {
    const spec = this.mapping.time;
    if (!spec) {
      diagnostics.warn(
        "E_NORMALIZE",
        `mapping ${this.mapping.name} names no time field; time left empty`,
        recordLocation(record.provenance),
      );
      return undefined;
    }
    const raw = getPath(v, spec.field);
    let time: EventTime | undefined;
    if (spec.format === "auto") time = parseTime(raw);
    else if (spec.format === "iso") time = typeof raw === "string" ? parseTime(raw) : undefined;
    else time = parseEpoch(raw, spec.format);
    if (!time) {
      diagnostics.warn(
        "E_NORMALIZE",
        `${spec.field} ${raw === undefined ? "is missing" : `${JSON.stringify(raw)} is not a ${spec.format} time`}; time left empty`,
        recordLocation(record.provenance),
      );
    }
    return time;
  }

  private logsourceOf(v: JsonObject): NormalizedLogsource {
    const m = this.mapping;
    const product = asString(select(m.product, v));
    const service = asString(select(m.service, v));
    const category = asString(select(m.category, v));
    const key = `${product ?? ""}\u0000${service ?? ""}\u0000${category ?? ""}`;
    const hit = this.logsources.get(key);
    if (hit) return hit;
    const ls: { product?: string; service?: string; category?: string; categories?: readonly string[] } = {};
    if (product !== undefined) ls.product = product;
    if (service !== undefined) ls.service = service;
    if (category !== undefined) {
      ls.category = category;
      ls.categories = Object.freeze([category]);
    }
    const frozen = Object.freeze(ls);
    if (this.logsources.size < LOGSOURCE_CACHE_LIMIT) this.logsources.set(key, frozen);
    return frozen;
  }
}

function select(s: ValueSelector | undefined, v: JsonObject): unknown {
  if (!s) return undefined;
  if (s.kind === "constant") return s.value;
  const raw = getPath(v, s.field);
  if (s.values) {
    const key = asString(raw);
    if (key !== undefined && Object.hasOwn(s.values, key)) return s.values[key];
    return s.default;
  }
  return raw === undefined || raw === null || raw === "" ? s.default : raw;
}
