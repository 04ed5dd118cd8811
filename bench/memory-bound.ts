/**
 * The memory-bound run: does `analyze` (and `hunt`) over gigabytes of EVTX stay under a fixed RSS
 * with the full SigmaHQ Windows rule set? Input: corpus EVTX chunks replicated into `--gb` GB of files
 * with varied hosts and record ids (replicate-evtx.ts; `--sites` replica sites, one file each), written
 * to bench/out/memory-bound/input (git-ignored; reused while the size and site count match). Each step
 * runs the CLI built beside this file as one process under GNU time, its process tree's RSS sampled
 * every `--sample-ms` from /proc:
 *   analyze <dir> --rules <sigma>/rules/windows --json   (the JSON to bench/out/memory-bound/, then counted)
 *   analyze <dir> --rules <sigma>/rules/windows          (the text report: the same analysis without the
 *                                                         JSON document, so its peak is the analysis's own)
 *   hunt <dir> --rules <sigma>/rules/windows --format csv -o /dev/null
 * Prints a table (input GB, files, events, wall, events/s, peak RSS, the RSS curve, bound, pass/fail)
 * and writes bench/results/memory-bound.json (machine included).
 *
 *   npm run bench:memory -- --gb 5 [--sites 200] [--bound 512] [--steps analyze,analyze-text,hunt]
 *                              [--max-old-space-size 768] [--regenerate] [--result FILE]
 *
 * Needs /usr/bin/time and the corpus (../shared/corpus or $MIKIWAME_CORPUS).
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { corpusDir, repoRoot } from "../src/testing/corpus.js";
import { collectChunks } from "./build-evtx-input.js";
import {
  argNumber,
  argString,
  GNU_TIME,
  isMain,
  type MachineInfo,
  machineInfo,
  machineLine,
  mikiwameCommand,
  type RssCurve,
  type RssSample,
  rssCurve,
  thinSamples,
  timeCommand,
} from "./measure.js";
import { generateReplicas, planChunk, type ReplicaSummary } from "./replicate-evtx.js";

/** The corpus folders whose EVTX chunks are replicated. */
export const REPLICA_SOURCES = [
  "evtx-attack-samples",
  "hayabusa-sample-evtx",
  "deepbluecli",
  "evtx-parser-samples",
] as const;

/** The CLI steps a memory-bound run can measure. */
export const MEMORY_STEPS = ["analyze", "analyze-text", "hunt"] as const;
export type MemoryStep = (typeof MEMORY_STEPS)[number];

/** Where each step's stdout goes (in the work directory). */
const STEP_OUTPUT: Readonly<Record<MemoryStep, string>> = {
  analyze: "analyze.json",
  "analyze-text": "analyze.txt",
  hunt: "hunt.txt",
};

/** Options of `runMemoryBound`. */
export interface MemoryBoundOptions {
  readonly corpus: string;
  /** Work directory: `input/` (the EVTX) and the CLI outputs */
  readonly workDir: string;
  readonly gb: number;
  readonly sites: number;
  readonly rulesDir: string;
  /** RSS bound, MB */
  readonly boundMb: number;
  readonly steps: readonly MemoryStep[];
  readonly sampleMs: number;
  /** Regenerate the input even when a matching one exists */
  readonly regenerate?: boolean;
  /** Extra node flags for the CLI process (e.g. --max-old-space-size=…) */
  readonly nodeOptions?: readonly string[];
  /** Progress lines (stderr by default) */
  readonly log?: (line: string) => void;
}

/** One measured step. */
export interface MemoryBoundRow {
  readonly step: MemoryStep;
  readonly inputGb: number;
  readonly files: number;
  readonly events: number | undefined;
  readonly wallS: number;
  readonly cpuS: number;
  readonly eventsPerS: number | undefined;
  /** GNU time's maximum resident set size */
  readonly peakRssMb: number;
  /** RSS at start / ¼ / ½ / ¾ / end of the run, from the samples */
  readonly curve: RssCurve | undefined;
  readonly boundMb: number;
  readonly pass: boolean;
  readonly exitCode: number;
  /** Step facts read from the CLI output (matches, findings, analyzer counters …) */
  readonly facts: Readonly<Record<string, unknown>>;
  /** Up to 120 samples, evenly spread */
  readonly samples: readonly RssSample[];
}

export interface MemoryBoundResult {
  readonly machine: MachineInfo;
  readonly input: ReplicaSummary & { readonly reused: boolean };
  readonly rulesDir: string;
  readonly rows: readonly MemoryBoundRow[];
}

interface InputManifest {
  readonly gb: number;
  readonly sites: number;
  readonly summary: ReplicaSummary;
}

