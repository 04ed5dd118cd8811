/**
 * `mikiwame analyze <paths…>`: the main command. Input: paths and options (rules, GeoIP database,
 * internal networks; config.yaml's `analytics:` settings, which the flags override). Output on stdout: the
 * incident verdict table (incident, hosts, root cause, verdict, furthest stage, state) with each
 * incident's top reasons and spread, the per-process viewpoint table (suspicious processes: host,
 * image, root cause, state, furthest kill-chain stage, severity, one mark per viewpoint), the top
 * findings with their messages, the rule line and the short run summary — or `--json`, everything;
 * the analyst decisions in force in the data directory's log apply (docs/feedback.md);
 * a progress bar on stderr when stderr is a terminal; diagnostics on stderr. Rule load problems go to
 * stderr as in `hunt` (count line; `--verbose` lists them).
 * `analyze --db FILE | --store URL [--host H…] [--from T] [--to T] [--save]` (no paths) analyses the
 * stored events instead (src/pipeline/analyze-store.ts; same outputs), the history viewpoint's
 * prevalence coming from the whole store; `--save` writes the findings and incidents back.
 */
import { existsSync } from "node:fs";
import { access } from "node:fs/promises";
import { join, relative, resolve as resolvePath } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import type { AnalyticsConfig } from "../../config/analytics-config.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { decisionFilter } from "../../feedback/apply-decisions.js";
import { DecisionLog } from "../../feedback/decision-log.js";
import { renderAnalyzeJson } from "../../outputs/analyze-json.js";
import { renderAnalyzeText } from "../../outputs/analyze-report.js";
import { writeExports } from "../../outputs/exports/write-exports.js";
import { writeReports } from "../../outputs/report/write-reports.js";
import { loadReportOf, renderLoadReport } from "../../outputs/hunt-load-report.js";
import { type AnalyzeLogsOptions, type AnalyzeResult, analyzeLogs } from "../../pipeline/analyze-logs.js";
import { analyzeStoredEvents, saveAnalysis, type StoreSelection } from "../../pipeline/analyze-store.js";
import { buildResponsePlans } from "../../respond/build-plan.js";
import { type LoadedRules, loadRules } from "../../sigma/rule-loader.js";
import type { Store } from "../../store/store.js";
import { describeStoreSpec, openStore as openStoreSpec } from "../../store/store-url.js";
import type { CliContext, CliRuntime } from "../cli-runtime.js";
import { parseTop } from "../cli-options.js";
import { collect, DEFAULT_RULES_DIR, defaultRulesDir } from "./hunt.js";
import { openStore, STORE_OPTION_HELP, storeSpecOption } from "./ingest.js";

export interface AnalyzeCliOptions {
  readonly json?: boolean;
  /** `-o DIR`: write the reports and exports there */
  readonly output?: string;
  readonly top: number;
  readonly mapping?: string;
  readonly rules?: string[];
  /** commander's `--no-default-rules` */
  readonly defaultRules: boolean;
  readonly geoip?: string;
  readonly indicators?: string[];
  readonly knownGood?: string[];
  /** commander's `--no-intel-store` (false); unset: use the store */
  readonly intelStore?: boolean;
  readonly online?: boolean;
  readonly offline?: boolean;
  readonly onlineMax?: number;
  readonly internal?: string[];
  /** `--db FILE`: analyse this DuckDB store instead of paths */
  readonly db?: string;
  /** `--store URL`: analyse this store (ClickHouse or DuckDB) instead of paths */
  readonly store?: string;
  /** `--host H` (repeatable): only these hosts' stored events */
  readonly host?: string[];
  /** `--from T` / `--to T`: only stored events in this window (epoch ms; `to` exclusive) */
  readonly from?: number;
  readonly to?: number;
  /** `--save`: write the findings and incidents back to the store */
  readonly save?: boolean;
}

/** `--from` / `--to`: an ISO-8601 date or date-time (a time without a zone is UTC) → epoch ms. */
export function parseInstant(value: string): number {
  const iso = value.trim().replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, "$1T");
  const text = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(iso) ? `${iso}Z` : iso;
  const ok = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text);
  const ms = ok ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms))
    throw new InvalidArgumentError(
      "expected an ISO-8601 date or date-time, such as 2024-05-01 or 2024-05-01T12:00:00Z",
    );
  return ms;
}

