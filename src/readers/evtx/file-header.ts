/**
 * The 4096-byte EVTX file header: signature, versions, chunk count, flags and CRC32.
 */
import { crc32 } from "node:zlib";

export const FILE_HEADER_SIZE = 4096;
export const CHUNK_SIZE = 0x10000;
export const FILE_SIGNATURE = Buffer.from("ElfFile\0", "latin1");
export const CHUNK_SIGNATURE = Buffer.from("ElfChnk\0", "latin1");

export const FILE_FLAG_DIRTY = 0x1;
export const FILE_FLAG_FULL = 0x2;

export interface FileHeader {
  readonly firstChunk: number;
  readonly lastChunk: number;
  readonly nextRecordId: number | bigint;
  readonly minorVersion: number;
  readonly majorVersion: number;
  readonly chunkCount: number;
  readonly flags: number;
  readonly dirty: boolean;
  /** Problems found (bad checksum, odd version …); the header is still usable when `usable` is true */
  readonly problems: readonly string[];
  /** False when the signature is wrong: chunks are then found by scanning */
  readonly usable: boolean;
}

function u64(buf: Buffer, off: number): number | bigint {
  const v = buf.readBigUInt64LE(off);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

export function parseFileHeader(buf: Buffer): FileHeader {
  const problems: string[] = [];
  if (buf.length < 128 || !buf.subarray(0, 8).equals(FILE_SIGNATURE)) {
    return {
      firstChunk: 0,
      lastChunk: 0,
      nextRecordId: 0,
      minorVersion: 0,
      majorVersion: 0,
      chunkCount: 0,
      flags: 0,
      dirty: false,
      problems: ["file header signature is not ElfFile"],
      usable: false,
    };
  }
  const minorVersion = buf.readUInt16LE(36);
  const majorVersion = buf.readUInt16LE(38);
  const flags = buf.readUInt32LE(120);
  const stored = buf.readUInt32LE(124);
  const computed = crc32(buf.subarray(0, 120));
  if (stored !== computed)
    problems.push(
      `file header checksum mismatch (stored 0x${stored.toString(16)}, computed 0x${computed.toString(16)})`,
    );
  if (majorVersion !== 3) problems.push(`unexpected format version ${majorVersion}.${minorVersion}`);
  const headerBlock = buf.readUInt16LE(40);
  if (headerBlock !== FILE_HEADER_SIZE) problems.push(`unexpected header block size ${headerBlock}`);
  return {
    firstChunk: Number(buf.readBigUInt64LE(8)),
    lastChunk: Number(buf.readBigUInt64LE(16)),
    nextRecordId: u64(buf, 24),
    minorVersion,
    majorVersion,
    chunkCount: buf.readUInt16LE(42),
    flags,
    dirty: (flags & FILE_FLAG_DIRTY) !== 0,
    problems,
    usable: true,
  };
}
