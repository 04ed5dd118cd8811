/**
 * Decodes one 64 KiB chunk into EvtxRecords: validates the chunk header and checksums, walks the
 * event records by signature and size, parses each record's BinXML (templates cached per chunk) and
 * extracts its fields. A broken record is reported with its offset and skipped; the chunk goes on.
 * Walking each record's tree is bounded per record and per chunk (expansion-budget.ts).
 */
import { crc32 } from "node:zlib";
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { EvtxRecord } from "../record.js";
import { ChunkContext, FragmentParser } from "./binxml-parser.js";
import type { BxNode } from "./binxml-nodes.js";
import { decodeRecordDirect } from "./direct-decoder.js";
import {
  beginChunkExpansion,
  beginRecordExpansion,
  chunkExpansionSpent,
  endRecordExpansion,
} from "./expansion-budget.js";
import { type Extracted, extractFields } from "./field-extractor.js";
import { CHUNK_SIGNATURE, CHUNK_SIZE } from "./file-header.js";
import { filetimeToIso } from "./windows-time.js";
import { renderXml } from "./xml-renderer.js";

const RECORD_SIGNATURE = 0x00002a2a;

export interface ChunkDecodeOptions {
  readonly file: string;
  readonly xml?: boolean;
  readonly diagnostics: Diagnostics;
  /** Field extraction to use (tests compare the compiled plans with the generic walk) */
  readonly extract?: (nodes: readonly BxNode[], recordId: number | bigint) => Extracted;
}

/** What a chunk held, beyond its records. */
export interface ChunkOutcome {
  readonly records: EvtxRecord[];
  /** Records that could not be decoded */
  readonly failed: number;
  /** The chunk was skipped entirely (bad signature) */
  readonly skipped: boolean;
  /** The chunk is unused space (all zero) */
  readonly empty: boolean;
}

const ZERO_CHUNK = Buffer.alloc(CHUNK_SIZE);

function isAllZero(buf: Buffer): boolean {
  return buf.length === CHUNK_SIZE ? buf.equals(ZERO_CHUNK) : buf.every((b) => b === 0);
}

function recordIdAt(buf: Buffer, off: number): number | bigint {
  const lo = buf.readUInt32LE(off);
  const hi = buf.readUInt32LE(off + 4);
  return hi < 0x200000 ? hi * 4294967296 + lo : buf.readBigUInt64LE(off);
}

/**
 * Decodes the chunk in `buf` (exactly 65536 bytes; a truncated chunk is zero-padded by the caller)
 * found at `fileOffset` as chunk number `index`.
 */
export function decodeChunk(
  buf: Buffer,
  fileOffset: number,
  index: number,
  opts: ChunkDecodeOptions,
): ChunkOutcome {
  const d = opts.diagnostics;
  const loc = (off: number, recordId?: number | bigint) => ({
    file: opts.file,
    offset: fileOffset + off,
    chunk: index,
    ...(recordId !== undefined ? { recordId: String(recordId) } : {}),
  });
  if (!buf.subarray(0, 8).equals(CHUNK_SIGNATURE)) {
    if (isAllZero(buf)) return { records: [], failed: 0, skipped: false, empty: true };
    d.error("E_EVTX_CHUNK", "bad chunk signature (expected ElfChnk); chunk skipped", loc(0));
    return { records: [], failed: 0, skipped: true, empty: false };
  }
  const storedHeaderCrc = buf.readUInt32LE(124);
  const headerCrc = crc32(buf.subarray(128, 512), crc32(buf.subarray(0, 120)));
  if (storedHeaderCrc !== headerCrc)
    d.warn("E_EVTX_CHUNK", "chunk header checksum mismatch; records decoded anyway", loc(124));
  let freeSpace = buf.readUInt32LE(48);
  if (freeSpace < 512 || freeSpace > CHUNK_SIZE) {
    d.warn(
      "E_EVTX_CHUNK",
      `free space offset 0x${freeSpace.toString(16)} out of range; scanning the whole chunk`,
      loc(48),
    );
    freeSpace = CHUNK_SIZE;
  } else {
    const storedDataCrc = buf.readUInt32LE(52);
    if (crc32(buf.subarray(512, freeSpace)) !== storedDataCrc)
      d.warn(
        "E_EVTX_CHUNK",
        "event records checksum mismatch (dirty or damaged chunk); records decoded one by one",
        loc(52),
      );
  }

  const extract = opts.extract ?? extractFields;
  const ctx = new ChunkContext(buf, fileOffset, index);
  const records: EvtxRecord[] = [];
  let failed = 0;
  let off = 512;
  beginChunkExpansion();
  while (off + 24 <= freeSpace) {
    if (buf.readUInt32LE(off) !== RECORD_SIGNATURE) {
      // Zero padding after the last record is normal; anything else is damage.
      if (buf[off] !== 0 || buf[off + 1] !== 0 || buf[off + 2] !== 0 || buf[off + 3] !== 0)
        d.error("E_EVTX_RECORD", "bad record signature; rest of the chunk skipped", loc(off));
      break;
    }
    const size = buf.readUInt32LE(off + 4);
    if (size < 28 || off + size > CHUNK_SIZE) {
      d.error("E_EVTX_RECORD", `record size ${size} out of range; rest of the chunk skipped`, loc(off + 4));
      break;
    }
    const recordId = recordIdAt(buf, off + 8);
    if (buf.readUInt32LE(off + size - 4) !== size)
      d.warn("E_EVTX_RECORD", "record size copy at the end does not match", loc(off + size - 4, recordId));
    if (chunkExpansionSpent()) {
      d.error(
        "E_EVTX_BINXML",
        "the records of this chunk expand too much (substitution bombs); rest of the chunk skipped",
        loc(off, recordId),
      );
      break;
    }
    beginRecordExpansion();
    try {
      let ex =
        opts.xml || opts.extract ? undefined : decodeRecordDirect(ctx, off + 24, off + size - 4, recordId);
      let nodes: readonly BxNode[] | undefined;
      if (!ex) {
        nodes = new FragmentParser(ctx, true, 0).parseContent(off + 24, off + size - 4);
        ex = extract(nodes, recordId);
      }
      const writtenTime = filetimeToIso(buf.readUInt32LE(off + 16), buf.readUInt32LE(off + 20));
      const rec: EvtxRecord = {
        kind: "evtx",
        provenance: {
          file: opts.file,
          format: "evtx",
          offset: fileOffset + off,
          chunk: index,
          recordId: ex.system.recordId,
        },
        system: ex.system,
        data: ex.data,
        section: ex.section,
        writtenTime,
        xml: opts.xml && nodes ? renderXml(nodes) : undefined,
      };
      records.push(rec);
    } catch (e) {
      failed++;
      if (e instanceof MikiwameError) d.error(e.code, e.message, { ...loc(off, recordId), ...e.location });
      else d.error("E_EVTX_RECORD", e instanceof Error ? e.message : String(e), loc(off, recordId));
    } finally {
      endRecordExpansion();
    }
    if (ctx.warnings.length > 0) {
      for (const w of ctx.warnings)
        d.warn("E_EVTX_VALUE", w.message, {
          file: opts.file,
          offset: w.offset,
          chunk: index,
          recordId: String(recordId),
        });
      ctx.warnings.length = 0;
    }
    off += size;
  }
  return { records, failed, skipped: false, empty: false };
}
