/**
 * Live heap of the analysis pass, by structure. Input: log paths (e.g. the memory-bound run's
 * bench/out/memory-bound/input) and Sigma rule folders. Runs, in this process, the analyzers
 * `analyze` runs (Sigma detection stage, host addresses, process graph, persistence, history, the
 * network set, time, location — as src/pipeline/analyze-logs.ts builds them), fed every event; after
 * a full GC every `--every` events it records the live heap; at the end it drops the analyzers one at
 * a time, with a GC after each, and attributes the freed heap to each (the rest is Node, modules and
 * shared data). Needs `node --expose-gc`. Prints a table and writes bench/results/live-heap.json.
 *
 *   node --expose-gc dist/bench/live-heap.js [--every 1000000] [--rules DIR] PATHS…
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createHistoryAnalyzer } from "../src/analytics/history/history-analyzer.js";
import { createLocationAnalyzer } from "../src/analytics/location/location-analyzer.js";
import { createNetworkAnalyzers } from "../src/analytics/network/network-analyzers.js";
import { PersistenceEvents } from "../src/analytics/persistence/persistence-events.js";
import { ProcessAnalyzer } from "../src/analytics/process/process-analyzer.js";
import { TimeAnalyzer } from "../src/analytics/time/time-analyzer.js";
import { Diagnostics } from "../src/diagnostics/diagnostics.js";
import type { Analyzer } from "../src/findings/finding.js";
import { analyze } from "../src/pipeline/analyze.js";
import { HostAddresses } from "../src/pipeline/analyze-host-addresses.js";
import { LazyLocation } from "../src/pipeline/analyze-location.js";
import { processResolver } from "../src/pipeline/analyze-process-resolver.js";
import { DetectionStage } from "../src/pipeline/detection-stage.js";
import { type LoadedRules, loadRules } from "../src/sigma/rule-loader.js";
import { SigmaEngine } from "../src/sigma/sigma-engine.js";
import { corpusDir, repoRoot } from "../src/testing/corpus.js";
import { argNumber, isMain, machineInfo, machineLine } from "./measure.js";

/** The live heap after a pass over so many events. */
export interface HeapPoint {
  readonly events: number;
  readonly liveMb: number;
}

/** What one analyzer held at the end (freed when it was dropped), with its counters. */
export interface HeapShare {
  readonly analyzer: string;
  readonly liveMb: number;
  readonly stats: Readonly<Record<string, number>>;
}

export interface LiveHeapResult {
  readonly startMb: number;
  /** After the rules are loaded and the engine built */
  readonly rulesMb: number;
  readonly points: readonly HeapPoint[];
  readonly shares: readonly HeapShare[];
  /** What no analyzer freed: Node, modules, shared data */
  readonly restMb: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Live heap, MB, after two full collections. */
function liveMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Order in which analyzers are dropped: the Sigma stage first (it refers to the process graph), that last. */
const DROP_FIRST = ["sigma", "history", "time", "location", "persistence", "host-addresses"];

/** Runs the pass over `paths` and attributes the live heap (see the module header). */
export async function measureLiveHeap(
  paths: readonly string[],
  ruleDirs: readonly string[],
  every: number,
): Promise<LiveHeapResult> {
  if (!gc) throw new Error("run with node --expose-gc");
  const diagnostics = new Diagnostics();
  const startMb = liveMb();
  let processes: ProcessAnalyzer | undefined = new ProcessAnalyzer();
  const named = new Map<string, Analyzer>();
  // a variable that is cleared, so that only the stage (its engine) keeps the rules alive
  let loaded: LoadedRules | undefined = await loadRules(ruleDirs);
  named.set(
    "sigma",
    new DetectionStage(new SigmaEngine(loaded.rules), {
      diagnostics,
      resolveProcess: processResolver(processes),
    }),
  );
  loaded = undefined;
  named.set("host-addresses", new HostAddresses());
  named.set("process", processes);
  named.set("persistence", new PersistenceEvents());
  named.set("history", createHistoryAnalyzer());
  for (const a of createNetworkAnalyzers()) named.set(a.name, a);
  named.set("time", new TimeAnalyzer());
  let location: LazyLocation | undefined = new LazyLocation(() =>
    createLocationAnalyzer({ internalNetworks: [] }, diagnostics),
  );
  named.set("location", location);
  const rulesMb = liveMb();
  let running = [...named.values()];
  const points: HeapPoint[] = [];
  let events = 0;
  let next = every;
  await analyze(paths, {
    diagnostics,
    onEvents: async (batch) => {
      await location?.prepare(batch);
      for (const e of batch) for (const a of running) a.observe(e);
      events += batch.length;
      if (events >= next) {
        next += every;
        points.push({ events, liveMb: liveMb() });
      }
    },
  });
  points.push({ events, liveMb: liveMb() });
  const stats = new Map([...named].map(([k, a]) => [k, a.stats()]));
  running = [];
  processes = undefined;
  location = undefined;
  const order = [
    ...DROP_FIRST,
    ...[...named.keys()].filter((k) => !DROP_FIRST.includes(k) && k !== "process"),
    "process",
  ];
  const shares: HeapShare[] = [];
  let before = liveMb();
  for (const name of order) {
    if (!named.delete(name)) continue;
    const after = liveMb();
    shares.push({ analyzer: name, liveMb: before - after, stats: stats.get(name) ?? {} });
    before = after;
  }
  return { startMb, rulesMb, points, shares, restMb: before };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rules: string[] = [];
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--rules") rules.push(args[++i] as string);
    else if (args[i] === "--every") i++;
    else paths.push(args[i] as string);
  }
  const corpus = corpusDir();
  if (rules.length === 0 && corpus) rules.push(join(corpus, "sigma", "rules", "windows"));
  if (paths.length === 0) {
    console.error("usage: node --expose-gc live-heap.js [--every N] [--rules DIR]… PATHS…");
    process.exit(2);
  }
  const machine = machineInfo();
  const r = await measureLiveHeap(paths, rules, argNumber("--every", 1_000_000));
  const mb = (n: number) => n.toFixed(1);
  console.log(`live heap: start ${mb(r.startMb)} MB, rules loaded ${mb(r.rulesMb)} MB`);
  console.log("| events | live heap MB |\n|---:|---:|");
  for (const p of r.points) console.log(`| ${p.events} | ${mb(p.liveMb)} |`);
  console.log("\n| analyzer | live MB at the end |\n|---|---:|");
  for (const s of r.shares) console.log(`| ${s.analyzer} | ${mb(s.liveMb)} |`);
  console.log(`| (rest: Node, modules, shared data) | ${mb(r.restMb)} |`);
  console.log(machineLine(machine));
  const dir = join(repoRoot(), "bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "live-heap.json"), `${JSON.stringify({ machine, ...r }, null, 2)}\n`);
}

if (isMain(import.meta.url)) await main();
