/**
 * Reads everything under a list of paths: walk → detect each file's format → stream its reader's
 * batches. Input: paths + options (diagnostics, hooks). Output: an async stream of record batches,
 * each tagged with its file and format; per-file results, progress (bytes) and totals (files by
 * format) through callbacks. One bad file never stops the run: it leaves a located diagnostic.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { SOURCE_FORMATS, type SourceFormat } from "../events/provenance.js";
import { detectFormat } from "./detect-format.js";
import type { RawRecord } from "./record.js";
import { READERS, type ReaderRegistry, readerFor } from "./registry.js";
import { type WalkedFile, type WalkOptions, walkPaths } from "./walk.js";

/** Finds a file's format from its content (the default is `detectFormat`). */
export type DetectFormat = (file: string) => Promise<SourceFormat | undefined>;

/** What became of one file. */
export const FILE_OUTCOMES = ["read", "failed", "unknown-format", "not-requested"] as const;
export type FileOutcome = (typeof FILE_OUTCOMES)[number];

/** The result of reading one file. */
export interface FileReadResult {
  readonly file: string;
  /** Undefined when the format could not be detected (or the file could not be opened to detect it) */
  readonly format: SourceFormat | undefined;
  /** Size of the file in bytes (as walked) */
  readonly bytes: number;
  /** Records yielded from this file (also when reading failed part-way) */
  readonly records: number;
  /** `read`: to the end; `failed`: stopped by an error (diagnostic reported); the others: not read */
  readonly outcome: FileOutcome;
}

/** Progress of the whole run, for a progress bar. */
export interface ReadProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  /** Input bytes consumed so far, over all files (compressed bytes for gzip) */
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /** The file being read */
  readonly file: string;
}

/** Totals of a run, reported once at the end. */
export interface ReadTotals {
  readonly files: number;
  /** Files handed to a reader, by detected format (including those that then failed) */
  readonly filesByFormat: Readonly<Record<SourceFormat, number>>;
  readonly unknownFormat: number;
  readonly notRequested: number;
  readonly failed: number;
  readonly bytes: number;
  readonly records: number;
}

/** Records from one file, in file order. */
export interface RecordBatch {
  readonly file: string;
  readonly format: SourceFormat;
  readonly records: readonly RawRecord[];
}

export interface ReadPathsOptions {
  readonly diagnostics: Diagnostics;
  /** EVTX: also render XML (see ReadOptions.xml) */
  readonly xml?: boolean;
  readonly signal?: AbortSignal;
  /** Read only files of these formats; any other detected format is skipped with a warning giving `reason` */
  readonly only?: { readonly formats: readonly SourceFormat[]; readonly reason: string };
  /** Called once after walking, with every file that will be looked at */
  readonly onFiles?: (files: readonly WalkedFile[]) => void;
  readonly onProgress?: (progress: ReadProgress) => void;
  readonly onFileDone?: (result: FileReadResult) => void;
  readonly onDone?: (totals: ReadTotals) => void;
  /** Readers by format (default: the built-in ones) */
  readonly registry?: ReaderRegistry;
  /** Format detection (default: `detectFormat`) */
  readonly detect?: DetectFormat;
  /** Limits for the directory walk */
  readonly walk?: Omit<WalkOptions, "diagnostics">;
}

function emptyByFormat(): Record<SourceFormat, number> {
  const counts = {} as Record<SourceFormat, number>;
  for (const f of SOURCE_FORMATS) counts[f] = 0;
  return counts;
}

/**
 * Streams the records of every file under `paths`. Files whose format is unknown get `E_FORMAT_UNKNOWN`
 * (an error for a file the user named, a warning for one found in a directory); files that cannot be
 * opened or break off part-way get the reader's error (default `E_IO`). When no file at all could be
 * read, an `E_IO` error says so.
 */
export async function* readPaths(
  paths: readonly string[],
  options: ReadPathsOptions,
): AsyncGenerator<RecordBatch> {
  const { diagnostics, signal } = options;
  const registry = options.registry ?? READERS;
  const detect = options.detect ?? detectFormat;
  const files = await walkPaths(paths, { ...options.walk, diagnostics });
  options.onFiles?.(files);

  const bytesTotal = files.reduce((sum, f) => sum + f.size, 0);
  const filesByFormat = emptyByFormat();
  let bytesBefore = 0;
  let filesDone = 0;
  let unknownFormat = 0;
  let notRequested = 0;
  let failed = 0;
  let recordsTotal = 0;

  const progress = (walked: WalkedFile, bytesInFile: number): void => {
    options.onProgress?.({
      filesDone,
      filesTotal: files.length,
      // a file that grew while being read must not push the bar past its total
      bytesDone: bytesBefore + Math.min(bytesInFile, walked.size),
      bytesTotal,
      file: walked.path,
    });
  };

  for (const walked of files) {
    if (signal?.aborted) break;
    const file = walked.path;
    progress(walked, 0);
    let format: SourceFormat | undefined;
    let records = 0;
    let outcome: FileOutcome = "read";
    try {
      if (walked.size > 0) format = await detect(file);
      if (walked.size === 0) {
        outcome = "unknown-format";
        unknownFormat++;
        diagnostics.warn("E_FORMAT_UNKNOWN", "empty file: nothing to read", { file });
      } else if (format === undefined) {
        outcome = "unknown-format";
        unknownFormat++;
        diagnostics.report(
          walked.explicit ? "error" : "warning",
          "E_FORMAT_UNKNOWN",
          "not a supported log format (EVTX, JSON/NDJSON, Zeek): skipped",
          { file },
        );
      } else if (options.only && !options.only.formats.includes(format)) {
        outcome = "not-requested";
        notRequested++;
        diagnostics.warn("E_USAGE", `${format} file skipped: ${options.only.reason}`, { file });
      } else {
        filesByFormat[format]++;
        const reader = readerFor(format, registry);
        const batches = reader.read(file, {
          diagnostics,
          xml: options.xml,
          signal,
          onProgress: (bytesDone) => progress(walked, bytesDone),
        });
        for await (const batch of batches) {
          if (batch.length === 0) continue;
          records += batch.length;
          recordsTotal += batch.length;
          yield { file, format, records: batch };
          if (signal?.aborted) break;
        }
      }
    } catch (e) {
      outcome = "failed";
      failed++;
      diagnostics.fromError(e, "E_IO", { file });
    }
    filesDone++;
    bytesBefore += walked.size;
    progress(walked, 0);
    options.onFileDone?.({ file, format, bytes: walked.size, records, outcome });
  }

  const read = SOURCE_FORMATS.reduce((sum, f) => sum + filesByFormat[f], 0);
  if (read === 0 && !signal?.aborted) {
    diagnostics.error(
      "E_IO",
      files.length === 0
        ? "no input files found in the given paths"
        : `none of the ${files.length} file(s) found could be read as a log`,
    );
  }
  options.onDone?.({
    files: files.length,
    filesByFormat,
    unknownFormat,
    notRequested,
    failed,
    bytes: bytesTotal,
    records: recordsTotal,
  });
}
