/**
 * Appending rows with DuckDB's Appender without leaving a trap behind. Input: a connection, the target
 * table and a function that appends the rows. Output: the rows flushed into the connection's current
 * transaction, or the error (the Appender is then emptied and closed).
 *
 * Why: when a flush fails (say, a duplicate primary key), the Appender keeps its rows; if it is merely
 * dropped, its finalizer flushes them again when the garbage collector runs — into whatever transaction
 * the connection has then, which DuckDB aborts ("Current transaction is aborted"). Observed with
 * @duckdb/node-api 1.5; so a failed Appender is cleared before it is closed.
 */
import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";

/** Runs `fill` on an Appender for `table` and flushes; on any error clears and closes it, then rethrows. */
export async function appendWith(
  conn: DuckDBConnection,
  table: { readonly name: string; readonly schema?: string; readonly catalog?: string },
  fill: (appender: DuckDBAppender) => void,
): Promise<void> {
  const appender = await conn.createAppender(table.name, table.schema ?? null, table.catalog ?? null);
  try {
    fill(appender);
    appender.flushSync();
  } catch (e) {
    appender.clear();
    try {
      appender.closeSync();
    } catch {
      // the transaction is aborted: the caller rolls it back; the original error is what matters
    }
    throw e;
  }
  appender.closeSync();
}
