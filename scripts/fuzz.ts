/**
 * The long fuzz run: the test suite's fuzz harnesses (EVTX, JSON, Zeek, Sigma loader and regex, intel
 * importers) with random seeds, for a given time. Each batch of cases runs in a worker thread under a
 * watchdog, so a case that hangs (a synchronous infinite loop cannot be interrupted in-process) is
 * caught too: the worker is stopped and its current input saved.
 * Run: `npm run fuzz -- --minutes N [--only name,name] [--seed S] [--runs R] [--jobs J] [--out dir]`.
 * Output: one line per batch on stdout; for each failure (shrunk by fast-check) or hang, the seed and
 * path that replay it, and the input written to `fuzz-findings/<harness>-<seed>.<ext>` with a
 * `.note.txt` beside it. Exit code 1 when anything was found. `--seed S --runs R --only H` replays a batch.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { EVTX_HARNESSES } from "../src/readers/evtx/evtx-fuzz-harnesses.test.support.js";
import { NDJSON_HARNESSES } from "../src/readers/ndjson/ndjson-fuzz-harnesses.test.support.js";
import { ZEEK_HARNESSES } from "../src/readers/zeek/zeek-fuzz-harnesses.test.support.js";
import { INTEL_HARNESSES } from "../src/intel/importers/intel-fuzz-harnesses.test.support.js";
import { REGEX_HARNESSES } from "../src/sigma/regex/regex-fuzz-harnesses.test.support.js";
import { SIGMA_HARNESSES } from "../src/sigma/sigma-fuzz-harnesses.test.support.js";
import { repoRoot } from "../src/testing/corpus.js";
import type { ErasedHarness, FuzzArtifact, FuzzOutcome } from "../src/testing/fuzz/fuzz-harness.js";

const HARNESSES: readonly ErasedHarness[] = [
  ...EVTX_HARNESSES,
  ...NDJSON_HARNESSES,
  ...ZEEK_HARNESSES,
  ...SIGMA_HARNESSES,
  ...REGEX_HARNESSES,
  ...INTEL_HARNESSES,
];

/** What a worker is asked to run. */
interface BatchTask {
  readonly harness: string;
  readonly seed: number;
  readonly numRuns: number;
}

/** What a worker says: each case before it runs it, then the batch's outcome. */
type WorkerMessage =
  | { readonly kind: "case"; readonly artifact: FuzzArtifact }
  | {
      readonly kind: "done";
      readonly outcome: FuzzOutcome<unknown>;
      readonly artifact: FuzzArtifact | undefined;
    };

interface Options {
  readonly minutes: number;
  readonly only: readonly string[] | undefined;
  readonly seed: number | undefined;
  readonly runs: number | undefined;
  readonly jobs: number;
  readonly out: string;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string): number | undefined => {
    const v = value(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a number, got ${JSON.stringify(v)}`);
    return n;
  };
  const only = value("only")
    ?.split(",")
    .filter((s) => s !== "");
  for (const name of only ?? [])
    if (!HARNESSES.some((h) => h.name === name))
      throw new Error(`--only: no harness ${name} (known: ${HARNESSES.map((h) => h.name).join(", ")})`);
  return {
    minutes: number("minutes") ?? 1,
    only,
    seed: number("seed"),
    runs: number("runs"),
    jobs: Math.max(1, Math.min(number("jobs") ?? availableParallelism(), 8)),
    out: resolve(value("out") ?? join(repoRoot(), "fuzz-findings")),
  };
}

// ---- the worker side ----

async function runInWorker(task: BatchTask): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const harness = HARNESSES.find((h) => h.name === task.harness);
  if (!harness) throw new Error(`no harness ${task.harness}`);
  const { outcome, artifact } = await harness.run({
    seed: task.seed,
    numRuns: task.numRuns,
    onCase: (a) => port.postMessage({ kind: "case", artifact: a } satisfies WorkerMessage),
  });
  port.postMessage({ kind: "done", outcome, artifact } satisfies WorkerMessage);
}

// ---- the main side ----

interface BatchResult {
  readonly task: BatchTask;
  readonly cases: number;
  readonly outcome: FuzzOutcome<unknown> | undefined;
  readonly artifact: FuzzArtifact | undefined;
  /** Set when the watchdog stopped the worker */
  readonly hung: boolean;
}

/** Runs one batch in a worker; a case silent for longer than `hangMs` stops it as a hang. */
function runBatch(task: BatchTask, hangMs: number): Promise<BatchResult> {
  return new Promise((resolveBatch) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: task });
    let cases = 0;
    let last: FuzzArtifact | undefined;
    let lastAt = Date.now();
    let settled = false;
    const finish = (r: Omit<BatchResult, "task" | "cases">) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      resolveBatch({ task, cases, ...r });
    };
    const watchdog = setInterval(() => {
      if (Date.now() - lastAt > hangMs) {
        void worker.terminate();
        finish({ outcome: undefined, artifact: last, hung: true });
      }
    }, 250);
    worker.on("message", (m: WorkerMessage) => {
      if (m.kind === "case") {
        cases++;
        last = m.artifact;
        lastAt = Date.now();
      } else finish({ outcome: m.outcome, artifact: m.artifact, hung: false });
    });
    worker.on("error", (e) =>
      finish({
        outcome: {
          harness: task.harness,
          seed: task.seed,
          numRuns: task.numRuns,
          failed: true,
          counterexample: undefined,
          path: undefined,
          error: `worker crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
          slowestMs: 0,
        },
        artifact: last,
        hung: false,
      }),
    );
    worker.on("exit", () => finish({ outcome: undefined, artifact: last, hung: false }));
  });
}

