/**
 * Random access to a collected file without reading it whole. Input: an open file handle (or, in
 * tests, a Buffer). Output: `read(offset, length)` slices, clipped to the file's end, so PE parsing
 * stays memory-bounded whatever size a header claims.
 */
import type { FileHandle } from "node:fs/promises";

/** The most one `read` returns; callers reading more loop in chunks. */
export const MAX_READ = 16 * 1024 * 1024;

/** A file's bytes, read on demand. */
export interface ByteSource {
  /** The file's size in bytes */
  readonly size: number;
  /** Up to `length` bytes at `offset` (fewer at the end of the file; empty past it). */
  read(offset: number, length: number): Promise<Buffer>;
}

/** A ByteSource over an open file handle. */
export function fileByteSource(handle: FileHandle, size: number): ByteSource {
  return {
    size,
    async read(offset, length) {
      const n = Math.max(0, Math.min(length, MAX_READ, size - offset));
      if (n === 0 || offset < 0) return Buffer.alloc(0);
      const buffer = Buffer.alloc(n);
      const { bytesRead } = await handle.read(buffer, 0, n, offset);
      return bytesRead === n ? buffer : buffer.subarray(0, bytesRead);
    },
  };
}

/** A ByteSource over bytes already in memory (tests, small inputs). */
export function bufferByteSource(bytes: Buffer): ByteSource {
  return {
    size: bytes.length,
    async read(offset, length) {
      if (offset < 0 || offset >= bytes.length) return Buffer.alloc(0);
      return bytes.subarray(offset, offset + Math.max(0, Math.min(length, MAX_READ)));
    },
  };
}

/**
 * Calls `onChunk` with the bytes of [start, end) in chunks of at most `chunkSize`; the loop is bounded
 * by the range (clipped to the file) because every chunk advances by its length or stops.
 */
export async function forEachChunk(
  source: ByteSource,
  start: number,
  end: number,
  onChunk: (chunk: Buffer) => void,
  chunkSize = 1024 * 1024,
): Promise<void> {
  let offset = Math.max(0, start);
  const stop = Math.min(end, source.size);
  while (offset < stop) {
    const chunk = await source.read(offset, Math.min(chunkSize, stop - offset));
    if (chunk.length === 0) return;
    onChunk(chunk);
    offset += chunk.length;
  }
}
