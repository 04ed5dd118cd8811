/**
 * The JSON reader (format "json"). Input: a file of JSON objects, plain or gzipped (by magic bytes):
 * NDJSON (Winlogbeat / Elastic Agent ECS exports, OTRF Security-Datasets), one top-level array of
 * objects, one pretty-printed object, or pretty-printed objects back to back (evtx_dump style).
 * Output: JsonRecord batches, one record per object, located by line (and byte offset when the file
 * is not compressed). The objects are not interpreted here; that is normalize's job.
 *
 * Bad input never stops the file: a value that does not parse → E_JSON_SYNTAX, a value that is not
 * an object → E_JSON_SHAPE, a value over the size limit → E_LIMIT, a truncated or corrupt gzip
 * stream → E_IO, gzip content that expands past the gunzip limits (a bomb) → E_LIMIT and reading
 * stops; each with file:line and the reason, and reading goes on where it can.
 */
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { GunzipLimits } from "../gunzip-limit.js";
import type { FileReader, ReadOptions } from "../reader.js";
import type { JsonRecord } from "../record.js";
import { type ByteSource, openByteSource } from "../text/byte-source.js";
import { JsonValueScanner, type ScannedValue } from "./json-value-scanner.js";
import { describeJsonKind, isJsonObject, parseJsonText } from "./parse-json-text.js";

/** The largest single JSON value read (64 MiB); a bigger one is skipped with E_LIMIT. */
export const MAX_JSON_VALUE_BYTES = 64 * 1024 * 1024;
/** Records per yielded batch. */
export const JSON_BATCH_SIZE = 256;
/**
 * Text bytes per yielded batch: a batch is also cut when its values add up to this, so 256 values of
 * up to 64 MiB each are never held at once (memory stays near one value, not 16 GiB).
 */
export const JSON_BATCH_MAX_BYTES = 16 * 1024 * 1024;

export interface NdjsonReaderOptions {
  /** Size limit of one value in bytes (default MAX_JSON_VALUE_BYTES) */
  readonly maxValueBytes?: number;
  /** Records per batch (default JSON_BATCH_SIZE) */
  readonly batchSize?: number;
  /** Size of the chunks read from disk (default 1 MiB) */
  readonly chunkBytes?: number;
  /** Bounds on gunzipped content (default DEFAULT_GUNZIP_LIMITS; tests use small ones) */
  readonly gunzip?: GunzipLimits;
}

/** The line a parser error position points at, counted from the value's first line. */
function lineOfPosition(text: string, startLine: number, position: number | undefined): number {
  if (position === undefined) return startLine;
  let line = startLine;
  const end = Math.min(position, text.length);
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

class RecordCollector {
  readonly ready: JsonRecord[][] = [];
  private batch: JsonRecord[] = [];
  private batchBytes = 0;

  constructor(
    private readonly source: ByteSource,
    private readonly diagnostics: Diagnostics,
    private readonly maxValueBytes: number,
    private readonly batchSize: number,
  ) {}

  add(values: readonly ScannedValue[]): void {
    for (const v of values) this.one(v);
  }

  flush(): void {
    if (this.batch.length > 0) this.ready.push(this.batch);
    this.batch = [];
    this.batchBytes = 0;
  }

  private one(v: ScannedValue): void {
    const { source, diagnostics } = this;
    if (v.kind === "oversize") {
      diagnostics.error(
        "E_LIMIT",
        `JSON value of ${v.bytes} bytes is larger than the ${this.maxValueBytes}-byte limit; skipped`,
        source.locate(v.line, v.position),
      );
      return;
    }
    const parsed = parseJsonText(v.text);
    if (!parsed.ok) {
      const line = lineOfPosition(v.text, v.line, parsed.position);
      const where = line === v.line ? source.locate(line, v.position) : { file: source.file, line };
      const detail = line === v.line ? "" : ` (in the value starting at line ${v.line})`;
      diagnostics.error("E_JSON_SYNTAX", `not valid JSON: ${parsed.reason}${detail}; skipped`, where);
      return;
    }
    if (!isJsonObject(parsed.value)) {
      diagnostics.error(
        "E_JSON_SHAPE",
        `expected a JSON object (one event), found ${describeJsonKind(parsed.value)}; skipped`,
        source.locate(v.line, v.position),
      );
      return;
    }
    this.batch.push({
      kind: "json",
      provenance: { ...source.locate(v.line, v.position), format: "json" },
      value: parsed.value,
    });
    this.batchBytes += v.text.length;
    if (this.batch.length >= this.batchSize || this.batchBytes >= JSON_BATCH_MAX_BYTES) this.flush();
  }
}

/** Makes a JSON reader with non-default limits (tests use small ones). */
export function createNdjsonReader(readerOptions: NdjsonReaderOptions = {}): FileReader {
  const maxValueBytes = readerOptions.maxValueBytes ?? MAX_JSON_VALUE_BYTES;
  const batchSize = readerOptions.batchSize ?? JSON_BATCH_SIZE;

  async function* read(file: string, options: ReadOptions): AsyncGenerator<JsonRecord[]> {
    const { diagnostics, signal } = options;
    const source = await openByteSource(file, {
      onProgress: options.onProgress,
      chunkBytes: readerOptions.chunkBytes,
      gunzip: readerOptions.gunzip,
    });
    const scanner = new JsonValueScanner(maxValueBytes);
    const collector = new RecordCollector(source, diagnostics, maxValueBytes, batchSize);
    const values: ScannedValue[] = [];
    try {
      for await (const chunk of source.chunks()) {
        if (signal?.aborted) return;
        scanner.push(chunk, values);
        collector.add(values);
        values.length = 0;
        while (collector.ready.length > 0) yield collector.ready.shift()!;
      }
      scanner.finish(values);
      collector.add(values);
    } catch (e) {
      if (!(e instanceof MikiwameError)) throw e;
      // The stream broke part-way (e.g. a truncated .gz): keep what was read, drop the partial value.
      diagnostics.error(
        e.code,
        `${e.message}; reading stopped near line ${scanner.line}, the records before it were kept`,
        {
          file,
          line: scanner.line,
        },
      );
    }
    collector.flush();
    while (collector.ready.length > 0) yield collector.ready.shift()!;
  }

  return { format: "json", read };
}

/** The JSON / NDJSON reader with the default limits. */
export const ndjsonReader: FileReader = createNdjsonReader();
