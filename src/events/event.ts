/**
 * The normalized event: one envelope for every source. Readers produce records; normalize turns
 * them into events. Later stages (Sigma, analytics, triage, store) only ever see events.
 */
import type { Fields } from "./field-value.js";
import type { Logsource } from "./logsource.js";
import type { Provenance } from "./provenance.js";

export const EVENT_KINDS = ["windows", "network"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface EventTime {
  /** ISO-8601 UTC with the source's full precision (up to 100 ns for Windows FILETIME) */
  readonly iso: string;
  /** Milliseconds since the Unix epoch (fractional), for ordering and windows */
  readonly ms: number;
}

export interface EventIdentity {
  /** Provider name (EVTX), the shipper's provider (JSON), or `zeek` */
  readonly provider: string;
  /** Channel (EVTX / Winlogbeat `winlog.channel`), or the Zeek log path (`conn`, `dns` …) */
  readonly channel: string;
  /** Windows event id; 0 for sources without one */
  readonly eventId: number;
  /** Source record id (EVTX EventRecordID), when there is one */
  readonly recordId?: number | bigint;
}

/** Where a normalized field's value came from, when it was renamed or converted. */
export interface FieldOrigin {
  /** The source field name */
  readonly from: string;
  /** The conversion applied (`rename`, `hex-to-int`, `sid-to-integrity` …) */
  readonly conversion: string;
}

export interface Event {
  readonly kind: EventKind;
  /** Undefined only when the source had no usable time (never replaced by "now") */
  readonly time: EventTime | undefined;
  /** The computer name (EVTX `Computer`), or the sensor/host for network logs; "" if unknown */
  readonly host: string;
  readonly identity: EventIdentity;
  readonly logsource: Logsource;
  /**
   * Fields under the names Sigma rules use (Sysmon's `Image`, `CommandLine`, …), plus the
   * System fields (`EventID`, `Channel`, `Computer`, `Provider_Name` …).
   */
  readonly fields: Fields;
  /** For fields renamed or converted from another source name: where each came from */
  readonly origins?: Readonly<Record<string, FieldOrigin>>;
  readonly provenance: Provenance;
}
