import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { crc32 } from "node:zlib";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { element } from "./binxml-node.js";
import { nameHash } from "./chunk-tables.js";
import { type EvtxRecordInput, writeEvtx, writeEvtxFile } from "./evtx-writer.js";
import { buildEvtxFixture } from "./fixtures.js";
import { guidFromBytes } from "./guid.js";
import { sysmonEvent } from "./sysmon-event.js";

interface WalkedRecord {
  readonly offset: number;
  readonly size: number;
  readonly id: bigint;
  readonly binxml: Buffer;
}
interface WalkedChunk {
  readonly firstId: bigint;
  readonly lastId: bigint;
  readonly records: WalkedRecord[];
  readonly names: Map<string, number>;
  readonly templates: Map<string, number>;
}
interface Walked {
  readonly flags: number;
  readonly minor: number;
  readonly chunkCount: number;
  readonly lastChunk: bigint;
  readonly nextRecordId: bigint;
  readonly chunks: WalkedChunk[];
}

/** Reads back what the writer wrote, asserting every structural invariant on the way. */
function walk(file: Buffer): Walked {
  assert.equal(file.toString("latin1", 0, 8), "ElfFile\0");
  assert.equal(file.readUInt32LE(124), crc32(file.subarray(0, 120)), "file header CRC");
  assert.equal(file.readUInt32LE(32), 128);
  assert.equal(file.readUInt16LE(38), 3);
  assert.equal(file.readUInt16LE(40), 4096);
  const chunkCount = file.readUInt16LE(42);
  assert.equal(file.length, 4096 + chunkCount * 65536, "file size = header + chunks");
  const chunks: WalkedChunk[] = [];
  for (let c = 0; c < chunkCount; c++) {
    const k = file.subarray(4096 + c * 65536, 4096 + (c + 1) * 65536);
    assert.equal(k.toString("latin1", 0, 8), "ElfChnk\0");
    const headerCrc = crc32(k.subarray(128, 512), crc32(k.subarray(0, 120)));
    assert.equal(k.readUInt32LE(124), headerCrc, `chunk ${c} header CRC`);
    const free = k.readUInt32LE(48);
    assert.equal(k.readUInt32LE(52), crc32(k.subarray(512, free)), `chunk ${c} records CRC`);
    assert.ok(
      k.subarray(free).every((b) => b === 0),
      "free space is zeroed",
    );
    const records: WalkedRecord[] = [];
    let at = 512;
    for (let guard = 0; at < free && guard < 65536; guard++) {
      assert.equal(k.readUInt32LE(at), 0x2a2a, `record signature at ${at}`);
      const size = k.readUInt32LE(at + 4);
      assert.equal(size % 8, 0, "records are 8-byte aligned");
      assert.equal(k.readUInt32LE(at + size - 4), size, "trailing size copy");
      const binxml = k.subarray(at + 24, at + size - 4);
      assert.equal(binxml.toString("hex", 0, 4), "0f010100", "record BinXML starts with a fragment header");
      records.push({ offset: at, size, id: k.readBigUInt64LE(at + 8), binxml });
      at += size;
    }
    assert.equal(at, free, "free-space offset ends the last record");
    assert.equal(k.readUInt32LE(44), records.at(-1)!.offset, "last record offset");
    const firstId = k.readBigUInt64LE(24);
    const lastId = k.readBigUInt64LE(32);
    assert.equal(k.readBigUInt64LE(8), firstId);
    assert.equal(k.readBigUInt64LE(16), lastId);
    assert.equal(firstId, records[0]!.id);
    assert.equal(lastId, records.at(-1)!.id);
    chunks.push({ firstId, lastId, records, names: walkNames(k), templates: walkTemplates(k) });
  }
  return {
    flags: file.readUInt32LE(120),
    minor: file.readUInt16LE(36),
    chunkCount,
    lastChunk: file.readBigUInt64LE(16),
    nextRecordId: file.readBigUInt64LE(24),
    chunks,
  };
}

