/**
 * Hostile and broken EVTX input: every case gives a located diagnostic, the reader never throws for
 * content (only for a file it cannot open), never hangs, and keeps every record it can read.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { buildEvtxFixture } from "../../writers/evtx/fixtures.js";
import type { EvtxRecord } from "../record.js";
import { evtxReader } from "./evtx-reader.js";
import { CHUNK_SIZE, FILE_HEADER_SIZE } from "./file-header.js";

const dir = mkdtempSync(join(tmpdir(), "mikiwame-evtx-bad-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function readBytes(
  bytes: Uint8Array,
): Promise<{ records: EvtxRecord[]; d: Diagnostics; file: string }> {
  const file = join(dir, `case-${n++}.evtx`);
  writeFileSync(file, bytes);
  const d = new Diagnostics();
  const records: EvtxRecord[] = [];
  for await (const b of evtxReader.read(file, { diagnostics: d })) records.push(...(b as EvtxRecord[]));
  return { records, d, file };
}

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Offset (in the file) of record `index` (0-based) of chunk 0 of a fixture. */
function recordOffset(bytes: Buffer, index: number): number {
  let off = FILE_HEADER_SIZE + 512;
  for (let i = 0; i < index; i++) off += bytes.readUInt32LE(off + 4);
  return off;
}

test("a zero-length file: header error at offset 0, no records", async () => {
  const { records, d, file } = await readBytes(new Uint8Array(0));
  assert.equal(records.length, 0);
  const e = d.list()[0]!;
  assert.equal(e.code, "E_EVTX_HEADER");
  assert.deepEqual(e.location, { file, offset: 0 });
});

test("random bytes: bad header and bad chunk, located", async () => {
  const r = prng(1);
  const bytes = Buffer.alloc(FILE_HEADER_SIZE + 2 * CHUNK_SIZE);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(r() * 256);
  const { records, d } = await readBytes(bytes);
  assert.equal(records.length, 0);
  assert.ok(d.list().some((x) => x.code === "E_EVTX_HEADER" && x.location.offset === 0));
  const chunk = d.list().find((x) => x.code === "E_EVTX_CHUNK");
  assert.equal(chunk?.location.offset, FILE_HEADER_SIZE);
  assert.equal(chunk?.location.chunk, 0);
});

test("a truncated file keeps the records before the cut and reports the truncation", async () => {
  const fx = buildEvtxFixture({ maxRecordsPerChunk: 3 });
  const cut = fx.bytes.subarray(0, FILE_HEADER_SIZE + CHUNK_SIZE + 700);
  const { records, d } = await readBytes(cut);
  assert.ok(records.length >= 3, `${records.length} records`);
  const w = d.list().find((x) => x.code === "E_EVTX_CHUNK" && /truncated/.test(x.message));
  assert.equal(w?.location.offset, FILE_HEADER_SIZE + CHUNK_SIZE);
});

test("an all-zero chunk between good ones is reported once and skipped", async () => {
  const fx = buildEvtxFixture({ maxRecordsPerChunk: 3 });
  const bytes = Buffer.concat([
    fx.bytes.subarray(0, FILE_HEADER_SIZE + CHUNK_SIZE),
    Buffer.alloc(CHUNK_SIZE),
    fx.bytes.subarray(FILE_HEADER_SIZE + CHUNK_SIZE),
  ]);
  const { records, d } = await readBytes(bytes);
  assert.equal(records.length, fx.records.length);
  const w = d.list().filter((x) => x.code === "E_EVTX_CHUNK" && /empty/.test(x.message));
  assert.equal(w.length, 1);
  assert.equal(w[0]!.location.offset, FILE_HEADER_SIZE + CHUNK_SIZE);
});

test("a chunk header claiming no records (free space at 512): nothing from that chunk, checksum mismatch reported", async () => {
  const fx = buildEvtxFixture({ maxRecordsPerChunk: 3 });
  const bytes = Buffer.from(fx.bytes);
  bytes.writeUInt32LE(512, FILE_HEADER_SIZE + 48);
  const { records, d } = await readBytes(bytes);
  assert.equal(records.length, fx.records.length - 3);
  assert.ok(
    d.list().some((x) => x.code === "E_EVTX_CHUNK" && x.location.chunk === 0),
    "checksum mismatch reported",
  );
});

test("a template instance pointing outside its chunk: located template error, next record still read", async () => {
  const fx = buildEvtxFixture({ maxRecordsPerChunk: 3 });
  const bytes = Buffer.from(fx.bytes);
  const rec = recordOffset(bytes, 1); // record 2 refers to its templates by offset
  assert.equal(bytes[rec + 28]! & 0x0f, 0x0c, "template instance token");
  bytes.writeUInt32LE(0xfff0, rec + 34);
  const { records, d } = await readBytes(bytes);
  assert.equal(records.length, fx.records.length - 1);
  const e = d.list().find((x) => x.code === "E_EVTX_TEMPLATE");
  assert.ok(e, "template error reported");
  assert.equal(e.location.chunk, 0);
  assert.equal(e.location.recordId, "2");
  assert.equal(typeof e.location.offset, "number");
});

test("a template instance pointing at itself cannot loop", async () => {
  const fx = buildEvtxFixture({ maxRecordsPerChunk: 3 });
  const bytes = Buffer.from(fx.bytes);
  const rec = recordOffset(bytes, 1);
  bytes.writeUInt32LE(rec - FILE_HEADER_SIZE + 24, rec + 34); // the record's own BinXML
  const { records, d } = await readBytes(bytes);
  assert.equal(records.length, fx.records.length - 1);
  assert.ok(d.errors >= 1);
});

test("a record with an absurd size or a broken signature stops that chunk, not the file", async () => {
  const fx = buildEvtxFixture({ maxRecordsPerChunk: 3 });
  const bytes = Buffer.from(fx.bytes);
  const rec = recordOffset(bytes, 1);
  bytes.writeUInt32LE(0xffffff, rec + 4);
  const { records, d } = await readBytes(bytes);
  assert.equal(records.length, fx.records.length - 2);
  const e = d.list().find((x) => x.code === "E_EVTX_RECORD");
  assert.equal(e?.location.offset, rec + 4);
});

test("2,000 random mutations of a valid file: never a throw, never a hang", async () => {
  const fx = buildEvtxFixture({ maxRecordsPerChunk: 3 });
  const r = prng(7);
  for (let i = 0; i < 2000; i++) {
    const bytes = Buffer.from(fx.bytes);
    const flips = 1 + Math.floor(r() * 8);
    for (let f = 0; f < flips; f++) {
      // bias toward chunk headers and record bodies, where the structure is
      const region = r();
      const pos =
        region < 0.2
          ? FILE_HEADER_SIZE + Math.floor(r() * 512)
          : FILE_HEADER_SIZE + 512 + Math.floor(r() * (fx.bytes.length - FILE_HEADER_SIZE - 512));
      bytes[pos] = Math.floor(r() * 256);
    }
    const { d } = await readBytes(bytes);
    assert.ok(d.total >= 0);
  }
});

test("a file that cannot be opened throws E_IO with the file", async () => {
  const missing = join(dir, "does-not-exist.evtx");
  await assert.rejects(
    async () => {
      for await (const _ of evtxReader.read(missing, { diagnostics: new Diagnostics() })) {
        // nothing
      }
    },
    (e: unknown) => e instanceof MikiwameError && e.code === "E_IO" && e.location?.file === missing,
  );
});
