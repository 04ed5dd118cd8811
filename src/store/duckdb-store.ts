/**
 * The embedded Store: one DuckDB file (default `<data dir>/mikiwame.duckdb`; the CLI passes the path,
 * `--db FILE` overrides). Input: the file path. Output: a Store (store.ts). Opening creates the file or
 * migrates an older one (duckdb-schema.ts); a newer one, a foreign one or one locked by another process
 * is E_STORE.
 *
 * Connections: one writer (every write, one at a time through a SerialQueue, each in one transaction:
 * "acknowledged" = committed, and DuckDB's write-ahead log makes a commit survive a crash of the
 * process), one reader for the small reads (its own queue, so a long ingest does not block the
 * incident list), and a fresh connection for each event stream and each read-only query.
 */
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { Event } from "../events/event.js";
import type { Finding } from "../findings/finding.js";
import type { Incident } from "../incidents/incident.js";
import {
  appendEventRowsDirect,
  countEvents,
  createStaging,
  deleteEventsBefore,
  insertEventRows,
  nextSeq,
  searchEvents,
  streamEvents,
} from "./duckdb-event-table.js";
import { duckDestinationStats, duckPrevalence, duckScanAggregates } from "./duckdb-fleet-analytics.js";
import { DEFAULT_MAX_ROWS, runReadOnlyQuery } from "./duckdb-read-only-query.js";
import { migrate, SCHEMA_VERSION } from "./duckdb-schema.js";
import {
  appendDecision,
  getCacheValue,
  listCacheEntries,
  purgeCacheEntries,
  putCacheEntry,
  readDecisions,
  readIngestedFiles,
  writeIngestedFile,
} from "./duckdb-state-tables.js";
import {
  readFindings,
  readIncident,
  readIncidents,
  writeFindings,
  writeIncidents,
} from "./duckdb-triage-tables.js";
import { type EventRow, type RowIngest, type RowIngestResult, toEventRow } from "./event-row.js";
import type {
  DestinationStatsQuery,
  DestinationStatsRow,
  PrevalenceQuery,
  PrevalenceRow,
  ScanAggregateQuery,
  ScanAggregateRow,
} from "./fleet-analytics.js";
import { assertStorable } from "./event-validation.js";
import { SerialQueue } from "./serial-queue.js";
import {
  type CacheEntry,
  DEFAULT_STORE_FILE,
  type DecisionEntry,
  type DecisionEntryInput,
  type EventPage,
  type EventQuery,
  type EventSearch,
  type FindingQuery,
  type IncidentPage,
  type IncidentQuery,
  type IngestedFile,
  type IngestResult,
  type IngestSource,
  type QueryOptions,
  type QueryResult,
  type RetentionResult,
  type Store,
  type StoreStats,
} from "./store.js";

/** The database file's name in the data directory (the same as DEFAULT_STORE_FILE). */
export const DEFAULT_DB_FILE_NAME = DEFAULT_STORE_FILE;

/** The tables `stats` counts. */
const COUNTED_TABLES = [
  "events",
  "findings",
  "incidents",
  "decision_log",
  "cache",
  "ingested_files",
] as const;

const DAY_MS = 86_400_000;

/**
 * DuckDB settings of the store. External access off: SQL cannot touch other files (the read-only query
 * relies on it). A WAL checkpoint every 256 MB instead of 16 MB: checkpoints between ingest batches
 * cost more than the batches (measured: docs/store.md).
 */
const INSTANCE_OPTIONS: Readonly<Record<string, string>> = {
  enable_external_access: "false",
  checkpoint_threshold: "256MB",
};

function openError(file: string, e: unknown): MikiwameError {
  const message = e instanceof Error ? e.message : String(e);
  const locked = /lock/i.test(message);
  return new MikiwameError(
    "E_STORE",
    locked
      ? `the database is in use by another process (${message.split("\n")[0]}): close it, or use another --db file`
      : `cannot open the database: ${message.split("\n")[0]}`,
    { file },
    { cause: e },
  );
}

/**
 * Files open in this process. DuckDB's file lock only keeps other processes out: a second instance on
 * the same file in this process would corrupt it.
 */
const OPEN_FILES = new Set<string>();

