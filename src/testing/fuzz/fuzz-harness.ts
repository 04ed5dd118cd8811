/**
 * Test support: what a fuzz harness is and how one runs. A harness pairs a fast-check generator of
 * inputs with a check that throws when a property fails (a reader threw, a diagnostic has no
 * location, a case ran over its time budget, …). The test suite runs each harness with a fixed seed
 * and a small number of runs (`assertFuzz`); `scripts/fuzz.ts` runs the same harnesses with random
 * seeds for minutes. A failure is shrunk by fast-check to a small counterexample and reported with the
 * seed and path that replay it.
 * Input: a harness and run settings. Output: a FuzzOutcome (or a thrown AssertionError in tests).
 */
import { AssertionError } from "node:assert";
import { performance } from "node:perf_hooks";
import fc from "fast-check";

/** A failing input written out for a human (and for a regression fixture). */
export interface FuzzArtifact {
  /** File extension, e.g. `evtx`, `json`, `yml` */
  readonly ext: string;
  readonly bytes: Uint8Array;
  /** What the input is (e.g. the mutation list applied to which seed input) */
  readonly note: string;
}

export interface FuzzHarness<T> {
  /** Short kebab-case name (`evtx-writer-chunk`), used by `npm run fuzz -- --only` */
  readonly name: string;
  /** What is fuzzed and which properties are checked */
  readonly description: string;
  readonly arbitrary: fc.Arbitrary<T>;
  /** Runs one case; throws when a property does not hold */
  check(input: T): void | Promise<void>;
  /** The input as a file, for fuzz-findings/ */
  serialize(input: T): FuzzArtifact;
  /** Runs per test-suite pass (small: the whole suite stays fast) */
  readonly suiteRuns: number;
  /** Most milliseconds one case may take before it counts as a hang */
  readonly caseBudgetMs: number;
  /** Undefined when the harness can run; else why not (e.g. the corpus is absent) */
  unavailable?(): string | undefined;
}

/** The seed of every suite run (`MIKIWAME_FUZZ_SEED` overrides it to replay a script finding). */
export const SUITE_SEED = 0x6d696b69;

export interface FuzzRunOptions<T> {
  readonly seed: number;
  readonly numRuns: number;
  /** Replays one case path of a previous run (fast-check `path`) */
  readonly path?: string;
  /** Called before each case (the script uses it to know the input of a hanging case) */
  readonly onCase?: (input: T) => void;
}

export interface FuzzOutcome<T> {
  readonly harness: string;
  readonly seed: number;
  readonly numRuns: number;
  readonly failed: boolean;
  /** The shrunk failing input */
  readonly counterexample: T | undefined;
  /** fast-check path of the counterexample (with the seed, replays it) */
  readonly path: string | undefined;
  /** What failed */
  readonly error: string | undefined;
  /** Slowest case seen, in ms */
  readonly slowestMs: number;
}

function errorText(e: unknown): string {
  if (e instanceof Error)
    return `${e.name}: ${e.message}${e.stack ? `\n${e.stack.split("\n").slice(1, 6).join("\n")}` : ""}`;
  return String(e);
}

/** Runs `harness` for `numRuns` cases from `seed`; never throws for a property failure (it is returned). */
export async function runFuzzHarness<T>(
  harness: FuzzHarness<T>,
  options: FuzzRunOptions<T>,
): Promise<FuzzOutcome<T>> {
  let slowestMs = 0;
  const property = fc.asyncProperty(harness.arbitrary, async (input: T) => {
    options.onCase?.(input);
    const start = performance.now();
    await harness.check(input);
    const ms = performance.now() - start;
    if (ms > slowestMs) slowestMs = ms;
    if (ms > harness.caseBudgetMs)
      throw new Error(
        `one case took ${ms.toFixed(0)} ms, over the ${harness.caseBudgetMs} ms budget (a hang?)`,
      );
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.numRuns,
    ...(options.path !== undefined && { path: options.path }),
  });
  return {
    harness: harness.name,
    seed: options.seed,
    numRuns: options.numRuns,
    failed: details.failed,
    counterexample: details.counterexample?.[0],
    path: details.counterexamplePath ?? undefined,
    error: details.failed ? errorText(details.errorInstance) : undefined,
    slowestMs,
  };
}

/** Suite runs × `MIKIWAME_FUZZ_RUNS` (a multiplier, default 1). */
export function suiteRuns(harness: FuzzHarness<unknown>): number {
  const factor = Number(process.env.MIKIWAME_FUZZ_RUNS ?? "1");
  return Math.max(1, Math.round(harness.suiteRuns * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
}

/** The suite seed, or `MIKIWAME_FUZZ_SEED` when set. */
export function suiteSeed(): number {
  const s = Number(process.env.MIKIWAME_FUZZ_SEED);
  return Number.isInteger(s) ? s : SUITE_SEED;
}

/**
 * The test-suite form: runs the harness with the suite seed and throws an AssertionError naming the
 * seed, the path and the shrunk input when a property fails.
 */
export async function assertFuzz<T>(harness: FuzzHarness<T>): Promise<FuzzOutcome<T>> {
  const outcome = await runFuzzHarness(harness, { seed: suiteSeed(), numRuns: suiteRuns(harness) });
  if (outcome.failed) {
    const artifact =
      outcome.counterexample === undefined ? undefined : harness.serialize(outcome.counterexample);
    throw new AssertionError({
      message:
        `fuzz harness ${harness.name} failed (seed ${outcome.seed}, path ${outcome.path}): ${outcome.error}\n` +
        `input: ${artifact?.note ?? "(none)"}`,
    });
  }
  return outcome;
}

/** A harness with its input type hidden, so harnesses of different inputs share one list. */
export interface ErasedHarness {
  readonly name: string;
  readonly description: string;
  readonly suiteRuns: number;
  readonly caseBudgetMs: number;
  unavailable(): string | undefined;
  /** Runs like runFuzzHarness; `onCase` gets each input as an artifact; a failure comes with its artifact */
  run(
    options: Omit<FuzzRunOptions<unknown>, "onCase"> & { readonly onCase?: (input: FuzzArtifact) => void },
  ): Promise<{ readonly outcome: FuzzOutcome<unknown>; readonly artifact: FuzzArtifact | undefined }>;
}

/** Hides a harness's input type. */
export function eraseHarness<T>(h: FuzzHarness<T>): ErasedHarness {
  return {
    name: h.name,
    description: h.description,
    suiteRuns: h.suiteRuns,
    caseBudgetMs: h.caseBudgetMs,
    unavailable: () => h.unavailable?.(),
    async run(options) {
      const onCase = options.onCase;
      const outcome = await runFuzzHarness(h, {
        seed: options.seed,
        numRuns: options.numRuns,
        ...(options.path !== undefined && { path: options.path }),
        ...(onCase && { onCase: (input: T) => onCase(h.serialize(input)) }),
      });
      const artifact = outcome.counterexample === undefined ? undefined : h.serialize(outcome.counterexample);
      return { outcome, artifact };
    },
  };
}
