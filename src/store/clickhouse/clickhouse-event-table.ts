/**
 * The events table of the ClickHouse store: batch ingest with dedupe, filtered reads in (host, time)
 * order, counts, searches and retention. Input: a connection, event rows (../event-row.ts) and queries
 * (../store.ts). Output: insert counts, Events.
 *
 * Dedupe at insert time: ClickHouse has no unique key, so each batch first asks which of its keys are
 * already stored (`WHERE host IN … AND id IN …`, in chunks, served by the (host, …) sort key) and
 * inserts only the rest — that is what makes `duplicates` exact for one writer. Two workers that insert
 * the same record at the same moment can both find it absent and both insert it; the table is a
 * ReplacingMergeTree on (host, untimed, time_key, id), so the copies collapse at the next merge and
 * reads with FINAL (the default) never see both. See docs/clickhouse.md.
 */
import type { ClickHouseSettings } from "@clickhouse/client";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { Event } from "../../events/event.js";
import { type EventRow, fromEventColumns } from "../event-row.js";
import { checkedLimit, checkedOffset } from "../page-bounds.js";
import { type EventPage, type EventQuery, type EventSearch, MAX_PAGE } from "../store.js";
import type { ChRow, ClickHouseConnection } from "./clickhouse-connection.js";
import { sqlNumber, sqlString, sqlStringList } from "./clickhouse-literal.js";

/** Most values in one list filter (hosts, channels, event ids), as in the DuckDB store. */
export const CH_MAX_FILTER_VALUES = 1000;

/** Keys per "already stored?" query (keeps each query far below max_query_size, 256 KiB). */
const KEY_CHUNK = 2000;

/** The largest DateTime (2106-02-07): event times beyond it partition there. */
const MAX_DATETIME_S = 4_294_967_295;

/** The 128-bit key as 32 hex digits. */
export function hexKey(id: bigint): string {
  return id.toString(16).padStart(32, "0");
}

/** The JSONEachRow row of an event row. */
function toChRow(r: EventRow, seq: number, ingestedMs: number): ChRow {
  const timed = r.time_ms !== null;
  const seconds = timed ? Math.min(MAX_DATETIME_S, Math.max(0, Math.floor((r.time_ms as number) / 1000))) : 0;
  return {
    id: hexKey(r.id),
    seq,
    ingested_ms: ingestedMs,
    untimed: timed ? 0 : 1,
    time_key: timed ? r.time_ms : 0,
    time: seconds,
    time_ms: r.time_ms,
    time_iso: r.time_iso,
    host: r.host,
    channel: r.channel,
    provider: r.provider,
    event_id: r.event_id,
    record_id: r.record_id === null ? null : r.record_id.toString(),
    record_id_big: r.record_id_big ? 1 : 0,
    kind: r.kind,
    image: r.image,
    command_line: r.command_line,
    user: r.user,
    src_ip: r.src_ip,
    dst_ip: r.dst_ip,
    dst_port: r.dst_port,
    sha256: r.sha256,
    source_file: r.source_file,
    fields: r.fields,
    origins: r.origins,
    logsource: r.logsource,
    provenance: r.provenance,
    raw: r.raw,
  };
}

/** The keys of `rows` already in `events`. */
async function storedKeys(conn: ClickHouseConnection, rows: readonly EventRow[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < rows.length; i += KEY_CHUNK) {
    const chunk = rows.slice(i, i + KEY_CHUNK);
    const hosts = [...new Set(chunk.map((r) => r.host))];
    const ids = chunk.map((r) => hexKey(r.id));
    const got = await conn.rows<{ id: string }>(
      `SELECT DISTINCT id FROM events WHERE host IN ${sqlStringList(hosts)} AND id IN ${sqlStringList(ids)}`,
    );
    for (const g of got) found.add(g.id);
  }
  return found;
}

/**
 * Inserts the rows whose key is neither stored nor repeated earlier in the batch (the first copy wins),
 * numbered from `firstSeq`. Returns how many were inserted.
 */
