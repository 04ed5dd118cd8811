/**
 * What `mikiwame ingest` does, apart from printing: read log files with the usual pipeline (walk →
 * detect → read → normalize) and append their events to a Store in batches, skipping files already
 * ingested (same absolute path, size and modification time, or the same SHA-256 of the content) unless
 * forced. Input: paths, an open Store, the run's Diagnostics. Output: per-file results (events, new,
 * duplicates, problems) and the bookkeeping notes in the store. Bad input goes to the Diagnostics as in
 * every command; an event the store would refuse is reported (E_STORE, at its record) and left out.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { Event } from "../../events/event.js";
import type { Provenance, SourceFormat } from "../../events/provenance.js";
import type { NormalizerOptions } from "../../normalize/normalizer.js";
import { toJsonText } from "../../outputs/json-text.js";
import { analyze } from "../../pipeline/analyze.js";
import type { ReadProgress, RecordBatch } from "../../readers/read-paths.js";
import type { FileReader } from "../../readers/reader.js";
import type { RawRecord } from "../../readers/record.js";
import { READERS, type ReaderRegistry } from "../../readers/registry.js";
import { walkPaths } from "../../readers/walk.js";
import { eventLocation, eventProblem } from "../../store/event-validation.js";
import type { IngestedFile, Store } from "../../store/store.js";

/** Events appended per transaction (a file's last batch may be smaller). */
export const INGEST_BATCH = 10_000;

/** What became of one file. */
export const INGEST_OUTCOMES = ["ingested", "skipped", "failed", "not-a-log"] as const;
export type IngestOutcome = (typeof INGEST_OUTCOMES)[number];

export interface FileIngestResult {
  readonly file: string;
  readonly outcome: IngestOutcome;
  /** Events read from the file */
  readonly events: number;
  readonly inserted: number;
  readonly duplicates: number;
  /** Diagnostics reported while the file was read */
  readonly problems: number;
  /** Why a file was skipped */
  readonly reason?: string;
}

export interface IngestFilesResult {
  readonly files: readonly FileIngestResult[];
  readonly events: number;
  readonly inserted: number;
  readonly duplicates: number;
}

export interface IngestFilesOptions {
  readonly store: Store;
  readonly diagnostics: Diagnostics;
  readonly normalizer?: NormalizerOptions;
  readonly signal?: AbortSignal;
  /** Ingest files even when already ingested (dedupe still applies) */
  readonly force?: boolean;
  /** Keep each event's raw record (as `mikiwame dump` prints it); default true */
  readonly keepRaw?: boolean;
  readonly batchSize?: number;
  readonly onProgress?: (progress: ReadProgress) => void;
  /** The current time (epoch ms) for the bookkeeping notes */
  readonly now?: () => number;
}

/** Hex SHA-256 of a file's content, read as a stream. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

interface Planned {
  readonly path: string;
  readonly size: number;
  readonly mtime: number;
  readonly sha256: string | undefined;
}

/** Decides which walked files to read: the plan for each, or why it is skipped. */
async function planFiles(
  paths: readonly string[],
  store: Store,
  force: boolean,
): Promise<{ planned: Map<string, Planned>; skipped: Map<string, string> }> {
  // analyze walks again and reports the walk's problems: this walk's diagnostics are not needed
  const walked = await walkPaths(paths, { diagnostics: new Diagnostics(0) });
  const known = await store.ingestedFiles();
  const byPath = new Map(known.map((f) => [f.path, f]));
  const bySha = new Map(known.filter((f) => f.sha256 !== undefined).map((f) => [f.sha256, f]));
  const planned = new Map<string, Planned>();
  const skipped = new Map<string, string>();
  for (const { path: file } of walked) {
    const path = resolve(file);
    let size: number;
    let mtime: number;
    try {
      const st = await stat(file);
      size = st.size;
      mtime = st.mtimeMs;
    } catch {
      continue; // the read reports it
    }
    const before = byPath.get(path);
    if (!force && before && before.size === size && before.mtime === mtime) {
      skipped.set(file, "already ingested (same path, size and modification time)");
      continue;
    }
    const sha256 = await sha256File(file).catch(() => undefined);
    const same = sha256 === undefined ? undefined : bySha.get(sha256);
    if (!force && same) {
      skipped.set(file, `already ingested (same content as ${same.path})`);
      continue;
    }
    planned.set(file, { path, size, mtime, sha256 });
  }
  return { planned, skipped };
}

