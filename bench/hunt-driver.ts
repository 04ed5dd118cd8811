/**
 * Benchmark driver for bench/hunt.ts, run as a whole process. Modes:
 *   load   --rules DIR…          load the rules and build the engine
 *   parse  FILES…                read + normalize every event (the hunt pipeline without rules)
 *   detect --rules DIR… FILES…   load the rules, then read + normalize + run them (correlations too)
 * `--warm` (parse, detect): read the input once untimed first, so the timed pass runs with the JIT and
 * the engine's lazily built per-logsource indexes and regex automata warm (steady state).
 * Prints one JSON object: counts, and the wall and CPU milliseconds of the rule load and of the scan
 * (measured inside the process, so the scan figures leave out Node's start-up and the rule load).
 */
import { Diagnostics } from "../src/diagnostics/diagnostics.js";
import { analyze } from "../src/pipeline/analyze.js";
import { hunt } from "../src/pipeline/hunt.js";
import { planHunt } from "../src/pipeline/hunt-rules.js";
import { loadRules } from "../src/sigma/rule-loader.js";
import { SigmaEngine } from "../src/sigma/sigma-engine.js";

const MODES = ["load", "parse", "detect"] as const;
type Mode = (typeof MODES)[number];

/** Wall and CPU (user + system, all threads) milliseconds of `fn`. */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const args = process.argv.slice(2);
const mode = MODES.find((m) => m === args[0]) as Mode | undefined;
if (mode === undefined) {
  console.error("usage: hunt-driver load|parse|detect [--rules DIR]… [FILES…]");
  process.exit(2);
}
const rules: string[] = [];
const files: string[] = [];
let warm = false;
for (let i = 1; i < args.length; i++) {
  if (args[i] === "--rules") rules.push(args[++i] as string);
  else if (args[i] === "--warm") warm = true;
  else files.push(args[i] as string);
}

const diagnostics = new Diagnostics();
const out: Record<string, unknown> = { mode };

async function loadEngine() {
  const load = await timed(async () => {
    const loaded = await loadRules(rules);
    const plan = planHunt(loaded, {});
    return { loaded, plan, engine: new SigmaEngine(plan.detection) };
  });
  const { loaded, plan } = load.value;
  Object.assign(out, {
    loadWallMs: load.wallMs,
    loadCpuMs: load.cpuMs,
    rulesLoaded: loaded.rules.length,
    rulesRejected: loaded.rejected.length + plan.rejected.length,
    rulesRun: plan.detection.length,
    correlations: plan.correlations.length,
  });
  return load.value;
}

if (mode === "load") await loadEngine();
else if (mode === "parse") {
  let events = 0;
  const pass = () =>
    analyze(files, {
      diagnostics,
      onEvents: (batch) => {
        events += batch.length;
      },
    });
  if (warm) {
    await pass();
    events = 0;
  }
  const scan = await timed(pass);
  Object.assign(out, { scanWallMs: scan.wallMs, scanCpuMs: scan.cpuMs, events, records: scan.value.records });
} else {
  const { plan, engine } = await loadEngine();
  let matches = 0;
  let correlationMatches = 0;
  const pass = () =>
    hunt(files, engine, {
      diagnostics,
      reports: plan.reports,
      correlation: { rules: plan.correlations, reports: plan.reportsCorrelation },
      onMatches: (ms) => {
        matches += ms.length;
      },
      onCorrelationMatches: (ms) => {
        correlationMatches += ms.length;
      },
    });
  if (warm) {
    await pass();
    matches = 0;
    correlationMatches = 0;
  }
  const scan = await timed(pass);
  Object.assign(out, {
    scanWallMs: scan.wallMs,
    scanCpuMs: scan.cpuMs,
    events: scan.value.events,
    records: scan.value.summary.records,
    matches,
    hiddenMatches: scan.value.hidden,
    correlationMatches,
  });
}
out.warm = warm;
out.errors = diagnostics.errors;
out.warnings = diagnostics.warnings;
console.log(JSON.stringify(out));
