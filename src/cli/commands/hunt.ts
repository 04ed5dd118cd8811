/**
 * `mikiwame hunt <paths…>`: run Sigma rules over logs and print a Hayabusa-style timeline. Input: paths,
 * rule files/folders and options. Output: the timeline (terminal table, CSV, JSON lines or Timesketch
 * JSON lines) on stdout or in `-o FILE`; the rule load report on stderr; hits per rule and ATT&CK tactics
 * per host on the terminal (after the table, or on stdout when the timeline goes to a file, else on
 * stderr); diagnostics on stderr.
 */
import { createWriteStream, existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Command, InvalidArgumentError, Option } from "commander";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { HUNT_FORMATS, type HuntFormat, huntFormatter } from "../../outputs/hunt-format.js";
import { loadReportOf, renderLoadReport } from "../../outputs/hunt-load-report.js";
import type { HuntRow } from "../../outputs/hunt-row.js";
import { renderHuntSummary, summarizeHunt } from "../../outputs/hunt-summary.js";
import { renderHuntTable } from "../../outputs/hunt-table.js";
import { HuntTimeline } from "../../outputs/hunt-timeline.js";
import { escapeTerminalLines } from "../../outputs/terminal-escape.js";
import { hunt } from "../../pipeline/hunt.js";
import type { HuntCorrelationResult } from "../../pipeline/hunt-correlation.js";
import { type HuntRulePlan, planHunt } from "../../pipeline/hunt-rules.js";
import { loadRules } from "../../sigma/rule-loader.js";
import { SIGMA_LEVELS, type SigmaLevel, type SigmaStatus } from "../../sigma/rule-model.js";
import { type LogsourceFilter, parseRuleIdList, parseStatuses } from "../../sigma/rule-selection.js";
import { SigmaEngine } from "../../sigma/sigma-engine.js";
import type { CliContext, CliRuntime } from "../cli-runtime.js";
import { TextSink } from "../text-sink.js";

interface HuntCliOptions {
  readonly rules?: string[];
  readonly format: HuntFormat;
  readonly minLevel: SigmaLevel;
  readonly status?: SigmaStatus[];
  readonly tags?: string[];
  readonly logsource?: LogsourceFilter;
  readonly excludeIds?: string;
  readonly placeholders?: string;
  readonly utc?: boolean;
  readonly local?: boolean;
  readonly output?: string;
  readonly mapping?: string;
}

/** The project's own rule pack, relative to the package root. */
export const DEFAULT_RULES_DIR = join("rules", "mikiwame");

/** `rules/mikiwame/` of the installed package (walking up from this file), or undefined when absent. */
export function defaultRulesDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, "package.json"))) {
      const pack = join(dir, DEFAULT_RULES_DIR);
      return existsSync(pack) ? pack : undefined;
    }
    dir = dirname(dir);
  }
  return undefined;
}

/** Commander collector for a repeatable option. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The rule paths to load: `--rules` (each must exist), else the default pack; E_USAGE otherwise. */
export function rulePaths(given: readonly string[] | undefined): string[] {
  if (given && given.length > 0) {
    for (const p of given) {
      if (!existsSync(p)) throw new MikiwameError("E_USAGE", `--rules ${p}: no such file or directory`);
    }
    return [...given];
  }
  const pack = defaultRulesDir();
  if (!pack) {
    throw new MikiwameError(
      "E_USAGE",
      `no rules to run: the built-in pack ${DEFAULT_RULES_DIR}/ is not installed; give --rules <file-or-dir> ` +
        "(e.g. the SigmaHQ rules that `mikiwame rules update` downloads)",
    );
  }
  return [pack];
}

/** The display zone: --utc, --local, else the global --timezone / config. */
export function zoneOf(
  options: { readonly utc?: boolean; readonly local?: boolean },
  ctx: CliContext,
): string {
  if (options.utc) return "UTC";
  if (options.local) return "local";
  return ctx.timeZone;
}

