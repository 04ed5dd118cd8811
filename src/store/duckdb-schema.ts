/**
 * The DuckDB store's schema and its migrations. Input: a connection to a database file (new, older or
 * current). Output: the file at SCHEMA_VERSION, or E_STORE when the file is newer than this code or is
 * not a mikiwame store. `schema_version` holds one row per applied migration; migration N → N+1 runs in
 * one transaction, so a crash during a migration leaves the file at N. Never edit a released migration:
 * add the next one.
 *
 * JSON columns are VARCHAR holding typed JSON (typed-json.ts): DuckDB's JSON functions read them
 * (`fields->>'Image'`) without the cost of validating every row on insert.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";

/** One step of the schema's history. */
export interface Migration {
  /** The version this migration produces */
  readonly to: number;
  readonly description: string;
  readonly statements: readonly string[];
}

/** The events table's columns, in table order (the staging table and the appender use the same). */
export const EVENT_COLUMNS = [
  ["id", "UHUGEINT"], // dedupe key (event-key.ts)
  ["seq", "BIGINT NOT NULL"], // arrival order
  ["ingested_ms", "BIGINT NOT NULL"], // arrival time, epoch ms
  ["time_ms", "DOUBLE"], // event time, epoch ms (fractional); NULL when the source had none
  ["time_iso", "VARCHAR"], // event time, ISO-8601 UTC at the source's precision
  ["host", "VARCHAR NOT NULL"],
  ["channel", "VARCHAR NOT NULL"],
  ["provider", "VARCHAR NOT NULL"],
  ["event_id", "INTEGER NOT NULL"],
  ["record_id", "HUGEINT"],
  ["record_id_big", "BOOLEAN NOT NULL"], // the record id was a bigint in the event
  ["kind", "VARCHAR NOT NULL"],
  ["image", "VARCHAR"],
  ["command_line", "VARCHAR"],
  ["user", "VARCHAR"],
  ["src_ip", "VARCHAR"],
  ["dst_ip", "VARCHAR"],
  ["dst_port", "INTEGER"],
  ["sha256", "VARCHAR"],
  ["source_file", "VARCHAR NOT NULL"],
  ["fields", "VARCHAR NOT NULL"], // typed JSON
  ["origins", "VARCHAR"], // typed JSON
  ["logsource", "VARCHAR NOT NULL"], // typed JSON
  ["provenance", "VARCHAR NOT NULL"], // typed JSON
  ["raw", "VARCHAR"], // the raw record, when kept
] as const;

/** `name TYPE, …` for a CREATE TABLE of the event columns. */
export function eventColumnsSql(): string {
  return EVENT_COLUMNS.map(([name, type]) => `"${name}" ${type}`).join(", ");
}

/** The migrations, oldest first; the schema version is the number of migrations applied. */
export const MIGRATIONS: readonly Migration[] = [
  {
    to: 1,
    description: "events and ingest bookkeeping",
    statements: [
      "CREATE TABLE schema_version (version INTEGER NOT NULL, description VARCHAR NOT NULL, applied_ms BIGINT NOT NULL)",
      `CREATE TABLE events (${eventColumnsSql().replace('"id" UHUGEINT', '"id" UHUGEINT PRIMARY KEY')})`,
      `CREATE TABLE ingested_files (path VARCHAR NOT NULL, size BIGINT NOT NULL, mtime_ms DOUBLE NOT NULL,
        sha256 VARCHAR, events BIGINT NOT NULL, at_ms BIGINT NOT NULL)`,
    ],
  },
  {
    to: 2,
    description: "findings, incidents, decision audit trail, caches",
    statements: [
      `CREATE TABLE findings (run_id VARCHAR NOT NULL, id VARCHAR NOT NULL, detector VARCHAR NOT NULL,
        viewpoint VARCHAR NOT NULL, severity VARCHAR NOT NULL, severity_rank TINYINT NOT NULL,
        confidence DOUBLE NOT NULL, stage VARCHAR, host VARCHAR NOT NULL, first_ms DOUBLE, last_ms DOUBLE,
        stored_ms BIGINT NOT NULL, doc VARCHAR NOT NULL)`,
      `CREATE TABLE incidents (id VARCHAR NOT NULL, run_id VARCHAR NOT NULL, verdict VARCHAR NOT NULL,
        confidence DOUBLE NOT NULL, severity VARCHAR NOT NULL, severity_rank TINYINT NOT NULL,
        furthest_stage VARCHAR, state VARCHAR NOT NULL, hosts VARCHAR[] NOT NULL, first_ms DOUBLE,
        last_ms DOUBLE, stored_ms BIGINT NOT NULL, doc VARCHAR NOT NULL)`,
      `CREATE TABLE decision_log (seq BIGINT NOT NULL, op VARCHAR NOT NULL, decision_id VARCHAR NOT NULL,
        at_iso VARCHAR NOT NULL, analyst VARCHAR NOT NULL, payload VARCHAR NOT NULL, stored_ms BIGINT NOT NULL)`,
      `CREATE TABLE cache (ns VARCHAR NOT NULL, key VARCHAR NOT NULL, value VARCHAR NOT NULL,
        expires_ms DOUBLE, updated_ms DOUBLE NOT NULL)`,
    ],
  },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

async function tableNames(conn: DuckDBConnection): Promise<Set<string>> {
  const reader = await conn.runAndReadAll(
    "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'",
  );
  return new Set(reader.getRows().map((r) => String(r[0])));
}

/** The version of the open database: 0 for an empty one. Throws E_STORE for a foreign database. */
export async function schemaVersion(conn: DuckDBConnection, file: string): Promise<number> {
  const tables = await tableNames(conn);
  if (!tables.has("schema_version")) {
    if (tables.size === 0) return 0;
    throw new MikiwameError(
      "E_STORE",
      `not a mikiwame store (it has tables but no schema_version): use another --db file`,
      { file },
    );
  }
  const reader = await conn.runAndReadAll("SELECT coalesce(max(version), 0) FROM schema_version");
  return Number(reader.getRows()[0]?.[0] ?? 0);
}

/**
 * Brings the database to SCHEMA_VERSION, one transaction per migration. Returns the version found.
 * Throws E_STORE when the file is newer than this code (nothing is changed).
 */
export async function migrate(
  conn: DuckDBConnection,
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number> {
  const found = await schemaVersion(conn, file);
  if (found > migrations.length) {
    throw new MikiwameError(
      "E_STORE",
      `the database has schema version ${found}, newer than this mikiwame understands (${migrations.length}): ` +
        "upgrade mikiwame, or use another --db file",
      { file },
    );
  }
  for (const m of migrations.slice(found)) {
    await conn.run("BEGIN TRANSACTION");
    try {
      for (const sql of m.statements) await conn.run(sql);
      await conn.run("INSERT INTO schema_version VALUES ($1, $2, $3)", [
        m.to,
        m.description,
        BigInt(Date.now()),
      ]);
      await conn.run("COMMIT");
    } catch (e) {
      await conn.run("ROLLBACK").catch(() => undefined);
      throw new MikiwameError(
        "E_STORE",
        `migration to schema version ${m.to} failed: ${(e as Error).message}`,
        { file },
        { cause: e },
      );
    }
  }
  return found;
}
