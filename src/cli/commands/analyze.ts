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
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
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
import { type AnalyzeLogsOptions, analyzeLogs } from "../../pipeline/analyze-logs.js";
import { buildResponsePlans } from "../../respond/build-plan.js";
import { type LoadedRules, loadRules } from "../../sigma/rule-loader.js";
import type { CliContext, CliRuntime } from "../cli-runtime.js";
import { parseTop } from "../cli-options.js";
import { collect, DEFAULT_RULES_DIR, defaultRulesDir } from "./hunt.js";

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
        "Location analysis is skipped with a warning when its data cannot be opened.",
    )
    .argument("<paths...>", "log files or directories (searched recursively)")
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
    .action(async (paths: string[], _options: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const options = command.opts<AnalyzeCliOptions>();
        const normalizer = await ctx.normalizerOptions(options.mapping); // a bad mapping stops before reading
        const rules = await loadAnalyzeRules(runtime, ctx, options);
        // the analyst decisions in force in the data directory (docs/feedback.md)
        const decided = (await DecisionLog.open(ctx.dataDir, ctx.diagnostics)).active();
        const result = await analyzeLogs(paths, {
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
        });
        const text = options.json
          ? renderAnalyzeJson(result)
          : renderAnalyzeText(result, { lang: ctx.lang, timeZone: ctx.timeZone, top: options.top });
        await ctx.out.write(text);
        if (options.output !== undefined) {
          const written = await writeOutputs(options.output, result, ctx);
          runtime.errorLine(`wrote ${written.length} files to ${options.output}: ${written.join(", ")}`);
        }
      });
    });
}
