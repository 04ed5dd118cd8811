/**
 * Hunt benchmark: what Sigma detection costs on top of reading the logs. Input: every EVTX file of the
 * corpus' evtx-attack-samples and hayabusa-sample-evtx, and ALL SigmaHQ Windows rules (rules/windows,
 * rules-threat-hunting/windows, rules-emerging-threats), read in place. Each step runs as a whole
 * process (bench/hunt-driver.ts), several times; the median wall time, the CPU time and the peak RSS
 * (GNU time) are reported:
 *   (a) parse: read + normalize;  (b) detect: read + normalize + Sigma rules (+ correlations);
 *   rule load alone;  and `mikiwame hunt` itself, end to end (CSV timeline to /dev/null). (a) and (b)
 *   are also measured warm (a second pass in the same process: JIT, lazily built rule indexes and
 *   regex automata ready), the steady state of a long input.
 * `mikiwame dump --format jsonl` over the same files gives the hunt/dump ratio (what the CLI costs with
 * every rule over what it costs to only decode and print the records).
 * Reports events/s, MB/s and MB/s per core (MB per CPU-second), the detect/parse ratio (target ≤ 2×:
 * detection adds at most one parse time) and the detect MB/s per core (target ≥ 14). Prints a Markdown
 * table and writes bench/results/hunt.json. `runHunt` is what bench/suite.ts calls.
 *
 *   npm run build && node dist/bench/hunt.js [--runs 3]
 *
 * Needs: /usr/bin/time (apt-get install time) and the corpus (../shared/corpus or $MIKIWAME_CORPUS).
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusDir, repoRoot } from "../src/testing/corpus.js";
import {
  argNumber,
  GNU_TIME,
  isMain,
  machineInfo,
  machineLine,
  median,
  mikiwameCommand,
  type RunsSummary,
  timeRuns,
} from "./measure.js";

/** One timed step of the table. */
export interface HuntRow {
  readonly step: string;
  /** Median wall seconds of the whole process */
  readonly wallS: number;
  /** Median CPU seconds (user + system) of the whole process */
  readonly cpuS: number;
  /** Seconds of the measured part inside the process (scan or rule load), median */
  readonly innerWallS?: number;
  readonly innerCpuS?: number;
  readonly events?: number;
  readonly eventsPerS?: number;
  readonly mbPerS?: number;
  /** MB per CPU-second */
  readonly mbPerCoreS?: number;
  readonly peakRssMb: number;
}

/** Options of `runHunt`. */
export interface HuntOptions {
  /** EVTX files or folders */
  readonly inputs: readonly string[];
  readonly ruleDirs: readonly string[];
  readonly runs: number;
  /** Also measure the warm (second pass) variants; default true */
  readonly warm?: boolean;
}

/** What `runHunt` measured. */
export interface HuntResult {
  readonly bytes: number;
  readonly files: number;
  readonly events: number;
  readonly rows: readonly HuntRow[];
  readonly rules: { loaded: number; rejected: number; run: number; correlations: number };
  readonly matches: { reported: number; buildingBlock: number; correlation: number };
  /** (b) over (a): measured parts' wall and CPU, whole processes, warm */
  readonly detectOverParse: {
    wall: number;
    cpu: number;
    wholeProcess: number;
    warm?: number;
    target: number;
  };
  readonly detectMbPerCoreS: { value: number; target: number };
  /** `mikiwame hunt` over `mikiwame dump --format jsonl`, wall and CPU */
  readonly huntOverDump: { wall: number; cpu: number };
}

/** The driver's JSON lines of the runs, field by field (medians of the numbers). */
function driverMedian(m: RunsSummary, key: string): number {
  return median(m.runs.map((r) => Number((JSON.parse(r.stdout) as Record<string, unknown>)[key])));
}

/** EVTX files under `path` (or `path` itself), in name order. */
export function evtxFiles(path: string, out: string[] = []): string[] {
  if (!statSync(path).isDirectory()) {
    out.push(path);
    return out;
  }
  for (const e of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(path, e.name);
    if (e.isDirectory()) evtxFiles(p, out);
    else if (e.name.toLowerCase().endsWith(".evtx")) out.push(p);
  }
  return out;
}

/** The SigmaHQ Windows rule folders of the corpus that exist. */
export function sigmaWindowsRuleDirs(corpus: string): string[] {
  return [
    join(corpus, "sigma", "rules", "windows"),
    join(corpus, "sigma", "rules-threat-hunting", "windows"),
    join(corpus, "sigma", "rules-emerging-threats"),
  ].filter((d) => existsSync(d));
}

