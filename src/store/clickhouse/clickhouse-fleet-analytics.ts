/**
 * The fleet analytics (../fleet-analytics.ts) on the ClickHouse store, pushed down as one SQL statement
 * each; on a cluster the Distributed table runs them on every shard and merges the partial aggregates.
 * Input: a connection and a query. Output: rows. Same definitions as ../duckdb-fleet-analytics.ts.
 * Events are read with FINAL when the store does (exact under racing duplicate inserts).
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import {
  checkedMaxTimes,
  checkedPrevalenceKind,
  checkedTime,
  checkedWindowMs,
  type DestinationStatsQuery,
  type DestinationStatsRow,
  type FleetWindow,
  fleetBounds,
  PREVALENCE_COLUMN,
  type PrevalenceQuery,
  type PrevalenceRow,
  type ScanAggregateQuery,
  type ScanAggregateRow,
} from "../fleet-analytics.js";
import type { ClickHouseConnection } from "./clickhouse-connection.js";
import { eventsFrom } from "./clickhouse-event-table.js";
import { sqlNumber, sqlStringList } from "./clickhouse-literal.js";

const MAX_VALUES = 1000;

function windowTerms(w: FleetWindow): string[] {
  const terms = ["untimed = 0"];
  const from = checkedTime("from", w.from);
  const to = checkedTime("to", w.to);
  if (from !== undefined) terms.push(`time_key >= ${sqlNumber(from)}`);
  if (to !== undefined) terms.push(`time_key < ${sqlNumber(to)}`);
  return terms;
}

/** Prevalence of a value across hosts. */
export async function chPrevalence(
  conn: ClickHouseConnection,
  final: boolean,
  q: PrevalenceQuery,
): Promise<PrevalenceRow[]> {
  const col = PREVALENCE_COLUMN[checkedPrevalenceKind(q.kind)];
  const { limit, min } = fleetBounds(q.limit, "minHosts", q.minHosts);
  const terms = [...windowTerms(q), `${col} IS NOT NULL`];
  if (q.values !== undefined) {
    if (q.values.length > MAX_VALUES)
      throw new MikiwameError("E_STORE", `at most ${MAX_VALUES} values per query`);
    if (q.values.length === 0) return [];
    terms.push(`${col} IN ${sqlStringList(q.values)}`);
  }
  const rows = await conn.rows<{
    value: string;
    hosts: string;
    events: string;
    first_ms: number;
    last_ms: number;
  }>(
    `SELECT assumeNotNull(${col}) AS value, uniqExact(host) AS hosts, count() AS events,
       min(time_key) AS first_ms, max(time_key) AS last_ms
     FROM ${eventsFrom(final)} WHERE ${terms.join(" AND ")}
     GROUP BY value HAVING hosts >= ${min}
     ORDER BY hosts DESC, events DESC, value LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    value: r.value,
    hosts: Number(r.hosts),
    events: Number(r.events),
    firstSeen: Number(r.first_ms),
    lastSeen: Number(r.last_ms),
  }));
}

/** Numeric `orig_bytes` + `resp_bytes` (0 when absent; 18.16 has visitParam*, not JSONExtract*). */
const BYTES_SQL =
  "visitParamExtractFloat(fields, 'orig_bytes') + visitParamExtractFloat(fields, 'resp_bytes')";

/** Per source→destination statistics with the pair's timestamps. */
export async function chDestinationStats(
  conn: ClickHouseConnection,
  final: boolean,
  q: DestinationStatsQuery,
): Promise<DestinationStatsRow[]> {
  const { limit, min } = fleetBounds(q.limit, "minEvents", q.minEvents);
  const maxTimes = checkedMaxTimes(q.maxTimes);
  const terms = [...windowTerms(q), "src_ip IS NOT NULL", "dst_ip IS NOT NULL"];
  const rows = await conn.rows<{
    src: string;
    dst: string;
    events: string;
    bytes: number;
    first_ms: number;
    last_ms: number;
    times: number[];
  }>(
    `SELECT assumeNotNull(src_ip) AS src, assumeNotNull(dst_ip) AS dst, count() AS events, sum(${BYTES_SQL}) AS bytes,
       min(time_key) AS first_ms, max(time_key) AS last_ms,
       arraySlice(arraySort(groupArray(time_key)), 1, ${maxTimes}) AS times
     FROM ${eventsFrom(final)} WHERE ${terms.join(" AND ")}
     GROUP BY src, dst HAVING events >= ${min}
     ORDER BY events DESC, src, dst LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    src: r.src,
    dst: r.dst,
    events: Number(r.events),
    bytes: Number(r.bytes),
    first: Number(r.first_ms),
    last: Number(r.last_ms),
    times: r.times.map(Number),
  }));
}

/** Per-source distinct destinations and ports in fixed windows. */
export async function chScanAggregates(
  conn: ClickHouseConnection,
  final: boolean,
  q: ScanAggregateQuery,
): Promise<ScanAggregateRow[]> {
  const windowMs = checkedWindowMs(q.windowMs);
  const { limit, min } = fleetBounds(q.limit, "minDistinct", q.minDistinct);
  const terms = [...windowTerms(q), "src_ip IS NOT NULL"];
  const rows = await conn.rows<{ src: string; window_start: number; d: string; p: string; n: string }>(
    `SELECT assumeNotNull(src_ip) AS src, floor(time_key / ${windowMs}) * ${windowMs} AS window_start,
       uniqExact(dst_ip) AS d, uniqExact(dst_port) AS p, count() AS n
     FROM ${eventsFrom(final)} WHERE ${terms.join(" AND ")}
     GROUP BY src, window_start HAVING d >= ${min} OR p >= ${min}
     ORDER BY src, window_start LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    src: r.src,
    windowStart: Number(r.window_start),
    destinations: Number(r.d),
    ports: Number(r.p),
    events: Number(r.n),
  }));
}
