/**
 * The EVTX reader: streams a .evtx file a block of chunks at a time (memory stays bounded whatever
 * the file size), validates the file header, and yields each chunk's records as one batch.
 * Dirty files (not cleanly closed) are read the way Windows recovers them: every chunk present in
 * the file is read, whatever the header's stale chunk count says. A truncated last chunk is
 * zero-padded and decoded as far as it goes.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createGunzip } from "node:zlib";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { DEFAULT_GUNZIP_LIMITS, type GunzipLimits, gunzipLimitProblem } from "../gunzip-limit.js";
import type { ReadOptions, FileReader } from "../reader.js";
import type { EvtxRecord } from "../record.js";
import { decodeChunk } from "./chunk-decoder.js";
import { CHUNK_SIZE, FILE_HEADER_SIZE, parseFileHeader } from "./file-header.js";

/** Chunks read per file read (1 MiB). */
const CHUNKS_PER_READ = 16;

export interface EvtxReaderOptions {
  /** Bounds on a gzipped .evtx's content (default DEFAULT_GUNZIP_LIMITS; tests use small ones) */
  readonly gunzip?: GunzipLimits;
}

/** Makes an EVTX reader with non-default limits. */
export function createEvtxReader(readerOptions: EvtxReaderOptions = {}): FileReader {
  const gunzip = readerOptions.gunzip ?? DEFAULT_GUNZIP_LIMITS;
  return {
    format: "evtx",
    read: (file, options) => readEvtx(file, options, gunzip),
  };
}

/** The EVTX reader with the default limits. */
export const evtxReader: FileReader = createEvtxReader();

async function* readEvtx(
  file: string,
  options: ReadOptions,
  gunzip: GunzipLimits,
): AsyncGenerator<EvtxRecord[]> {
  if (await isGzip(file)) {
    yield* readGzippedEvtx(file, options, gunzip);
    return;
  }
  const d = options.diagnostics;
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(file, "r");
  } catch (e) {
    throw new MikiwameError("E_IO", `cannot open: ${(e as Error).message}`, { file }, { cause: e });
  }
  let pending: Promise<unknown> | undefined;
  try {
    const size = (await fh.stat()).size;
    if (size < FILE_HEADER_SIZE) {
      d.error(
        "E_EVTX_HEADER",
        `file is ${size} bytes, shorter than the 4096-byte EVTX header; nothing to read`,
        { file, offset: 0 },
      );
      return;
    }
    const head = Buffer.alloc(FILE_HEADER_SIZE);
    await fh.read(head, 0, FILE_HEADER_SIZE, 0);
    const header = parseFileHeader(head);
    for (const p of header.problems) {
      if (header.usable) d.warn("E_EVTX_HEADER", p, { file, offset: 0 });
      else d.error("E_EVTX_HEADER", `${p}; looking for chunks anyway`, { file, offset: 0 });
    }
    const body = size - FILE_HEADER_SIZE;
    const fullChunks = Math.floor(body / CHUNK_SIZE);
    const tail = body % CHUNK_SIZE;
    const chunks = fullChunks + (tail > 0 ? 1 : 0);
    if (header.usable && header.chunkCount > chunks)
      d.warn(
        "E_EVTX_HEADER",
        `header lists ${header.chunkCount} chunks but the file holds ${chunks}: file truncated`,
        { file, offset: 42 },
      );
    if (tail > 0)
      d.warn(
        "E_EVTX_CHUNK",
        `last chunk truncated (${tail} of ${CHUNK_SIZE} bytes); decoded as far as it goes`,
        {
          file,
          offset: FILE_HEADER_SIZE + fullChunks * CHUNK_SIZE,
          chunk: fullChunks,
        },
      );

    // Two buffers: the next block is read while the current one is decoded.
    const blocks = [Buffer.alloc(CHUNK_SIZE * CHUNKS_PER_READ), Buffer.alloc(CHUNK_SIZE * CHUNKS_PER_READ)];
    const readBlock = async (first: number, buf: Buffer) => {
      const n = Math.min(CHUNKS_PER_READ, chunks - first);
      const pos = FILE_HEADER_SIZE + first * CHUNK_SIZE;
      const want = Math.min(n * CHUNK_SIZE, size - pos);
      const { bytesRead } = await fh.read(buf, 0, want, pos);
      if (bytesRead < n * CHUNK_SIZE) buf.fill(0, bytesRead, n * CHUNK_SIZE);
      return { first, n, pos, end: pos + want, buf };
    };
    // All-zero chunks are unused space; only those before the last used chunk are worth a word.
    let emptyChunks = 0;
    let lastUsed = -1;
    let firstEmpty: { offset: number; chunk: number } | undefined;
    let next0 = chunks > 0 ? readBlock(0, blocks[0]!) : undefined;
    for (let b = 0; next0; b++) {
      pending = next0;
      const cur = await next0;
      const next = cur.first + CHUNKS_PER_READ;
      next0 = next < chunks ? readBlock(next, blocks[(b + 1) % 2]!) : undefined;
      pending = next0;
      if (options.signal?.aborted) return;
      for (let i = 0; i < cur.n; i++) {
        const chunk = cur.buf.subarray(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE);
        const outcome = decodeChunk(chunk, cur.pos + i * CHUNK_SIZE, cur.first + i, {
          file,
          xml: options.xml ?? false,
          diagnostics: d,
        });
        if (outcome.empty) {
          if (emptyChunks++ === 0) firstEmpty = { offset: cur.pos + i * CHUNK_SIZE, chunk: cur.first + i };
        } else lastUsed = cur.first + i;
        if (outcome.records.length > 0) yield outcome.records;
      }
      options.onProgress?.(cur.end);
    }
    if (firstEmpty && firstEmpty.chunk < lastUsed)
      d.warn(
        "E_EVTX_CHUNK",
        `empty (all-zero) chunk between used chunks${emptyChunks > 1 ? ` (${emptyChunks} empty chunks in the file)` : ""}; skipped`,
        {
          file,
          offset: firstEmpty.offset,
          chunk: firstEmpty.chunk,
        },
      );
  } finally {
    // a read still in flight (the consumer stopped early) must finish before the file is closed
    await pending?.catch(() => undefined);
    await fh.close();
  }
}