function walkNames(k: Buffer): Map<string, number> {
  const names = new Map<string, number>();
  for (let b = 0; b < 64; b++) {
    let off = k.readUInt32LE(128 + 4 * b);
    for (let guard = 0; off !== 0 && guard < 4096; guard++) {
      assert.ok(off >= 512 && off < k.readUInt32LE(48), "name inside the records area");
      const hash = k.readUInt16LE(off + 4);
      const len = k.readUInt16LE(off + 6);
      const name = k.toString("utf16le", off + 8, off + 8 + 2 * len);
      assert.equal(k.readUInt16LE(off + 8 + 2 * len), 0, "name NUL");
      assert.equal(hash, nameHash(name), `hash of ${name}`);
      assert.equal(hash % 64, b, `bucket of ${name}`);
      assert.ok(!names.has(name), `${name} written once per chunk`);
      names.set(name, off);
      off = k.readUInt32LE(off);
    }
  }
  return names;
}

function walkTemplates(k: Buffer): Map<string, number> {
  const templates = new Map<string, number>();
  for (let b = 0; b < 32; b++) {
    let off = k.readUInt32LE(384 + 4 * b);
    for (let guard = 0; off !== 0 && guard < 4096; guard++) {
      assert.equal(k[off - 10], 0x0c, "template instance token before the definition");
      assert.equal(k.readUInt32LE(off - 4), off, "definition offset points past itself");
      const guid = guidFromBytes(k.subarray(off + 4, off + 20));
      const id = k.readUInt32LE(off + 4);
      assert.equal(k.readUInt32LE(off - 8), id, "template id = GUID Data1");
      assert.equal(id % 32, b, "template bucket");
      const size = k.readUInt32LE(off + 20);
      assert.equal(k.toString("hex", off + 24, off + 28), "0f010100", "definition fragment header");
      assert.equal(k[off + 24 + size - 1], 0x00, "definition ends with EOF");
      templates.set(guid, off);
      off = k.readUInt32LE(off);
    }
  }
  return templates;
}

function sysmonRecords(n: number): EvtxRecordInput[] {
  const out: EvtxRecordInput[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      sysmonEvent(
        3,
        `2026-03-02T09:${String(14 + (Math.floor(i / 60) % 46)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z`,
        {
          RuleName: "-",
          UtcTime: "2026-03-02 09:14:00.000",
          ProcessGuid: "{11111111-2222-3333-4444-555555555555}",
          ProcessId: 4000 + (i % 7),
          Image: `C:\\Program Files\\App${i % 13}\\app.exe`,
          DestinationIp: `10.0.${i % 256}.1`,
          DestinationPort: 443,
        },
      ),
    );
  }
  return out;
}

function isWriteError(location: object | undefined) {
  return (e: unknown) =>
    e instanceof MikiwameError &&
    e.code === "E_EVTX_WRITE" &&
    assert.deepEqual(e.location, location) === undefined;
}