/** Generates (or reuses) the replicated input of `options`. */
function prepareInput(options: MemoryBoundOptions): ReplicaSummary & { reused: boolean } {
  const dir = join(options.workDir, "input");
  const manifestFile = join(options.workDir, "input-manifest.json");
  if (!options.regenerate && existsSync(manifestFile)) {
    const m = JSON.parse(readFileSync(manifestFile, "utf8")) as InputManifest;
    if (m.gb === options.gb && m.sites === options.sites && m.summary.files.every((f) => existsSync(f)))
      return { ...m.summary, reused: true };
  }
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const chunks = collectChunks(REPLICA_SOURCES.map((d) => join(options.corpus, d)));
  const pool = chunks.map(planChunk);
  log(`generating ${options.gb} GB of EVTX from ${pool.length} corpus chunks, ${options.sites} sites …`);
  const summary = generateReplicas({
    dir,
    pool,
    totalBytes: options.gb * 2 ** 30,
    sites: options.sites,
    onFile: (_f, i) => {
      if ((i + 1) % 50 === 0) log(`  ${i + 1} files written`);
    },
  });
  mkdirSync(options.workDir, { recursive: true });
  writeFileSync(
    manifestFile,
    `${JSON.stringify({ gb: options.gb, sites: options.sites, summary } satisfies InputManifest, null, 2)}\n`,
  );
  return { ...summary, reused: false };
}

/** The JSON value that follows the first `"key":` in `text` (strings respected), or undefined. */
export function jsonMember(text: string, key: string): unknown {
  const at = text.indexOf(`"${key}":`);
  if (at < 0) return undefined;
  let i = at + key.length + 3;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  const open = text[i];
  if (open !== "{" && open !== "[") {
    const m = /^(-?[\d.eE+-]+|true|false|null)/.exec(text.slice(i, i + 64));
    return m ? JSON.parse(m[1]!) : undefined;
  }
  let depth = 0;
  let inString = false;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (inString) {
      if (c === "\\") j++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return JSON.parse(text.slice(i, j + 1));
    }
  }
  return undefined;
}

/** The first `bytes` of a file as text. */
function head(file: string, bytes: number): string {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(Math.min(bytes, statSync(file).size));
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.toString("utf8", 0, n);
  } finally {
    closeSync(fd);
  }
}

/** What `analyze --json` said: counts (the head of the file holds summary, rules and analyzer counters). */
function analyzeFacts(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  const text = head(file, 16 * 2 ** 20);
  const summary = jsonMember(text, "summary") as
    | { records?: number; events?: number; hosts?: { distinct?: number; distinctCapped?: boolean } }
    | undefined;
  const facts: Record<string, unknown> = {
    jsonBytes: statSync(file).size,
    records: summary?.records,
    events: summary?.events,
    hosts: summary?.hosts?.distinct,
    hostsCapped: summary?.hosts?.distinctCapped,
    rules: jsonMember(text, "rules"),
    analyzers: jsonMember(text, "analyzers"),
    timings: jsonMember(text, "timings"),
  };
  const size = statSync(file).size;
  if (size < 400 * 2 ** 20) {
    const all = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    for (const k of ["findings", "processes", "incidents"])
      if (Array.isArray(all[k])) facts[k] = (all[k] as unknown[]).length;
  }
  return facts;
}

/** What `hunt` printed: "N events scanned, M matches". */
function huntFacts(stdout: string): Record<string, unknown> {
  const m = /(\d+) events scanned, (\d+) matches/.exec(stdout);
  const rules = /(\d+) matches of (\d+) rules on (\d+) hosts/.exec(stdout);
  return {
    events: m ? Number(m[1]) : undefined,
    matches: m ? Number(m[2]) : undefined,
    rulesMatched: rules ? Number(rules[2]) : undefined,
    hostsMatched: rules ? Number(rules[3]) : undefined,
  };
}

