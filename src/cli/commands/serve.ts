/**
 * `mikiwame serve`: the team service — the HTTP API, shipper ingest and the web UI over one DuckDB
 * file. Input: options (port, host, TLS files, database, rules, limits); config.yaml's `analytics:` as
 * for `analyze`. Output on stdout: `listening on <url>` (always, first line — scripts and tests read the
 * port from it) and, on the very first start only, the admin token and the UI address carrying it,
 * printed once; the server's problems on stderr as they happen. Runs until SIGINT or SIGTERM, then
 * stops cleanly: no new requests, running ones finish, pending commits and analysis end, the database
 * is closed.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Command, InvalidArgumentError } from "commander";
import { formatDiagnostic, Diagnostics } from "../../diagnostics/diagnostics.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { DEFAULT_HOST, DEFAULT_PORT, MIB } from "../../server/server-options.js";
import type { CliRuntime } from "../cli-runtime.js";
import { packageVersion } from "../version.js";
import { analyticsOptionsOf, analyzeRulePaths } from "./analyze.js";
import { collect } from "./hunt.js";
import { loadRules } from "../../sigma/rule-loader.js";
import { openStore as openStoreSpec } from "../../store/store-url.js";
import { STORE_OPTION_HELP, storeSpecOption } from "./ingest.js";

export interface ServeCliOptions {
  readonly port: number;
  readonly host: string;
  readonly db?: string;
  readonly store?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly insecureRemote?: boolean;
  readonly rules?: string[];
  readonly defaultRules: boolean;
  readonly bodyLimit: number;
  /** commander's `--no-analysis` */
  readonly analysis: boolean;
  readonly esVersion?: string;
  readonly mapping?: string;
  /** commander's `--no-raw` */
  readonly raw: boolean;
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65_535)
    throw new InvalidArgumentError("expected a port number from 0 to 65535");
  return n;
}

function parseMib(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 4096)
    throw new InvalidArgumentError("expected a whole number of MiB from 1 to 4096");
  return n;
}

/** `dist/ui` of the installed package (walking up from this file to package.json), if there is one. */
export function defaultUiDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "dist", "ui");
    dir = dirname(dir);
  }
  return undefined;
}

function readPem(flag: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new MikiwameError("E_SERVER", `${flag} ${file}: ${e instanceof Error ? e.message : String(e)}`, {
      file,
    });
  }
}

/** Resolves when SIGINT (through the runtime's signal) or SIGTERM arrives. */
function untilStopped(signal: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const onTerm = () => finish("SIGTERM");
    const finish = (why: string) => {
      process.off("SIGTERM", onTerm);
      signal.removeEventListener("abort", onAbort);
      resolve(why);
    };
    const onAbort = () => finish("SIGINT");
    if (signal.aborted) return finish("SIGINT");
    signal.addEventListener("abort", onAbort);
    process.on("SIGTERM", onTerm);
  });
}

