/**
 * The fleet analytics (fleet-analytics.ts) on the DuckDB store: one SQL statement each. Input: a
 * connection and a query. Output: rows. Kept beside the ClickHouse SQL
 * (clickhouse/clickhouse-fleet-analytics.ts): the two must compute the same definitions.
 */
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
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
} from "./fleet-analytics.js";

/** Most values in a prevalence `values` filter. */
const MAX_VALUES = 1000;

function windowTerms(w: FleetWindow, params: DuckDBValue[]): string[] {
  const terms = ["time_ms IS NOT NULL"];
  const from = checkedTime("from", w.from);
  const to = checkedTime("to", w.to);
  if (from !== undefined) {
    params.push(from);
    terms.push(`time_ms >= $${params.length}`);
  }
  if (to !== undefined) {
    params.push(to);
    terms.push(`time_ms < $${params.length}`);
  }
  return terms;
}

const num = (v: DuckDBValue): number => Number(v);

/** Prevalence of a value across hosts. */
export async function duckPrevalence(conn: DuckDBConnection, q: PrevalenceQuery): Promise<PrevalenceRow[]> {
  const col = PREVALENCE_COLUMN[checkedPrevalenceKind(q.kind)];
  const { limit, min } = fleetBounds(q.limit, "minHosts", q.minHosts);
  const params: DuckDBValue[] = [];
  const terms = [...windowTerms(q, params), `${col} IS NOT NULL`];
  if (q.values !== undefined) {
    if (q.values.length > MAX_VALUES)
      throw new MikiwameError("E_STORE", `at most ${MAX_VALUES} values per query`);
    if (q.values.length === 0) return [];
    terms.push(
      `${col} IN (${q.values
        .map((v) => {
          params.push(v);
          return `$${params.length}`;
        })
        .join(", ")})`,
    );
  }
  const reader = await conn.runAndReadAll(
    `SELECT ${col} AS value, count(DISTINCT host) AS hosts, count(*) AS events, min(time_ms) AS first_ms,
       max(time_ms) AS last_ms
     FROM events WHERE ${terms.join(" AND ")}
     GROUP BY ${col} HAVING count(DISTINCT host) >= ${min}
     ORDER BY hosts DESC, events DESC, value LIMIT ${limit}`,
    params,
  );
  return reader.getRows().map(([value, hosts, events, first, last]) => ({
    value: String(value),
    hosts: num(hosts),
    events: num(events),
    firstSeen: num(first),
    lastSeen: num(last),
  }));
}

/** The numeric bytes of a connection event (Zeek conn `orig_bytes` + `resp_bytes`; 0 when absent). */
const BYTES_SQL =
  "coalesce(TRY_CAST(json_extract(fields, '$.orig_bytes') AS DOUBLE), 0) + " +
  "coalesce(TRY_CAST(json_extract(fields, '$.resp_bytes') AS DOUBLE), 0)";

/** Per source→destination statistics with the pair's timestamps. */
export async function duckDestinationStats(
  conn: DuckDBConnection,
  q: DestinationStatsQuery,
): Promise<DestinationStatsRow[]> {
  const { limit, min } = fleetBounds(q.limit, "minEvents", q.minEvents);
  const maxTimes = checkedMaxTimes(q.maxTimes);
  const params: DuckDBValue[] = [];
  const terms = [...windowTerms(q, params), "src_ip IS NOT NULL", "dst_ip IS NOT NULL"];
  const reader = await conn.runAndReadAll(
    `SELECT src_ip, dst_ip, count(*) AS events, sum(${BYTES_SQL}) AS bytes, min(time_ms), max(time_ms),
       list_slice(list(time_ms ORDER BY time_ms), 1, ${maxTimes}) AS times
     FROM events WHERE ${terms.join(" AND ")}
     GROUP BY src_ip, dst_ip HAVING count(*) >= ${min}
     ORDER BY events DESC, src_ip, dst_ip LIMIT ${limit}`,
    params,
  );
  return reader.getRowsJS().map(([src, dst, events, bytes, first, last, times]) => ({
    src: String(src),
    dst: String(dst),
    events: Number(events),
    bytes: Number(bytes),
    first: Number(first),
    last: Number(last),
    times: (times as unknown[]).map(Number),
  }));
}

/** Per-source distinct destinations and ports in fixed windows. */
export async function duckScanAggregates(
  conn: DuckDBConnection,
  q: ScanAggregateQuery,
): Promise<ScanAggregateRow[]> {
  const windowMs = checkedWindowMs(q.windowMs);
  const { limit, min } = fleetBounds(q.limit, "minDistinct", q.minDistinct);
  const params: DuckDBValue[] = [];
  const terms = [...windowTerms(q, params), "src_ip IS NOT NULL"];
  const reader = await conn.runAndReadAll(
    `SELECT src_ip, floor(time_ms / ${windowMs}) * ${windowMs} AS window_start, count(DISTINCT dst_ip) AS d,
       count(DISTINCT dst_port) AS p, count(*) AS n
     FROM events WHERE ${terms.join(" AND ")}
     GROUP BY src_ip, window_start HAVING count(DISTINCT dst_ip) >= ${min} OR count(DISTINCT dst_port) >= ${min}
     ORDER BY src_ip, window_start LIMIT ${limit}`,
    params,
  );
  return reader.getRows().map(([src, start, d, p, n]) => ({
    src: String(src),
    windowStart: num(start),
    destinations: num(d),
    ports: num(p),
    events: num(n),
  }));
}