function saveFinding(out: string, r: BatchResult, what: string): string {
  mkdirSync(out, { recursive: true });
  const base = join(out, `${r.task.harness}-${r.task.seed}`);
  const ext = r.artifact?.ext ?? "bin";
  if (r.artifact) writeFileSync(`${base}.${ext}`, r.artifact.bytes);
  const replay = `npm run fuzz -- --only ${r.task.harness} --seed ${r.task.seed} --runs ${r.task.numRuns}`;
  writeFileSync(
    `${base}.note.txt`,
    [
      `harness: ${r.task.harness}`,
      `seed: ${r.task.seed}`,
      `runs: ${r.task.numRuns}`,
      `path: ${r.outcome?.path ?? "-"}`,
      `what: ${what}`,
      `replay: ${replay}`,
      `suite replay: MIKIWAME_FUZZ_SEED=${r.task.seed} (with the same run count) in the harness's fuzz test`,
      "",
      "input:",
      r.artifact?.note ?? "(none)",
      "",
    ].join("\n"),
  );
  return `${base}.${ext}`;
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const harnesses = HARNESSES.filter((h) => (o.only ? o.only.includes(h.name) : true));
  const runnable = harnesses.filter((h) => {
    const why = h.unavailable();
    if (why) console.log(`skip ${h.name}: ${why}`);
    return !why;
  });
  if (runnable.length === 0) {
    console.error("fuzz: no harness to run");
    return 2;
  }
  const deadline = Date.now() + o.minutes * 60_000;
  const replay = o.seed !== undefined;
  const totals = new Map<string, { cases: number; batches: number; found: number; slowest: number }>();
  let found = 0;
  let next = 0;
  const nextTask = (): BatchTask | undefined => {
    if (replay ? next >= runnable.length : Date.now() >= deadline) return undefined;
    const h = runnable[next++ % runnable.length]!;
    return {
      harness: h.name,
      seed: o.seed ?? Math.floor(Math.random() * 0x7fffffff),
      numRuns: o.runs ?? h.suiteRuns * 5,
    };
  };
  const worker = async (): Promise<void> => {
    for (let task = nextTask(); task; task = nextTask()) {
      const h = runnable.find((x) => x.name === task.harness)!;
      const r = await runBatch(task, Math.max(10_000, h.caseBudgetMs * 5));
      const t = totals.get(task.harness) ?? { cases: 0, batches: 0, found: 0, slowest: 0 };
      t.cases += r.cases;
      t.batches++;
      t.slowest = Math.max(t.slowest, r.outcome?.slowestMs ?? 0);
      totals.set(task.harness, t);
      const failed = r.hung || r.outcome?.failed === true || r.outcome === undefined;
      if (!failed) {
        console.log(`ok   ${task.harness} seed ${task.seed}: ${r.cases} cases`);
        continue;
      }
      found++;
      t.found++;
      const what = r.hung
        ? `hang: one case ran over ${Math.max(10_000, h.caseBudgetMs * 5)} ms (worker stopped)`
        : (r.outcome?.error ?? "the worker exited without a result");
      const file = saveFinding(o.out, r, what);
      console.log(
        `FAIL ${task.harness} seed ${task.seed} path ${r.outcome?.path ?? "-"}: ${what.split("\n")[0]}`,
      );
      console.log(`     input saved to ${file}`);
    }
  };
  await Promise.all(Array.from({ length: replay ? 1 : o.jobs }, () => worker()));
  console.log("\nharness                 batches   cases  found  slowest case");
  for (const [name, t] of totals)
    console.log(
      `${name.padEnd(22)} ${String(t.batches).padStart(8)} ${String(t.cases).padStart(7)} ${String(t.found).padStart(6)}  ${t.slowest.toFixed(0)} ms`,
    );
  console.log(found === 0 ? "\nnothing found" : `\n${found} finding(s) in ${o.out}`);
  return found === 0 ? 0 : 1;
}

if (isMainThread) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`fuzz: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(2);
    },
  );
} else {
  runInWorker(workerData as BatchTask).catch((e: unknown) => {
    throw e;
  });
}
