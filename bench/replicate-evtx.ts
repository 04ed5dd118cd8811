/**
 * Large EVTX inputs made by replicating corpus chunks with varied hosts and record ids. Input: the
 * well-filled chunks of the corpus (build-evtx-input.ts `collectChunks`). Output: EVTX files under a
 * directory (git-ignored bench/out/), each a run of copied chunks in which every record gets a fresh,
 * per-file increasing record id (record header and `<EventRecordID>`) and its `<Computer>` renamed for
 * one of N replica "sites" (same length, so no offset in the chunk moves); the chunk header's record
 * ranges and both CRC32s are recomputed, so the decoder and the Debian tools read the copies as clean.
 * A record whose body is not one template instance keeps its computer (counted as `unpatchedHosts`).
 * Files are streamed chunk by chunk: memory is the chunk pool (a few MB), whatever the output size.
 */
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { ChunkContext } from "../src/readers/evtx/binxml-parser.js";
import { NODE } from "../src/readers/evtx/binxml-nodes.js";
import { planFor, type TemplatePlan } from "../src/readers/evtx/template-plan.js";
import { buildFileHeader, FILE_HEADER_SIZE } from "../src/writers/evtx/evtx-writer.js";

const CHUNK = 0x10000;
const RECORD_SIGNATURE = 0x2a2a;
const TOKEN_TEMPLATE_INSTANCE = 0x0c;
const TOKEN_FRAGMENT_HEADER = 0x0f;
const TYPE_STRING = 0x01;
const TYPE_UINT64 = 0x0a;
/** Longest host tag: `H` + 3 digits */
const MAX_HOSTS = 1000;

/** Where one record's patchable values sit in its chunk. */
interface RecordPatch {
  /** Offset of the record in the chunk */
  readonly offset: number;
  /** Offset of the `<EventRecordID>` substitution (UInt64), when found */
  readonly idValue?: number;
  /** Its `<Computer>` was found (as a substitution, or a literal in its template) */
  readonly host: boolean;
}

/** A corpus chunk and where its records' ids and computers are. */
export interface PlannedChunk {
  readonly bytes: Buffer;
  readonly records: readonly RecordPatch[];
  /** Computer names to rename: substitution values and template literals, by offset */
  readonly names: readonly { readonly offset: number; readonly name: string }[];
}

/** Counts of a generated set. */
export interface ReplicaSummary {
  readonly dir: string;
  readonly files: readonly string[];
  readonly bytes: number;
  readonly chunks: number;
  readonly records: number;
  /** Replica sites (each renames every corpus computer) */
  readonly sites: number;
  /** Distinct computer names in the chunk pool (so up to sites × this many host names) */
  readonly poolComputers: number;
  /** Records whose computer could not be renamed (not a template instance, or a name under 4 characters) */
  readonly unpatchedHosts: number;
  /** Records whose `<EventRecordID>` substitution was not found (only the header id was changed) */
  readonly unpatchedIds: number;
}

/** The template instance opening a record body: its definition offset and substitution values. */
interface Instance {
  readonly defOffset: number;
  /** Per substitution: [offset, size, type] */
  readonly values: [number, number, number][];
}

/** Reads the template instance at the start of the record body [start, end), or undefined. */
function instanceAt(buf: Buffer, start: number, end: number): Instance | undefined {
  let p = start;
  if (p < end && (buf[p]! & 0x0f) === TOKEN_FRAGMENT_HEADER) p += 4;
  if (p + 10 > end || (buf[p]! & 0x0f) !== TOKEN_TEMPLATE_INSTANCE) return undefined;
  const defOffset = buf.readUInt32LE(p + 6);
  p += 10;
  if (defOffset === p) {
    if (p + 24 > end) return undefined;
    p += 24 + buf.readUInt32LE(p + 20);
  }
  if (p + 4 > end) return undefined;
  const count = buf.readUInt32LE(p);
  if (count > 4096 || p + 4 + count * 4 > end) return undefined;
  const values: [number, number, number][] = [];
  let value = p + 4 + count * 4;
  for (let i = 0; i < count; i++) {
    const size = buf.readUInt16LE(p + 4 + i * 4);
    const type = buf[p + 4 + i * 4 + 2]!;
    if (value + size > end) return undefined;
    values.push([value, size, type]);
    value += size;
  }
  return { defOffset, values };
}