export async function insertEventRows(
  conn: ClickHouseConnection,
  rows: readonly EventRow[],
  firstSeq: number,
  settings: ClickHouseSettings,
): Promise<number> {
  const seen = new Set<bigint>();
  const unique: EventRow[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    unique.push(r);
  }
  const stored = await storedKeys(conn, unique);
  const ingestedMs = Date.now();
  const fresh: ChRow[] = [];
  let seq = firstSeq;
  for (const r of unique) {
    if (!stored.has(hexKey(r.id))) fresh.push(toChRow(r, seq++, ingestedMs));
  }
  await conn.insert("events", fresh, settings);
  return fresh.length;
}

function checkList(name: string, values: readonly unknown[]): void {
  if (values.length > CH_MAX_FILTER_VALUES) {
    throw new MikiwameError(
      "E_STORE",
      `at most ${CH_MAX_FILTER_VALUES} ${name} per query (${values.length} given)`,
    );
  }
}

function intList(values: readonly number[]): string {
  for (const v of values) {
    if (!Number.isSafeInteger(v))
      throw new MikiwameError("E_STORE", `event ids must be whole numbers (got ${v})`);
  }
  return `(${values.join(", ")})`;
}

/** The WHERE clause (with `WHERE`, or "") of an event query or search. */
export function chEventFilter(query: EventQuery | EventSearch): string {
  const terms: string[] = [];
  const inList = (column: string, name: string, values: readonly string[] | undefined): void => {
    if (values === undefined) return;
    checkList(name, values);
    terms.push(values.length === 0 ? "0" : `${column} IN ${sqlStringList(values)}`);
  };
  if (query.from !== undefined) terms.push(`untimed = 0 AND time_key >= ${sqlNumber(query.from)}`);
  if (query.to !== undefined) terms.push(`untimed = 0 AND time_key < ${sqlNumber(query.to)}`);
  inList("host", "hosts", query.hosts);
  inList("channel", "channels", query.channels);
  if (query.eventIds !== undefined) {
    checkList("event ids", query.eventIds);
    terms.push(query.eventIds.length === 0 ? "0" : `event_id IN ${intList(query.eventIds)}`);
  }
  inList("kind", "kinds", query.kinds);
  if ("text" in query && query.text !== undefined && query.text !== "") {
    // fields holds JSON text: look for the text as JSON would escape it (backslashes, quotes)
    const escaped = JSON.stringify(query.text).slice(1, -1).toLowerCase();
    terms.push(`position(lowerUTF8(fields), ${sqlString(escaped)}) > 0`);
  }
  if ("fields" in query && query.fields !== undefined) {
    checkList("field filters", query.fields);
    for (const f of query.fields) {
      const name = f.field.charCodeAt(0) === 36 ? `$${f.field}` : f.field; // typed-json escapes `$` keys
      const key = JSON.stringify(name).slice(1, -1);
      const asString = JSON.stringify(f.value);
      // the raw JSON value: a string, a number / boolean literal, or a typed-JSON bigint
      const candidates = [asString, f.value, `{"$b":${asString}}`];
      terms.push(`visitParamExtractRaw(fields, ${sqlString(key)}) IN ${sqlStringList(candidates)}`);
    }
  }
  return terms.length === 0 ? "" : `WHERE ${terms.join(" AND ")}`;
}

/** The columns an Event is rebuilt from. */
const EVENT_SELECT =
  "kind, time_ms, time_iso, host, provider, channel, event_id, record_id, record_id_big, fields, origins, logsource, provenance, " +
  // the sort key and seq: 18.16 needs the key columns in a FINAL read through a Distributed table
  "id, untimed, time_key, seq";

/** Store order: host, then time (untimed last), then arrival. */
export const CH_EVENT_ORDER = "ORDER BY host, untimed, time_key, seq";

interface EventSelectRow {
  readonly kind: string;
  readonly time_ms: number | null;
  readonly time_iso: string | null;
  readonly host: string;
  readonly provider: string;
  readonly channel: string;
  readonly event_id: number;
  readonly record_id: string | null;
  readonly record_id_big: number;
  readonly fields: string;
  readonly origins: string | null;
  readonly logsource: string;
  readonly provenance: string;
}

