/**
 * The ClickHouse store's schema and migrations. Input: a connection (single node, or a cluster whose
 * nodes are the shards). Output: the database at CLICKHOUSE_SCHEMA_VERSION, or E_STORE when it is
 * newer than this code or is not a mikiwame store. Same versions as the DuckDB store (v1 events and
 * ingest bookkeeping, v2 findings, incidents, decisions, cache), so `stats().schemaVersion` agrees.
 *
 * ClickHouse has no DDL transactions: every statement is `CREATE … IF NOT EXISTS`, and the
 * schema_version row is written after a migration's statements, so a crash mid-migration is repaired
 * by the next open re-running it. Written for ClickHouse 18.16 (no DateTime64, no column CODEC, no
 * table TTL, no UInt128) and for current releases.
 *
 * Events: ReplacingMergeTree ORDER BY (host, untimed, time_key, id) — the dedupe key is last, so the
 * per-host time ranges the analytics read are contiguous, and rows with the same key (a retry that
 * raced with another worker) collapse at merge time and are already hidden by FINAL. PARTITION BY day
 * of the event time (untimed events in the 1970-01-01 partition, so their duplicates share one).
 * Cluster mode: `events_local` on every shard, `events` = Distributed(cluster, db, events_local,
 * cityHash64(host)) on every node, so one host's events live on one shard.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { ClickHouseConnection } from "./clickhouse-connection.js";
import { sqlIdent, sqlNumber, sqlString } from "./clickhouse-literal.js";

/** The events table's columns (JSONEachRow rows use the same names). */
export const CH_EVENT_COLUMNS = [
  ["id", "String"], // 128-bit dedupe key (event-key.ts) as 32 hex digits (18.16 has no UInt128)
  ["seq", "Int64"], // arrival order
  ["ingested_ms", "Int64"],
  ["untimed", "UInt8"], // 1: the event has no time (sorts last)
  ["time_key", "Float64"], // time_ms, or 0 when untimed (ORDER BY keys cannot be Nullable)
  ["time", "DateTime"], // event time in seconds (0 when untimed): partitions
  ["time_ms", "Nullable(Float64)"],
  ["time_iso", "Nullable(String)"],
  ["host", "String"],
  ["channel", "String"],
  ["provider", "String"],
  ["event_id", "Int32"],
  ["record_id", "Nullable(String)"], // decimal text (record ids may exceed 64 bits)
  ["record_id_big", "UInt8"],
  ["kind", "String"],
  ["image", "Nullable(String)"],
  ["command_line", "Nullable(String)"],
  ["user", "Nullable(String)"],
  ["src_ip", "Nullable(String)"],
  ["dst_ip", "Nullable(String)"],
  ["dst_port", "Nullable(Int32)"],
  ["sha256", "Nullable(String)"],
  ["source_file", "String"],
  ["fields", "String"], // typed JSON
  ["origins", "Nullable(String)"],
  ["logsource", "String"],
  ["provenance", "String"],
  ["raw", "Nullable(String)"], // compressed by the table (LZ4 by default; zstd via the server's <compression>)
] as const;

/** Where a statement runs. */
type Scope = "entry" | "every-node";

/** One DDL statement of a migration. */
interface SchemaStatement {
  readonly scope: Scope;
  readonly sql: string;
}

/** What the DDL depends on. */
export interface SchemaMode {
  readonly database: string;
  readonly cluster?: string;
}

/** One step of the schema's history. */
export interface ChMigration {
  readonly to: number;
  readonly description: string;
  readonly statements: (mode: SchemaMode) => readonly SchemaStatement[];
}

const EVENTS_ENGINE =
  "ENGINE = ReplacingMergeTree PARTITION BY toYYYYMMDD(time) ORDER BY (host, untimed, time_key, id)";

function eventColumnsSql(): string {
  return CH_EVENT_COLUMNS.map(([n, t]) => `${sqlIdent(n)} ${t}`).join(", ");
}

/** The table events are written to directly (the shard-local table in cluster mode). */
export function eventsStorageTable(mode: SchemaMode): string {
  return mode.cluster === undefined ? "events" : "events_local";
}

function eventTables(mode: SchemaMode): SchemaStatement[] {
  if (mode.cluster === undefined) {
    return [
      { scope: "entry", sql: `CREATE TABLE IF NOT EXISTS events (${eventColumnsSql()}) ${EVENTS_ENGINE}` },
    ];
  }
  const distributed = `Distributed(${sqlIdent(mode.cluster)}, ${sqlIdent(mode.database)}, events_local, cityHash64(host))`;
  return [
    {
      scope: "every-node",
      sql: `CREATE TABLE IF NOT EXISTS events_local (${eventColumnsSql()}) ${EVENTS_ENGINE}`,
    },
    {
      scope: "every-node",
      sql: `CREATE TABLE IF NOT EXISTS events (${eventColumnsSql()}) ENGINE = ${distributed}`,
    },
  ];
}

