/**
 * Test support: raw EVTX chunks and files around hand-written record bodies, with valid signatures,
 * sizes and CRC32s, so a hostile test reaches the decoder's BinXML code instead of stopping at a
 * checksum. Knows the on-disk layout only (file header 4096 bytes, chunk 64 KiB with a 512-byte
 * header, record header 24 bytes + body + size copy, 8-byte aligned).
 * Input: record bodies (each written for the chunk offset it will sit at). Output: chunk / file bytes.
 */
import { crc32 } from "node:zlib";

export const EVTX_FILE_HEADER_BYTES = 4096;
export const EVTX_CHUNK_BYTES = 0x10000;
export const EVTX_CHUNK_HEADER_BYTES = 512;
export const EVTX_RECORD_HEADER_BYTES = 24;

/** A record body writer: given the chunk offset where the body starts, returns its bytes. */
export type RecordBody = (bodyOffset: number) => Uint8Array;

/** Where each record of a raw chunk was put. */
export interface RawChunk {
  readonly bytes: Buffer;
  /** Chunk offsets of the records */
  readonly recordOffsets: readonly number[];
}

/**
 * A chunk holding one record per body (record ids 1, 2, …). Throws RangeError when the records do
 * not fit (a test-writing mistake, not a decoder case).
 */
export function rawChunk(bodies: readonly RecordBody[], firstRecordId = 1): RawChunk {
  const b = Buffer.alloc(EVTX_CHUNK_BYTES);
  const recordOffsets: number[] = [];
  let off = EVTX_CHUNK_HEADER_BYTES;
  let id = firstRecordId;
  for (const body of bodies) {
    const bytes = body(off + EVTX_RECORD_HEADER_BYTES);
    const size = Math.ceil((EVTX_RECORD_HEADER_BYTES + bytes.length + 4) / 8) * 8;
    if (off + size > EVTX_CHUNK_BYTES) throw new RangeError(`record ${id} (${size} bytes) does not fit`);
    b.writeUInt32LE(0x00002a2a, off);
    b.writeUInt32LE(size, off + 4);
    b.writeBigUInt64LE(BigInt(id), off + 8);
    b.writeBigUInt64LE(132_000_000_000_000_000n, off + 16);
    b.set(bytes, off + EVTX_RECORD_HEADER_BYTES);
    b.writeUInt32LE(size, off + size - 4);
    recordOffsets.push(off);
    off += size;
    id++;
  }
  finishChunkHeader(b, firstRecordId, id - 1, recordOffsets.at(-1) ?? 0, off);
  return { bytes: b, recordOffsets };
}

/** Writes the chunk header fields and both CRC32s of a chunk whose records end at `freeOffset`. */
export function finishChunkHeader(
  b: Buffer,
  firstId: number,
  lastId: number,
  lastRecordOffset: number,
  freeOffset: number,
): void {
  b.write("ElfChnk\0", 0, "latin1");
  b.writeBigUInt64LE(BigInt(firstId), 8);
  b.writeBigUInt64LE(BigInt(lastId), 16);
  b.writeBigUInt64LE(BigInt(firstId), 24);
  b.writeBigUInt64LE(BigInt(lastId), 32);
  b.writeUInt32LE(128, 40);
  b.writeUInt32LE(lastRecordOffset, 44);
  b.writeUInt32LE(freeOffset, 48);
  b.writeUInt32LE(crc32(b.subarray(EVTX_CHUNK_HEADER_BYTES, freeOffset)), 52);
  b.writeUInt32LE(1, 120);
  b.writeUInt32LE(crc32(b.subarray(128, EVTX_CHUNK_HEADER_BYTES), crc32(b.subarray(0, 120))), 124);
}

/** Recomputes the CRCs of a chunk after a test changed bytes (the free-space offset is read from it). */
export function refreshChunkCrcs(b: Buffer): void {
  const free = b.readUInt32LE(48);
  if (free >= EVTX_CHUNK_HEADER_BYTES && free <= b.length)
    b.writeUInt32LE(crc32(b.subarray(EVTX_CHUNK_HEADER_BYTES, free)), 52);
  b.writeUInt32LE(crc32(b.subarray(128, EVTX_CHUNK_HEADER_BYTES), crc32(b.subarray(0, 120))), 124);
}

/** A whole .evtx file: a valid 4096-byte header followed by the given chunks. */
export function rawEvtxFile(chunks: readonly Uint8Array[]): Buffer {
  const h = Buffer.alloc(EVTX_FILE_HEADER_BYTES);
  h.write("ElfFile\0", 0, "latin1");
  h.writeBigUInt64LE(BigInt(Math.max(chunks.length - 1, 0)), 16);
  h.writeBigUInt64LE(1000n, 24);
  h.writeUInt32LE(128, 32);
  h.writeUInt16LE(1, 36);
  h.writeUInt16LE(3, 38);
  h.writeUInt16LE(EVTX_FILE_HEADER_BYTES, 40);
  h.writeUInt16LE(chunks.length, 42);
  h.writeUInt32LE(crc32(h.subarray(0, 120)), 124);
  return Buffer.concat([h, ...chunks]);
}