/** Opens (creating or migrating) the store in `file`; `:memory:` gives a store without a file. */
export async function openDuckDBStore(file: string): Promise<DuckDBStore> {
  const key = file === ":memory:" ? undefined : resolve(file);
  if (key !== undefined && OPEN_FILES.has(key)) {
    throw new MikiwameError("E_STORE", "the database is already open in this process: close it first", {
      file,
    });
  }
  if (key !== undefined) OPEN_FILES.add(key); // before the first await: a concurrent open sees it
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file, { ...INSTANCE_OPTIONS });
  } catch (e) {
    if (key !== undefined) OPEN_FILES.delete(key);
    throw openError(file, e);
  }
  const connections: DuckDBConnection[] = [];
  try {
    const writer = await instance.connect();
    connections.push(writer);
    await migrate(writer, file);
    await createStaging(writer);
    const reader = await instance.connect();
    connections.push(reader);
    return new DuckDBStore(file, instance, writer, reader, await nextSeq(writer), key);
  } catch (e) {
    for (const c of connections) c.closeSync();
    instance.closeSync();
    if (key !== undefined) OPEN_FILES.delete(key);
    if (e instanceof MikiwameError) throw e;
    throw openError(file, e);
  }
}

/** The DuckDB implementation of Store; create it with openDuckDBStore. */
export class DuckDBStore implements Store, RowIngest {
  private readonly writes = new SerialQueue();
  private readonly reads = new SerialQueue();
  private readonly side = new Set<DuckDBConnection>();
  private closed = false;
  /** The last batch had no duplicate (see ingestEvents) */
  private expectNew = true;

  constructor(
    readonly file: string,
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
    private seq: bigint,
    private readonly openKey: string | undefined,
  ) {}

  private checkOpen(): void {
    if (this.closed) throw new MikiwameError("E_STORE", "the store is closed", { file: this.file });
  }

  /** Runs `body` in one transaction on the writer (committed, or rolled back on any error). */
  private async transaction<T>(body: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    this.checkOpen();
    await this.writer.run("BEGIN TRANSACTION");
    try {
      const result = await body(this.writer);
      await this.writer.run("COMMIT");
      return result;
    } catch (e) {
      await this.writer.run("ROLLBACK").catch(() => undefined);
      if (e instanceof MikiwameError) throw e;
      throw new MikiwameError(
        "E_STORE",
        `write failed: ${(e as Error).message}`,
        { file: this.file },
        { cause: e },
      );
    }
  }

  /** Runs `body` in one write transaction, after every write queued before it. */
  private async write<T>(body: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    this.checkOpen();
    return this.writes.run(() => this.transaction(body));
  }

  private async read<T>(body: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    this.checkOpen();
    return this.reads.run(async () => {
      this.checkOpen();
      return body(this.reader);
    });
  }

  /** A connection of its own (closed by the caller through `release`, or by `close`). */
  private async sideConnection(): Promise<DuckDBConnection> {
    this.checkOpen();
    const conn = await this.instance.connect();
    this.side.add(conn);
    return conn;
  }

  private release(conn: DuckDBConnection): void {
    if (this.side.delete(conn)) conn.closeSync();
  }

  async ingestEvents(events: readonly Event[], source: IngestSource): Promise<IngestResult> {
    this.checkOpen();
    assertStorable(events, source.name);
    if (events.length === 0) return { inserted: 0, duplicates: 0 };
    const rows = events.map((e, i) => toEventRow(e, source.raw?.[i]));
    const { inserted, duplicates } = await this.writeRows(rows);
    return { inserted, duplicates };
  }

  /**
   * RowIngest: a batch the caller validated (eventProblem) and encoded (toEventRow), in one transaction,
   * with the positions of the duplicates.
   */
  async ingestRows(rows: readonly EventRow[], _source: string): Promise<RowIngestResult> {
    this.checkOpen();
    if (rows.length === 0) return { inserted: 0, duplicates: 0, duplicateIndexes: [] };
    return this.writeRows(rows);
  }

  /** One transaction: the direct append when the last batch was all new, else (or on refusal) staging. */
  private async writeRows(rows: readonly EventRow[]): Promise<RowIngestResult> {
    const result = await this.writes.run(async () => {
      const first = this.seq;
      this.seq += BigInt(rows.length);
      if (this.expectNew) {
        // the last batch was all new: this one likely is too, so try the cheaper direct append first;
        // on any existing or repeated key it is rolled back and the batch goes the staging way
        const appended = await this.transaction((conn) => appendEventRowsDirect(conn, rows, first)).then(
          () => true,
          () => false,
        );
        if (appended) return { inserted: rows.length, duplicateIndexes: [] };
      }
      return this.transaction((conn) => insertEventRows(conn, rows, first));
    });
    this.expectNew = result.inserted === rows.length;
    return {
      inserted: result.inserted,
      duplicates: rows.length - result.inserted,
      duplicateIndexes: result.duplicateIndexes,
    };
  }