/** Adds `serve` to the program. */
export function registerServeCommand(program: Command, runtime: CliRuntime): void {
  program
    .command("serve")
    .summary(
      "run the team service: HTTP API, log ingest (NDJSON, Elasticsearch _bulk, upload) and the web UI",
    )
    .description(
      "Serve the API under /api/, the web UI at /, and ingest endpoints for shippers (NDJSON at /api/ingest; " +
        "the Elasticsearch bulk API at /_bulk for Winlogbeat, Elastic Agent, Logstash, rsyslog). Ingested events " +
        "are committed to the database before the answer, and analysed continuously (Sigma rules + analytics, as " +
        "`analyze`). Listens on 127.0.0.1 unless --host says otherwise; any other address needs --tls-cert and " +
        "--tls-key, or --insecure-remote. The first start creates an admin token and prints it once. " +
        "See docs/server.md.",
    )
    .option("-p, --port <n>", `port (0: any free port)`, parsePort, DEFAULT_PORT)
    .option("--host <address>", "address to listen on", DEFAULT_HOST)
    .option("--db <file>", "database file (default: mikiwame.duckdb in the data directory)")
    .option("--store <url>", STORE_OPTION_HELP)
    .option("--tls-cert <file>", "TLS certificate (PEM); with --tls-key, serve HTTPS")
    .option("--tls-key <file>", "TLS private key (PEM)")
    .option("--insecure-remote", "allow a non-loopback --host without TLS (only behind a TLS proxy)")
    .option("-r, --rules <path>", "more Sigma rules: a file or folder (repeatable)", collect)
    .option("--no-default-rules", "do not run the built-in rule pack")
    .option("--body-limit <MiB>", "largest NDJSON / _bulk request body", parseMib, 64)
    .option("--no-analysis", "ingest only: no continuous analysis")
    .option(
      "--no-raw",
      "do not keep each ingested document's text beside its event (faster ingest, smaller file)",
    )
    .option("--es-version <version>", "the Elasticsearch version shippers are told (default 8.11.0)")
    .option("--mapping <file>", "field-mapping file for flat EDR JSON (overrides config `mapping`)")
    .action(async (_options: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const options = command.opts<ServeCliOptions>();
        if ((options.tlsCert === undefined) !== (options.tlsKey === undefined))
          throw new MikiwameError("E_USAGE", "--tls-cert and --tls-key go together");
        const tls =
          options.tlsCert !== undefined && options.tlsKey !== undefined
            ? { cert: readPem("--tls-cert", options.tlsCert), key: readPem("--tls-key", options.tlsKey) }
            : undefined;
        const normalizer = await ctx.normalizerOptions(options.mapping);
        const rulePaths = analyzeRulePaths(
          { top: 0, defaultRules: options.defaultRules, rules: options.rules },
          ctx,
        );
        const rules = rulePaths.length > 0 ? await loadRules(rulePaths) : undefined;
        if (rules && rules.rejected.length > 0)
          runtime.errorLine(
            `warning E_USAGE: ${rules.rejected.length} rule(s) rejected (run \`mikiwame rules lint\`)`,
          );
        const serverDiagnostics = new Diagnostics();
        serverDiagnostics.onReport((d) => runtime.errorLine(formatDiagnostic(d)));
        // the server and the database client load only for this command (other commands start faster)
        const { createServer } = await import("../../server/create-server.js");
        const { DEFAULT_DB_FILE_NAME, openDuckDBStore } = await import("../../store/duckdb-store.js");
        const dbFile = resolve(options.db ?? join(ctx.dataDir, DEFAULT_DB_FILE_NAME));
        await mkdir(ctx.dataDir, { recursive: true, mode: 0o700 });
        await mkdir(dirname(dbFile), { recursive: true });
        const storeSpec = storeSpecOption(options.store, options.db);
        const store = storeSpec ? await openStoreSpec(storeSpec) : await openDuckDBStore(dbFile);
        try {
          const server = await createServer({
            store,
            dataDir: ctx.dataDir,
            rules,
            analytics: analyticsOptionsOf(ctx.config.analytics, {
              top: 0,
              defaultRules: options.defaultRules,
            }),
            normalizer,
            host: options.host,
            port: options.port,
            tls,
            allowRemote: options.insecureRemote === true,
            bodyLimit: options.bodyLimit * MIB,
            analysis: options.analysis,
            uiDir: defaultUiDir(),
            esVersion: options.esVersion,
            keepRaw: options.raw,
            version: packageVersion(),
            diagnostics: serverDiagnostics,
          });
          // listen for SIGTERM before saying "listening": a supervisor may stop us right after that line
          const stopped = untilStopped(ctx.signal);
          const started = await server.start();
          await ctx.out.write(`listening on ${started.url}\n`);
          if (started.firstAdminToken !== undefined) {
            await ctx.out.write(
              `\nFirst start: an admin token was created. It is shown only this once — keep it safe:\n` +
                `  ${started.firstAdminToken}\n` +
                `Open the web UI with it: ${started.url}/#token=${started.firstAdminToken}\n` +
                `More tokens: mikiwame token create --role viewer|analyst|admin|ingest --name NAME\n\n`,
            );
          }
          const why = await stopped;
          runtime.errorLine(`${why}: stopping (finishing running requests and analysis)`);
          await server.stop();
        } finally {
          await store.close();
        }
      });
    });
}
