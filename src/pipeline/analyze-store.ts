/**
 * Analysing the events of a store (`mikiwame analyze --db FILE | --store URL`): the stored events, of
 * some hosts and a time window if asked, stream in (host, time) order through `analyzeLogs` — the same
 * Sigma rules, analyzers, decisions, groups and incidents as for files — and the history viewpoint's
 * prevalence and first sighting come from the whole store (`Store.prevalence`, pushed down as SQL),
 * not only the events analysed. `saveAnalysis` writes the findings and incidents back under a run id.
 * Input: a Store, which events, the analyze options. Output: AnalyzeResult.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import type { Store } from "../store/store.js";
import { type AnalyzeLogsOptions, type AnalyzeResult, analyzeLogs } from "./analyze-logs.js";
import { newRunId } from "./run-id.js";
import { StoreFleetPrevalence } from "./store-fleet-prevalence.js";

/** Which stored events a run analyses (all by default). Times are epoch ms, `to` exclusive. */
export interface StoreSelection {
  readonly hosts?: readonly string[];
  readonly from?: number;
  readonly to?: number;
}

export interface AnalyzeStoreOptions extends Omit<AnalyzeLogsOptions, "events"> {
  readonly store: Store;
  /** The source name in the summary (the file or URL); default `store` */
  readonly label?: string;
  readonly select?: StoreSelection;
  /** Events per batch handed to the analyzers (default 2,000) */
  readonly batchSize?: number;
  /**
   * The history viewpoint's prevalence from the whole store (default true); false: from the analysed
   * events only, as for files.
   */
  readonly fleetPrevalence?: boolean;
}

/** The store's events in batches; after the last one, the fleet prevalence is loaded. */
async function* storeBatches(
  store: Store,
  select: StoreSelection,
  size: number,
  fleet: StoreFleetPrevalence | undefined,
  diagnostics: Diagnostics,
  label: string,
): AsyncGenerator<readonly Event[]> {
  let batch: Event[] = [];
  for await (const e of store.events(select)) {
    fleet?.note(e);
    batch.push(e);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
  // before analyzeLogs lets the analyzers finish: the history analyzer reads the answers then
  if (fleet) await fleet.load(store, diagnostics, { file: label });
}

/** Analyses the selected stored events (see the module header). */
export async function analyzeStoredEvents(options: AnalyzeStoreOptions): Promise<AnalyzeResult> {
  const { store, label, select, batchSize, fleetPrevalence, ...rest } = options;
  const size = batchSize ?? 2_000;
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError("batchSize must be a whole number ≥ 1");
  const fleet =
    fleetPrevalence === false
      ? undefined
      : new StoreFleetPrevalence({ maxCommandLineChars: options.history?.maxCommandLineChars });
  const result = await analyzeLogs([], {
    ...rest,
    ...(fleet && { history: { ...options.history, fleet } }),
    events: {
      label: label ?? "store",
      batches: storeBatches(store, select ?? {}, size, fleet, options.diagnostics, label ?? "store"),
    },
  });
  if (!fleet) return result;
  return { ...result, analyzers: { ...result.analyzers, "history.fleet": fleet.stats() } };
}

/** Writes a run's findings and incidents to the store under `runId` (a new one by default); returns it. */
export async function saveAnalysis(
  store: Store,
  result: Pick<AnalyzeResult, "findings" | "incidents">,
  runId: string = newRunId(),
): Promise<string> {
  await store.putFindings(runId, result.findings);
  await store.putIncidents(runId, result.incidents);
  return runId;
}