/** The built-in readers, except that a skipped file reads as empty. */
function skippingRegistry(skipped: ReadonlyMap<string, string>): ReaderRegistry {
  const wrap = (reader: FileReader): FileReader => ({
    format: reader.format,
    read: (file, options) => (skipped.has(file) ? (async function* () {})() : reader.read(file, options)),
  });
  const out = {} as Record<SourceFormat, FileReader>;
  for (const [format, reader] of Object.entries(READERS) as [SourceFormat, FileReader][])
    out[format] = wrap(reader);
  return out;
}

interface Counts {
  events: number;
  inserted: number;
  duplicates: number;
  problems: number;
}

/** Reads `paths` and appends their events to `options.store` (see the module comment). */
export async function ingestFiles(
  paths: readonly string[],
  options: IngestFilesOptions,
): Promise<IngestFilesResult> {
  const { store, diagnostics } = options;
  const batchSize = options.batchSize ?? INGEST_BATCH;
  const keepRaw = options.keepRaw !== false;
  const { planned, skipped } = await planFiles(paths, store, options.force === true);
  const counts = new Map<string, Counts>();
  const countsOf = (file: string): Counts => {
    let c = counts.get(file);
    if (!c) {
      c = { events: 0, inserted: 0, duplicates: 0, problems: 0 };
      counts.set(file, c);
    }
    return c;
  };

  let pending: Event[] = [];
  let pendingRaw: (string | undefined)[] = [];
  let pendingFile = "";
  // one batch in flight: DuckDB stores it (off the main thread) while the next one is read and normalized
  let inflight: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    await inflight;
    if (pending.length === 0) return;
    const file = pendingFile;
    const stored = store.ingestEvents(pending, { name: file, raw: keepRaw ? pendingRaw : undefined });
    pending = [];
    pendingRaw = [];
    inflight = stored.then((r) => {
      const c = countsOf(file);
      c.inserted += r.inserted;
      c.duplicates += r.duplicates;
    });
    // a failed batch must not go unnoticed while the next is read: it is awaited at the next flush
    inflight.catch(() => undefined);
  };

  // diagnostics are counted per file: those reported between a file's first progress report and the next file's
  let current: string | undefined;
  let totalAtStart = 0;
  const closeCurrent = (): void => {
    if (current !== undefined) countsOf(current).problems += diagnostics.total - totalAtStart;
  };

  const onEvents = async (events: readonly Event[], batch: RecordBatch): Promise<void> => {
    if (batch.file !== pendingFile) await flush();
    pendingFile = batch.file;
    const records = new Map<Provenance, RawRecord>();
    if (keepRaw) for (const r of batch.records) records.set(r.provenance, r);
    for (const event of events) {
      const problem = eventProblem(event);
      if (problem) {
        diagnostics.error("E_STORE", `event cannot be stored: ${problem}; skipped`, eventLocation(event));
        continue;
      }
      const record = records.get(event.provenance);
      pending.push(event);
      pendingRaw.push(record ? toJsonText(record) : undefined);
    }
    countsOf(batch.file).events += events.length;
    if (pending.length >= batchSize) await flush();
  };

  const summary = await analyze(paths, {
    diagnostics,
    normalizer: options.normalizer,
    signal: options.signal,
    read: { registry: skippingRegistry(skipped) },
    onProgress: (p) => {
      if (p.file !== current) {
        closeCurrent();
        current = p.file;
        totalAtStart = diagnostics.total;
      }
      options.onProgress?.(p);
    },
    onEvents,
  });
  await flush();
  await inflight;
  closeCurrent();

  const now = options.now ?? Date.now;
  const files: FileIngestResult[] = [];
  for (const f of summary.perFile) {
    const c = countsOf(f.file);
    const reason = skipped.get(f.file);
    const outcome: IngestOutcome =
      reason !== undefined
        ? "skipped"
        : f.outcome === "read"
          ? "ingested"
          : f.outcome === "failed"
            ? "failed"
            : "not-a-log";
    files.push({ file: f.file, outcome, ...c, ...(reason === undefined ? {} : { reason }) });
    const plan = planned.get(f.file);
    // an interrupted run notes nothing: the next run reads those files again (and dedupe keeps them single)
    if (outcome === "ingested" && plan && !options.signal?.aborted) {
      const note: IngestedFile = {
        path: plan.path,
        size: plan.size,
        mtime: plan.mtime,
        events: c.events,
        at: now(),
      };
      await store.recordIngest(plan.sha256 === undefined ? note : { ...note, sha256: plan.sha256 });
    }
  }
  const sum = (k: "events" | "inserted" | "duplicates") => files.reduce((s, f) => s + f[k], 0);
  return { files, events: sum("events"), inserted: sum("inserted"), duplicates: sum("duplicates") };
}