/** The store an `analyze` run reads, or undefined for paths (E_USAGE for a contradictory command line). */
function storeOf(paths: readonly string[], options: AnalyzeCliOptions): string | undefined {
  const spec = storeSpecOption(options.store, options.db);
  const target = spec ? describeStoreSpec(spec) : options.db;
  const storeOnly = [
    options.host && "--host",
    options.from !== undefined && "--from",
    options.to !== undefined && "--to",
    options.save && "--save",
  ].filter((o): o is string => typeof o === "string");
  if (target === undefined) {
    if (paths.length === 0)
      throw new MikiwameError(
        "E_USAGE",
        "give the logs to analyse, or --db FILE / --store URL to analyse a store",
      );
    if (storeOnly.length > 0)
      throw new MikiwameError(
        "E_USAGE",
        `${storeOnly.join(", ")} ${storeOnly.length === 1 ? "needs" : "need"} --db FILE or --store URL`,
      );
    return undefined;
  }
  if (paths.length > 0)
    throw new MikiwameError(
      "E_USAGE",
      "give either log paths or --db / --store, not both (ingest the logs first)",
    );
  if (options.from !== undefined && options.to !== undefined && options.from >= options.to)
    throw new MikiwameError("E_USAGE", "--from must be before --to");
  return target;
}

/** Opens the store of `analyze --db/--store`; never creates a DuckDB file (a missing one is a wrong --db). */
async function openAnalyzedStore(options: AnalyzeCliOptions): Promise<Store> {
  const spec = storeSpecOption(options.store, options.db);
  if (spec?.kind === "clickhouse") return openStoreSpec(spec);
  const file = spec ? spec.file : resolvePath(options.db ?? "");
  await access(file).catch(() => {
    throw new MikiwameError("E_STORE", "no database here: ingest logs first (`mikiwame ingest`)", { file });
  });
  return openStore(file);
}

/** `--online-max <n>`: a whole number from 0 to 1000. */
function parseCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 1000)
    throw new InvalidArgumentError("expected a whole number from 0 to 1000");
  return n;
}

