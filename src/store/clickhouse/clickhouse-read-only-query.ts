/**
 * `mikiwame query "<sql>"` on the ClickHouse store: one read-only statement, rows out. Input: the
 * connection and the SQL text. Output: column names and JSON-safe rows (64-bit integers as strings), at
 * most `maxRows`.
 *
 * What guarantees that nothing is written, in layers:
 *  1. A lexical check (strings, quoted names and comments skipped): exactly one statement (a `;` may
 *     only end the text), and it must start with SELECT, WITH, SHOW, DESCRIBE, DESC, EXISTS or
 *     EXPLAIN. ClickHouse's HTTP interface also refuses several statements in one request.
 *  2. Every query is sent with the setting `readonly=1`: ClickHouse itself then refuses any write,
 *     DDL, SET or SETTINGS change (also inside the query) and every table function (`file`, `url`,
 *     `remote` …), so SQL can neither write nor reach outside the database server.
 *  3. The result is capped server-side (`max_result_rows` + `result_overflow_mode=break`) and sliced.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { QueryResult, QueryValue } from "../store.js";
import type { ClickHouseConnection } from "./clickhouse-connection.js";

/** Default and largest number of rows returned (as in the DuckDB store). */
export const CH_DEFAULT_MAX_ROWS = 10_000;
export const CH_LIMIT_MAX_ROWS = 1_000_000;

/** Statements a read-only query may start with. */
export const READ_ONLY_KEYWORDS = [
  "SELECT",
  "WITH",
  "SHOW",
  "DESCRIBE",
  "DESC",
  "EXISTS",
  "EXPLAIN",
] as const;

/**
 * The text without a final `;`, after checking it holds exactly one statement; or the reason it is
 * refused. Strings ('…'), quoted names ("…", `…`) and comments (-- …, /* … *\/) are skipped.
 */
export function singleStatement(sql: string): { readonly text: string } | { readonly refused: string } {
  let end = -1; // index of a `;` outside strings and comments
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === "`") {
      i++;
      while (i < n && sql[i] !== c) i += sql[i] === "\\" ? 2 : 1;
      if (i >= n) return { refused: "the query has an unterminated quote" };
      i++;
    } else if (c === "-" && sql[i + 1] === "-") {
      while (i < n && sql[i] !== "\n") i++;
    } else if (c === "/" && sql[i + 1] === "*") {
      const close = sql.indexOf("*/", i + 2);
      if (close < 0) return { refused: "the query has an unterminated comment" };
      i = close + 2;
    } else if (c === ";") {
      if (end >= 0)
        return { refused: "a query must be exactly one statement: run the statements one at a time" };
      end = i;
      i++;
    } else {
      if (end >= 0 && !/\s/.test(c ?? "")) {
        return { refused: "a query must be exactly one statement: run the statements one at a time" };
      }
      i++;
    }
  }
  const text = (end >= 0 ? sql.slice(0, end) : sql).trim();
  if (text === "") return { refused: "the query is empty" };
  const word = /^[\s(]*([A-Za-z]+)/.exec(text.replace(/^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*/, ""))?.[1];
  const upper = word?.toUpperCase();
  if (upper === undefined || !(READ_ONLY_KEYWORDS as readonly string[]).includes(upper)) {
    return {
      refused: `only read-only statements (${READ_ONLY_KEYWORDS.join(", ")}) can be run; this one starts with ${word ?? "nothing"}`,
    };
  }
  return { text };
}

/** Runs `sql` read-only (see the module comment). */
export async function chRunReadOnlyQuery(
  conn: ClickHouseConnection,
  sql: string,
  maxRows: number = CH_DEFAULT_MAX_ROWS,
): Promise<QueryResult> {
  const refuse = (message: string, cause?: unknown): MikiwameError =>
    new MikiwameError("E_STORE", message, conn.location, cause === undefined ? undefined : { cause });
  if (!Number.isSafeInteger(maxRows) || maxRows < 1 || maxRows > CH_LIMIT_MAX_ROWS) {
    throw refuse(`maxRows must be a whole number from 1 to ${CH_LIMIT_MAX_ROWS}`);
  }
  const checked = singleStatement(sql);
  if ("refused" in checked) throw refuse(checked.refused);
  let result: Awaited<ReturnType<ClickHouseConnection["compact"]>>;
  try {
    result = await conn.compact(checked.text, {
      readonly: "1",
      max_result_rows: String(maxRows + 1),
      result_overflow_mode: "break",
    });
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    throw refuse(
      `the query failed: ${(m.split("\n")[0] ?? m).replace(/, e\.what\(\) = DB::Exception$/, "")}`,
      e,
    );
  }
  const rows = result.data as QueryValue[][];
  return {
    columns: result.meta.map((m) => m.name),
    rows: rows.slice(0, maxRows),
    truncated: rows.length > maxRows,
  };
}