  async *events(query: EventQuery = {}): AsyncGenerator<Event> {
    const conn = await this.sideConnection();
    try {
      yield* streamEvents(conn, query);
    } finally {
      this.release(conn);
    }
  }

  countEvents(query: EventQuery = {}): Promise<number> {
    return this.read((conn) => countEvents(conn, query));
  }

  searchEvents(search: EventSearch): Promise<EventPage> {
    return this.read((conn) => searchEvents(conn, search));
  }

  putFindings(runId: string, findings: readonly Finding[]): Promise<void> {
    return this.write((conn) => writeFindings(conn, runId, findings));
  }

  findings(query: FindingQuery = {}): Promise<Finding[]> {
    return this.read((conn) => readFindings(conn, query));
  }

  putIncidents(runId: string, incidents: readonly Incident[]): Promise<void> {
    return this.write((conn) => writeIncidents(conn, runId, incidents));
  }

  incidents(query: IncidentQuery = {}): Promise<IncidentPage> {
    return this.read((conn) => readIncidents(conn, query));
  }

  incident(id: string): Promise<Incident | undefined> {
    return this.read((conn) => readIncident(conn, id));
  }

  appendDecisionEntry(entry: DecisionEntryInput): Promise<DecisionEntry> {
    return this.write((conn) => appendDecision(conn, entry));
  }

  decisionEntries(): Promise<DecisionEntry[]> {
    return this.read((conn) => readDecisions(conn));
  }

  putCache(ns: string, key: string, value: unknown, expiresAt?: number): Promise<void> {
    return this.write((conn) => putCacheEntry(conn, ns, key, value, expiresAt));
  }

  getCache(ns: string, key: string, now: number = Date.now()): Promise<unknown | undefined> {
    return this.read((conn) => getCacheValue(conn, ns, key, now));
  }

  listCache(ns: string, now: number = Date.now()): Promise<CacheEntry[]> {
    return this.read((conn) => listCacheEntries(conn, ns, now));
  }

  purgeCache(now: number = Date.now()): Promise<number> {
    return this.write((conn) => purgeCacheEntries(conn, now));
  }

  recordIngest(file: IngestedFile): Promise<void> {
    return this.write((conn) => writeIngestedFile(conn, file));
  }

  ingestedFiles(): Promise<IngestedFile[]> {
    return this.read((conn) => readIngestedFiles(conn));
  }

  async applyRetention(options: {
    readonly eventsDays: number;
    readonly now?: number;
  }): Promise<RetentionResult> {
    const { eventsDays } = options;
    if (typeof eventsDays !== "number" || !Number.isFinite(eventsDays) || eventsDays < 0) {
      throw new MikiwameError("E_STORE", `retention days must be a number ≥ 0 (got ${eventsDays})`);
    }
    const cutoff = (options.now ?? Date.now()) - eventsDays * DAY_MS;
    return this.write(async (conn) => ({ events: await deleteEventsBefore(conn, cutoff) }));
  }

  async stats(): Promise<StoreStats> {
    const tables = await this.read(async (conn) => {
      const sql = COUNTED_TABLES.map((t) => `SELECT '${t}', count(*) FROM ${t}`).join(" UNION ALL ");
      const reader = await conn.runAndReadAll(sql);
      return Object.fromEntries(reader.getRows().map((r) => [String(r[0]), Number(r[1])]));
    });
    let bytes = 0;
    if (this.file !== ":memory:") {
      for (const f of [this.file, `${this.file}.wal`])
        bytes += await stat(f).then(
          (s) => s.size,
          () => 0,
        );
    }
    return { schemaVersion: SCHEMA_VERSION, tables, bytes };
  }

  prevalence(query: PrevalenceQuery): Promise<PrevalenceRow[]> {
    return this.read((conn) => duckPrevalence(conn, query));
  }

  destinationStats(query: DestinationStatsQuery = {}): Promise<DestinationStatsRow[]> {
    return this.read((conn) => duckDestinationStats(conn, query));
  }

  scanAggregates(query: ScanAggregateQuery): Promise<ScanAggregateRow[]> {
    return this.read((conn) => duckScanAggregates(conn, query));
  }

  async query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const conn = await this.sideConnection();
    try {
      return await runReadOnlyQuery(conn, sql, options.maxRows ?? DEFAULT_MAX_ROWS, { file: this.file });
    } finally {
      this.release(conn);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([this.writes.idle(), this.reads.idle()]);
    this.closed = true;
    for (const conn of this.side) conn.closeSync();
    this.side.clear();
    this.reader.closeSync();
    this.writer.closeSync();
    this.instance.closeSync();
    if (this.openKey !== undefined) OPEN_FILES.delete(this.openKey);
  }
}
