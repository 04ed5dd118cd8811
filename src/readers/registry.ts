/**
 * The reader registry: which FileReader reads which source format. Input: a SourceFormat.
 * Output: its FileReader. read-paths uses it after format detection; tests can pass their own.
 */
import type { SourceFormat } from "../events/provenance.js";
import { evtxReader } from "./evtx/evtx-reader.js";
import { ndjsonReader } from "./ndjson/ndjson-reader.js";
import type { FileReader } from "./reader.js";
import { zeekReader } from "./zeek/zeek-reader.js";

/** One reader per source format. */
export type ReaderRegistry = Readonly<Record<SourceFormat, FileReader>>;

/** The built-in readers. */
export const READERS: ReaderRegistry = {
  evtx: evtxReader,
  json: ndjsonReader,
  zeek: zeekReader,
};

/** The reader for `format` (from `registry`, by default the built-in one). */
export function readerFor(format: SourceFormat, registry: ReaderRegistry = READERS): FileReader {
  return registry[format];
}