function parseStatusOption(value: string, previous: SigmaStatus[] | undefined): SigmaStatus[] {
  try {
    const next = parseStatuses(value);
    return [...(previous ?? []), ...next.filter((s) => !previous?.includes(s))];
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

function parseTagsOption(value: string, previous: string[] | undefined): string[] {
  const tags = value
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  if (tags.length === 0)
    throw new InvalidArgumentError("expected tags such as attack.execution,attack.t1059");
  return [...(previous ?? []), ...tags];
}

const LOGSOURCE_KEYS = ["product", "service", "category"] as const;

function parseLogsourceOption(value: string, previous: LogsourceFilter | undefined): LogsourceFilter {
  const out: { product?: string; service?: string; category?: string } = { ...previous };
  for (const part of value.split(",")) {
    const [key, ...rest] = part.split("=");
    const k = LOGSOURCE_KEYS.find((x) => x === key.trim().toLowerCase());
    const v = rest.join("=").trim();
    if (k === undefined || v === "") {
      throw new InvalidArgumentError("expected key=value with key product, service or category");
    }
    out[k] = v;
  }
  return out;
}

/** Loads `paths` and prints the load report on stderr; E_USAGE when no rule is left to run. */
async function loadForHunt(
  runtime: CliRuntime,
  ctx: CliContext,
  options: HuntCliOptions,
): Promise<{ plan: HuntRulePlan; engine: SigmaEngine }> {
  const paths = rulePaths(options.rules);
  let excludeIds: string[] = [];
  if (options.excludeIds !== undefined) {
    const file = options.excludeIds;
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      throw new MikiwameError("E_USAGE", `--exclude-ids ${file}: ${(e as Error).message}`, { file });
    }
    const list = parseRuleIdList(text);
    excludeIds = list.ids;
    for (const p of list.problems) {
      ctx.diagnostics.warn("E_USAGE", `"${p.text}" is not a rule id: line ignored`, { file, line: p.line });
    }
  }
  const loaded = await loadRules(
    paths,
    options.placeholders === undefined ? {} : { placeholders: options.placeholders },
  );
  const plan = planHunt(loaded, {
    minLevel: options.minLevel,
    statuses: options.status,
    tags: options.tags,
    logsource: options.logsource,
    excludeIds,
  });
  const base = loadReportOf(loaded);
  const report = renderLoadReport(
    {
      ...base,
      rejected: [...base.rejected, ...plan.rejected],
      excluded: plan.excluded,
      selected: plan.selected,
      selectedCorrelations: plan.selectedCorrelations,
      buildingBlocks: plan.buildingBlocks,
    },
    ctx.verbose,
  );
  for (const line of report) runtime.errorLine(line);
  if (plan.detection.length === 0) {
    throw new MikiwameError(
      "E_USAGE",
      loaded.rules.length === 0
        ? `no rule could be loaded from ${paths.join(", ")}`
        : "no rule is left after --min-level/--status/--tags/--logsource/--exclude-ids",
    );
  }
  return { plan, engine: new SigmaEngine(plan.detection) };
}

/** `-o FILE`: the file's stream and a sink over it. */
interface OutputFile {
  readonly file: string;
  readonly stream: NodeJS.WritableStream;
  readonly sink: TextSink;
}

/** Opens `-o FILE` for writing (E_USAGE when it cannot be created). */
async function openOutput(file: string): Promise<OutputFile> {
  const stream = createWriteStream(file);
  await new Promise<void>((resolveOpen, reject) => {
    stream.once("open", () => resolveOpen());
    stream.once("error", (e) => reject(new MikiwameError("E_USAGE", `-o ${file}: ${e.message}`, { file })));
  });
  return { file, stream, sink: new TextSink(stream) };
}

/** Flushes and closes `-o FILE`; E_IO when a write failed. */
async function closeOutput(output: OutputFile): Promise<void> {
  await new Promise<void>((resolveEnd) => output.stream.end(() => resolveEnd()));
  const failure = output.sink.failure;
  if (failure)
    throw new MikiwameError("E_IO", `cannot write ${output.file}: ${failure.message}`, { file: output.file });
}

/** Writes the rows in a line format, a few hundred rows per write. Returns rows it could not show. */
async function writeLines(
  sink: TextSink,
  format: Exclude<HuntFormat, "table">,
  rows: readonly HuntRow[],
): Promise<number> {
  const formatter = huntFormatter(format);
  const terminal = sink.isTTY;
  const show = (text: string) => (terminal ? escapeTerminalLines(text.replace(/\r\n/g, "\n")) : text);
  let unshown = 0;
  await sink.write(show(formatter.header));
  let text = "";
  for (let i = 0; i < rows.length; i++) {
    const line = formatter.formatRow(rows[i]);
    if (line === undefined) unshown++;
    else text += line;
    if ((i + 1) % 256 === 0 || i === rows.length - 1) {
      await sink.write(show(text));
      text = "";
      if (sink.closed) break;
    }
  }
  return unshown;
}

async function runHunt(
  runtime: CliRuntime,
  ctx: CliContext,
  paths: readonly string[],
  options: HuntCliOptions,
) {
  const { diagnostics } = ctx;
  const normalizer = await ctx.normalizerOptions(options.mapping); // a bad mapping stops before reading
  const { plan, engine } = await loadForHunt(runtime, ctx, options);
  const output = options.output === undefined ? undefined : await openOutput(resolve(options.output));
  const timeline = new HuntTimeline({ timeZone: zoneOf(options, ctx) });
  let result: HuntCounts;
  let rows: readonly HuntRow[];
  try {
    result = await hunt(paths, engine, {
      diagnostics,
      normalizer,
      signal: ctx.signal,
      onProgress: ctx.progress(),
      reports: plan.reports,
      correlation: { rules: plan.correlations, reports: plan.reportsCorrelation },
      onMatches: (matches) => {
        for (const m of matches) timeline.add(m);
      },
      onCorrelationMatches: (matches) => {
        for (const m of matches) timeline.addCorrelation(m);
      },
    });
    reportCorrelationLimits(result.correlation, diagnostics);
    if (timeline.overflow > 0) {
      diagnostics.warn(
        "E_LIMIT",
        `${timeline.overflow} matches past the first ${timeline.size} were counted but not kept: narrow the rules or the paths`,
      );
    }
    rows = timeline.rows();
    const sink = output?.sink ?? ctx.out;
    if (options.format === "table") await sink.write(renderHuntTable(rows));
    else {
      const unshown = await writeLines(sink, options.format, rows);
      if (unshown > 0) {
        diagnostics.warn(
          "E_USAGE",
          `${unshown} matches have no event time and cannot be imported into Timesketch: left out`,
        );
      }
    }
  } finally {
    if (output) await closeOutput(output);
  }

  const summary = `${renderHuntSummary(summarizeHunt(rows))}${countsLine(result, timeline)}\n`;
  if (options.format === "table" || output) {
    await ctx.out.write(`${options.format === "table" && !output && rows.length > 0 ? "\n" : ""}${summary}`);
  } else if (!ctx.quiet) {
    if (process.stderr.isTTY) process.stderr.write("\r\x1b[K"); // the progress bar's line
    for (const line of summary.trimEnd().split("\n")) runtime.errorLine(line);
  }
}

/** What the closing lines need of a hunt result. */
interface HuntCounts {
  readonly events: number;
  readonly matches: number;
  readonly hidden: number;
  readonly correlation: HuntCorrelationResult | undefined;
}

/** Warns (E_LIMIT) when a bound left matches out of the correlations, so a miss is never silent. */
function reportCorrelationLimits(
  c: HuntCorrelationResult | undefined,
  diagnostics: CliContext["diagnostics"],
): void {
  if (c === undefined) return;
  if (c.overflow > 0) {
    diagnostics.warn(
      "E_LIMIT",
      `${c.overflow} matches of rules that correlations use were past the first ${c.fed} held and were not correlated: narrow the paths`,
    );
  }
  if (c.stats.evictedEntries > 0) {
    diagnostics.warn(
      "E_LIMIT",
      `correlation state bounds dropped ${c.stats.evictedEntries} matches (${c.stats.evictedGroups} groups) before their window completed: a correlation may have been missed`,
    );
  }
}

function countsLine(result: HuntCounts, timeline: HuntTimeline): string {
  const dup = timeline.duplicates > 0 ? `, ${timeline.duplicates} duplicates removed` : "";
  const hidden = result.hidden > 0 ? ` (+${result.hidden} building-block matches, not shown)` : "";
  const lines = [`${result.events} events scanned, ${result.matches} matches${hidden}${dup}`];
  const c = result.correlation;
  if (c !== undefined) lines.push(correlationLine(c));
  return lines.join("\n");
}

/** `correlations: 2 run over 40 matches, 3 matches; evicted 0 matches (0 groups), 2 untimed, …`. */
export function correlationLine(c: HuntCorrelationResult): string {
  const s = c.stats;
  const parts = [
    `evicted ${s.evictedEntries} matches (${s.evictedGroups} groups)`,
    `${s.untimed} untimed`,
    `${s.ungrouped} without a group-by value`,
    `${s.noValue} without a value`,
    `${s.late} late`,
  ];
  if (c.duplicates > 0) parts.push(`${c.duplicates} duplicates`);
  if (c.overflow > 0) parts.push(`${c.overflow} over the limit`);
  return `correlations: ${c.rules} run over ${c.fed} matches, ${c.matches} match${c.matches === 1 ? "" : "es"}; ${parts.join(", ")}`;
}

/** Adds `hunt` to the program. */
export function registerHuntCommand(program: Command, runtime: CliRuntime): void {
  program
    .command("hunt")
    .summary("run Sigma rules over logs: a Hayabusa-style timeline of matches")
    .description(
      "Run Sigma rules over the given logs and print every match as a timeline sorted by time, then rule " +
        "(duplicates removed): a terminal table (default), CSV or JSON lines with the columns Timestamp, " +
        "RuleTitle, Level, Computer, Channel, EventID, RecordID, Details, ExtraFieldInfo, RuleID " +
        "(Hayabusa's standard profile), or Timesketch-ready JSON lines. Then hits per rule and the ATT&CK " +
        "tactics seen per host. Rules come from --rules (files or folders, repeatable), else the built-in " +
        "pack rules/mikiwame/. The load report (loaded/rejected) goes to stderr; --verbose lists each " +
        "rejected rule with file:line and reason. CSV cells that a spreadsheet would run as a formula get " +
        "a leading '.",
    )
    .argument("<paths...>", "log files or directories (searched recursively)")
    .option("-r, --rules <path>", "Sigma rule file or folder (repeatable)", collect)
    .addOption(new Option("-f, --format <format>", "output format").choices(HUNT_FORMATS).default("table"))
    .addOption(
      new Option("--min-level <level>", "run only rules of this level or above")
        .choices(SIGMA_LEVELS)
        .default("informational"),
    )
    .option(
      "--status <list>",
      "run only rules with these statuses, comma-separated (default: stable,test,experimental)",
      parseStatusOption,
    )
    .option(
      "--tags <list>",
      "run only rules with one of these tags, comma-separated (attack.execution)",
      parseTagsOption,
    )
    .option(
      "--logsource <key=value>",
      "run only rules of this logsource (product=windows,category=…)",
      parseLogsourceOption,
    )
    .option("--exclude-ids <file>", "leave out the rule ids listed in FILE (one per line, # comments)")
    .option("--placeholders <dir>", "folder of <name>.txt value lists for the |expand modifier")
    .addOption(new Option("--utc", "show times in UTC (overrides --timezone)").conflicts("local"))
    .addOption(new Option("--local", "show times in the local time zone (overrides --timezone)"))
    .option("-o, --output <file>", "write the timeline to FILE instead of stdout")
    .option("--mapping <file>", "field-mapping file for flat EDR exports (overrides config `mapping`)")
    .action(async (paths: string[], _options: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        await runHunt(runtime, ctx, paths, command.opts<HuntCliOptions>());
      });
    });
}
