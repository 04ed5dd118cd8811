/**
 * Writes whole EVTX files. Input: event records (a BinXML root — or a function of the record id,
 * so an `<EventRecordID>` can match the header — and a written time). Output: the 4096-byte file
 * header (version 3.1, chunk count, next record id, dirty/full flags, CRC32 of bytes 0–120)
 * followed by 64 KiB chunks. `writeEvtx` returns a Buffer; `writeEvtxFile` streams chunks to a
 * file with one chunk in memory; `EvtxStream` is the incremental core both use.
 */
import { open } from "node:fs/promises";
import { crc32 } from "node:zlib";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { BinXmlFragment } from "./binxml-node.js";
import { ChunkWriter } from "./chunk-writer.js";
import { toFileTime, type WindowsTime } from "./windows-time.js";

export const FILE_HEADER_SIZE = 4096;
export const FILE_SIGNATURE = "ElfFile\0";
/** File flag: the log was not closed cleanly. */
export const FILE_FLAG_DIRTY = 0x1;
/** File flag: the log reached its maximum size. */
export const FILE_FLAG_FULL = 0x2;

/** One event record to write. */
export interface EvtxRecordInput {
  /** The record's BinXML; a function receives the record id the writer assigned. */
  readonly root: BinXmlFragment | ((recordId: bigint) => BinXmlFragment);
  /** The record header's written time */
  readonly writtenTime: WindowsTime;
  /** Record id; default: the previous id + 1 (the first is `firstRecordId`) */
  readonly recordId?: bigint | number;
}

/** File-level options. */
export interface EvtxWriteOptions {
  /** Set the dirty flag (0x1) in the file header; default false */
  readonly dirty?: boolean;
  /** Set the full flag (0x2) in the file header; default false */
  readonly full?: boolean;
  /** Id of the first record when records give none; default 1 */
  readonly firstRecordId?: bigint | number;
  /** Start a new chunk after this many records (to get several chunks from few records) */
  readonly maxRecordsPerChunk?: number;
  /** Minor format version: 1 (Vista and later, default) or 2 (Windows 10 2004 and later) */
  readonly minorVersion?: 1 | 2;
}

/** What was written. */
export interface EvtxWriteSummary {
  readonly chunks: number;
  readonly records: number;
  /** The "next record identifier" of the file header */
  readonly nextRecordId: bigint;
}

const MAX_CHUNKS = 0xffff;

/** Builds the 4096-byte file header. */
export function buildFileHeader(summary: EvtxWriteSummary, options: EvtxWriteOptions = {}): Buffer {
  const b = Buffer.alloc(FILE_HEADER_SIZE);
  b.write(FILE_SIGNATURE, 0, "latin1");
  b.writeBigUInt64LE(0n, 8);
  b.writeBigUInt64LE(BigInt(Math.max(summary.chunks - 1, 0)), 16);
  b.writeBigUInt64LE(summary.nextRecordId, 24);
  b.writeUInt32LE(128, 32);
  b.writeUInt16LE(options.minorVersion ?? 1, 36);
  b.writeUInt16LE(3, 38);
  b.writeUInt16LE(FILE_HEADER_SIZE, 40);
  b.writeUInt16LE(summary.chunks, 42);
  const flags = (options.dirty === true ? FILE_FLAG_DIRTY : 0) | (options.full === true ? FILE_FLAG_FULL : 0);
  b.writeUInt32LE(flags, 120);
  b.writeUInt32LE(crc32(b.subarray(0, 120)), 124);
  return b;
}

/**
 * The incremental writer: `add` records, collect the chunks it hands back, `end`, then take
 * `header()`. Memory: one chunk.
 */
export class EvtxStream {
  private chunk = new ChunkWriter();
  private chunks = 0;
  private records = 0;
  private nextId: bigint;
  private maxId: bigint | undefined;
  private ended = false;
  private readonly perChunk: number;

  constructor(private readonly options: EvtxWriteOptions = {}) {
    this.nextId = BigInt(options.firstRecordId ?? 1);
    this.perChunk = options.maxRecordsPerChunk ?? Number.POSITIVE_INFINITY;
    if (!(this.perChunk >= 1))
      throw new MikiwameError("E_EVTX_WRITE", "maxRecordsPerChunk must be at least 1");
  }