/** Where a System field is in a record's template: a substitution index, or a literal text. */
type SystemSource = { readonly index: number } | { readonly literal: string } | undefined;

/** Where `key` comes from in the template at `defOffset` (its compiled plan), if the plan knows. */
function systemSource(ctx: ChunkContext, defOffset: number, key: "recordId" | "computer"): SystemSource {
  let plan: TemplatePlan | null;
  try {
    plan = planFor(ctx.templateAt(defOffset));
  } catch {
    return undefined;
  }
  if (plan?.root !== "Event") return undefined;
  const src = plan.system.find((s) => s.slot.key === key)?.src;
  if (!src) return undefined;
  if (src.idx >= 0) return { index: src.idx };
  const text = src.nodes.length === 1 ? src.nodes[0] : undefined;
  return text?.k === NODE.TEXT && typeof text.value === "string" ? { literal: text.value } : undefined;
}

/** Offset of a literal string `name` (count-prefixed UTF-16) inside the template definition at `defOffset`. */
function literalOffset(bytes: Buffer, defOffset: number, name: string): number | undefined {
  const start = defOffset + 24;
  const end = Math.min(CHUNK, start + bytes.readUInt32LE(defOffset + 20));
  const needle = Buffer.alloc(2 + name.length * 2);
  needle.writeUInt16LE(name.length, 0);
  needle.write(name, 2, "utf16le");
  const at = bytes.subarray(start, end).indexOf(needle);
  return at < 0 ? undefined : start + at + 2;
}

/** Finds, in one corpus chunk, where each record's `<EventRecordID>` and `<Computer>` values are. */
export function planChunk(bytes: Buffer): PlannedChunk {
  const ctx = new ChunkContext(bytes, 0, 0);
  const records: RecordPatch[] = [];
  const names = new Map<number, string>();
  const free = Math.min(CHUNK, bytes.readUInt32LE(48));
  for (let off = 512; off + 24 <= free; ) {
    if (bytes.readUInt32LE(off) !== RECORD_SIGNATURE) break;
    const size = bytes.readUInt32LE(off + 4);
    if (size < 28 || off + size > CHUNK) break;
    const inst = instanceAt(bytes, off + 24, off + size - 4);
    let idValue: number | undefined;
    let host = false;
    if (inst) {
      const idSrc = systemSource(ctx, inst.defOffset, "recordId");
      const id = idSrc && "index" in idSrc ? inst.values[idSrc.index] : undefined;
      if (id && id[1] === 8 && id[2] === TYPE_UINT64) idValue = id[0];
      const hostSrc = systemSource(ctx, inst.defOffset, "computer");
      if (hostSrc && "index" in hostSrc) {
        const c = inst.values[hostSrc.index];
        if (c && c[2] === TYPE_STRING) {
          const name = bytes.toString("utf16le", c[0], c[0] + c[1]).replace(/\0+$/, "");
          if (name.length >= 4) names.set(c[0], name);
          host = name.length >= 4;
        }
      } else if (hostSrc && hostSrc.literal.length >= 4) {
        const at = literalOffset(bytes, inst.defOffset, hostSrc.literal);
        if (at !== undefined) names.set(at, hostSrc.literal);
        host = at !== undefined;
      }
    }
    records.push({ offset: off, host, ...(idValue !== undefined && { idValue }) });
    off += size;
  }
  return { bytes, records, names: Array.from(names, ([offset, name]) => ({ offset, name })) };
}

/** The name replica site `site` gives to corpus computer `name` (same length; `H` + 3 digits first). */
export function siteHostName(name: string, site: number): string {
  const tag = `H${String(site).padStart(3, "0")}`;
  return name.length >= 6 ? `${tag}-${name.slice(5)}` : `${tag}${name.slice(4)}`;
}