/** Runs the memory-bound check (see the module header). */
export async function runMemoryBound(options: MemoryBoundOptions): Promise<MemoryBoundResult> {
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const machine = machineInfo();
  const input = prepareInput(options);
  const inputDir = join(options.workDir, "input");
  const home = join(options.workDir, "home");
  mkdirSync(home, { recursive: true });
  const env = { ...process.env, MIKIWAME_HOME: home };
  const rows: MemoryBoundRow[] = [];
  const gb = input.bytes / 2 ** 30;
  let events: number | undefined;
  for (const step of options.steps) {
    log(`${step}: ${input.files.length} files, ${gb.toFixed(2)} GB …`);
    const stdoutFile = join(options.workDir, STEP_OUTPUT[step]);
    const args =
      step === "hunt"
        ? ["hunt", inputDir, "--rules", options.rulesDir, "--format", "csv", "-o", "/dev/null"]
        : ["analyze", inputDir, "--rules", options.rulesDir, ...(step === "analyze" ? ["--json"] : [])];
    const run = await timeCommand(mikiwameCommand(args, options.nodeOptions), {
      stdout: { file: stdoutFile },
      stderr: { file: join(options.workDir, `${step}.stderr.txt`) },
      sampleMs: options.sampleMs,
      env,
    });
    const facts =
      step === "analyze"
        ? analyzeFacts(stdoutFile)
        : step === "hunt"
          ? huntFacts(readFileSync(stdoutFile, "utf8"))
          : { reportBytes: statSync(stdoutFile).size };
    const stepEvents = typeof facts.events === "number" ? facts.events : events;
    if (step === "analyze") events = stepEvents;
    rows.push({
      step,
      inputGb: gb,
      files: input.files.length,
      events: stepEvents,
      wallS: run.wallS,
      cpuS: run.cpuS,
      eventsPerS: stepEvents === undefined ? undefined : stepEvents / run.wallS,
      peakRssMb: run.peakRssMb,
      curve: rssCurve(run.samples),
      boundMb: options.boundMb,
      pass: run.peakRssMb <= options.boundMb,
      exitCode: run.exitCode,
      facts,
      samples: thinSamples(run.samples, 120),
    });
    log(`  ${run.wallS.toFixed(0)} s, peak RSS ${run.peakRssMb.toFixed(0)} MB`);
  }
  return { machine, input, rulesDir: options.rulesDir, rows };
}

/** The result as a Markdown table (and the curve per step). */
export function memoryBoundTable(r: MemoryBoundResult): string[] {
  const lines = [
    "| step | input GB | files | events | wall s | events/s | peak RSS MB | RSS start / ¼ / ½ / ¾ / end MB | bound MB | result |",
    "|---|---:|---:|---:|---:|---:|---:|---|---:|---|",
  ];
  for (const x of r.rows) {
    const c = x.curve;
    const curve = c
      ? [c.start, c.quarter, c.half, c.threeQuarters, c.end].map((v) => v.toFixed(0)).join(" / ")
      : "";
    lines.push(
      `| ${x.step} | ${x.inputGb.toFixed(2)} | ${x.files} | ${x.events ?? "?"} | ${x.wallS.toFixed(0)} | ${x.eventsPerS === undefined ? "?" : Math.round(x.eventsPerS)} | ${x.peakRssMb.toFixed(0)} | ${curve} | ${x.boundMb} | ${x.pass ? "pass" : "**FAIL**"}${x.exitCode > 1 ? ` (exit ${x.exitCode})` : ""} |`,
    );
  }
  return lines;
}

async function main(): Promise<void> {
  const corpus = corpusDir();
  if (!corpus) {
    console.log("memory-bound run skipped: ../shared/corpus is absent (set MIKIWAME_CORPUS)");
    return;
  }
  if (!existsSync(GNU_TIME)) {
    console.log("memory-bound run skipped: /usr/bin/time is missing (apt-get install time)");
    return;
  }
  const root = repoRoot();
  const steps = argString("--steps", MEMORY_STEPS.join(","))
    .split(",")
    .filter((s): s is MemoryStep => (MEMORY_STEPS as readonly string[]).includes(s));
  const maxOld = argString("--max-old-space-size");
  const result = await runMemoryBound({
    corpus,
    workDir: argString("--work", join(root, "bench", "out", "memory-bound")),
    gb: argNumber("--gb", 5),
    sites: argNumber("--sites", 200),
    rulesDir: argString("--rules", join(corpus, "sigma", "rules", "windows")),
    boundMb: argNumber("--bound", 512),
    steps,
    sampleMs: argNumber("--sample-ms", 500),
    regenerate: process.argv.includes("--regenerate"),
    nodeOptions: maxOld ? [`--max-old-space-size=${maxOld}`] : [],
  });
  const i = result.input;
  console.log(
    `Memory-bound run — ${i.files.length} EVTX files, ${(i.bytes / 2 ** 30).toFixed(2)} GiB, ${i.records} records ` +
      `(corpus chunks replicated for ${i.sites} sites × ${i.poolComputers} corpus computers; ${i.unpatchedHosts} records kept their computer), ` +
      `rules ${result.rulesDir.slice(corpus.length + 1)}`,
  );
  console.log("");
  for (const line of memoryBoundTable(result)) console.log(line);
  console.log("");
  console.log(machineLine(result.machine));
  const out = argString("--result", join(root, "bench", "results", "memory-bound.json"));
  mkdirSync(join(out, ".."), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ ...result, rulesDir: result.rulesDir.replace(corpus, "<corpus>"), input: { ...i, dir: undefined, files: i.files.length } }, null, 2)}\n`,
  );
}

if (isMain(import.meta.url)) await main();
