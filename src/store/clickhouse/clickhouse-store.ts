/**
 * The ClickHouse Store: the same interface and conformance suite as the embedded DuckDB store, for
 * deployments that outgrow one file — many ingest workers, a fleet's worth of events, a cluster of
 * shards. Input: a `clickhouse://host:port[,host:port…][/db][?cluster=name]` URL (clickhouse-target.ts).
 * Output: a Store (../store.ts). Opening creates the database and tables (or migrates them); a newer
 * or foreign database is E_STORE.
 *
 * Writes are serialised per store (one batch at a time, like DuckDB's single writer); several
 * processes may write to one database at once (see clickhouse-event-table.ts for the dedupe).
 * ClickHouse has no multi-statement transactions: a batch is validated before anything is written and
 * goes in one INSERT (atomic per partition on MergeTree); the small tables replace rows by version.
 */
import type { ClickHouseSettings } from "@clickhouse/client";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { Event } from "../../events/event.js";
import type { Finding } from "../../findings/finding.js";
import type { Incident } from "../../incidents/incident.js";
import { toEventRow } from "../event-row.js";
import type {
  DestinationStatsQuery,
  DestinationStatsRow,
  PrevalenceQuery,
  PrevalenceRow,
  ScanAggregateQuery,
  ScanAggregateRow,
} from "../fleet-analytics.js";
import { assertStorable } from "../event-validation.js";
import { SerialQueue } from "../serial-queue.js";
import type {
  CacheEntry,
  DecisionEntry,
  DecisionEntryInput,
  EventPage,
  EventQuery,
  EventSearch,
  FindingQuery,
  IncidentPage,
  IncidentQuery,
  IngestedFile,
  IngestResult,
  IngestSource,
  QueryOptions,
  QueryResult,
  RetentionResult,
  Store,
  StoreStats,
} from "../store.js";
import { ClickHouseConnection } from "./clickhouse-connection.js";
import {
  chCountEvents,
  chDeleteEventsBefore,
  chSearchEvents,
  chStreamEvents,
  eventsFrom,
  insertEventRows,
} from "./clickhouse-event-table.js";
import { chDestinationStats, chPrevalence, chScanAggregates } from "./clickhouse-fleet-analytics.js";
import { sqlString } from "./clickhouse-literal.js";
import { CH_DEFAULT_MAX_ROWS, chRunReadOnlyQuery } from "./clickhouse-read-only-query.js";
import {
  CLICKHOUSE_SCHEMA_VERSION,
  chMigrate,
  createDatabase,
  eventsStorageTable,
} from "./clickhouse-schema.js";
import {
  chAppendDecision,
  chGetCache,
  chListCache,
  chPurgeCache,
  chPutCache,
  chReadDecisions,
  chReadIngestedFiles,
  chWriteIngestedFile,
} from "./clickhouse-state-tables.js";
import { type ClickHouseTarget, parseClickHouseUrl } from "./clickhouse-target.js";
import {
  chReadFindings,
  chReadIncident,
  chReadIncidents,
  chWriteFindings,
  chWriteIncidents,
} from "./clickhouse-triage-tables.js";
import { VersionClock } from "./version-clock.js";

const DAY_MS = 86_400_000;

/** Opens (creating or migrating) the store at `url` (a `clickhouse://` URL or a parsed target). */
export async function openClickHouseStore(url: string | ClickHouseTarget): Promise<ClickHouseStore> {
  const target = typeof url === "string" ? parseClickHouseUrl(url) : url;
  const admin = new ClickHouseConnection(target, null);
  try {
    await createDatabase(admin, target.database);
  } catch (e) {
    throw admin.error("cannot open the ClickHouse store", e);
  } finally {
    await admin.close();
  }
  const conn = new ClickHouseConnection(target);
  try {
    await chMigrate(conn, {
      database: target.database,
      ...(target.cluster ? { cluster: target.cluster } : {}),
    });
    const seq = (await conn.count("SELECT max(seq) FROM events")) + 1;
    return new ClickHouseStore(target, conn, seq);
  } catch (e) {
    await conn.close();
    throw conn.error("cannot open the ClickHouse store", e);
  }
}

/** The ClickHouse implementation of Store; create it with openClickHouseStore. */
export class ClickHouseStore implements Store {
  private readonly writes = new SerialQueue();
  private readonly clock = new VersionClock();
  private closed = false;

  constructor(
    readonly target: ClickHouseTarget,
    /** The connection (for the fleet analytics and tests) */
    readonly conn: ClickHouseConnection,
    private seq: number,
  ) {}

  private checkOpen(): void {
    if (this.closed) throw new MikiwameError("E_STORE", "the store is closed", this.conn.location);
  }

  private write<T>(body: () => Promise<T>): Promise<T> {
    this.checkOpen();
    return this.writes.run(async () => {
      this.checkOpen();
      return body();
    });
  }

  private async read<T>(body: () => Promise<T>): Promise<T> {
    this.checkOpen();
    return body();
  }

  /** Whether event reads use FINAL (exact under concurrent duplicate inserts). */
  get final(): boolean {
    return this.target.final;
  }

