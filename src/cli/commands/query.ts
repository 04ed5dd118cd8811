/**
 * `mikiwame query "<sql>"`: one read-only SQL statement over the store (tables events, findings,
 * incidents, decision_log, cache, ingested_files; docs/store.md). Input: the SQL and options. Output on
 * stdout: a table (default; control characters made visible), JSON lines (one object per row) or CSV
 * (formula-safe cells). Anything but a single read-only statement is refused (E_STORE) before it runs.
 */
import { access } from "node:fs/promises";
import { type Command, InvalidArgumentError, Option } from "commander";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { csvRow } from "../../outputs/csv-row.js";
import { safeJsonStringify } from "../../outputs/json-text.js";
import { escapeTerminalLines } from "../../outputs/terminal-escape.js";
import { renderTable } from "../../outputs/text-table.js";
import type { QueryResult, QueryValue } from "../../store/store.js";
import type { CliContext, CliRuntime } from "../cli-runtime.js";
import { describeStoreSpec, openStore as openStoreSpec } from "../../store/store-url.js";
import type { Store } from "../../store/store.js";
import { openStore, STORE_OPTION_HELP, storePath, storeSpecOption } from "./ingest.js";

export const QUERY_FORMATS = ["table", "json", "csv"] as const;
export type QueryFormat = (typeof QUERY_FORMATS)[number];

/** Default and largest `--max-rows`. */
const DEFAULT_ROWS = 10_000;
const MAX_ROWS = 1_000_000;

interface QueryCliOptions {
  readonly db?: string;
  readonly store?: string;
  readonly format: QueryFormat;
  readonly json?: boolean;
  readonly csv?: boolean;
  readonly maxRows: number;
}

function parseMaxRows(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_ROWS) {
    throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_ROWS}`);
  }
  return n;
}

/** A cell as text: strings as they are, NULL as empty, anything else as JSON. */
function cellText(v: QueryValue): string {
  if (v === null) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** Column names made unique (`n`, `n_1` …), so JSON objects keep every column. */
function uniqueNames(columns: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((c) => {
    const k = seen.get(c) ?? 0;
    seen.set(c, k + 1);
    return k === 0 ? c : `${c}_${k}`;
  });
}

/** The result in `format`. */
export function formatQueryResult(result: QueryResult, format: QueryFormat): string {
  if (format === "csv") {
    return csvRow(result.columns) + result.rows.map((r) => csvRow(r.map(cellText))).join("");
  }
  if (format === "json") {
    const names = uniqueNames(result.columns);
    return result.rows
      .map((r) => `${safeJsonStringify(Object.fromEntries(names.map((n, i) => [n, r[i] ?? null])))}\n`)
      .join("");
  }
  const lines = renderTable(
    result.columns.map((header) => ({ header, maxWidth: 80 })),
    result.rows.map((r) => r.map(cellText)),
    { indent: "" },
  );
  return `${lines.join("\n")}\n`;
}

async function runQuery(runtime: CliRuntime, ctx: CliContext, sql: string, options: QueryCliOptions) {
  const format: QueryFormat = options.json ? "json" : options.csv ? "csv" : options.format;
  const spec = storeSpecOption(options.store, options.db);
  const file = spec ? describeStoreSpec(spec) : storePath(ctx, options.db);
  if (spec && spec.kind === "clickhouse")
    return printQuery(runtime, ctx, sql, options, format, await openStoreSpec(spec));
  // a query never creates a database: a missing file is most likely a wrong --db
  await access(file).catch(() => {
    throw new MikiwameError(
      "E_STORE",
      "no database here: ingest logs first (`mikiwame ingest`) or give --db",
      {
        file,
      },
    );
  });
  return printQuery(runtime, ctx, sql, options, format, await openStore(file));
}

async function printQuery(
  runtime: CliRuntime,
  ctx: CliContext,
  sql: string,
  options: QueryCliOptions,
  format: QueryFormat,
  store: Store,
): Promise<void> {
  try {
    const result = await store.query(sql, { maxRows: options.maxRows });
    const text = formatQueryResult(result, format);
    await ctx.out.write(format !== "table" && ctx.out.isTTY ? escapeTerminalLines(text) : text);
    if (!ctx.quiet) {
      const more = result.truncated
        ? ` (more rows exist: only the first ${options.maxRows} are shown; --max-rows)`
        : "";
      runtime.errorLine(`${result.rows.length} row${result.rows.length === 1 ? "" : "s"}${more}`);
    }
  } finally {
    await store.close();
  }
}

/** Adds `query` to the program. */
export function registerQueryCommand(program: Command, runtime: CliRuntime): void {
  program
    .command("query")
    .summary("run one read-only SQL statement over the store")
    .description(
      "Run one read-only SQL statement (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN, SUMMARIZE) over the store " +
        "that `mikiwame ingest` fills: tables events, findings, incidents, decision_log, cache, " +
        "ingested_files (docs/store.md). Several statements, writes, ATTACH, COPY, SET and PRAGMAs that " +
        "change settings are refused; reading other files from SQL is disabled.",
    )
    .argument("<sql>", 'the statement, e.g. "SELECT channel, count(*) FROM events GROUP BY ALL"')
    .option("--db <file>", "the store's database file (default: mikiwame.duckdb in the data directory)")
    .option("--store <url>", STORE_OPTION_HELP)
    .addOption(new Option("-f, --format <format>", "output format").choices(QUERY_FORMATS).default("table"))
    .addOption(
      new Option("--json", "JSON lines, one object per row (same as --format json)").conflicts("csv"),
    )
    .option("--csv", "CSV with a header line (same as --format csv)")
    .option("--max-rows <n>", `print at most n rows (default ${DEFAULT_ROWS})`, parseMaxRows, DEFAULT_ROWS)
    .action(async (sql: string, _options: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        await runQuery(runtime, ctx, sql, command.opts<QueryCliOptions>());
      });
    });
}
