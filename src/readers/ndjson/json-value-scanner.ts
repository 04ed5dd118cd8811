/**
 * Cuts a stream of JSON text into its top-level values with bounded memory, without parsing them.
 * Input: byte chunks. Output: each top-level value (or each element of a top-level array) as text,
 * with its starting line and stream position; a value over the size limit as `oversize` (skipped
 * without being buffered). Handles NDJSON, one top-level array, one pretty-printed object, and
 * pretty-printed objects back to back (evtx_dump style).
 *
 * Layout: when the first value starts and ends on one line, and only a line end follows it, the
 * input is taken as NDJSON ("lines") and every further line is one value, found with indexOf (fast, and a broken line never swallows
 * the next one). Otherwise ("values") bytes are scanned with string/escape state and brace depth;
 * a `{` at column 0 that cannot start a nested value (the previous significant byte is not `:`, `[`
 * or `,`) ends a broken value there, so one bad object does not swallow the objects after it.
 */

/** A complete top-level value, not yet parsed. */
export interface ScannedText {
  readonly kind: "value";
  readonly text: string;
  /** 1-based line where the value starts */
  readonly line: number;
  /** Stream position of the value's first byte */
  readonly position: number;
}

/** A value that exceeded the size limit; its bytes were skipped. */
export interface ScannedOversize {
  readonly kind: "oversize";
  readonly line: number;
  readonly position: number;
  readonly bytes: number;
}

export type ScannedValue = ScannedText | ScannedOversize;

/** How the input turned out to be laid out (decided by the first complete value). */
export const JSON_LAYOUTS = ["unknown", "lines", "values"] as const;
export type JsonLayout = (typeof JSON_LAYOUTS)[number];

enum State {
  /** Between values (inside a top-level array when `inArray`) */
  Between,
  /** Inside an object or array value */
  Struct,
  /** A top-level token that is not an object or array: runs to the end of the line */
  Scalar,
  /** NDJSON: the rest of the line is the value */
  Line,
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

export class JsonValueScanner {
  private state = State.Between;
  private layoutSeen: JsonLayout = "unknown";
  /** The first value ended on the line it began: NDJSON if nothing but a line end follows it */
  private pendingLines = false;
  private inArray = false;
  private inString = false;
  private escape = false;
  private depth = 0;
  private lastSignificant = 0;
  private lineNo = 1;
  private lineStartPosition = 0;
  private consumed = 0;
  // the value being cut
  private pieces: Buffer[] = [];
  private pieceBytes = 0;
  private oversize = false;
  private valueLine = 0;
  private valuePosition = 0;
  private valueStart = -1;

  constructor(private readonly maxValueBytes: number) {}

  /** The layout decided so far. */
  get layout(): JsonLayout {
    return this.layoutSeen;
  }

  /** The line the scanner has reached (for messages about where reading stopped). */
  get line(): number {
    return this.lineNo;
  }

  /** Scans `chunk`, appending the values it completes to `out`. */
  push(chunk: Buffer, out: ScannedValue[]): void {
    const n = chunk.length;
    let i = 0;
    if (this.state !== State.Between) this.valueStart = 0;
    while (i < n) {
      switch (this.state) {
        case State.Between:
          i = this.between(chunk, i);
          break;
        case State.Line:
          i = this.lineValue(chunk, i, out);
          break;
        case State.Scalar:
          i = this.scalar(chunk, i, out);
          break;
        case State.Struct:
          i = this.struct(chunk, i, out);
          break;
      }
    }
    if (this.state !== State.Between) this.keep(chunk.subarray(this.valueStart));
    this.valueStart = -1;
    this.consumed += n;
  }

  /** Ends the input: a value still open is returned as it is (it will not parse). */
  finish(out: ScannedValue[]): void {
    if (this.state === State.Between) return;
    this.end(Buffer.alloc(0), 0, 0, out);
  }

  private decide(layout: JsonLayout): void {
    this.layoutSeen = layout;
    this.pendingLines = false;
  }

  private newline(at: number): void {
    this.lineNo++;
    this.lineStartPosition = this.consumed + at + 1;
  }

  private begin(at: number, state: State): void {
    this.state = state;
    this.valueStart = at;
    this.valueLine = this.lineNo;
    this.valuePosition = this.consumed + at;
    this.inString = false;
    this.escape = false;
    this.depth = state === State.Struct ? 1 : 0;
    this.lastSignificant = 0;
  }

