/**
 * The benchmark suite: one command, every benchmark side by side in one run on the same generated
 * input. Input: `--mb` MB of EVTX replicated from the corpus chunks (replicate-evtx.ts; one file, plus a
 * 4 MB file for evtx_dump.py), written to bench/out/suite/ (git-ignored). Steps, each a whole process
 * under GNU time (bench/measure.ts), `--runs` times, median:
 *   1. EVTX parse: mikiwame one thread / two workers / `dump`, evtxexport (text, XML), evtx_dump.py
 *      (evtx-parse.ts `runEvtxParse`);
 *   2. hunt with every SigmaHQ Windows rule: parse vs detect, `mikiwame hunt` vs `mikiwame dump`
 *      (hunt.ts `runHunt`: events/s, MB/s per core, hunt/dump ratio);
 *   3. `mikiwame analyze --json` end to end with the same rules (events/s, peak RSS);
 *   4. store ingest (bench/store-ingest.ts) and 5. server ingest + API latency (bench/server.ts), when
 *      those scripts are built: run as they are, at a smaller size, their result file read back (and
 *      the committed one put back as it was);
 *   6. intel lookups (intel-lookup.ts `runIntelLookup`, 1M indicators).
 * Prints one summary table (tool, input, wall, throughput, ratio, peak RSS) and each step's own table,
 * and writes bench/results/suite.json with the machine (CPU, cores, RAM, Node, OS, date, shared or not).
 *
 *   npm run bench:suite [-- --mb 64 --runs 3 --shared --skip store,server]
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusDir, repoRoot } from "../src/testing/corpus.js";
import { collectChunks } from "./build-evtx-input.js";
import { type EvtxParseRow, evtxParseTable, runEvtxParse } from "./evtx-parse.js";
import { type HuntResult, huntTable, huntVerdicts, runHunt, sigmaWindowsRuleDirs } from "./hunt.js";
import { type IntelLookupRun, runIntelLookup } from "./intel-lookup.js";
import {
  argNumber,
  argString,
  GNU_TIME,
  isMain,
  type MachineInfo,
  machineInfo,
  machineLine,
  mikiwameCommand,
  type RunsSummary,
  timeCommand,
  timeRuns,
} from "./measure.js";
import { REPLICA_SOURCES } from "./memory-bound.js";
import { generateReplicas, planChunk, type ReplicaSummary } from "./replicate-evtx.js";

/** The steps of the suite, in order. */
export const SUITE_STEPS = ["parse", "hunt", "analyze", "store", "server", "intel"] as const;
export type SuiteStep = (typeof SUITE_STEPS)[number];

/** One line of the summary table. */
export interface SuiteRow {
  readonly step: SuiteStep;
  readonly tool: string;
  readonly input: string;
  /** Median wall seconds (undefined when the step reports no wall time of its own) */
  readonly wallS?: number;
  readonly throughput: string;
  /** The ratio that matters for the row, spelled out (e.g. "8.1× evtxexport") */
  readonly ratio?: string;
  readonly peakRssMb?: number;
}

/** What the suite measured. */
export interface SuiteResult {
  readonly machine: MachineInfo & { readonly loadAverageAfter1m: number };
  readonly runs: number;
  readonly input: Omit<ReplicaSummary, "files" | "dir"> & {
    readonly file: string;
    readonly smallFile: string;
  };
  readonly rows: readonly SuiteRow[];
  readonly notAvailable: Readonly<Record<string, string>>;
  readonly sections: {
    readonly parse?: readonly EvtxParseRow[];
    readonly hunt?: HuntResult;
    readonly analyze?: AnalyzeMeasure;
    readonly store?: unknown;
    readonly server?: unknown;
    readonly intel?: IntelLookupRun;
  };
}

/** `mikiwame analyze --json` over the suite input. */
interface AnalyzeMeasure {
  readonly wallS: number;
  readonly cpuS: number;
  readonly walls: readonly number[];
  readonly peakRssMb: number;
  readonly events: number | undefined;
  readonly findings: number | undefined;
}

const here = dirname(fileURLToPath(import.meta.url));
const mb = (bytes: number) => bytes / 1e6;
const fixed = (n: number | undefined, d = 1) => (n === undefined || !Number.isFinite(n) ? "" : n.toFixed(d));
const thousands = (n: number) => Math.round(n).toLocaleString("en");

/** Writes the suite input: one file of `totalMb` MB and one of 4 MB (for evtx_dump.py). */
function suiteInput(corpus: string, dir: string, totalMb: number) {
  const pool = collectChunks(REPLICA_SOURCES.map((d) => join(corpus, d))).map(planChunk);
  const big = generateReplicas({
    dir: join(dir, "main"),
    pool,
    totalBytes: totalMb * 2 ** 20,
    sites: 1,
    prefix: `suite-${totalMb}mb`,
  });
  const small = generateReplicas({
    dir: join(dir, "small"),
    pool,
    totalBytes: 4 * 2 ** 20,
    sites: 1,
    prefix: "suite-4mb",
  });
  return { big, small };
}

