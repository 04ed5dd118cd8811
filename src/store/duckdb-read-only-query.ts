/**
 * `mikiwame query "<sql>"` on the DuckDB store: one read-only statement, rows out. Input: a connection
 * of its own and the SQL text. Output: column names and JSON-safe rows (64-bit integers, dates and
 * decimals as strings), at most `maxRows`.
 *
 * What guarantees that nothing is written, in layers:
 *  1. DuckDB's own parser splits the text: exactly one statement, else E_STORE (no `;`-chaining).
 *  2. The prepared statement's type must be SELECT or EXPLAIN — SHOW, DESCRIBE, SUMMARIZE, FROM-first
 *     and the read-only PRAGMAs (`PRAGMA table_info`) are SELECTs to DuckDB; INSERT, UPDATE, DELETE,
 *     CREATE, DROP, ALTER, ATTACH, DETACH, COPY, EXPORT, SET, CALL, LOAD, VACUUM, CHECKPOINT, BEGIN …
 *     and the PRAGMAs that change settings are other types and are refused before they run.
 *  3. It runs inside `BEGIN TRANSACTION READ ONLY`, which DuckDB enforces (a write fails, e.g. the
 *     insert hidden in `EXPLAIN ANALYZE INSERT …`), and the transaction is rolled back afterwards.
 *  4. The store opens DuckDB with `enable_external_access = false`: no file outside the database can
 *     be read or written from SQL (`read_csv('/etc/passwd')`, `COPY … TO`, ATTACH, INSTALL).
 */
import { type DuckDBConnection, StatementType } from "@duckdb/node-api";
import type { Location } from "../diagnostics/location.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { QueryResult, QueryValue } from "./store.js";

/** Statement types a read-only query may have. */
const ALLOWED: ReadonlySet<StatementType> = new Set([StatementType.SELECT, StatementType.EXPLAIN]);

/** Default and largest number of rows returned. */
export const DEFAULT_MAX_ROWS = 10_000;
export const LIMIT_MAX_ROWS = 1_000_000;

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split("\n")[0] ?? m;
}

/** Runs `sql` read-only on `conn` (see the module comment); errors are located at `location` (the database). */
export async function runReadOnlyQuery(
  conn: DuckDBConnection,
  sql: string,
  maxRows: number = DEFAULT_MAX_ROWS,
  location: Location = {},
): Promise<QueryResult> {
  const storeError = (message: string, cause?: unknown): MikiwameError =>
    new MikiwameError("E_STORE", message, location, cause === undefined ? undefined : { cause });
  if (!Number.isSafeInteger(maxRows) || maxRows < 1 || maxRows > LIMIT_MAX_ROWS) {
    throw storeError(`maxRows must be a whole number from 1 to ${LIMIT_MAX_ROWS}`);
  }
  if (sql.trim() === "") throw storeError("the query is empty");
  let count: number;
  let prepared: Awaited<ReturnType<Awaited<ReturnType<DuckDBConnection["extractStatements"]>>["prepare"]>>;
  try {
    const statements = await conn.extractStatements(sql);
    count = statements.count;
    if (count !== 1) {
      throw storeError(
        `a query must be exactly one statement (found ${count}): run the statements one at a time`,
      );
    }
    prepared = await statements.prepare(0);
  } catch (e) {
    if (e instanceof MikiwameError) throw e;
    throw storeError(`the query cannot be run: ${firstLine(e)}`, e);
  }
  const type = prepared.statementType;
  if (!ALLOWED.has(type)) {
    prepared.destroySync();
    throw storeError(
      `only read-only statements (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN, SUMMARIZE) can be run; ` +
        `this statement is of type ${StatementType[type] ?? type}`,
    );
  }
  await conn.run("BEGIN TRANSACTION READ ONLY");
  try {
    const reader = await prepared.streamAndReadUntil(maxRows + 1);
    const columns = reader.columnNames();
    const all = reader.getRowsJson() as QueryValue[][];
    const truncated = all.length > maxRows || !reader.done;
    return { columns, rows: all.slice(0, maxRows), truncated };
  } catch (e) {
    throw storeError(`the query failed: ${firstLine(e)}`, e);
  } finally {
    prepared.destroySync();
    await conn.run("ROLLBACK").catch(() => undefined);
  }
}
