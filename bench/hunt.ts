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
 * Reports events/s, MB/s and MB/s per core (MB per CPU-second), the detect/parse ratio (target ≤ 2×:
 * detection adds at most one parse time) and the detect MB/s per core (target ≥ 14). Prints a Markdown
 * table and writes bench/results/hunt.json.
 *
 *   npm run build && node dist/bench/hunt.js [--runs 3]
 *
 * Needs: /usr/bin/time (apt-get install time) and the corpus (../shared/corpus or $MIKIWAME_CORPUS).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusDir, repoRoot } from "../src/testing/corpus.js";

/** One timed step of the table. */
interface Row {
  step: string;
  /** Median wall seconds of the whole process */
  wallS: number;
  /** Median CPU seconds (user + system) of the whole process */
  cpuS: number;
  /** Seconds of the measured part inside the process (scan or rule load), median */
  innerWallS?: number;
  innerCpuS?: number;
  events?: number;
  eventsPerS?: number;
  mbPerS?: number;
  /** MB per CPU-second */
  mbPerCoreS?: number;
  peakRssMb: number;
}

/** What GNU time and the driver said about one run. */
interface Run {
  wall: number;
  cpu: number;
  rss: number;
  stdout: string;
}

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Runs `cmd` once under GNU time: wall and CPU seconds, peak RSS (MB), stdout. */
function timeOnce(cmd: readonly string[]): Run {
  const r = spawnSync("/usr/bin/time", ["-f", "@@%e %U %S %M", ...cmd], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const m = /@@([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? "");
  if (!m) throw new Error(`could not time ${cmd.slice(0, 3).join(" ")}…: ${r.stderr?.slice(-800)}`);
  // exit code 1 is a run that reported input errors (still a full run); anything else is a failure
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`${cmd.slice(0, 3).join(" ")}… exited with ${r.status}: ${r.stderr?.slice(-800)}`);
  }
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rss: Number(m[4]) / 1024, stdout: r.stdout };
}

/** Runs `cmd` `runs` times; the median run's wall/CPU, the max RSS, and each run's stdout. */
function measure(
  cmd: readonly string[],
  runs: number,
): { wall: number; cpu: number; rss: number; outs: string[] } {
  const all: Run[] = [];
  for (let i = 0; i < runs; i++) all.push(timeOnce(cmd));
  return {
    wall: median(all.map((r) => r.wall)),
    cpu: median(all.map((r) => r.cpu)),
    rss: Math.max(...all.map((r) => r.rss)),
    outs: all.map((r) => r.stdout),
  };
}

/** The driver's JSON lines of the runs, field by field (medians of the numbers). */
function driverMedian(outs: readonly string[], key: string): number {
  return median(outs.map((o) => Number((JSON.parse(o) as Record<string, unknown>)[key])));
}

function evtxFiles(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) evtxFiles(p, out);
    else if (e.name.toLowerCase().endsWith(".evtx")) out.push(p);
  }
}

const corpus = corpusDir();
if (!corpus) {
  console.log("hunt benchmark skipped: ../shared/corpus is absent (set MIKIWAME_CORPUS)");
  process.exit(0);
}
if (!existsSync("/usr/bin/time")) {
  console.log("hunt benchmark skipped: /usr/bin/time is missing (apt-get install time)");
  process.exit(0);
}
const runs = arg("--runs", 3);
const here = dirname(fileURLToPath(import.meta.url)); // <out>/bench
const driver = join(here, "hunt-driver.js");
const cliMain = join(here, "..", "src", "cli", "main.js");
const ruleDirs = [
  join(corpus, "sigma", "rules", "windows"),
  join(corpus, "sigma", "rules-threat-hunting", "windows"),
  join(corpus, "sigma", "rules-emerging-threats"),
].filter((d) => existsSync(d));
const files: string[] = [];
for (const d of ["evtx-attack-samples", "hayabusa-sample-evtx"]) {
  if (existsSync(join(corpus, d))) evtxFiles(join(corpus, d), files);
}
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
const mb = bytes / 1e6;
const ruleArgs = ruleDirs.flatMap((d) => ["--rules", d]);
const node = process.execPath;

const load = measure([node, driver, "load", ...ruleArgs], runs);
const parse = measure([node, driver, "parse", ...files], runs);
const detect = measure([node, driver, "detect", ...ruleArgs, ...files], runs);
const parseWarm = measure([node, driver, "parse", "--warm", ...files], runs);
const detectWarm = measure([node, driver, "detect", "--warm", ...ruleArgs, ...files], runs);
const cli = measure(
  [
    "sh",
    "-c",
    `'${node}' --input-type=module -e "const m = await import(process.argv[1]); await m.runMain(process.argv.slice(2));" '${cliMain}' hunt --quiet --format csv -o /dev/null ${ruleArgs.map((a) => `'${a}'`).join(" ")} ${files.map((f) => `'${f.replace(/'/g, "'\\''")}'`).join(" ")} > /dev/null`,
  ],
  runs,
);

const events = driverMedian(parse.outs, "events");
const first = (outs: readonly string[]) => JSON.parse(outs[0] as string) as Record<string, number>;
const loadInfo = first(load.outs);
const detectInfo = first(detect.outs);
const parseInner = {
  wall: driverMedian(parse.outs, "scanWallMs") / 1000,
  cpu: driverMedian(parse.outs, "scanCpuMs") / 1000,
};
const detectInner = {
  wall: driverMedian(detect.outs, "scanWallMs") / 1000,
  cpu: driverMedian(detect.outs, "scanCpuMs") / 1000,
};
const inner = (outs: readonly string[]) => ({
  wall: driverMedian(outs, "scanWallMs") / 1000,
  cpu: driverMedian(outs, "scanCpuMs") / 1000,
});
const parseWarmInner = inner(parseWarm.outs);
const detectWarmInner = inner(detectWarm.outs);
const loadInner = {
  wall: driverMedian(load.outs, "loadWallMs") / 1000,
  cpu: driverMedian(load.outs, "loadCpuMs") / 1000,
};