/** Runs every hunt step over `inputs` (see the module header). */
export async function runHunt(options: HuntOptions): Promise<HuntResult> {
  const { runs } = options;
  const driver = join(dirname(fileURLToPath(import.meta.url)), "hunt-driver.js");
  const files = options.inputs.flatMap((p) => evtxFiles(p));
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const mb = bytes / 1e6;
  const ruleArgs = options.ruleDirs.flatMap((d) => ["--rules", d]);
  const node = process.execPath;
  const warm = options.warm ?? true;

  const load = await timeRuns([node, driver, "load", ...ruleArgs], runs);
  const parse = await timeRuns([node, driver, "parse", ...files], runs);
  const detect = await timeRuns([node, driver, "detect", ...ruleArgs, ...files], runs);
  const parseWarm = warm ? await timeRuns([node, driver, "parse", "--warm", ...files], runs) : undefined;
  const detectWarm = warm
    ? await timeRuns([node, driver, "detect", "--warm", ...ruleArgs, ...files], runs)
    : undefined;
  const cli = await timeRuns(
    mikiwameCommand(["hunt", "--quiet", "--format", "csv", "-o", "/dev/null", ...ruleArgs, ...files]),
    runs,
    { stdout: "ignore" },
  );
  const dump = await timeRuns(mikiwameCommand(["dump", "--format", "jsonl", "--quiet", ...files]), runs, {
    stdout: "ignore",
  });

  const events = driverMedian(parse, "events");
  const first = (m: RunsSummary) => JSON.parse(m.runs[0]?.stdout ?? "{}") as Record<string, number>;
  const loadInfo = first(load);
  const detectInfo = first(detect);
  const inner = (m: RunsSummary, prefix: "scan" | "load") => ({
    wall: driverMedian(m, `${prefix}WallMs`) / 1000,
    cpu: driverMedian(m, `${prefix}CpuMs`) / 1000,
  });
  const rate = (wall: number, cpu: number) => ({
    events,
    eventsPerS: events / wall,
    mbPerS: mb / wall,
    mbPerCoreS: mb / cpu,
  });
  const stepRow = (step: string, m: RunsSummary, measured?: { wall: number; cpu: number }): HuntRow => ({
    step,
    wallS: m.wallS,
    cpuS: m.cpuS,
    ...(measured && { innerWallS: measured.wall, innerCpuS: measured.cpu }),
    ...rate(measured?.wall ?? m.wallS, measured?.cpu ?? m.cpuS),
    peakRssMb: m.peakRssMb,
  });
  const loadInner = inner(load, "load");
  const parseInner = inner(parse, "scan");
  const detectInner = inner(detect, "scan");
  const rows: HuntRow[] = [
    {
      step: "rule load (+ engine build)",
      wallS: load.wallS,
      cpuS: load.cpuS,
      innerWallS: loadInner.wall,
      innerCpuS: loadInner.cpu,
      peakRssMb: load.peakRssMb,
    },
    stepRow("(a) parse: read + normalize", parse, parseInner),
    stepRow("(b) detect: read + normalize + rules", detect, detectInner),
  ];
  let ratioWarm: number | undefined;
  if (parseWarm && detectWarm) {
    const pw = inner(parseWarm, "scan");
    const dw = inner(detectWarm, "scan");
    rows.push(stepRow("(a′) parse, warm (second pass)", parseWarm, pw));
    rows.push(stepRow("(b′) detect, warm (second pass)", detectWarm, dw));
    ratioWarm = dw.wall / pw.wall;
  }
  rows.push(stepRow("`mikiwame hunt` (CSV, end to end)", cli));
  rows.push(stepRow("`mikiwame dump --format jsonl` (same files)", dump));
  return {
    bytes,
    files: files.length,
    events,
    rows,
    rules: {
      loaded: loadInfo.rulesLoaded ?? 0,
      rejected: loadInfo.rulesRejected ?? 0,
      run: detectInfo.rulesRun ?? 0,
      correlations: loadInfo.correlations ?? 0,
    },
    matches: {
      reported: detectInfo.matches ?? 0,
      buildingBlock: detectInfo.hiddenMatches ?? 0,
      correlation: detectInfo.correlationMatches ?? 0,
    },
    detectOverParse: {
      wall: detectInner.wall / parseInner.wall,
      cpu: detectInner.cpu / parseInner.cpu,
      wholeProcess: detect.wallS / parse.wallS,
      ...(ratioWarm !== undefined && { warm: ratioWarm }),
      target: 2,
    },
    detectMbPerCoreS: { value: mb / detectInner.cpu, target: 14 },
    huntOverDump: { wall: cli.wallS / dump.wallS, cpu: cli.cpuS / dump.cpuS },
  };
}

