/**
 * What a reader yields: the raw content of one source record plus its provenance.
 * One variant per source family; normalize turns each into an Event.
 */
import type { Fields } from "../events/field-value.js";
import type { Provenance } from "../events/provenance.js";

/** The `<System>` section of a Windows event, decoded. Absent elements are undefined. */
export interface EvtxSystem {
  providerName: string;
  providerGuid?: string;
  eventSourceName?: string;
  eventId: number;
  qualifiers?: number;
  version?: number;
  level?: number;
  task?: number;
  opcode?: number;
  /** e.g. `0x8020000000000000` */
  keywords?: string;
  /** TimeCreated/@SystemTime as ISO-8601 UTC with 7 fractional digits */
  timeCreated?: string;
  /** EventRecordID from the XML (the record header's id when the XML has none) */
  recordId: number | bigint;
  activityId?: string;
  relatedActivityId?: string;
  processId?: number;
  threadId?: number;
  channel: string;
  computer: string;
  /** Security/@UserID (a SID string) */
  userId?: string;
}

export interface EvtxRecord {
  readonly kind: "evtx";
  readonly provenance: Provenance;
  readonly system: EvtxSystem;
  /**
   * EventData `<Data Name="X">` → X; unnamed `<Data>` values are collected as an array under `Data`;
   * UserData leaf elements by their element name (nested names joined with `.` on collision);
   * `<Binary>` under `Binary`.
   */
  readonly data: Fields;
  /** Which section `data` came from */
  readonly section: "EventData" | "UserData" | "none";
  /** The record header's written time (ISO), used when the XML has no TimeCreated */
  readonly writtenTime: string;
  /** The event rendered as XML, only when the reader was asked for it */
  readonly xml?: string;
}

export interface JsonRecord {
  readonly kind: "json";
  readonly provenance: Provenance;
  /** One parsed JSON object (one line of NDJSON, or one element of a top-level array) */
  readonly value: Record<string, unknown>;
}

export interface ZeekRecord {
  readonly kind: "zeek";
  readonly provenance: Provenance;
  /** The Zeek log path: `conn`, `dns`, `http`, `ssl`, `files`, `notice`, … */
  readonly path: string;
  /**
   * Columns typed by `#types` (TSV) or by JSON: count/int/port → number, double/interval → number,
   * time → number (epoch seconds), bool → boolean, set/vector → array, `-` → null, `(empty)` → [] or "".
   */
  readonly fields: Fields;
}

export type RawRecord = EvtxRecord | JsonRecord | ZeekRecord;
