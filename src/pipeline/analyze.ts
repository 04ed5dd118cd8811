/**
 * The read pass every command builds on. Input: paths + options. Output: an AnalyzeSummary. Stages:
 *   read (walk, detect, stream records) → normalize (records → events) → summarize
 * Later stages consume the events of each batch through `onEvents`: detection and analytics in
 * analyze-logs.ts (`analyzeLogs`, the `analyze` command), Sigma alone in hunt.ts, pivots in
 * event-search.ts. Problems go to the Diagnostics passed in; nothing prints.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Location } from "../diagnostics/location.js";
import type { Event } from "../events/event.js";
import type { Provenance } from "../events/provenance.js";
import { createNormalizer, type Normalizer, type NormalizerOptions } from "../normalize/normalizer.js";
import {
  type ReadPathsOptions,
  type ReadProgress,
  type RecordBatch,
  readPaths,
} from "../readers/read-paths.js";
import type { WalkedFile } from "../readers/walk.js";
import { type AnalyzeSummary, SummaryBuilder, type SummaryOptions } from "./analyze-summary.js";

export interface AnalyzeOptions extends SummaryOptions {
  readonly diagnostics: Diagnostics;
  /** Options for the default normalizer (e.g. the user's field mapping) */
  readonly normalizer?: NormalizerOptions;
  /** A ready normalizer instead of the default one (tests, embedders) */
  readonly normalizerInstance?: Normalizer;
  readonly signal?: AbortSignal;
  /** Called once with the files found, before reading */
  readonly onFiles?: (files: readonly WalkedFile[]) => void;
  readonly onProgress?: (progress: ReadProgress) => void;
  /** Called with each batch's events (in file order); awaited, so a slow consumer slows the read */
  readonly onEvents?: (events: readonly Event[], batch: RecordBatch) => void | Promise<void>;
  /** Reader selection and walk limits (defaults: the built-in readers and format detection) */
  readonly read?: Pick<ReadPathsOptions, "registry" | "detect" | "walk" | "xml">;
  /**
   * Events already read and normalized (e.g. from the store): when given, `paths` must be empty and
   * nothing is read — each batch goes to the summary and `onEvents` as if it had been read (its
   * RecordBatch names the source `label`, format of the batch's first event, no records).
   */
  readonly events?: { readonly label: string; readonly batches: AsyncIterable<readonly Event[]> };
}

/** The location of a record, for diagnostics. */
export function provenanceLocation(p: Provenance): Location {
  return {
    file: p.file,
    line: p.line,
    offset: p.offset,
    chunk: p.chunk,
    recordId: p.recordId === undefined ? undefined : String(p.recordId),
  };
}

/** normalize: one batch of records → events. A record normalize cannot take is reported and skipped. */
function normalizeBatch(batch: RecordBatch, normalizer: Normalizer, diagnostics: Diagnostics): Event[] {
  const events: Event[] = [];
  for (const record of batch.records) {
    try {
      const event = normalizer.normalize(record, diagnostics);
      if (event) events.push(event);
    } catch (e) {
      // normalize must not throw; if it does, that is a bug, but one record must not end the run
      diagnostics.fromError(e, "E_INTERNAL", provenanceLocation(record.provenance));
    }
  }
  return events;
}

/**
 * Reads every file under `paths`, normalizes each record and summarizes the run. Never throws for bad
 * input (every problem is in `options.diagnostics`); rejects only when a callback throws.
 */
export async function analyze(paths: readonly string[], options: AnalyzeOptions): Promise<AnalyzeSummary> {
  const { diagnostics } = options;
  if (options.events) return analyzeEvents(paths, options, options.events);
  const normalizer = options.normalizerInstance ?? createNormalizer(options.normalizer);
  const summary = new SummaryBuilder(options);

  const batches = readPaths(paths, {
    ...options.read,
    diagnostics,
    signal: options.signal,
    onFiles: options.onFiles,
    onProgress: options.onProgress,
    onFileDone: (result) => summary.addFile(result),
  });

  for await (const batch of batches) {
    summary.addRecords(batch.records.length);
    const events = normalizeBatch(batch, normalizer, diagnostics);
    for (const event of events) summary.addEvent(event);
    if (options.onEvents) await options.onEvents(events, batch);
    if (options.signal?.aborted) break;
  }
  return summary.build(diagnostics);
}

/** The `events` form of `analyze`: batches of stored events instead of files. */
async function analyzeEvents(
  paths: readonly string[],
  options: AnalyzeOptions,
  source: NonNullable<AnalyzeOptions["events"]>,
): Promise<AnalyzeSummary> {
  if (paths.length > 0) throw new Error("analyze: give either paths or events, not both");
  const summary = new SummaryBuilder(options);
  for await (const events of source.batches) {
    summary.addRecords(events.length);
    for (const event of events) summary.addEvent(event);
    const format = events[0]?.provenance.format ?? "json";
    if (options.onEvents) await options.onEvents(events, { file: source.label, format, records: [] });
    if (options.signal?.aborted) break;
  }
  return summary.build(options.diagnostics);
}