function rowToEvent(r: EventSelectRow): Event {
  return fromEventColumns({
    kind: r.kind,
    time_ms: r.time_ms === null ? null : Number(r.time_ms),
    time_iso: r.time_iso,
    host: r.host,
    provider: r.provider,
    channel: r.channel,
    event_id: Number(r.event_id),
    record_id: r.record_id === null ? null : BigInt(r.record_id),
    record_id_big: Number(r.record_id_big) === 1,
    fields: r.fields,
    origins: r.origins,
    logsource: r.logsource,
    provenance: r.provenance,
  });
}

/** `events` or `events FINAL`. */
export function eventsFrom(final: boolean): string {
  return final ? "events FINAL" : "events";
}

/** Streams the events of `query` in store order. */
export async function* chStreamEvents(
  conn: ClickHouseConnection,
  query: EventQuery,
  final: boolean,
): AsyncGenerator<Event> {
  const where = chEventFilter(query);
  const limit =
    query.limit === undefined ? "" : ` LIMIT ${checkedLimit(query.limit, 0, Number.MAX_SAFE_INTEGER)}`;
  const sql = `SELECT ${EVENT_SELECT} FROM ${eventsFrom(final)} ${where} ${CH_EVENT_ORDER}${limit}`;
  for await (const row of conn.stream<EventSelectRow & ChRow>(sql)) yield rowToEvent(row);
}

/** How many events match. */
export function chCountEvents(
  conn: ClickHouseConnection,
  query: EventQuery,
  final: boolean,
): Promise<number> {
  return conn.count(`SELECT count() FROM ${eventsFrom(final)} ${chEventFilter(query)}`);
}

/** One page of a search, with the total. */
export async function chSearchEvents(
  conn: ClickHouseConnection,
  search: EventSearch,
  final: boolean,
): Promise<EventPage> {
  const limit = checkedLimit(search.limit, 100, MAX_PAGE);
  const offset = checkedOffset(search.offset);
  const where = chEventFilter(search);
  const total = await conn.count(`SELECT count() FROM ${eventsFrom(final)} ${where}`);
  const page = await conn.rows<EventSelectRow & ChRow>(
    `SELECT ${EVENT_SELECT} FROM ${eventsFrom(final)} ${where} ${CH_EVENT_ORDER} LIMIT ${offset}, ${limit}`,
  );
  return { total, events: page.map(rowToEvent) };
}

/** How long a retention mutation may take before E_STORE. */
const MUTATION_WAIT_MS = 600_000;

/**
 * Deletes events older than `cutoffMs` (event time, else arrival time) from `table` on every node, and
 * waits for the mutations to finish (18.16 has no `mutations_sync`: the store polls system.mutations).
 * Returns how many were deleted (counted before the delete).
 */
export async function chDeleteEventsBefore(
  conn: ClickHouseConnection,
  table: string,
  database: string,
  cutoffMs: number,
  final: boolean,
): Promise<number> {
  const cond = `coalesce(time_ms, toFloat64(ingested_ms)) < ${sqlNumber(cutoffMs)}`;
  const n = await conn.count(`SELECT count() FROM ${eventsFrom(final)} WHERE ${cond}`);
  if (n === 0) return 0;
  for (let node = 0; node < conn.nodeCount; node++) {
    await conn.command(`ALTER TABLE ${table} DELETE WHERE ${cond}`, {}, node);
  }
  const deadline = Date.now() + MUTATION_WAIT_MS;
  for (let node = 0; node < conn.nodeCount; node++) {
    for (;;) {
      const pending = await conn.count(
        `SELECT count() FROM system.mutations WHERE database = ${sqlString(database)} AND table = ${sqlString(table)} AND is_done = 0`,
        node,
      );
      if (pending === 0) break;
      if (Date.now() > deadline) {
        throw new MikiwameError(
          "E_STORE",
          "retention: ClickHouse did not finish the delete in time",
          conn.location,
        );
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return n;
}