const rate = (wall: number, cpu: number) => ({
  eventsPerS: events / wall,
  mbPerS: mb / wall,
  mbPerCoreS: mb / cpu,
});
const rows: Row[] = [
  {
    step: "rule load (+ engine build)",
    wallS: load.wall,
    cpuS: load.cpu,
    innerWallS: loadInner.wall,
    innerCpuS: loadInner.cpu,
    peakRssMb: load.rss,
  },
  {
    step: "(a) parse: read + normalize",
    wallS: parse.wall,
    cpuS: parse.cpu,
    innerWallS: parseInner.wall,
    innerCpuS: parseInner.cpu,
    events,
    ...rate(parseInner.wall, parseInner.cpu),
    peakRssMb: parse.rss,
  },
  {
    step: "(b) detect: read + normalize + rules",
    wallS: detect.wall,
    cpuS: detect.cpu,
    innerWallS: detectInner.wall,
    innerCpuS: detectInner.cpu,
    events,
    ...rate(detectInner.wall, detectInner.cpu),
    peakRssMb: detect.rss,
  },
  {
    step: "(a′) parse, warm (second pass)",
    wallS: parseWarm.wall,
    cpuS: parseWarm.cpu,
    innerWallS: parseWarmInner.wall,
    innerCpuS: parseWarmInner.cpu,
    events,
    ...rate(parseWarmInner.wall, parseWarmInner.cpu),
    peakRssMb: parseWarm.rss,
  },
  {
    step: "(b′) detect, warm (second pass)",
    wallS: detectWarm.wall,
    cpuS: detectWarm.cpu,
    innerWallS: detectWarmInner.wall,
    innerCpuS: detectWarmInner.cpu,
    events,
    ...rate(detectWarmInner.wall, detectWarmInner.cpu),
    peakRssMb: detectWarm.rss,
  },
  {
    step: "`mikiwame hunt` (CSV, end to end)",
    wallS: cli.wall,
    cpuS: cli.cpu,
    events,
    ...rate(cli.wall, cli.cpu),
    peakRssMb: cli.rss,
  },
];
const ratio = detectInner.wall / parseInner.wall;
const ratioCpu = detectInner.cpu / parseInner.cpu;
const ratioProcess = detect.wall / parse.wall;
const detectPerCore = mb / detectInner.cpu;
const ratioWarm = detectWarmInner.wall / parseWarmInner.wall;

const fmt = (n: number | undefined, digits = 2) => (n === undefined ? "" : n.toFixed(digits));
console.log(
  `Hunt benchmark — ${files.length} EVTX files (${mb.toFixed(1)} MB, ${events} events), ` +
    `${detectInfo.rulesRun} rules run (${loadInfo.rulesLoaded} loaded, ${loadInfo.rulesRejected} rejected, ` +
    `${loadInfo.correlations} correlations); ${runs} runs each, median, whole processes`,
);
console.log(
  "| step | process wall s | process CPU s | measured wall s | measured CPU s | events/s | MB/s | MB/s per core | peak RSS MB |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(
    `| ${r.step} | ${fmt(r.wallS)} | ${fmt(r.cpuS)} | ${fmt(r.innerWallS)} | ${fmt(r.innerCpuS)} | ${r.eventsPerS === undefined ? "" : Math.round(r.eventsPerS)} | ${fmt(r.mbPerS, 1)} | ${fmt(r.mbPerCoreS, 1)} | ${r.peakRssMb.toFixed(0)} |`,
  );
}
console.log("");
console.log(
  `detect / parse: ${ratio.toFixed(2)}× wall, ${ratioCpu.toFixed(2)}× CPU (measured parts; whole processes ${ratioProcess.toFixed(2)}×) — target ≤ 2×: ${ratio <= 2 ? "met" : "NOT met"}`,
);
console.log(
  `detect / parse, warm (second pass in one process): ${ratioWarm.toFixed(2)}× wall, ${(detectWarmInner.cpu / parseWarmInner.cpu).toFixed(2)}× CPU`,
);
console.log(
  `detect MB/s per core: ${detectPerCore.toFixed(1)} — target ≥ 14: ${detectPerCore >= 14 ? "met" : "NOT met"}`,
);
console.log(
  `matches: ${detectInfo.matches} reported, ${detectInfo.hiddenMatches} building-block, ${detectInfo.correlationMatches} correlation`,
);
const machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
console.log(
  `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`,
);
const root = repoRoot();
mkdirSync(join(root, "bench", "results"), { recursive: true });
writeFileSync(
  join(root, "bench", "results", "hunt.json"),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      machine,
      runs,
      input: { files: files.length, bytes, events, dirs: ["evtx-attack-samples", "hayabusa-sample-evtx"] },
      rules: {
        dirs: ruleDirs.map((d) => d.slice(corpus.length + 1)),
        loaded: loadInfo.rulesLoaded,
        rejected: loadInfo.rulesRejected,
        run: detectInfo.rulesRun,
        correlations: loadInfo.correlations,
      },
      matches: {
        reported: detectInfo.matches,
        buildingBlock: detectInfo.hiddenMatches,
        correlation: detectInfo.correlationMatches,
      },
      rows,
      detectOverParse: { wall: ratio, cpu: ratioCpu, wholeProcess: ratioProcess, warm: ratioWarm, target: 2 },
      detectMbPerCoreS: { value: detectPerCore, target: 14 },
    },
    null,
    2,
  )}\n`,
);
