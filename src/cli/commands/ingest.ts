/**
 * `mikiwame ingest <paths…>`: append the normalized events of log files to the store (the DuckDB file
 * `<data dir>/mikiwame.duckdb`, or `--db FILE`). Input: paths and options. Output on stdout: one line per
 * file (events, new, duplicates, problems — or why it was skipped) and a summary; diagnostics on stderr.
 * Files already ingested are skipped unless `--force`; events already stored are never doubled.
 */
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { escapeTerminal } from "../../outputs/terminal-escape.js";
import { renderTable } from "../../outputs/text-table.js";
import { DEFAULT_STORE_FILE, type Store } from "../../store/store.js";
import {
  describeStoreSpec,
  openStore as openStoreSpec,
  parseStoreSpec,
  type StoreSpec,
} from "../../store/store-url.js";
import type { CliContext, CliRuntime } from "../cli-runtime.js";
import { type IngestFilesResult, ingestFiles } from "./ingest-files.js";

interface IngestCliOptions {
  readonly db?: string;
  readonly force?: boolean;
  readonly raw: boolean;
  readonly retentionDays?: number;
  readonly mapping?: string;
  readonly store?: string;
}

/** The database path of a command: `--db`, else `<data dir>/mikiwame.duckdb`. */
export function storePath(ctx: CliContext, db: string | undefined): string {
  return db !== undefined ? resolve(db) : join(ctx.dataDir, DEFAULT_STORE_FILE);
}

/** Opens the store, loading DuckDB only now (it is heavy; other commands never load it). */
export async function openStore(file: string): Promise<Store> {
  const { openDuckDBStore } = await import("../../store/duckdb-store.js");
  return openDuckDBStore(file);
}

/** `--store URL` (ClickHouse, or a DuckDB file), refused together with `--db`. */
export function storeSpecOption(store: string | undefined, db: string | undefined): StoreSpec | undefined {
  if (store === undefined) return undefined;
  if (db !== undefined) throw new MikiwameError("E_USAGE", "give --store or --db, not both");
  return parseStoreSpec(store);
}

/** The `--store` option's help text (ingest, query, serve). */
export const STORE_OPTION_HELP =
  "the store: clickhouse://host:port[/db][?cluster=name] (docs/clickhouse.md) or a DuckDB file";

/** `--retention-days <n>`: a number of days ≥ 0 (fractions allowed). */
function parseDays(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(n)) {
    throw new InvalidArgumentError("expected a number of days ≥ 0, such as 90");
  }
  return n;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function reportLines(result: IngestFilesResult): string[] {
  const rows = result.files.map((f) => [
    f.file,
    f.outcome,
    f.outcome === "skipped" ? "" : String(f.events),
    f.outcome === "skipped" ? "" : String(f.inserted),
    f.outcome === "skipped" ? "" : String(f.duplicates),
    f.outcome === "skipped" ? "" : String(f.problems),
    f.reason ?? "",
  ]);
  return renderTable(
    [
      { header: "file", maxWidth: 60, keep: "end" },
      { header: "result" },
      { header: "events", align: "right" },
      { header: "new", align: "right" },
      { header: "duplicates", align: "right" },
      { header: "problems", align: "right" },
      { header: "note" },
    ],
    rows,
  );
}

async function runIngest(
  ctx: CliContext,
  paths: readonly string[],
  options: IngestCliOptions,
): Promise<void> {
  const normalizer = await ctx.normalizerOptions(options.mapping); // a bad mapping stops before the store opens
  const spec = storeSpecOption(options.store, options.db);
  const file = spec ? describeStoreSpec(spec) : storePath(ctx, options.db);
  if (!spec) await mkdir(dirname(file), { recursive: true });
  const store = spec ? await openStoreSpec(spec) : await openStore(file);
  try {
    const result = await ingestFiles(paths, {
      store,
      diagnostics: ctx.diagnostics,
      normalizer,
      signal: ctx.signal,
      force: options.force === true,
      keepRaw: options.raw,
      onProgress: ctx.progress(),
    });
    const lines = reportLines(result);
    const ingested = result.files.filter((f) => f.outcome === "ingested").length;
    const skipped = result.files.filter((f) => f.outcome === "skipped").length;
    lines.push(
      `${plural(ingested, "file")} ingested, ${skipped} skipped: ${plural(result.events, "event")}, ` +
        `${result.inserted} new, ${plural(result.duplicates, "duplicate")}, ` +
        `${plural(ctx.diagnostics.total, "problem")}`,
    );
    if (options.retentionDays !== undefined) {
      const removed = await store.applyRetention({ eventsDays: options.retentionDays });
      lines.push(
        `retention: ${plural(removed.events, "event")} older than ${options.retentionDays} days deleted`,
      );
    }
    const stored = await store.countEvents();
    lines.push(escapeTerminal(`store: ${file} (${plural(stored, "event")})`));
    await ctx.out.write(`${lines.join("\n")}\n`);
  } finally {
    await store.close();
  }
}

/** Adds `ingest` to the program. */
export function registerIngestCommand(program: Command, runtime: CliRuntime): void {
  program
    .command("ingest")
    .summary("append the events of log files to the store (DuckDB)")
    .description(
      "Read log files and directories like `analyze` does and append their normalized events, with each " +
        "raw record, to the store: the DuckDB file mikiwame.duckdb in the data directory, or --db FILE. " +
        "Each batch is one transaction. Re-ingesting never doubles an event (key: host + channel + record id, " +
        "or a hash of the content for sources without record ids). Files already ingested (same path, size " +
        "and modification time, or the same content) are skipped unless --force. Query the store with " +
        "`mikiwame query`.",
    )
    .argument("<paths...>", "log files or directories (searched recursively)")
    .option("--db <file>", "the store's database file (default: mikiwame.duckdb in the data directory)")
    .option("--force", "read files even when they were ingested before (events are still not doubled)")
    .option("--no-raw", "do not keep the raw records (a smaller database)")
    .option("--retention-days <days>", "afterwards, delete events older than this many days", parseDays)
    .option("--mapping <file>", "field-mapping file for flat EDR exports (overrides config `mapping`)")
    .option("--store <url>", STORE_OPTION_HELP)
    .action(async (paths: string[], _options: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const options = command.opts<IngestCliOptions>();
        if (paths.length === 0) throw new MikiwameError("E_USAGE", "give at least one file or directory");
        await runIngest(ctx, paths, options);
      });
    });
}
