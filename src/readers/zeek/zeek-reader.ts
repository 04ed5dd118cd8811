/**
 * The Zeek reader (format "zeek"). Input: a Zeek log, plain or gzipped (by magic bytes), either TSV
 * (with `#separator` … `#types` headers, possibly repeated, possibly without `#close`, possibly
 * after a btest banner line, or with a single column-names line) or JSON (one object per line).
 * The first line with content decides which. Output: ZeekRecord batches, typed by `#types` (TSV) or
 * as JSON gives them, with the log path from `#path` / `_path` / `@stream` or else the file name.
 *
 * Bad input never stops the file: header and row problems are reported as described in
 * zeek-tsv-parser.ts; JSON lines that do not parse → E_JSON_SYNTAX, that are not objects →
 * E_JSON_SHAPE; an unreadable JSON `ts` → E_ZEEK_ROW (null); a line over the size limit → E_LIMIT;
 * a truncated or corrupt gzip stream → E_IO; gzip content that expands past the gunzip limits (a
 * bomb) → E_LIMIT and reading stops. Every problem is located by file and line.
 */
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { describeJsonKind, isJsonObject, parseJsonText } from "../ndjson/parse-json-text.js";
import type { GunzipLimits } from "../gunzip-limit.js";
import type { FileReader, ReadOptions } from "../reader.js";
import type { ZeekRecord } from "../record.js";
import { type ByteSource, openByteSource } from "../text/byte-source.js";
import { LineSplitter, type TextLine } from "../text/line-splitter.js";
import { readZeekJsonRow } from "./zeek-json-row.js";
import { zeekPathFromFileName } from "./zeek-log-path.js";
import { ZeekTsvParser } from "./zeek-tsv-parser.js";

/** The longest line read (64 MiB); a longer one is skipped with E_LIMIT. */
export const MAX_ZEEK_LINE_BYTES = 64 * 1024 * 1024;
/** Records per yielded batch. */
export const ZEEK_BATCH_SIZE = 256;
/** Line bytes per yielded batch: a batch is also cut at this size, so 256 long rows are never held at once. */
export const ZEEK_BATCH_MAX_BYTES = 16 * 1024 * 1024;

export interface ZeekReaderOptions {
  /** Size limit of one line in bytes (default MAX_ZEEK_LINE_BYTES) */
  readonly maxLineBytes?: number;
  /** Records per batch (default ZEEK_BATCH_SIZE) */
  readonly batchSize?: number;
  /** Size of the chunks read from disk (default 1 MiB) */
  readonly chunkBytes?: number;
  /** Bounds on gunzipped content (default DEFAULT_GUNZIP_LIMITS; tests use small ones) */
  readonly gunzip?: GunzipLimits;
}

/** Which kind of Zeek log a file is, decided by its first line with content. */
const ZEEK_LOG_KINDS = ["unknown", "tsv", "json"] as const;
type ZeekLogKind = (typeof ZEEK_LOG_KINDS)[number];

function kindOfFirstLine(text: string): ZeekLogKind {
  const t = text.trimStart();
  if (t === "" || t.startsWith("###")) return "unknown";
  return t.startsWith("{") ? "json" : "tsv";
}

function jsonRow(
  l: TextLine,
  source: ByteSource,
  diagnostics: Diagnostics,
  fallbackPath: string,
): ZeekRecord | undefined {
  if (l.text.trim() === "") return undefined;
  const where = source.locate(l.line, l.position);
  const parsed = parseJsonText(l.text);
  if (!parsed.ok) {
    diagnostics.error("E_JSON_SYNTAX", `not valid JSON: ${parsed.reason}; line skipped`, where);
    return undefined;
  }
  if (!isJsonObject(parsed.value)) {
    diagnostics.error(
      "E_JSON_SHAPE",
      `expected a JSON object (one log entry), found ${describeJsonKind(parsed.value)}; line skipped`,
      where,
    );
    return undefined;
  }
  const row = readZeekJsonRow(parsed.value);
  if (row.badTs !== undefined) {
    diagnostics.error(
      "E_ZEEK_ROW",
      `'ts' is neither epoch seconds nor an ISO time: '${row.badTs}'; set to null`,
      where,
    );
  }
  return {
    kind: "zeek",
    provenance: { ...where, format: "zeek" },
    path: row.path ?? fallbackPath,
    fields: row.fields,
  };
}

/** Makes a Zeek reader with non-default limits (tests use small ones). */
export function createZeekReader(readerOptions: ZeekReaderOptions = {}): FileReader {
  const maxLineBytes = readerOptions.maxLineBytes ?? MAX_ZEEK_LINE_BYTES;
  const batchSize = readerOptions.batchSize ?? ZEEK_BATCH_SIZE;

  async function* read(file: string, options: ReadOptions): AsyncGenerator<ZeekRecord[]> {
    const { diagnostics, signal } = options;
    const source = await openByteSource(file, {
      onProgress: options.onProgress,
      chunkBytes: readerOptions.chunkBytes,
      gunzip: readerOptions.gunzip,
    });
    const fallbackPath = zeekPathFromFileName(file);
    const tsv = new ZeekTsvParser(source, diagnostics, fallbackPath);
    let kind: ZeekLogKind = "unknown";
    let lastLine = 0;
    let batch: ZeekRecord[] = [];
    let batchBytes = 0;
    try {
      for await (const lines of LineSplitter.lines(source.chunks(), maxLineBytes)) {
        if (signal?.aborted) return;
        for (const l of lines) {
          lastLine = l.line;
          if (l.kind === "oversize") {
            diagnostics.error(
              "E_LIMIT",
              `line of ${l.bytes} bytes is longer than the ${maxLineBytes}-byte limit; skipped`,
              source.locate(l.line, l.position),
            );
            continue;
          }
          if (kind === "unknown") kind = kindOfFirstLine(l.text);
          const record = kind === "json" ? jsonRow(l, source, diagnostics, fallbackPath) : tsv.line(l);
          if (record === undefined) continue;
          batch.push(record);
          batchBytes += l.text.length;
          if (batch.length >= batchSize || batchBytes >= ZEEK_BATCH_MAX_BYTES) {
            yield batch;
            batch = [];
            batchBytes = 0;
          }
        }
      }
    } catch (e) {
      if (!(e instanceof MikiwameError)) throw e;
      // The stream broke part-way (e.g. a truncated .gz): keep what was read, drop the partial line.
      diagnostics.error(
        e.code,
        `${e.message}; reading stopped after line ${lastLine}, the rows before it were kept`,
        {
          file,
          line: lastLine,
        },
      );
    }
    if (batch.length > 0) yield batch;
  }

  return { format: "zeek", read };
}

/** The Zeek reader with the default limits. */
export const zeekReader: FileReader = createZeekReader();