  private between(chunk: Buffer, i: number): number {
    const n = chunk.length;
    for (; i < n; i++) {
      const c = chunk[i];
      if (c === LF) {
        if (this.pendingLines) this.decide("lines");
        this.newline(i);
        continue;
      }
      // Whitespace, and commas between top-level values (tolerated: nothing is lost).
      if (c === SPACE || c === TAB || c === CR || c === COMMA) continue;
      // Another value on the same line as the first one: not NDJSON (`{…}{…}` concatenated).
      if (this.pendingLines) this.decide("values");
      if (this.inArray) {
        if (c === RBRACKET) {
          this.inArray = false;
          continue;
        }
        return this.start(i, c === LBRACE || c === LBRACKET ? State.Struct : State.Scalar);
      }
      if (this.layoutSeen === "lines") {
        this.begin(i, State.Line);
        return i;
      }
      if (c === LBRACKET) {
        this.inArray = true;
        continue;
      }
      return this.start(i, c === LBRACE ? State.Struct : State.Scalar);
    }
    return n;
  }

  /** Starts a value at `i`; a structure's opening bracket is consumed, a scalar's first byte is not. */
  private start(i: number, state: State): number {
    this.begin(i, state);
    return state === State.Struct ? i + 1 : i;
  }

  private lineValue(chunk: Buffer, i: number, out: ScannedValue[]): number {
    const nl = chunk.indexOf(LF, i);
    if (nl === -1) return chunk.length;
    this.end(chunk, this.valueStart, nl, out);
    this.newline(nl);
    return nl + 1;
  }

  private scalar(chunk: Buffer, i: number, out: ScannedValue[]): number {
    const n = chunk.length;
    for (; i < n; i++) {
      const c = chunk[i];
      if (c === LF) {
        this.end(chunk, this.valueStart, i, out);
        this.newline(i);
        return i + 1;
      }
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) this.inString = false;
      } else if (c === QUOTE) {
        this.inString = true;
      } else if (this.inArray && (c === COMMA || c === RBRACKET)) {
        this.end(chunk, this.valueStart, i, out);
        // `]` is left for `between` to close the array.
        return c === COMMA ? i + 1 : i;
      }
    }
    return n;
  }

  private struct(chunk: Buffer, i: number, out: ScannedValue[]): number {
    const n = chunk.length;
    for (; i < n; i++) {
      const c = chunk[i];
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) this.inString = false;
        else if (c === LF) {
          // A raw line end cannot be inside a JSON string: the string is broken; keep scanning
          // the structure so the value still ends where its braces say.
          this.inString = false;
          this.newline(i);
        }
        continue;
      }
      switch (c) {
        case QUOTE:
          this.inString = true;
          this.lastSignificant = c;
          break;
        case LBRACE:
        case LBRACKET: {
          const last = this.lastSignificant;
          if (
            c === LBRACE &&
            this.consumed + i === this.lineStartPosition &&
            last !== COLON &&
            last !== LBRACKET &&
            last !== COMMA
          ) {
            // A new top-level value starts here: the one before it is broken.
            this.end(chunk, this.valueStart, i, out);
            this.begin(i, State.Struct);
          } else {
            this.depth++;
          }
          this.lastSignificant = c;
          break;
        }
        case RBRACE:
        case RBRACKET:
          this.lastSignificant = c;
          if (--this.depth === 0) {
            if (this.layoutSeen === "unknown" && !this.pendingLines) {
              if (!this.inArray && this.valueLine === this.lineNo) this.pendingLines = true;
              else this.decide("values");
            }
            this.end(chunk, this.valueStart, i + 1, out);
            return i + 1;
          }
          break;
        case LF:
          this.newline(i);
          break;
        case SPACE:
        case TAB:
        case CR:
          break;
        default:
          this.lastSignificant = c;
      }
    }
    return n;
  }

  private keep(piece: Buffer): void {
    this.pieceBytes += piece.length;
    if (this.oversize) return;
    if (this.pieceBytes > this.maxValueBytes) {
      this.oversize = true;
      this.pieces = [];
      return;
    }
    this.pieces.push(piece);
  }

  private end(chunk: Buffer, start: number, endAt: number, out: ScannedValue[]): void {
    const bytes = this.pieceBytes + (endAt - start);
    const line = this.valueLine;
    const position = this.valuePosition;
    if (this.oversize || bytes > this.maxValueBytes) {
      out.push({ kind: "oversize", line, position, bytes });
    } else {
      const text =
        this.pieces.length === 0
          ? chunk.toString("utf8", start, endAt)
          : Buffer.concat([...this.pieces, chunk.subarray(start, endAt)], bytes).toString("utf8");
      out.push({ kind: "value", text, line, position });
    }
    this.pieces = [];
    this.pieceBytes = 0;
    this.oversize = false;
    this.state = State.Between;
    this.valueStart = -1;
  }
}