async function isGzip(file: string): Promise<boolean> {
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(file, "r");
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } catch {
    return false; // the main path reports the open error
  } finally {
    await fh?.close();
  }
}

/**
 * A gzipped .evtx (`.evtx.gz`, as archived by collection tools): decompressed as a stream, chunk by
 * chunk, so memory stays bounded. Offsets in diagnostics are offsets in the decompressed file.
 * Content that expands past the gunzip limits (a decompression bomb) stops with E_LIMIT.
 */
async function* readGzippedEvtx(
  file: string,
  options: ReadOptions,
  gunzip: GunzipLimits,
): AsyncGenerator<EvtxRecord[]> {
  const d = options.diagnostics;
  const raw = createReadStream(file);
  const stream = raw.pipe(createGunzip());
  let pending: Buffer = Buffer.alloc(0);
  let headerDone = false;
  let chunkIndex = 0;
  let gunzipped = 0;
  const decode = (chunk: Buffer) => {
    const out = decodeChunk(chunk, FILE_HEADER_SIZE + chunkIndex * CHUNK_SIZE, chunkIndex, {
      file,
      xml: options.xml ?? false,
      diagnostics: d,
    });
    chunkIndex++;
    return out.records;
  };
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      gunzipped += piece.length;
      const problem = gunzipLimitProblem(gunzipped, raw.bytesRead, gunzip);
      if (problem) {
        d.error("E_LIMIT", `${problem}; reading stopped, the records before it were kept`, {
          file,
          offset: FILE_HEADER_SIZE + chunkIndex * CHUNK_SIZE,
        });
        return;
      }
      pending = pending.length === 0 ? piece : Buffer.concat([pending, piece]);
      if (!headerDone) {
        if (pending.length < FILE_HEADER_SIZE) continue;
        const header = parseFileHeader(pending.subarray(0, FILE_HEADER_SIZE));
        for (const p of header.problems) {
          if (header.usable) d.warn("E_EVTX_HEADER", p, { file, offset: 0 });
          else d.error("E_EVTX_HEADER", `${p}; looking for chunks anyway`, { file, offset: 0 });
        }
        pending = pending.subarray(FILE_HEADER_SIZE);
        headerDone = true;
      }
      while (pending.length >= CHUNK_SIZE) {
        const records = decode(Buffer.from(pending.subarray(0, CHUNK_SIZE)));
        pending = pending.subarray(CHUNK_SIZE);
        if (records.length > 0) yield records;
      }
      options.onProgress?.(raw.bytesRead);
    }
  } catch (e) {
    d.error("E_IO", `gzip stream broken: ${(e as Error).message}; records before the break are kept`, {
      file,
    });
  }
  if (!headerDone) {
    d.error("E_EVTX_HEADER", "gzipped file ends before the 4096-byte EVTX header; nothing to read", {
      file,
      offset: 0,
    });
    return;
  }
  if (pending.length > 0) {
    d.warn(
      "E_EVTX_CHUNK",
      `last chunk truncated (${pending.length} of ${CHUNK_SIZE} bytes); decoded as far as it goes`,
      {
        file,
        offset: FILE_HEADER_SIZE + chunkIndex * CHUNK_SIZE,
        chunk: chunkIndex,
      },
    );
    const last = Buffer.alloc(CHUNK_SIZE);
    pending.copy(last);
    const records = decode(last);
    if (records.length > 0) yield records;
  }
}
