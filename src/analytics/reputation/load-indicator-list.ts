/**
 * Loads a local indicator list file (format: docs/analytics-reputation.md) into an `IndicatorList`,
 * streaming it line by line with a cap on the line length and on the number of indicators, so a huge
 * or hostile file cannot exhaust memory. `.gz` files are decompressed on the fly. A line that cannot be
 * read is reported (`E_INDICATOR`, file:line, the reason) and skipped; an over-long line is `E_LIMIT`.
 * Only a file that cannot be opened at all rejects (`E_IO`).
 * Input: a path, Diagnostics, options. Output: Promise<IndicatorList>.
 */
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { Verdict } from "./indicator.js";
import { IndicatorList } from "./indicator-list.js";
import { type HeaderColumn, parseHeader, parseHeaderedLine, parsePositionalLine } from "./indicator-line.js";

/** Options of `loadIndicatorList`. */
export interface IndicatorListLoadOptions {
  /** Verdict of a line that gives none (a plain blocklist: malicious; a hash safelist: pass benign) */
  readonly defaultVerdict: Verdict;
  /** Source name of a line that gives none; default: the file's base name */
  readonly source?: string;
  /** Longest line read, in bytes; longer lines are skipped with E_LIMIT */
  readonly maxLineBytes: number;
  /** Most indicators held (over all files loaded into one list); beyond it lines are counted and skipped */
  readonly maxIndicators: number;
  /** Add to this list instead of a new one (to merge several files) */
  readonly into?: IndicatorList;
}

export const DEFAULT_INDICATOR_LIST_LOAD_OPTIONS: IndicatorListLoadOptions = {
  defaultVerdict: "malicious",
  maxLineBytes: 8_192,
  maxIndicators: 5_000_000,
};

/** Per-file counts of a load, returned beside the list. */
export interface IndicatorListLoadStats {
  lines: number;
  indicators: number;
  duplicates: number;
  skippedLines: number;
  overLimit: number;
}

/** Streams `file` as lines (no line terminators), each at most `maxBytes`; longer lines come as `undefined`. */
async function* fileLines(file: string, maxBytes: number): AsyncGenerator<string | undefined> {
  const raw = createReadStream(file);
  const stream = file.toLowerCase().endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  raw.on("error", (e) => stream.destroy(e));
  let parts: Buffer[] = [];
  let length = 0;
  let overlong = false;
  const take = (): string | undefined => {
    const line = overlong ? undefined : Buffer.concat(parts, length).toString("utf8");
    parts = [];
    length = 0;
    overlong = false;
    return line;
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    // bounded by the chunk length: each step consumes at least one byte
    while (start < chunk.length) {
      const nl = chunk.indexOf(10, start);
      const end = nl < 0 ? chunk.length : nl;
      if (!overlong) {
        if (length + (end - start) > maxBytes) {
          overlong = true;
          parts = [];
        } else {
          parts.push(chunk.subarray(start, end));
          length += end - start;
        }
      }
      if (nl < 0) break;
      yield take();
      start = nl + 1;
    }
  }
  if (length > 0 || overlong) yield take();
}

/**
 * Loads one indicator list. Rejects with `E_IO` when the file cannot be read; everything else is a
 * located diagnostic and the line is skipped.
 */
export async function loadIndicatorList(
  file: string,
  diagnostics: Diagnostics,
  options: Partial<IndicatorListLoadOptions> = {},
  stats?: IndicatorListLoadStats,
): Promise<IndicatorList> {
  const o = { ...DEFAULT_INDICATOR_LIST_LOAD_OPTIONS, ...options };
  const list = o.into ?? new IndicatorList();
  const defaults = { verdict: o.defaultVerdict, source: o.source ?? baseName(file) };
  const s: IndicatorListLoadStats = stats ?? {
    lines: 0,
    indicators: 0,
    duplicates: 0,
    skippedLines: 0,
    overLimit: 0,
  };
  let header: (HeaderColumn | undefined)[] | undefined;
  let first = true;
  let lineNo = 0;
  try {
    for await (const text of fileLines(file, o.maxLineBytes)) {
      lineNo++;
      s.lines++;
      if (text === undefined) {
        s.skippedLines++;
        diagnostics.warn("E_LIMIT", `indicator list line longer than ${o.maxLineBytes} bytes; skipped`, {
          file,
          line: lineNo,
        });
        continue;
      }
      let line = lineNo === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      line = line.trim();
      if (line === "" || line.startsWith("#")) continue;
      if (first) {
        first = false;
        header = parseHeader(line);
        if (header) continue;
      }
      const origin = `${file}:${lineNo}`;
      const r = header
        ? parseHeaderedLine(line, header, defaults, origin)
        : parsePositionalLine(line, defaults, origin);
      for (const problem of r.problems)
        diagnostics.warn("E_INDICATOR", `${problem}; skipped`, { file, line: lineNo });
      if (r.indicators.length === 0) s.skippedLines++;
      for (const indicator of r.indicators) {
        if (list.size >= o.maxIndicators) {
          if (s.overLimit++ === 0)
            diagnostics.warn(
              "E_LIMIT",
              `indicator list holds ${o.maxIndicators} indicators (maxIndicators); the rest of the file is skipped`,
              { file, line: lineNo },
            );
          continue;
        }
        const added = list.add(indicator);
        if (added.added) s.indicators++;
        else {
          s.duplicates++;
          if (added.previous.verdict !== indicator.verdict)
            diagnostics.warn(
              "E_INDICATOR",
              `${indicator.value} is listed as ${added.previous.verdict} at ${added.previous.origin} and as ${indicator.verdict} here; ${added.kept.verdict} is kept`,
              { file, line: lineNo },
            );
        }
      }
    }
  } catch (e) {
    if (lineNo === 0) throw new MikiwameError("E_IO", `cannot read indicator list: ${message(e)}`, { file });
    diagnostics.error("E_IO", `indicator list read failed after line ${lineNo}: ${message(e)}`, {
      file,
      line: lineNo,
    });
  }
  list.files.push(file);
  return list;
}

/** Loads several lists into one (later files add to earlier ones; a duplicate keeps the stronger verdict). */
export async function loadIndicatorLists(
  files: readonly string[],
  diagnostics: Diagnostics,
  options: Partial<IndicatorListLoadOptions> = {},
): Promise<IndicatorList> {
  const list = options.into ?? new IndicatorList();
  for (const file of files) await loadIndicatorList(file, diagnostics, { ...options, into: list });
  return list;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function baseName(file: string): string {
  const i = Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\"));
  return file.slice(i + 1);
}
