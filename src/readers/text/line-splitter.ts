/**
 * Splits a stream of byte chunks into text lines with bounded memory. Input: byte chunks (from a
 * ByteSource). Output: per chunk, the complete lines it finishes, each with its 1-based line number
 * and stream position; a line longer than the limit is reported as `oversize` without being buffered.
 * Lines end at LF; a CR before the LF is dropped. A last line without LF is still returned.
 */

/** One line of text. */
export interface TextLine {
  readonly kind: "line";
  readonly text: string;
  /** 1-based line number */
  readonly line: number;
  /** Position of the line's first byte in the chunk stream */
  readonly position: number;
}

/** A line longer than the limit: skipped, only its size and place are kept. */
export interface OversizeLine {
  readonly kind: "oversize";
  readonly line: number;
  readonly position: number;
  /** Its length in bytes (excluding the line end) */
  readonly bytes: number;
}

export type SplitLine = TextLine | OversizeLine;

const LF = 0x0a;
const CR = 0x0d;

/** A push-style line splitter; `LineSplitter.lines` wraps it as an async generator. */
export class LineSplitter {
  private pieces: Buffer[] = [];
  private pieceBytes = 0;
  private oversize = false;
  private lineNo = 1;
  private lineStart = 0;
  private consumed = 0;

  constructor(private readonly maxLineBytes: number) {}

  /** Splits `chunk`, appending the lines it completes to `out`. */
  push(chunk: Buffer, out: SplitLine[]): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(LF, start);
      if (nl === -1) break;
      this.emit(chunk, start, nl, out);
      start = nl + 1;
      this.lineStart = this.consumed + start;
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
    this.consumed += chunk.length;
  }

  /** Flushes a last line that had no line end. */
  finish(out: SplitLine[]): void {
    if (this.pieceBytes > 0 || this.oversize) this.emit(Buffer.alloc(0), 0, 0, out);
  }

  private keep(piece: Buffer): void {
    if (this.oversize) {
      this.pieceBytes += piece.length;
      return;
    }
    this.pieces.push(piece);
    this.pieceBytes += piece.length;
    if (this.pieceBytes > this.maxLineBytes) {
      this.oversize = true;
      this.pieces = [];
    }
  }

  private emit(chunk: Buffer, start: number, end: number, out: SplitLine[]): void {
    const line = this.lineNo++;
    const position = this.lineStart;
    let bytes = this.pieceBytes + (end - start);
    if (!this.oversize && bytes > this.maxLineBytes) this.oversize = true;
    if (this.oversize) {
      // A CR before the LF is not part of the line.
      if (end > start && chunk[end - 1] === CR) bytes--;
      out.push({ kind: "oversize", line, position, bytes });
    } else {
      let text: string;
      if (this.pieces.length === 0) {
        text = chunk.toString("utf8", start, end > start && chunk[end - 1] === CR ? end - 1 : end);
      } else {
        this.pieces.push(chunk.subarray(start, end));
        const all = Buffer.concat(this.pieces, bytes);
        text = all.toString("utf8", 0, bytes > 0 && all[bytes - 1] === CR ? bytes - 1 : bytes);
      }
      out.push({ kind: "line", text, line, position });
    }
    this.pieces = [];
    this.pieceBytes = 0;
    this.oversize = false;
  }

  /** Splits a whole chunk stream; yields the lines of each chunk as one array. */
  static async *lines(chunks: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<SplitLine[]> {
    const splitter = new LineSplitter(maxLineBytes);
    for await (const chunk of chunks) {
      const out: SplitLine[] = [];
      splitter.push(chunk, out);
      if (out.length > 0) yield out;
    }
    const out: SplitLine[] = [];
    splitter.finish(out);
    if (out.length > 0) yield out;
  }
}