/** `--internal a,b --internal c` → [a, b, c]. */
export function internalNetworksOf(values: readonly string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  return values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/** The analytics options of a run */
type AnalyticsOptions = Pick<
  AnalyzeLogsOptions,
  "internalNetworks" | "location" | "process" | "history" | "network" | "time" | "reputation"
>;

/**
 * The analytics options of a run: config.yaml's `analytics:` settings with the flags on top —
 * `--internal` replaces `internal_networks`, `--geoip` replaces `geoip_database`, `--indicators` and
 * `--known-good` add to the configured lists, `--no-intel-store` skips the data directory's store and
 * allow-list, `--online-max` replaces `online_max_hashes`.
 */
export function analyticsOptionsOf(config: AnalyticsConfig, options: AnalyzeCliOptions): AnalyticsOptions {
  const reputation = config.reputation;
  return {
    internalNetworks: internalNetworksOf(options.internal) ?? config.internalNetworks,
    location:
      options.geoip === undefined ? config.location : { ...config.location, geoipDatabase: options.geoip },
    process: config.process,
    history: config.history,
    network: config.network,
    time: config.time,
    reputation: {
      ...reputation,
      indicatorLists: [...(reputation.indicatorLists ?? []), ...(options.indicators ?? [])],
      knownGoodLists: [...(reputation.knownGoodLists ?? []), ...(options.knownGood ?? [])],
      ...(options.intelStore === false && { useDataDir: false }),
      ...(options.onlineMax !== undefined && { onlineMaxHashes: options.onlineMax }),
    },
  };
}

/**
 * The rule paths of an analyze run: the built-in pack (unless `--no-default-rules`) and each `--rules`
 * path (E_USAGE when one does not exist). A missing built-in pack is a warning: analytics still run.
 */
export function analyzeRulePaths(options: AnalyzeCliOptions, ctx: CliContext): string[] {
  const paths: string[] = [];
  if (options.defaultRules) {
    const pack = defaultRulesDir();
    if (pack) paths.push(pack);
    else
      ctx.diagnostics.warn(
        "E_USAGE",
        `the built-in rule pack ${DEFAULT_RULES_DIR}/ is not installed: Sigma detection runs only the --rules given`,
      );
  }
  for (const p of options.rules ?? []) {
    if (!existsSync(p)) throw new MikiwameError("E_USAGE", `--rules ${p}: no such file or directory`);
    paths.push(p);
  }
  return paths;
}

async function loadAnalyzeRules(
  runtime: CliRuntime,
  ctx: CliContext,
  options: AnalyzeCliOptions,
): Promise<LoadedRules | undefined> {
  const paths = analyzeRulePaths(options, ctx);
  if (paths.length === 0) return undefined;
  const loaded = await loadRules(paths);
  if (!ctx.quiet && (loaded.rejected.length > 0 || loaded.warnings.length > 0 || ctx.verbose)) {
    for (const line of renderLoadReport(loadReportOf(loaded), ctx.verbose)) runtime.errorLine(line);
  }
  return loaded;
}

/**
 * `-o DIR`: the reports and, under `exports/`, the response exports of every incident; returns the
 * paths written, relative to DIR. The response plans are built here (one per incident).
 */
async function writeOutputs(
  dir: string,
  result: Awaited<ReturnType<typeof analyzeLogs>>,
  ctx: CliContext,
): Promise<string[]> {
  const plans = buildResponsePlans(result.incidents);
  const reports = await writeReports(dir, {
    incidents: result.incidents,
    plans,
    findings: result.findings,
    summary: { ...result.summary, rules: result.rules },
    generatedAt: new Date().toISOString(),
    lang: ctx.lang,
    timeZone: ctx.timeZone,
  });
  const exportDir = join(dir, "exports");
  const exports = await writeExports(exportDir, result.incidents, plans, {
    lang: ctx.lang,
    diagnostics: ctx.diagnostics,
  });
  return [...reports.map((r) => relative(dir, r.path)), ...exports.map((e) => relative(dir, e.path))];
}

/** `analyze --db/--store`: the stored events analysed, saved back with `--save` (run id on stderr). */
async function analyzeStore(
  runtime: CliRuntime,
  store: Store,
  target: string,
  options: AnalyzeCliOptions,
  run: AnalyzeLogsOptions,
): Promise<AnalyzeResult> {
  const select: StoreSelection = { hosts: options.host, from: options.from, to: options.to };
  const result = await analyzeStoredEvents({ ...run, store, label: target, select });
  if (options.save) {
    const runId = await saveAnalysis(store, result);
    runtime.errorLine(
      `saved run ${runId} to ${target}: ${result.findings.length} findings, ${result.incidents.length} incidents`,
    );
  }
  return result;
}

/** Adds `analyze` to the program. */
export function registerAnalyzeCommand(program: Command, runtime: CliRuntime): void {
  program
    .command("analyze")
    .summary("find the suspicious processes: Sigma rules + analytics → findings per process")
    .description(
      "Analyse the given logs (EVTX, JSON/NDJSON, Zeek; directories recursively) in one pass: Sigma rules " +
        `(the built-in pack ${DEFAULT_RULES_DIR}/ plus --rules) and the analytics of the eleven viewpoints ` +
        "(process graph and root causes, state, duration, history, direction, ports and scans, volume, " +
        "beacons, location, time). Prints the incidents first — findings grouped around their root cause and " +
        "merged across hosts that share an indicator, one row each: id, hosts, root cause, verdict, furthest " +
        "kill-chain stage, active or not, with the top reasons — then one row per suspicious process — host, image, whether it is the " +
        "root cause, whether it still runs, the furthest kill-chain stage, the strongest severity and a mark " +
        "per viewpoint — then the top findings with their messages, then the run summary. --json prints " +
        "everything: summary, incidents, findings with all details, per-process groups, rule counts, analyzer counters. " +
        "Location analysis is skipped with a warning when its data cannot be opened. " +
        "With --db FILE or --store URL instead of paths it analyses the events a store holds (after " +
        "`mikiwame ingest`; --host, --from, --to select some), the history viewpoint counting hosts across " +
        "the whole store; --save writes the findings and incidents back under a new run id.",
    )
    .argument("[paths...]", "log files or directories (searched recursively); none with --db / --store")
    .option("-r, --rules <path>", "more Sigma rules: a file or folder (repeatable)", collect)
    .option("--no-default-rules", `do not run the built-in rule pack ${DEFAULT_RULES_DIR}/`)
    .option("--geoip <file>", "country/city MaxMind database (.mmdb) instead of the bundled DB-IP Lite")
    .option(
      "--internal <cidr>",
      "a network that is ours, e.g. the organisation's public space (repeatable, or comma-separated)",
      collect,
    )
    .option(
      "--indicators <file>",
      "indicators for the reputation viewpoint, any `intel import` format (plain list, abuse.ch CSV, MISP, STIX), imported for this run (repeatable)",
      collect,
    )
    .option(
      "--known-good <file>",
      "known-good hash list (CSV with md5/sha1/sha256 columns or one hash a line), added to the allow-list for this run (repeatable)",
      collect,
    )
    .option("--no-intel-store", "do not use the intel store and allow-list of the data directory")
    .option(
      "--online",
      "also look the suspicious processes' image SHA256s and destinations up online (VirusTotal, X-Force; needs API keys)",
    )
    .option("--offline", "never call an online service (wins over --online: cached answers only)")
    .option("--online-max <n>", "most distinct image hashes looked up online (default 20)", parseCount)
    .option("--json", "print everything as one JSON object")
    .option(
      "-o, --output <dir>",
      "also write the reports (report.html, report.md, summary.ja.md, summary.en.md, incidents.json, " +
        "timeline.csv) and the response exports (exports/: blocklists, firewall rules, DNS sinkhole, STIX, " +
        "MISP, TheHive) into this directory, in the --lang language",
    )
    .option(
      "--top <n>",
      "rows of the process table, findings listed and entries of each top list",
      parseTop,
      10,
    )
    .option("--mapping <file>", "field-mapping file for flat EDR exports (overrides config `mapping`)")
    .option("--db <file>", "analyse the events of this store file (after `mikiwame ingest`) instead of paths")
    .option("--store <url>", `analyse the events of this store instead of paths: ${STORE_OPTION_HELP}`)
    .option("--host <name>", "with --db/--store: only this host's events (repeatable)", collect)
    .option("--from <time>", "with --db/--store: only events at or after this ISO-8601 time", parseInstant)
    .option("--to <time>", "with --db/--store: only events before this ISO-8601 time", parseInstant)
    .option("--save", "with --db/--store: write the findings and incidents back to the store (a new run id)")
    .action(async (paths: string[], _options: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const options = command.opts<AnalyzeCliOptions>();
        const normalizer = await ctx.normalizerOptions(options.mapping); // a bad mapping stops before reading
        const target = storeOf(paths, options);
        // a store that cannot be opened stops the run before the rules load
        const store = target === undefined ? undefined : await openAnalyzedStore(options);
        try {
          const rules = await loadAnalyzeRules(runtime, ctx, options);
          // the analyst decisions in force in the data directory (docs/feedback.md)
          const decided = (await DecisionLog.open(ctx.dataDir, ctx.diagnostics)).active();
          const run: AnalyzeLogsOptions = {
            diagnostics: ctx.diagnostics,
            normalizer,
            signal: ctx.signal,
            topN: options.top,
            onProgress: ctx.progress(),
            rules,
            ...analyticsOptionsOf(ctx.config.analytics, options),
            dataDir: ctx.dataDir,
            ...(decided.length > 0 && { decisions: decisionFilter(decided) }),
            ...(options.online && {
              online: { dataDir: ctx.dataDir, offline: options.offline === true },
            }),
          };
          const result =
            store === undefined || target === undefined
              ? await analyzeLogs(paths, run)
              : await analyzeStore(runtime, store, target, options, run);
          await present(runtime, ctx, options, result);
        } finally {
          await store?.close();
        }
      });
    });
}

/** The terminal report or JSON on stdout, and the `-o` files. */
async function present(
  runtime: CliRuntime,
  ctx: CliContext,
  options: AnalyzeCliOptions,
  result: AnalyzeResult,
): Promise<void> {
  const text = options.json
    ? renderAnalyzeJson(result)
    : renderAnalyzeText(result, { lang: ctx.lang, timeZone: ctx.timeZone, top: options.top });
  await ctx.out.write(text);
  if (options.output !== undefined) {
    const written = await writeOutputs(options.output, result, ctx);
    runtime.errorLine(`wrote ${written.length} files to ${options.output}: ${written.join(", ")}`);
  }
}
