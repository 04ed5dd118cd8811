/**
 * Streams a text file as lines with a cap on the line length, so a huge or hostile file (an intel feed, the decision log) cannot exhaust
 * memory. `.gz` files are decompressed on the fly; a UTF-8 BOM and CR line ends are dropped.
 * Input: a path and the longest line in bytes. Output: async lines (`text` undefined when over-long).
 */
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";

/** One line: its 1-based number and text (undefined when longer than the cap). */
export interface TextLine {
  readonly line: number;
  readonly text: string | undefined;
}

/** Streams `file` line by line. Rejects when the file cannot be read. */
export async function* textLines(file: string, maxBytes: number): AsyncGenerator<TextLine> {
  const raw = createReadStream(file);
  const stream = file.toLowerCase().endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  raw.on("error", (e) => stream.destroy(e));
  let parts: Buffer[] = [];
  let length = 0;
  let overlong = false;
  let line = 0;
  const take = (): TextLine => {
    line++;
    let text = overlong ? undefined : Buffer.concat(parts, length).toString("utf8");
    if (text !== undefined) {
      if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.endsWith("\r")) text = text.slice(0, -1);
    }
    parts = [];
    length = 0;
    overlong = false;
    return { line, text };
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