/**
 * Runs a script another benchmark owns (it writes `bench/results/<name>.json` itself): the committed
 * result file is put back afterwards; its fresh result is returned with the process's GNU time figures.
 */
async function runForeign(
  script: string,
  args: readonly string[],
  resultName: string,
): Promise<{ result: unknown; wallS: number; peakRssMb: number }> {
  const resultFile = join(repoRoot(), "bench", "results", `${resultName}.json`);
  const read = () => (existsSync(resultFile) ? readFileSync(resultFile, "utf8") : undefined);
  const before = read();
  let written: string | undefined;
  try {
    const run = await timeCommand([process.execPath, script, ...args], {
      stdout: "ignore",
      okExitCodes: [0],
    });
    written = read();
    const result = written === undefined ? undefined : (JSON.parse(written) as unknown);
    return { result, wallS: run.wallS, peakRssMb: run.peakRssMb };
  } finally {
    // put the committed result back — unless someone else has written the file since
    if (written === undefined || read() === written) {
      if (before !== undefined) writeFileSync(resultFile, before);
      else rmSync(resultFile, { force: true });
    }
  }
}

/** Reads `obj.a.b…` as a number, or undefined. */
function num(obj: unknown, ...path: string[]): number | undefined {
  let v: unknown = obj;
  for (const k of path)
    v = typeof v === "object" && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return typeof v === "number" ? v : undefined;
}

/** Options of `runSuite`. */
export interface SuiteOptions {
  readonly corpus: string;
  readonly workDir: string;
  readonly mb: number;
  readonly runs: number;
  readonly skip: ReadonlySet<SuiteStep>;
  /** Force the machine's "shared" flag (else: load average above 0.5 at the start) */
  readonly shared?: boolean;
  readonly log?: (line: string) => void;
}

