/**
 * Streams the decision log line by line with a cap on the line length, so a huge or damaged log cannot
 * exhaust memory. (src/intel/text-lines.ts does the same for the intel files, but src/feedback may not
 * import src/intel.) Input: a path and the longest line in bytes. Output: async numbered lines, `text`
 * undefined for an over-long line; a CR before the LF and a UTF-8 BOM are dropped. Rejects when the file
 * cannot be read.
 */
import { createReadStream } from "node:fs";

/** One line: its 1-based number and its text (undefined when longer than the cap). */
export interface LogLine {
  readonly line: number;
  readonly text: string | undefined;
}

/** Streams `file` as lines of at most `maxBytes` bytes. */
export async function* logLines(file: string, maxBytes: number): AsyncGenerator<LogLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let overlong = false;
  let line = 0;
  const take = (): LogLine => {
    line++;
    let text = overlong ? undefined : Buffer.concat(parts, length).toString("utf8");
    if (text !== undefined) {
      if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.endsWith("\r")) text = text.slice(0, -1);
    }
    const out = { line, text };
    parts = [];
    length = 0;
    overlong = false;
    return out;
  };
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
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
