/**
 * Fills one 64 KiB EVTX chunk with event records. Input: records (id, written time, BinXML
 * root) one at a time. Output: the finished chunk bytes — 512-byte header with first/last record
 * numbers and ids, last-record and free-space offsets, the records CRC32, the common string and
 * template pointer tables, and the header CRC32 over bytes 0–120 and 128–512.
 * A record that does not fit is refused (the chunk is left unchanged) so the caller can start a
 * new chunk; names and templates are then written again inline there, as Windows does.
 */
import { crc32 } from "node:zlib";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { BinXmlBuilder } from "./binxml-builder.js";
import type { BinXmlFragment } from "./binxml-node.js";
import { ByteWriter } from "./byte-writer.js";
import { ChunkTables } from "./chunk-tables.js";

export const CHUNK_SIZE = 0x10000;
export const CHUNK_HEADER_SIZE = 512;
export const RECORD_HEADER_SIZE = 24;
/** Windows aligns event records to 8 bytes. */
export const RECORD_ALIGNMENT = 8;
export const CHUNK_SIGNATURE = "ElfChnk\0";
export const RECORD_SIGNATURE = 0x00002a2a;
/** Chunk header flags as Windows leaves them in closed chunks. */
const CHUNK_FLAGS = 1;

/** A record ready for a chunk: its id and written time are final. */
export interface ChunkRecord {
  readonly recordId: bigint;
  /** FILETIME ticks */
  readonly writtenTime: bigint;
  readonly root: BinXmlFragment;
}

/** One chunk being filled. */
export class ChunkWriter {
  private readonly buf = Buffer.alloc(CHUNK_SIZE);
  private readonly tables = new ChunkTables();
  private freeOffset = CHUNK_HEADER_SIZE;
  private lastRecordOffset = 0;
  private firstId = 0n;
  private lastId = 0n;
  private count = 0;

  /** How many records the chunk holds. */
  get recordCount(): number {
    return this.count;
  }

  /**
   * Adds a record if it fits; returns false (chunk unchanged) if it does not. Throws
   * `E_EVTX_WRITE` if the record would not fit even in an empty chunk.
   */
  tryAdd(record: ChunkRecord): boolean {
    const at = this.freeOffset;
    const cp = this.tables.checkpoint();
    const w = new ByteWriter(at + RECORD_HEADER_SIZE, 2048);
    new BinXmlBuilder(w, this.tables).document(record.root);
    const unpadded = RECORD_HEADER_SIZE + w.length + 4;
    const size = Math.ceil(unpadded / RECORD_ALIGNMENT) * RECORD_ALIGNMENT;
    if (at + size > CHUNK_SIZE) {
      this.tables.rollback(cp);
      if (this.count === 0) {
        throw new MikiwameError(
          "E_EVTX_WRITE",
          `record ${record.recordId} needs ${size} bytes; a chunk holds at most ${CHUNK_SIZE - CHUNK_HEADER_SIZE}`,
        );
      }
      return false;
    }
    const b = this.buf;
    b.writeUInt32LE(RECORD_SIGNATURE, at);
    b.writeUInt32LE(size, at + 4);
    b.writeBigUInt64LE(record.recordId, at + 8);
    b.writeBigUInt64LE(record.writtenTime, at + 16);
    w.bytes().copy(b, at + RECORD_HEADER_SIZE);
    b.writeUInt32LE(size, at + size - 4);
    if (this.count === 0) this.firstId = record.recordId;
    this.lastId = record.recordId;
    this.lastRecordOffset = at;
    this.freeOffset = at + size;
    this.count++;
    return true;
  }

  /** The finished chunk (header fields and checksums filled in). */
  finish(): Buffer {
    const b = this.buf;
    b.write(CHUNK_SIGNATURE, 0, "latin1");
    b.writeBigUInt64LE(this.firstId, 8);
    b.writeBigUInt64LE(this.lastId, 16);
    b.writeBigUInt64LE(this.firstId, 24);
    b.writeBigUInt64LE(this.lastId, 32);
    b.writeUInt32LE(128, 40);
    b.writeUInt32LE(this.lastRecordOffset, 44);
    b.writeUInt32LE(this.freeOffset, 48);
    b.writeUInt32LE(crc32(b.subarray(CHUNK_HEADER_SIZE, this.freeOffset)), 52);
    b.writeUInt32LE(CHUNK_FLAGS, 120);
    this.tables.stringTable().forEach((off, i) => {
      b.writeUInt32LE(off, 128 + 4 * i);
    });
    this.tables.templateTable().forEach((off, i) => {
      b.writeUInt32LE(off, 384 + 4 * i);
    });
    const headerCrc = crc32(b.subarray(128, CHUNK_HEADER_SIZE), crc32(b.subarray(0, 120)));
    b.writeUInt32LE(headerCrc, 124);
    return b;
  }
}