/** Runs the suite (see the module header). */
export async function runSuite(options: SuiteOptions): Promise<SuiteResult> {
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const { runs, skip } = options;
  const machine = machineInfo(options.shared);
  const { big, small } = suiteInput(options.corpus, options.workDir, options.mb);
  const file = big.files[0] as string;
  const smallFile = small.files[0] as string;
  const inputName = `${fixed(mb(big.bytes), 0)} MB EVTX (${big.records} records)`;
  const ruleDirs = sigmaWindowsRuleDirs(options.corpus);
  const rows: SuiteRow[] = [];
  const notAvailable: Record<string, string> = {};
  const sections: Record<string, unknown> = {};

  if (!skip.has("parse")) {
    log("EVTX parse …");
    const parse = await runEvtxParse({ file, smallFile, runs });
    sections.parse = parse;
    const ours = parse.find((r) => r.tool === "mikiwame (1 thread)" && r.input === parse[0]?.input);
    const oursSmall = parse.find((r) => r.tool === "mikiwame (1 thread)" && r.input !== parse[0]?.input);
    for (const r of parse) {
      const ratio =
        r.tool === "evtx_dump.py" && oursSmall
          ? `mikiwame ${fixed(r.wallS / oursSmall.wallS, 0)}× faster`
          : r.vsEvtxexport !== undefined
            ? `${fixed(r.vsEvtxexport)}× evtxexport`
            : undefined;
      rows.push({
        step: "parse",
        tool: `EVTX parse: ${r.tool}`,
        input: `${fixed(r.mb, 0)} MB`,
        wallS: r.wallS,
        throughput: `${fixed(r.mbPerS)} MB/s, ${thousands(r.recPerS)} rec/s`,
        ...(ratio !== undefined && { ratio }),
        peakRssMb: r.peakRssMb,
      });
    }
    if (!ours) notAvailable.parse = "mikiwame parse row missing";
  }

  let events: number | undefined;
  if (!skip.has("hunt")) {
    log("hunt …");
    const h = await runHunt({ inputs: [file], ruleDirs, runs, warm: false });
    sections.hunt = h;
    events = h.events;
    const byStep = (prefix: string) => h.rows.find((r) => r.step.startsWith(prefix));
    const detect = byStep("(b)");
    const cli = byStep("`mikiwame hunt`");
    const dump = byStep("`mikiwame dump");
    const parse = byStep("(a)");
    if (parse)
      rows.push({
        step: "hunt",
        tool: "read + normalize (no rules)",
        input: inputName,
        wallS: parse.wallS,
        throughput: `${thousands(parse.eventsPerS ?? 0)} events/s, ${fixed(parse.mbPerCoreS)} MB/s per core`,
        peakRssMb: parse.peakRssMb,
      });
    if (detect)
      rows.push({
        step: "hunt",
        tool: `detect: ${h.rules.run} SigmaHQ Windows rules`,
        input: inputName,
        wallS: detect.wallS,
        throughput: `${thousands(detect.eventsPerS ?? 0)} events/s, ${fixed(detect.mbPerCoreS)} MB/s per core`,
        ratio: `${fixed(h.detectOverParse.wall, 2)}× parse (scan)`,
        peakRssMb: detect.peakRssMb,
      });
    if (cli)
      rows.push({
        step: "hunt",
        tool: "`mikiwame hunt` (CSV)",
        input: inputName,
        wallS: cli.wallS,
        throughput: `${thousands(cli.eventsPerS ?? 0)} events/s, ${fixed(cli.mbPerCoreS)} MB/s per core`,
        ratio: `${fixed(h.huntOverDump.wall, 2)}× dump`,
        peakRssMb: cli.peakRssMb,
      });
    if (dump)
      rows.push({
        step: "hunt",
        tool: "`mikiwame dump --format jsonl`",
        input: inputName,
        wallS: dump.wallS,
        throughput: `${thousands(dump.eventsPerS ?? 0)} events/s, ${fixed(dump.mbPerCoreS)} MB/s per core`,
        peakRssMb: dump.peakRssMb,
      });
  }

  if (!skip.has("analyze")) {
    log("analyze …");
    const home = join(options.workDir, "home");
    mkdirSync(home, { recursive: true });
    const out = join(options.workDir, "analyze.json");
    const m: RunsSummary = await timeRuns(
      mikiwameCommand(["analyze", file, "--json", ...ruleDirs.flatMap((d) => ["--rules", d])]),
      runs,
      { stdout: { file: out }, env: { ...process.env, MIKIWAME_HOME: home } },
    );
    const json = JSON.parse(readFileSync(out, "utf8")) as {
      summary?: { events?: number };
      findings?: unknown[];
    };
    const analyzed = json.summary?.events ?? events;
    const a: AnalyzeMeasure = {
      wallS: m.wallS,
      cpuS: m.cpuS,
      walls: m.walls,
      peakRssMb: m.peakRssMb,
      events: analyzed,
      findings: json.findings?.length,
    };
    sections.analyze = a;
    const hunt = rows.find((r) => r.tool === "`mikiwame hunt` (CSV)");
    rows.push({
      step: "analyze",
      tool: "`mikiwame analyze --json` (rules + every analyzer)",
      input: inputName,
      wallS: a.wallS,
      throughput:
        analyzed === undefined
          ? ""
          : `${thousands(analyzed / a.wallS)} events/s, ${fixed(mb(big.bytes) / a.cpuS)} MB/s per core`,
      ...(hunt?.wallS !== undefined && { ratio: `${fixed(a.wallS / hunt.wallS, 2)}× hunt` }),
      peakRssMb: a.peakRssMb,
    });
  }

  if (!skip.has("store")) {
    const script = join(here, "store-ingest.js");
    if (!existsSync(script)) notAvailable.store = "bench/store-ingest.ts is not built";
    else {
      log("store ingest …");
      const r = await runForeign(script, ["--sizes", "100000", "--runs", "1"], "store-ingest");
      sections.store = r.result;
      const results = (r.result as { results?: unknown[] } | undefined)?.results ?? [];
      for (const x of results) {
        const method = (x as { method?: string }).method ?? "?";
        const n = num(x, "events") ?? 0;
        rows.push({
          step: "store",
          tool: `store ingest (DuckDB, ${method})`,
          input: `${thousands(n)} events`,
          wallS: num(x, "ingestSeconds"),
          throughput: `${thousands(num(x, "eventsPerSecond") ?? 0)} events/s`,
          ...(num(x, "reingestEventsPerSecond") !== undefined && {
            ratio: `re-ingest ${thousands(num(x, "reingestEventsPerSecond") ?? 0)} events/s`,
          }),
          peakRssMb: num(x, "peakRssMiB"),
        });
      }
      if (results.length === 0) notAvailable.store = "store-ingest.js wrote no results";
    }
  }

  if (!skip.has("server")) {
    const script = join(here, "server.js");
    if (!existsSync(script)) notAvailable.server = "bench/server.ts is not built";
    else {
      log("server …");
      const r = await runForeign(script, ["--events", "100000", "--requests", "50"], "server");
      sections.server = r.result;
      const s = r.result;
      const n = num(s, "accepted") ?? num(s, "events") ?? 0;
      if (s === undefined) notAvailable.server = "server.js wrote no result";
      else {
        rows.push({
          step: "server",
          tool: "server: NDJSON ingest over HTTP",
          input: `${thousands(n)} events`,
          wallS: num(s, "ingest", "seconds"),
          throughput: `${thousands(num(s, "ingest", "eventsPerSecond") ?? 0)} events/s`,
          peakRssMb: num(s, "ingest", "peakRssMb"),
        });
        rows.push({
          step: "server",
          tool: "server: analysis of the whole store",
          input: `${thousands(n)} events`,
          wallS: num(s, "analysis", "seconds"),
          throughput: `${num(s, "analysis", "incidents") ?? "?"} incidents`,
          peakRssMb: num(s, "analysis", "peakRssMb"),
        });
        for (const [key, label] of [
          ["incidentList", "GET /api/incidents"],
          ["incidentPage", "GET /api/incidents/:id"],
        ] as const)
          if (num(s, "latencyMs", key, "p50") !== undefined)
            rows.push({
              step: "server",
              tool: `server: ${label}`,
              input: `${thousands(n)} events`,
              throughput: `p50 ${num(s, "latencyMs", key, "p50")} ms, p95 ${num(s, "latencyMs", key, "p95")} ms`,
            });
      }
    }
  }

  if (!skip.has("intel")) {
    log("intel lookups …");
    const r = await runIntelLookup({ count: 1_000_000, lookups: 1_000_000 });
    sections.intel = r;
    rows.push({
      step: "intel",
      tool: "intel store: build",
      input: `${thousands(r.result.indicators)} indicators`,
      wallS: r.result.buildSeconds,
      throughput: `${thousands(r.result.indicators / r.result.buildSeconds)} indicators/s; ${r.result.bytesPerIndicator} B each`,
      peakRssMb: r.peakRssMb,
    });
    rows.push({
      step: "intel",
      tool: "intel store: lookups (½ hits)",
      input: `${thousands(r.result.lookups)} lookups`,
      wallS: r.result.lookups / r.result.lookupsPerSecond,
      throughput: `${thousands(r.result.lookupsPerSecond)} lookups/s`,
      peakRssMb: r.peakRssMb,
    });
  }

  const { dir: _dir, files: _files, ...counts } = big;
  return {
    machine: { ...machine, loadAverageAfter1m: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
    runs,
    input: {
      ...counts,
      file: file.split("/").pop() ?? file,
      smallFile: smallFile.split("/").pop() ?? smallFile,
    },
    rows,
    notAvailable,
    sections: sections as SuiteResult["sections"],
  };
}

/** The summary table. */
export function suiteTable(rows: readonly SuiteRow[]): string[] {
  const lines = [
    "| tool | input | wall s | throughput | ratio | peak RSS MB |",
    "|---|---|---:|---|---|---:|",
  ];
  for (const r of rows)
    lines.push(
      `| ${r.tool} | ${r.input} | ${fixed(r.wallS, 2)} | ${r.throughput} | ${r.ratio ?? ""} | ${fixed(r.peakRssMb, 0)} |`,
    );
  return lines;
}

async function main(): Promise<void> {
  const corpus = corpusDir();
  if (!corpus) {
    console.log("benchmark suite skipped: ../shared/corpus is absent (set MIKIWAME_CORPUS)");
    return;
  }
  if (!existsSync(GNU_TIME)) {
    console.log("benchmark suite skipped: /usr/bin/time is missing (apt-get install time)");
    return;
  }
  const root = repoRoot();
  const skip = new Set(
    argString("--skip", "")
      .split(",")
      .filter((s): s is SuiteStep => (SUITE_STEPS as readonly string[]).includes(s)),
  );
  const r = await runSuite({
    corpus,
    workDir: argString("--work", join(root, "bench", "out", "suite")),
    mb: argNumber("--mb", 64),
    runs: argNumber("--runs", 3),
    skip,
    ...(process.argv.includes("--shared") && { shared: true }),
  });
  console.log(
    `Benchmark suite — ${r.input.file}: ${fixed(mb(r.input.bytes), 1)} MB, ${r.input.records} records (corpus chunks, ` +
      `${r.input.poolComputers} computers renamed, fresh record ids); ${r.runs} runs each, median, whole processes`,
  );
  console.log("");
  for (const line of suiteTable(r.rows)) console.log(line);
  for (const [step, why] of Object.entries(r.notAvailable)) console.log(`\n${step}: not available (${why})`);
  if (r.sections.parse) {
    console.log("\nEVTX parse:\n");
    for (const line of evtxParseTable(r.sections.parse)) console.log(line);
  }
  if (r.sections.hunt) {
    console.log("\nhunt:\n");
    for (const line of huntTable(r.sections.hunt.rows)) console.log(line);
    console.log("");
    for (const line of huntVerdicts(r.sections.hunt)) console.log(line);
  }
  console.log(`\n${machineLine(r.machine)}; load after ${r.machine.loadAverageAfter1m}`);
  const out = argString("--result", join(root, "bench", "results", "suite.json"));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(r, null, 2)}\n`);
}

if (isMain(import.meta.url)) await main();