  async ingestEvents(events: readonly Event[], source: IngestSource): Promise<IngestResult> {
    this.checkOpen();
    assertStorable(events, source.name);
    if (events.length === 0) return { inserted: 0, duplicates: 0 };
    const rows = events.map((e, i) => toEventRow(e, source.raw?.[i]));
    const settings: ClickHouseSettings =
      this.target.cluster === undefined ? {} : { insert_distributed_sync: 1 };
    const inserted = await this.write(async () => {
      const first = this.seq;
      this.seq += rows.length;
      return insertEventRows(this.conn, rows, first, settings);
    });
    return { inserted, duplicates: events.length - inserted };
  }

  async *events(query: EventQuery = {}): AsyncGenerator<Event> {
    this.checkOpen();
    yield* chStreamEvents(this.conn, query, this.final);
  }

  countEvents(query: EventQuery = {}): Promise<number> {
    return this.read(() => chCountEvents(this.conn, query, this.final));
  }

  searchEvents(search: EventSearch): Promise<EventPage> {
    return this.read(() => chSearchEvents(this.conn, search, this.final));
  }

  putFindings(runId: string, findings: readonly Finding[]): Promise<void> {
    return this.write(() => chWriteFindings(this.conn, this.clock, runId, findings));
  }

  findings(query: FindingQuery = {}): Promise<Finding[]> {
    return this.read(() => chReadFindings(this.conn, query));
  }

  putIncidents(runId: string, incidents: readonly Incident[]): Promise<void> {
    return this.write(() => chWriteIncidents(this.conn, this.clock, runId, incidents));
  }

  incidents(query: IncidentQuery = {}): Promise<IncidentPage> {
    return this.read(() => chReadIncidents(this.conn, query));
  }

  incident(id: string): Promise<Incident | undefined> {
    return this.read(() => chReadIncident(this.conn, id));
  }

  appendDecisionEntry(entry: DecisionEntryInput): Promise<DecisionEntry> {
    return this.write(() => chAppendDecision(this.conn, entry));
  }

  decisionEntries(): Promise<DecisionEntry[]> {
    return this.read(() => chReadDecisions(this.conn));
  }

  putCache(ns: string, key: string, value: unknown, expiresAt?: number): Promise<void> {
    return this.write(() => chPutCache(this.conn, this.clock, ns, key, value, expiresAt));
  }

  getCache(ns: string, key: string, now: number = Date.now()): Promise<unknown | undefined> {
    return this.read(() => chGetCache(this.conn, ns, key, now));
  }

  listCache(ns: string, now: number = Date.now()): Promise<CacheEntry[]> {
    return this.read(() => chListCache(this.conn, ns, now));
  }

  purgeCache(now: number = Date.now()): Promise<number> {
    return this.write(() => chPurgeCache(this.conn, this.clock, now));
  }

  recordIngest(file: IngestedFile): Promise<void> {
    return this.write(() => chWriteIngestedFile(this.conn, this.clock, file));
  }

  ingestedFiles(): Promise<IngestedFile[]> {
    return this.read(() => chReadIngestedFiles(this.conn));
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
    const table = eventsStorageTable({
      database: this.target.database,
      ...(this.target.cluster ? { cluster: this.target.cluster } : {}),
    });
    return this.write(async () => ({
      events: await chDeleteEventsBefore(this.conn, table, this.target.database, cutoff, this.final),
    }));
  }

  async stats(): Promise<StoreStats> {
    return this.read(async () => {
      const counts = await this.conn.rows<{ t: string; n: string }>(
        [
          `SELECT 'events' AS t, count() AS n FROM ${eventsFrom(this.final)}`,
          "SELECT 'findings' AS t, count() AS n FROM findings FINAL",
          "SELECT 'incidents' AS t, count() AS n FROM incidents FINAL",
          "SELECT 'decision_log' AS t, count() AS n FROM decision_log",
          "SELECT 'cache' AS t, count() AS n FROM cache FINAL WHERE deleted = 0",
          "SELECT 'ingested_files' AS t, count() AS n FROM ingested_files FINAL",
        ].join(" UNION ALL "),
      );
      let bytes = 0;
      for (let node = 0; node < this.conn.nodeCount; node++) {
        bytes += await this.conn.count(
          `SELECT sum(bytes_on_disk) FROM system.parts WHERE active AND database = ${sqlString(this.target.database)}`,
          node,
        );
      }
      return {
        schemaVersion: CLICKHOUSE_SCHEMA_VERSION,
        tables: Object.fromEntries(counts.map((r) => [r.t, Number(r.n)])),
        bytes,
      };
    });
  }

  prevalence(query: PrevalenceQuery): Promise<PrevalenceRow[]> {
    return this.read(() => chPrevalence(this.conn, this.final, query));
  }

  destinationStats(query: DestinationStatsQuery = {}): Promise<DestinationStatsRow[]> {
    return this.read(() => chDestinationStats(this.conn, this.final, query));
  }

  scanAggregates(query: ScanAggregateQuery): Promise<ScanAggregateRow[]> {
    return this.read(() => chScanAggregates(this.conn, this.final, query));
  }

  query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    return this.read(() => chRunReadOnlyQuery(this.conn, sql, options.maxRows ?? CH_DEFAULT_MAX_ROWS));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.writes.idle();
    this.closed = true;
    await this.conn.close();
  }
}