describe("writeEvtx structure", () => {
  it("writes the fixture with valid header, chunks, checksums, offsets and tables", () => {
    const w = walk(buildEvtxFixture().bytes);
    assert.equal(w.chunkCount, 3);
    assert.equal(w.lastChunk, 2n);
    assert.equal(w.nextRecordId, 9n);
    assert.equal(w.flags, 0);
    assert.equal(w.minor, 1);
    assert.deepEqual(
      w.chunks.map((c) => c.records.map((r) => r.id)),
      [
        [1n, 2n, 3n],
        [4n, 5n, 6n],
        [7n, 8n],
      ],
    );
  });

  it("reuses a template by offset within a chunk and writes it again in the next chunk", () => {
    const w = walk(buildEvtxFixture().bytes);
    const [c0, c1] = w.chunks;
    // record 1: outer + nested EventData definitions; record 2 references both; record 3: inline layout
    assert.equal(c0!.templates.size, 3);
    const second = c0!.records[1]!.binxml.toString("hex");
    assert.equal(second.split("0f010100").length - 1, 1, "record 2 holds no template definition");
    assert.ok(c0!.records[1]!.size < c0!.records[0]!.size / 2);
    for (const name of ["Event", "System", "EventData", "Data", "Name"]) {
      assert.ok(c0!.names.has(name), `chunk 0 has ${name}`);
      assert.ok(c1!.names.has(name), `chunk 1 has ${name} again`);
    }
  });

  it("fills chunks by size, keeping record ids consecutive across chunks", () => {
    const w = walk(writeEvtx(sysmonRecords(1500)));
    assert.ok(w.chunkCount >= 3, `got ${w.chunkCount} chunks`);
    const ids = w.chunks.flatMap((c) => c.records.map((r) => r.id));
    assert.deepEqual(
      ids,
      Array.from({ length: 1500 }, (_, i) => BigInt(i + 1)),
    );
    assert.equal(w.nextRecordId, 1501n);
    for (const c of w.chunks)
      assert.equal(c.templates.size, 2, "one outer + one EventData template per chunk");
  });

  it("sets the dirty and full flags and the minor version as asked", () => {
    const rec = sysmonRecords(1);
    assert.equal(walk(writeEvtx(rec, { dirty: true })).flags, 1);
    assert.equal(walk(writeEvtx(rec, { full: true })).flags, 2);
    assert.equal(walk(writeEvtx(rec, { dirty: true, full: true, minorVersion: 2 })).flags, 3);
    assert.equal(walk(writeEvtx(rec, { minorVersion: 2 })).minor, 2);
  });

  it("numbers records from firstRecordId, or as each record says", () => {
    const w = walk(
      writeEvtx([...sysmonRecords(2), { ...sysmonRecords(1)[0]!, recordId: 5000 }], { firstRecordId: 1000 }),
    );
    assert.deepEqual(
      w.chunks[0]!.records.map((r) => r.id),
      [1000n, 1001n, 5000n],
    );
    assert.equal(w.nextRecordId, 5001n);
  });

  it("writes an empty file as a bare header", () => {
    const w = walk(writeEvtx([]));
    assert.equal(w.chunkCount, 0);
    assert.equal(w.nextRecordId, 1n);
  });

  it("is deterministic", () => {
    assert.ok(buildEvtxFixture().bytes.equals(buildEvtxFixture().bytes));
  });

  it("streams to a file byte-for-byte like the in-memory writer", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mikiwame-evtx-"));
    try {
      const path = join(dir, "s.evtx");
      async function* gen() {
        yield* sysmonRecords(900);
      }
      const summary = await writeEvtxFile(path, gen(), { maxRecordsPerChunk: 100 });
      assert.deepEqual(summary, { chunks: 9, records: 900, nextRecordId: 901n });
      const bytes = await readFile(path);
      assert.equal(walk(bytes).chunkCount, 9);
      assert.ok(bytes.equals(writeEvtx(sysmonRecords(900), { maxRecordsPerChunk: 100 })));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("writeEvtx errors", () => {
  it("refuses a record larger than a chunk, naming the record and chunk", () => {
    const big = { root: element("E", {}, "x".repeat(40000)), writtenTime: "2026-01-01T00:00:00Z" };
    assert.throws(
      () => writeEvtx([...sysmonRecords(1), big, big]),
      isWriteError({ recordId: "2", chunk: 1 }),
    );
  });

  it("locates value errors at the record that holds them", () => {
    const bad = { root: element("E", { A: "x" }, [element("")]), writtenTime: "2026-01-01T00:00:00Z" };
    assert.throws(() => writeEvtx([...sysmonRecords(3), bad]), isWriteError({ recordId: "4", chunk: 0 }));
  });

  it("refuses a record id outside 64 bits", () => {
    assert.throws(
      () => writeEvtx([{ ...sysmonRecords(1)[0]!, recordId: -1 }]),
      isWriteError({ recordId: "-1", chunk: 0 }),
    );
  });

  it("refuses maxRecordsPerChunk below 1", () => {
    assert.throws(() => writeEvtx(sysmonRecords(1), { maxRecordsPerChunk: 0 }), isWriteError(undefined));
  });
});
