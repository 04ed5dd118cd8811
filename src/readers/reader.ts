/**
 * The reader contract: one implementation per file format, each streaming a file as batches of
 * records with bounded memory. Problems go to `diagnostics` with a location; a reader only throws
 * when the file as a whole cannot be opened.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { SourceFormat } from "../events/provenance.js";
import type { RawRecord } from "./record.js";

export interface ReadOptions {
  readonly diagnostics: Diagnostics;
  /** EVTX: also render each record as XML (slower; for `dump --format xml`) */
  readonly xml?: boolean;
  /** Called with the number of input bytes consumed so far in this file */
  readonly onProgress?: (bytesDone: number) => void;
  readonly signal?: AbortSignal;
}

export interface FileReader {
  readonly format: SourceFormat;
  /** Yields records in file order, in batches (a chunk, or a few hundred lines). */
  read(file: string, options: ReadOptions): AsyncIterable<readonly RawRecord[]>;
}
