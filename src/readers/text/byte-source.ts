/**
 * Opens a file as a stream of byte chunks for the text readers (JSON, Zeek). Input: a path.
 * Output: a ByteSource whose chunks are the file's content, gunzipped when the file starts with the
 * gzip magic bytes 1f 8b (whatever its name), UTF-16LE transcoded to UTF-8 when it starts with the
 * FF FE byte-order mark, and without a leading UTF-8 byte-order mark. Opening fails with E_IO;
 * a read or decompression failure part-way (e.g. a truncated .gz) ends the stream with an E_IO error,
 * gzip content past the gunzip limits (gunzip-limit.ts: a decompression bomb) with an E_LIMIT error.
 */
import { type FileHandle, open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { TextDecoder } from "node:util";
import { createGunzip } from "node:zlib";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { type GunzipLimits, gunzipLimitProblem } from "../gunzip-limit.js";

/** How the file's bytes were encoded on disk. */
export const BYTE_ENCODINGS = ["plain", "gzip"] as const;
export type ByteEncoding = (typeof BYTE_ENCODINGS)[number];

export interface ByteSourceOptions {
  /** Called with the number of file bytes (compressed bytes for gzip) consumed so far */
  readonly onProgress?: (bytesDone: number) => void;
  /** Size of the chunks read from disk (default 1 MiB) */
  readonly chunkBytes?: number;
  /** Bounds on gunzipped content (default DEFAULT_GUNZIP_LIMITS); past them the stream ends with E_LIMIT */
  readonly gunzip?: GunzipLimits;
}

/** Where a line of a text file is: usable both as a diagnostic Location and inside a Provenance. */
export interface TextLocation {
  readonly file: string;
  readonly line: number;
  /** Byte offset in the file; absent for gzip or transcoded content */
  readonly offset?: number;
}

export interface ByteSource {
  readonly file: string;
  readonly encoding: ByteEncoding;
  /**
   * The file offset of a position in the chunk stream, when positions map 1:1 to file bytes
   * (not gzip, not transcoded from UTF-16); undefined otherwise.
   */
  fileOffset(streamPosition: number): number | undefined;
  /** `{file, line, offset}` for a line starting at a stream position (offset only when exact). */
  locate(line: number, streamPosition: number): TextLocation;
  /**
   * The content, chunk by chunk; the file is closed when the iteration ends. Iterate it once.
   * Throws a MikiwameError (E_IO) if reading fails part-way.
   */
  chunks(): AsyncGenerator<Buffer>;
  /** Closes the file if `chunks()` was never iterated (harmless otherwise). */
  close(): Promise<void>;
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
const UTF16LE_BOM = [0xff, 0xfe] as const;
const DEFAULT_CHUNK_BYTES = 1 << 20;
const MIN_CHUNK_BYTES = 1 << 16;

function startsWith(buf: Buffer, length: number, magic: readonly number[]): boolean {
  if (length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (buf[i] !== magic[i]) return false;
  return true;
}

/** True when `start` (shorter than a UTF-8 BOM) could still be the beginning of a byte-order mark. */
function isBomPrefix(start: Buffer): boolean {
  const matches = (bom: readonly number[]) => start.every((b, i) => b === bom[i]);
  return matches(UTF8_BOM) || matches(UTF16LE_BOM);
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Opens `file` for streaming (one open; the first bytes are read to sniff gzip and byte-order
 * marks). Throws MikiwameError E_IO when the file cannot be opened or is a directory.
 */
export async function openByteSource(file: string, options: ByteSourceOptions = {}): Promise<ByteSource> {
  const head = Buffer.alloc(4);
  let headLength = 0;
  let size = 0;
  let fh: FileHandle | undefined;
  try {
    fh = await open(file, "r");
    const st = await fh.stat();
    if (st.isDirectory()) throw new MikiwameError("E_IO", "is a directory, not a file", { file });
    size = st.size;
    headLength = (await fh.read(head, 0, head.length, 0)).bytesRead;
  } catch (e) {
    await fh?.close().catch(() => undefined);
    if (e instanceof MikiwameError) throw e;
    throw new MikiwameError("E_IO", `cannot open: ${reason(e)}`, { file }, { cause: e });
  }
  const handle = fh;
  let started = false;
  const encoding: ByteEncoding = startsWith(head, headLength, GZIP_MAGIC) ? "gzip" : "plain";
  // Positions map to file offsets only for plain UTF-8; a leading BOM shifts them by 3.
  let exact = encoding === "plain" && !startsWith(head, headLength, UTF16LE_BOM);
  let shift = 0;
  // Small files get small read buffers: a 1 MiB buffer per file adds up over thousands of hourly logs.
  const chunkBytes = options.chunkBytes ?? Math.min(DEFAULT_CHUNK_BYTES, Math.max(size, MIN_CHUNK_BYTES));

  async function* chunks(): AsyncGenerator<Buffer> {
    if (started)
      throw new MikiwameError("E_INTERNAL", "ByteSource.chunks() may be iterated only once", { file });
    started = true;
    const raw = handle.createReadStream({ start: 0, highWaterMark: chunkBytes, autoClose: true });
    let stream: Readable = raw;
    if (encoding === "gzip") {
      // zlib refuses output chunks under 64 bytes (a RangeError, not an E_IO): clamp tiny test sizes
      const gunzip = createGunzip({ chunkSize: Math.max(64, Math.min(chunkBytes, 1 << 16)) });
      raw.on("error", (e) => gunzip.destroy(e));
      stream = raw.pipe(gunzip);
    }
    // The first bytes are held until a byte-order mark can be judged (a chunk may be shorter than one).
    let head: Buffer | undefined = Buffer.alloc(0);
    let utf16: TextDecoder | undefined;
    let gunzipped = 0;
    const judgeBom = (start: Buffer): Buffer => {
      if (startsWith(start, start.length, UTF16LE_BOM)) {
        utf16 = new TextDecoder("utf-16le");
        exact = false;
      } else if (startsWith(start, start.length, UTF8_BOM)) {
        shift = UTF8_BOM.length;
        return start.subarray(UTF8_BOM.length);
      }
      return start;
    };
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        options.onProgress?.(raw.bytesRead);
        if (encoding === "gzip") {
          gunzipped += chunk.length;
          const problem = gunzipLimitProblem(gunzipped, raw.bytesRead, options.gunzip);
          if (problem) throw new MikiwameError("E_LIMIT", `${problem}; reading stopped`, { file });
        }
        let out = chunk;
        if (head !== undefined) {
          head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
          if (head.length < UTF8_BOM.length && isBomPrefix(head)) continue;
          out = judgeBom(head);
          head = undefined;
        }
        if (utf16) out = Buffer.from(utf16.decode(out, { stream: true }), "utf8");
        if (out.length > 0) yield out;
      }
      if (head !== undefined && head.length > 0) {
        const out = judgeBom(head);
        const text = utf16 ? Buffer.from(utf16.decode(out, { stream: true }), "utf8") : out;
        if (text.length > 0) yield text;
      }
      if (utf16) {
        const tail = Buffer.from(utf16.decode(), "utf8");
        if (tail.length > 0) yield tail;
      }
    } catch (e) {
      if (e instanceof MikiwameError) throw e;
      const what = encoding === "gzip" ? "gzip data is truncated or corrupt" : "read failed";
      throw new MikiwameError(
        "E_IO",
        `${what} after ${raw.bytesRead} file bytes: ${reason(e)}`,
        { file },
        { cause: e },
      );
    } finally {
      raw.destroy();
      if (stream !== raw) stream.destroy();
    }
  }

  const fileOffset = (position: number): number | undefined => (exact ? position + shift : undefined);
  return {
    file,
    encoding,
    fileOffset,
    locate(line, position) {
      const offset = fileOffset(position);
      return offset === undefined ? { file, line } : { file, line, offset };
    },
    chunks,
    async close() {
      if (!started) {
        started = true;
        await handle.close();
      }
    },
  };
}