  /** Adds a record; returns the chunk it completed, if any. */
  add(input: EvtxRecordInput): Buffer | undefined {
    if (this.ended) throw new MikiwameError("E_EVTX_WRITE", "record added after end()");
    const recordId = input.recordId === undefined ? this.nextId : BigInt(input.recordId);
    if (recordId < 0n || recordId > 0xffffffffffffffffn) {
      throw new MikiwameError("E_EVTX_WRITE", `record id ${recordId} is out of the unsigned 64-bit range`, {
        recordId: String(recordId),
        chunk: this.chunks,
      });
    }
    let done: Buffer | undefined;
    try {
      const root = typeof input.root === "function" ? input.root(recordId) : input.root;
      const record = { recordId, writtenTime: toFileTime(input.writtenTime), root };
      if (this.chunk.recordCount >= this.perChunk || !this.chunk.tryAdd(record)) {
        done = this.closeChunk();
        this.chunk.tryAdd(record);
      }
    } catch (e) {
      throw this.located(e, recordId);
    }
    this.records++;
    this.nextId = recordId + 1n;
    if (this.maxId === undefined || recordId > this.maxId) this.maxId = recordId;
    return done;
  }

  /** Adds the record id and chunk index to a writer error that has no location yet. */
  private located(e: unknown, recordId: bigint): unknown {
    if (!(e instanceof MikiwameError) || e.location !== undefined) return e;
    return new MikiwameError(
      e.code,
      e.message,
      { recordId: String(recordId), chunk: this.chunks },
      { cause: e },
    );
  }

  private closeChunk(): Buffer {
    if (this.chunks >= MAX_CHUNKS)
      throw new MikiwameError("E_EVTX_WRITE", `an EVTX file holds at most ${MAX_CHUNKS} chunks`);
    const b = this.chunk.finish();
    this.chunks++;
    this.chunk = new ChunkWriter();
    return b;
  }

  /** Finishes; returns the last chunk, if it holds records. */
  end(): Buffer | undefined {
    if (this.ended) return undefined;
    this.ended = true;
    return this.chunk.recordCount > 0 ? this.closeChunk() : undefined;
  }

  /** Counts so far (final after `end`). */
  summary(): EvtxWriteSummary {
    return {
      chunks: this.chunks,
      records: this.records,
      nextRecordId: this.maxId === undefined ? this.nextId : this.maxId + 1n,
    };
  }

  /** The file header; call after `end`. */
  header(): Buffer {
    if (!this.ended) throw new MikiwameError("E_EVTX_WRITE", "header() called before end()");
    return buildFileHeader(this.summary(), this.options);
  }
}

/** Writes records into an in-memory EVTX file. */
export function writeEvtx(records: Iterable<EvtxRecordInput>, options: EvtxWriteOptions = {}): Buffer {
  const s = new EvtxStream(options);
  const parts: Buffer[] = [];
  for (const r of records) {
    const c = s.add(r);
    if (c) parts.push(c);
  }
  const last = s.end();
  if (last) parts.push(last);
  return Buffer.concat([s.header(), ...parts]);
}

/** Streams records into an EVTX file at `path` (created or truncated), one chunk in memory. */
export async function writeEvtxFile(
  path: string,
  records: Iterable<EvtxRecordInput> | AsyncIterable<EvtxRecordInput>,
  options: EvtxWriteOptions = {},
): Promise<EvtxWriteSummary> {
  const fh = await open(path, "w");
  try {
    const s = new EvtxStream(options);
    let pos = FILE_HEADER_SIZE;
    const put = async (c: Buffer | undefined) => {
      if (!c) return;
      await fh.write(c, 0, c.length, pos);
      pos += c.length;
    };
    for await (const r of records) await put(s.add(r));
    await put(s.end());
    await fh.write(s.header(), 0, FILE_HEADER_SIZE, 0);
    return s.summary();
  } finally {
    await fh.close();
  }
}