const fmt = (n: number | undefined, digits = 2) => (n === undefined ? "" : n.toFixed(digits));

/** The rows as a Markdown table. */
export function huntTable(rows: readonly HuntRow[]): string[] {
  const lines = [
    "| step | process wall s | process CPU s | measured wall s | measured CPU s | events/s | MB/s | MB/s per core | peak RSS MB |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    const rated = r.step.startsWith("rule load") ? undefined : r;
    lines.push(
      `| ${r.step} | ${fmt(r.wallS)} | ${fmt(r.cpuS)} | ${fmt(r.innerWallS)} | ${fmt(r.innerCpuS)} | ${rated?.eventsPerS === undefined ? "" : Math.round(rated.eventsPerS)} | ${fmt(rated?.mbPerS, 1)} | ${fmt(rated?.mbPerCoreS, 1)} | ${r.peakRssMb.toFixed(0)} |`,
    );
  }
  return lines;
}

/** The verdict lines printed under the table. */
export function huntVerdicts(r: HuntResult): string[] {
  const d = r.detectOverParse;
  const lines = [
    `detect / parse: ${d.wall.toFixed(2)}× wall, ${d.cpu.toFixed(2)}× CPU (measured parts; whole processes ${d.wholeProcess.toFixed(2)}×) — target ≤ 2×: ${d.wall <= 2 ? "met" : "NOT met"}`,
  ];
  if (d.warm !== undefined)
    lines.push(`detect / parse, warm (second pass in one process): ${d.warm.toFixed(2)}× wall`);
  const perCore = r.detectMbPerCoreS.value;
  lines.push(
    `detect MB/s per core: ${perCore.toFixed(1)} — target ≥ 14: ${perCore >= 14 ? "met" : "NOT met"}`,
  );
  lines.push(
    `hunt / dump (CLI end to end): ${r.huntOverDump.wall.toFixed(2)}× wall, ${r.huntOverDump.cpu.toFixed(2)}× CPU`,
  );
  lines.push(
    `matches: ${r.matches.reported} reported, ${r.matches.buildingBlock} building-block, ${r.matches.correlation} correlation`,
  );
  return lines;
}

async function main(): Promise<void> {
  const corpus = corpusDir();
  if (!corpus) {
    console.log("hunt benchmark skipped: ../shared/corpus is absent (set MIKIWAME_CORPUS)");
    return;
  }
  if (!existsSync(GNU_TIME)) {
    console.log("hunt benchmark skipped: /usr/bin/time is missing (apt-get install time)");
    return;
  }
  const runs = argNumber("--runs", 3);
  const dirs = ["evtx-attack-samples", "hayabusa-sample-evtx"].filter((d) => existsSync(join(corpus, d)));
  const ruleDirs = sigmaWindowsRuleDirs(corpus);
  const machine = machineInfo();
  const r = await runHunt({ inputs: dirs.map((d) => join(corpus, d)), ruleDirs, runs });
  console.log(
    `Hunt benchmark — ${r.files} EVTX files (${(r.bytes / 1e6).toFixed(1)} MB, ${r.events} events), ` +
      `${r.rules.run} rules run (${r.rules.loaded} loaded, ${r.rules.rejected} rejected, ` +
      `${r.rules.correlations} correlations); ${runs} runs each, median, whole processes`,
  );
  for (const line of huntTable(r.rows)) console.log(line);
  console.log("");
  for (const line of huntVerdicts(r)) console.log(line);
  console.log(machineLine(machine));
  const root = repoRoot();
  mkdirSync(join(root, "bench", "results"), { recursive: true });
  writeFileSync(
    join(root, "bench", "results", "hunt.json"),
    `${JSON.stringify(
      {
        date: machine.date,
        machine,
        runs,
        input: { files: r.files, bytes: r.bytes, events: r.events, dirs },
        rules: { dirs: ruleDirs.map((d) => d.slice(corpus.length + 1)), ...r.rules },
        matches: r.matches,
        rows: r.rows,
        detectOverParse: r.detectOverParse,
        detectMbPerCoreS: r.detectMbPerCoreS,
        huntOverDump: r.huntOverDump,
      },
      null,
      2,
    )}\n`,
  );
}

if (isMain(import.meta.url)) await main();