/** Copies `plan`'s chunk with ids from `firstId` and computers of `site`; returns the next id. */
function patchChunk(
  plan: PlannedChunk,
  out: Buffer,
  site: number,
  firstId: bigint,
  counts: { unpatchedHosts: number; unpatchedIds: number },
): bigint {
  plan.bytes.copy(out);
  let id = firstId;
  for (const r of plan.records) {
    out.writeBigUInt64LE(id, r.offset + 8);
    if (r.idValue !== undefined) out.writeBigUInt64LE(id, r.idValue);
    else counts.unpatchedIds++;
    if (!r.host) counts.unpatchedHosts++;
    id++;
  }
  for (const n of plan.names) out.write(siteHostName(n.name, site), n.offset, "utf16le");
  const last = id - 1n;
  out.writeBigUInt64LE(firstId, 8);
  out.writeBigUInt64LE(last, 16);
  out.writeBigUInt64LE(firstId, 24);
  out.writeBigUInt64LE(last, 32);
  const free = out.readUInt32LE(48);
  out.writeUInt32LE(crc32(out.subarray(512, free)), 52);
  out.writeUInt32LE(crc32(out.subarray(128, 512), crc32(out.subarray(0, 120))), 124);
  return id;
}

/** Options of `generateReplicas`. */
export interface ReplicaOptions {
  /** Output directory (emptied first) */
  readonly dir: string;
  /** Corpus chunks, planned (`planChunk`) */
  readonly pool: readonly PlannedChunk[];
  /** Total size to write, bytes (rounded up to whole chunks per file) */
  readonly totalBytes: number;
  /** Replica sites (1–1000): site s renames every corpus computer `H<s>-…` */
  readonly sites: number;
  /** Files to write (default: one per site); file f holds site f % sites */
  readonly files?: number;
  /** File name prefix (default "site"): `<prefix>-<site>-<file>.evtx` */
  readonly prefix?: string;
  /** Called after each file */
  readonly onFile?: (file: string, index: number) => void;
}

/**
 * Writes `files` EVTX files of about `totalBytes / files` each into `dir`: file f takes pool chunks
 * from a rotating start (so sites see different mixes), with ids 1, 2, … and site `f % sites`.
 */
export function generateReplicas(options: ReplicaOptions): ReplicaSummary {
  const { dir, pool } = options;
  if (pool.length === 0) throw new Error("no corpus chunks to replicate");
  const sites = Math.max(1, Math.min(MAX_HOSTS, Math.floor(options.sites)));
  const fileCount = Math.max(1, Math.floor(options.files ?? sites));
  const perFile = Math.min(
    0xffff,
    Math.max(1, Math.ceil((options.totalBytes / fileCount - FILE_HEADER_SIZE) / CHUNK)),
  );
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const counts = { unpatchedHosts: 0, unpatchedIds: 0 };
  const files: string[] = [];
  const out = Buffer.alloc(CHUNK);
  let records = 0;
  let bytes = 0;
  const stride = Math.max(1, Math.floor(pool.length / fileCount) || 1);
  for (let f = 0; f < fileCount; f++) {
    const site = f % sites;
    const path = join(
      dir,
      `${options.prefix ?? "site"}-${String(site).padStart(3, "0")}-${String(f).padStart(4, "0")}.evtx`,
    );
    const fd = openSync(path, "w");
    try {
      let id = 1n;
      let pos = FILE_HEADER_SIZE;
      for (let c = 0; c < perFile; c++) {
        const plan = pool[(f * stride + c) % pool.length]!;
        id = patchChunk(plan, out, site, id, counts);
        writeSync(fd, out, 0, CHUNK, pos);
        pos += CHUNK;
      }
      const header = buildFileHeader({ chunks: perFile, records: Number(id - 1n), nextRecordId: id });
      writeSync(fd, header, 0, FILE_HEADER_SIZE, 0);
      records += Number(id - 1n);
      bytes += pos;
    } finally {
      closeSync(fd);
    }
    files.push(path);
    options.onFile?.(path, f);
  }
  const computers = new Set<string>();
  for (const p of pool) for (const n of p.names) computers.add(n.name);
  return {
    dir,
    files,
    bytes,
    chunks: perFile * fileCount,
    records,
    sites,
    poolComputers: computers.size,
    ...counts,
  };
}
