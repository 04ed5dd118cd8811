/**
 * An event as a row of the events table, and back. Input: a (validated) Event and its raw record text.
 * Output: the column values every back end stores — the dedupe key, time, identity, a few hot fields
 * as their own columns (image, command line, user, addresses, port, SHA-256) and the rest as typed
 * JSON (typed-json.ts) — and, from the stored columns, the same Event again: kind, time, host,
 * identity (a record id comes back as the number or bigint it was), logsource, fields with their
 * value types, origins and provenance. Properties that were undefined are absent after the round trip.
 */
import type { Event, EventKind, EventTime, FieldOrigin } from "../events/event.js";
import type { FieldValue, Fields } from "../events/field-value.js";
import type { Logsource } from "../events/logsource.js";
import type { Provenance } from "../events/provenance.js";
import { eventKey } from "./event-key.js";
import type { IngestResult } from "./store.js";
import { decodeTypedJson, encodeTypedJson } from "./typed-json.js";

/** The column values of one stored event (names as in the DuckDB schema). */
export interface EventRow {
  /** 128-bit dedupe key (event-key.ts) */
  readonly id: bigint;
  readonly time_ms: number | null;
  readonly time_iso: string | null;
  readonly host: string;
  readonly channel: string;
  readonly provider: string;
  readonly event_id: number;
  readonly record_id: bigint | null;
  /** The record id was a bigint (not a number) in the event */
  readonly record_id_big: boolean;
  readonly kind: EventKind;
  readonly image: string | null;
  readonly command_line: string | null;
  readonly user: string | null;
  readonly src_ip: string | null;
  readonly dst_ip: string | null;
  readonly dst_port: number | null;
  readonly sha256: string | null;
  /** provenance.file, for queries */
  readonly source_file: string;
  readonly fields: string;
  readonly origins: string | null;
  readonly logsource: string;
  readonly provenance: string;
  readonly raw: string | null;
}

/** The stored columns an Event is rebuilt from. */
export interface StoredEventColumns {
  readonly kind: string;
  readonly time_ms: number | null;
  readonly time_iso: string | null;
  readonly host: string;
  readonly provider: string;
  readonly channel: string;
  readonly event_id: number;
  readonly record_id: bigint | null;
  readonly record_id_big: boolean | null;
  readonly fields: string;
  readonly origins: string | null;
  readonly logsource: string;
  readonly provenance: string;
}

function text(v: FieldValue | undefined): string | null {
  if (typeof v === "string") return v === "" ? null : v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  return null;
}

function port(v: FieldValue | undefined): number | null {
  const n = typeof v === "string" && /^\d{1,5}$/.test(v) ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 65_535 ? n : null;
}

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/** The SHA-256 of a Sysmon `Hashes` value (`MD5=…,SHA256=…`) or of a `sha256` field (Zeek files.log). */
function sha256Of(fields: Fields): string | null {
  const hashes = fields.Hashes;
  if (typeof hashes === "string") {
    for (const part of hashes.split(",")) {
      const eq = part.indexOf("=");
      if (eq > 0 && part.slice(0, eq).trim().toUpperCase() === "SHA256") {
        const hex = part.slice(eq + 1).trim();
        if (SHA256_HEX.test(hex)) return hex.toLowerCase();
      }
    }
  }
  const direct = fields.sha256 ?? fields.SHA256;
  return typeof direct === "string" && SHA256_HEX.test(direct) ? direct.toLowerCase() : null;
}

/**
 * Typed JSON of objects many events share (a route's logsource, a mapping's origins): normalizers reuse
 * one frozen object per route, so each is encoded once.
 */
const sharedText = new WeakMap<object, string>();

function encodeShared(value: object): string {
  let text = sharedText.get(value);
  if (text === undefined) {
    text = encodeTypedJson(value);
    if (Object.isFrozen(value)) sharedText.set(value, text);
  }
  return text;
}

/** The row of `event`; `raw` is its raw record text, if kept. */
export function toEventRow(event: Event, raw: string | undefined, key: bigint = eventKey(event)): EventRow {
  const { identity, fields } = event;
  const recordId = identity.recordId;
  return {
    id: key,
    time_ms: event.time ? event.time.ms : null,
    time_iso: event.time ? event.time.iso : null,
    host: event.host,
    channel: identity.channel,
    provider: identity.provider,
    event_id: identity.eventId,
    record_id: recordId === undefined ? null : BigInt(recordId),
    record_id_big: typeof recordId === "bigint",
    kind: event.kind,
    image: text(fields.Image),
    command_line: text(fields.CommandLine),
    user: text(fields.User),
    src_ip: text(fields.SourceIp),
    dst_ip: text(fields.DestinationIp),
    dst_port: port(fields.DestinationPort),
    sha256: sha256Of(fields),
    source_file: event.provenance.file,
    fields: encodeTypedJson(fields),
    origins: event.origins === undefined ? null : encodeShared(event.origins),
    logsource: encodeShared(event.logsource),
    provenance: encodeTypedJson(event.provenance),
    raw: raw ?? null,
  };
}

/** The Event a row was made from. */
export function fromEventColumns(c: StoredEventColumns): Event {
  const time: EventTime | undefined =
    c.time_iso === null || c.time_ms === null ? undefined : { iso: c.time_iso, ms: c.time_ms };
  const identity =
    c.record_id === null
      ? { provider: c.provider, channel: c.channel, eventId: c.event_id }
      : {
          provider: c.provider,
          channel: c.channel,
          eventId: c.event_id,
          recordId: c.record_id_big ? c.record_id : Number(c.record_id),
        };
  const event: {
    kind: EventKind;
    time: EventTime | undefined;
    host: string;
    identity: Event["identity"];
    logsource: Logsource;
    fields: Fields;
    origins?: Readonly<Record<string, FieldOrigin>>;
    provenance: Provenance;
  } = {
    kind: c.kind as EventKind,
    time,
    host: c.host,
    identity,
    logsource: decodeTypedJson(c.logsource) as Logsource,
    fields: decodeTypedJson(c.fields) as Fields,
    provenance: decodeTypedJson(c.provenance) as Provenance,
  };
  if (c.origins !== null) event.origins = decodeTypedJson(c.origins) as Readonly<Record<string, FieldOrigin>>;
  return event;
}

/** What `ingestRows` did: the counts, and which positions of the batch were duplicates. */
export interface RowIngestResult extends IngestResult {
  /** Positions (0-based, ascending) of the rows that were already stored or repeated in the batch */
  readonly duplicateIndexes: readonly number[];
}

/**
 * An optional capability of a back end (beside the Store interface): ingest a batch whose events the
 * caller already validated (`eventProblem`) and encoded (`toEventRow`). The HTTP ingest encodes each
 * document as soon as it is normalized, so only flat strings wait for the commit (not the parsed JSON
 * and event objects: far less garbage-collection work), and group-commits several requests' rows in
 * one transaction, which needs the duplicate positions. Same transaction and dedupe as ingestEvents.
 */
export interface RowIngest {
  ingestRows(rows: readonly EventRow[], source: string): Promise<RowIngestResult>;
}

/** The store's RowIngest capability, or undefined when it has none (then use ingestEvents). */
export function rowIngestOf(store: object): RowIngest | undefined {
  const f = (store as { ingestRows?: unknown }).ingestRows;
  return typeof f === "function" ? (store as RowIngest) : undefined;
}