const entry = (sql: string): SchemaStatement => ({ scope: "entry", sql });

/** The migrations, oldest first. */
export const CH_MIGRATIONS: readonly ChMigration[] = [
  {
    to: 1,
    description: "events and ingest bookkeeping",
    statements: (mode) => [
      entry(
        "CREATE TABLE IF NOT EXISTS schema_version (version Int32, description String, applied_ms Int64) " +
          "ENGINE = MergeTree ORDER BY version",
      ),
      ...eventTables(mode),
      entry(
        "CREATE TABLE IF NOT EXISTS ingested_files (path String, size Int64, mtime_ms Float64, " +
          "sha256 Nullable(String), events Int64, at_ms Int64, version UInt64) " +
          "ENGINE = ReplacingMergeTree(version) ORDER BY path",
      ),
    ],
  },
  {
    to: 2,
    description: "findings, incidents, decision audit trail, caches",
    statements: () => [
      entry(
        "CREATE TABLE IF NOT EXISTS findings (run_id String, id String, detector String, viewpoint String, " +
          "severity String, severity_rank Int8, confidence Float64, stage Nullable(String), host String, " +
          "first_ms Nullable(Float64), last_ms Nullable(Float64), stored_ms Int64, doc String, version UInt64) " +
          "ENGINE = ReplacingMergeTree(version) ORDER BY (run_id, id)",
      ),
      entry(
        "CREATE TABLE IF NOT EXISTS incidents (id String, run_id String, verdict String, confidence Float64, " +
          "severity String, severity_rank Int8, furthest_stage Nullable(String), state String, " +
          "hosts Array(String), first_ms Nullable(Float64), last_ms Nullable(Float64), stored_ms Int64, " +
          "doc String, version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY id",
      ),
      entry(
        "CREATE TABLE IF NOT EXISTS decision_log (seq Int64, op String, decision_id String, at_iso String, " +
          "analyst String, payload String, stored_ms Int64) ENGINE = MergeTree ORDER BY seq",
      ),
      entry(
        "CREATE TABLE IF NOT EXISTS cache (ns String, key String, value String, expires_ms Nullable(Float64), " +
          "updated_ms Float64, deleted UInt8, version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY (ns, key)",
      ),
    ],
  },
];

/** The schema version this code writes. */
export const CLICKHOUSE_SCHEMA_VERSION = CH_MIGRATIONS.length;

/** Creates the database on every node (the store's clients then use it). */
export async function createDatabase(admin: ClickHouseConnection, database: string): Promise<void> {
  for (let node = 0; node < admin.nodeCount; node++) {
    await admin.command(`CREATE DATABASE IF NOT EXISTS ${sqlIdent(database)}`, {}, node);
  }
}

/** The version found: 0 for an empty database; E_STORE for a foreign one. */
export async function chSchemaVersion(conn: ClickHouseConnection, database: string): Promise<number> {
  const tables = await conn.rows<{ name: string }>(
    `SELECT name FROM system.tables WHERE database = ${sqlString(database)}`,
  );
  const names = new Set(tables.map((t) => t.name));
  if (!names.has("schema_version")) {
    if (names.size === 0) return 0;
    throw new MikiwameError(
      "E_STORE",
      "not a mikiwame store (the database has tables but no schema_version): use another database",
      conn.location,
    );
  }
  return conn.count("SELECT max(version) FROM schema_version");
}

/** Brings the database to CLICKHOUSE_SCHEMA_VERSION; returns the version found. */
export async function chMigrate(
  conn: ClickHouseConnection,
  mode: SchemaMode,
  migrations: readonly ChMigration[] = CH_MIGRATIONS,
): Promise<number> {
  const found = await chSchemaVersion(conn, mode.database);
  if (found > migrations.length) {
    throw new MikiwameError(
      "E_STORE",
      `the database has schema version ${found}, newer than this mikiwame understands (${migrations.length}): ` +
        "upgrade mikiwame, or use another database",
      conn.location,
    );
  }
  for (const m of migrations.slice(found)) {
    try {
      for (const s of m.statements(mode)) {
        if (s.scope === "entry") await conn.command(s.sql);
        else for (let node = 0; node < conn.nodeCount; node++) await conn.command(s.sql, {}, node);
      }
      await conn.command(
        `INSERT INTO schema_version VALUES (${m.to}, ${sqlString(m.description)}, ${sqlNumber(Date.now())})`,
      );
    } catch (e) {
      throw new MikiwameError(
        "E_STORE",
        `migration to schema version ${m.to} failed: ${(e as Error).message}`,
        conn.location,
        { cause: e },
      );
    }
  }
  return found;
}
