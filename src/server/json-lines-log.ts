/**
 * An append-only JSON-lines file of the server (the audit log, the incident notes): whole-line appends
 * (durable when asked), and reads that stream the file with a cap on the line length, so memory stays
 * bounded however long the log grows. Pages are newest first, found in two passes (count, then pick),
 * holding only one page in memory. A line that is not JSON or not an entry is reported to the
 * Diagnostics (located file:line) and skipped. Input: the file and a decoder. Output: entries, pages.
 */
import { createReadStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { ErrorCode } from "../diagnostics/error-codes.js";
import { LineSplitter } from "../readers/text/line-splitter.js";
import { appendLine } from "./durable-file.js";

/** Longest line read back (entries we write are far smaller). */
const MAX_LINE_BYTES = 1024 * 1024;

/** A page, newest first. */
export interface LogPage<T> {
  readonly total: number;
  readonly items: readonly T[];
}

export class JsonLinesLog<T> {
  constructor(
    readonly file: string,
    private readonly decode: (value: unknown) => T | string,
    private readonly code: ErrorCode,
    private readonly diagnostics: Diagnostics | undefined,
  ) {}

  /** Appends one entry (fsync'd when `sync`). */
  async append(entry: T, sync: boolean): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await appendLine(this.file, JSON.stringify(entry), sync);
  }

  /** Every entry that passes `filter`, oldest first, through `visit`. A missing file has none. */
  async scan(visit: (entry: T) => void): Promise<void> {
    let stream: AsyncIterable<Buffer>;
    try {
      stream = createReadStream(this.file) as AsyncIterable<Buffer>;
      for await (const lines of LineSplitter.lines(stream, MAX_LINE_BYTES)) {
        for (const l of lines) {
          if (l.kind === "oversize") {
            this.report(l.line, `line of ${l.bytes} bytes is too long`);
            continue;
          }
          if (l.text.trim() === "") continue;
          let value: unknown;
          try {
            value = JSON.parse(l.text);
          } catch {
            this.report(l.line, "not JSON");
            continue;
          }
          const entry = this.decode(value);
          if (typeof entry === "string") this.report(l.line, entry);
          else visit(entry);
        }
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
      throw e;
    }
  }

  /** One page of the entries passing `filter`, newest first. */
  async page(filter: (entry: T) => boolean, limit: number, offset: number): Promise<LogPage<T>> {
    let total = 0;
    await this.scan((e) => {
      if (filter(e)) total++;
    });
    // newest first: page item k is the (total - 1 - offset - k)-th matching entry, oldest-first numbering
    const last = total - 1 - offset;
    const first = Math.max(0, last - limit + 1);
    const items: T[] = [];
    let n = 0;
    if (last >= 0)
      await this.scan((e) => {
        if (!filter(e)) return;
        if (n >= first && n <= last) items.push(e);
        n++;
      });
    return { total, items: items.reverse() };
  }

  private report(line: number, reason: string): void {
    this.diagnostics?.warn(this.code, `${reason}; line skipped`, { file: this.file, line });
  }
}
