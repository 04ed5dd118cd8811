/**
 * Fleet analytics every Store back end answers in its own engine (SQL pushed down, the Node side only
 * shapes rows): prevalence of a value across hosts, per source→destination statistics for beaconing,
 * and per-source scan aggregates in time windows. Input: the query objects below. Output: plain rows.
 * The DuckDB SQL (duckdb-fleet-analytics.ts) and the ClickHouse SQL (clickhouse/clickhouse-fleet-
 * analytics.ts) compute the same definitions; the conformance suite checks both on the same events.
 */
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import { checkedLimit } from "./page-bounds.js";
import { MAX_PAGE } from "./store.js";

/** What prevalence counts: the hot event columns it reads. */
export const FLEET_PREVALENCE_KINDS = ["sha256", "image", "command-line", "destination"] as const;
export type FleetPrevalenceKind = (typeof FLEET_PREVALENCE_KINDS)[number];

/** The events column of each prevalence kind (the same name in both back ends). */
export const PREVALENCE_COLUMN: Readonly<Record<FleetPrevalenceKind, string>> = {
  sha256: "sha256",
  image: "image",
  "command-line": "command_line",
  destination: "dst_ip",
};

/** Which events a fleet query reads: epoch ms, `to` exclusive (events without a time are left out). */
export interface FleetWindow {
  readonly from?: number;
  readonly to?: number;
}

/** A prevalence query: how widely each value of `kind` is seen. */
export interface PrevalenceQuery extends FleetWindow {
  readonly kind: FleetPrevalenceKind;
  /** Only these values (default: all) */
  readonly values?: readonly string[];
  /** Only values seen on at least this many hosts (default 1) */
  readonly minHosts?: number;
  /** At most this many rows (default 1,000, at most MAX_PAGE) */
  readonly limit?: number;
}

/** One value's spread: most hosts first, then most events, then by value. */
export interface PrevalenceRow {
  readonly value: string;
  /** Distinct hosts */
  readonly hosts: number;
  readonly events: number;
  /** Epoch ms of the first and last sighting */
  readonly firstSeen: number;
  readonly lastSeen: number;
}

/** Per source→destination statistics (beacon candidates). */
export interface DestinationStatsQuery extends FleetWindow {
  /** Only pairs with at least this many events (default 1) */
  readonly minEvents?: number;
  /** Timestamps kept per pair, the earliest first (default 1,000, at most 10,000) */
  readonly maxTimes?: number;
  readonly limit?: number;
}

/** One pair: most events first, then by source and destination. */
export interface DestinationStatsRow {
  readonly src: string;
  readonly dst: string;
  readonly events: number;
  /** Sum of the numeric `orig_bytes` + `resp_bytes` fields (Zeek conn); 0 when absent */
  readonly bytes: number;
  readonly first: number;
  readonly last: number;
  /** The pair's event times in ascending order, at most `maxTimes` */
  readonly times: readonly number[];
}

/** Per-source scan aggregates in fixed time windows. */
export interface ScanAggregateQuery extends FleetWindow {
  /** Window length in ms (windows start at multiples of it) */
  readonly windowMs: number;
  /** Only windows with at least this many distinct destinations or ports (default 1) */
  readonly minDistinct?: number;
  readonly limit?: number;
}

/** One source in one window, by source then window start. */
export interface ScanAggregateRow {
  readonly src: string;
  readonly windowStart: number;
  readonly destinations: number;
  readonly ports: number;
  readonly events: number;
}

/** The checked numbers of a fleet query. */
export interface FleetBounds {
  readonly limit: number;
  readonly min: number;
}

function checkedMin(name: string, v: number | undefined): number {
  const n = v ?? 1;
  if (!Number.isSafeInteger(n) || n < 0)
    throw new MikiwameError("E_STORE", `${name} must be a whole number ≥ 0 (got ${n})`);
  return n;
}

/** Checks a query's limit and minimum (E_STORE when out of range). */
export function fleetBounds(
  limit: number | undefined,
  minName: string,
  min: number | undefined,
): FleetBounds {
  return { limit: checkedLimit(limit, 1000, MAX_PAGE), min: checkedMin(minName, min) };
}

/** Largest `maxTimes`. */
export const MAX_TIMES_PER_PAIR = 10_000;

/** The checked `maxTimes` of a destination-stats query. */
export function checkedMaxTimes(v: number | undefined): number {
  return checkedLimit(v ?? 1000, 1000, MAX_TIMES_PER_PAIR);
}

/** The checked kind of a prevalence query (it may come from an HTTP query string). */
export function checkedPrevalenceKind(kind: unknown): FleetPrevalenceKind {
  if (typeof kind === "string" && (FLEET_PREVALENCE_KINDS as readonly string[]).includes(kind)) {
    return kind as FleetPrevalenceKind;
  }
  throw new MikiwameError(
    "E_STORE",
    `unknown prevalence kind ${String(kind)}: use ${FLEET_PREVALENCE_KINDS.join(", ")}`,
  );
}

/** The checked window length of a scan query. */
export function checkedWindowMs(v: unknown): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1) {
    throw new MikiwameError(
      "E_STORE",
      `windowMs must be a whole number of milliseconds ≥ 1 (got ${String(v)})`,
    );
  }
  return v;
}

/** A time bound, checked finite. */
export function checkedTime(name: string, v: number | undefined): number | undefined {
  if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v))) {
    throw new MikiwameError("E_STORE", `${name} must be a finite number of epoch milliseconds`);
  }
  return v;
}
