/**
 * Round trip through our own EVTX writer: every BinXML token and every value type (and array form)
 * decodes to exactly what was written, over several chunks, with and without XML rendering.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { buildEvtxFixture } from "../../writers/evtx/fixtures.js";
import type { EvtxRecord } from "../record.js";
import { evtxReader } from "./evtx-reader.js";
import { readEvtxParallel } from "./parallel-evtx-reader.js";

const dir = mkdtempSync(join(tmpdir(), "mikiwame-evtx-rt-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(file: string, xml = false): Promise<{ records: EvtxRecord[]; d: Diagnostics }> {
  const d = new Diagnostics();
  const records: EvtxRecord[] = [];
  for await (const b of evtxReader.read(file, { diagnostics: d, xml })) records.push(...(b as EvtxRecord[]));
  return { records, d };
}

for (const perChunk of [1, 3, 100]) {
  test(`every token and value type decodes as written (${perChunk} record(s) per chunk)`, async () => {
    const fx = buildEvtxFixture({ maxRecordsPerChunk: perChunk });
    const file = join(dir, `fixture-${perChunk}.evtx`);
    writeFileSync(file, fx.bytes);
    const { records, d } = await readAll(file);
    assert.deepEqual(d.list(), []);
    assert.equal(records.length, fx.records.length);
    for (let i = 0; i < records.length; i++) {
      const got = records[i]!;
      const want = fx.records[i]!.expected;
      const what = fx.records[i]!.description;
      assert.equal(got.provenance.recordId, want.recordId, what);
      assert.equal(got.writtenTime, want.writtenTime, what);
      assert.deepEqual({ ...got.system }, { ...want.system }, what);
      assert.equal(got.section, want.section, what);
      assert.deepEqual({ ...got.data }, { ...want.data }, what);
    }
  });
}

test("the every-type table: each value type by name", async () => {
  const fx = buildEvtxFixture();
  const file = join(dir, "types.evtx");
  writeFileSync(file, fx.bytes);
  const { records } = await readAll(file);
  const first = records[0]!;
  assert.ok(fx.values.length >= 40, "every scalar and array type is in the table");
  for (const v of fx.values) assert.deepEqual(first.data[v.name], v.expected, `${v.name} (${v.value.type})`);
});

test("XML rendering shows every token", async () => {
  const fx = buildEvtxFixture();
  const file = join(dir, "xml.evtx");
  writeFileSync(file, fx.bytes);
  const { records } = await readAll(file, true);
  for (let i = 0; i < records.length; i++) {
    const xml = records[i]!.xml ?? "";
    for (const s of fx.records[i]!.xmlIncludes)
      assert.ok(xml.includes(s), `record ${i + 1}: XML lacks ${JSON.stringify(s)}:\n${xml}`);
    // the XML path gives the same fields as the direct path
    assert.ok(xml.startsWith("<"), "XML rendered");
  }
});

test("the worker-thread reader yields the same records in file order", async () => {
  const fx = buildEvtxFixture({ maxRecordsPerChunk: 1 });
  // repeat the records so there are more chunks than one worker task holds
  const file = join(dir, "parallel.evtx");
  const { writeEvtx } = await import("../../writers/evtx/evtx-writer.js");
  const many = Array.from({ length: 12 }, () => fx.records.map((r) => r.record)).flat();
  writeFileSync(file, writeEvtx(many, { maxRecordsPerChunk: 1 }));
  const single = (await readAll(file)).records;
  const d = new Diagnostics();
  const parallel: EvtxRecord[] = [];
  for await (const b of readEvtxParallel(file, { diagnostics: d, workers: 2 })) parallel.push(...b);
  assert.equal(parallel.length, single.length);
  assert.ok(parallel.length > 32, "more chunks than one task");
  for (let i = 0; i < single.length; i++) {
    assert.equal(parallel[i]!.provenance.recordId, single[i]!.provenance.recordId);
    assert.deepEqual({ ...parallel[i]!.data }, { ...single[i]!.data });
  }
});

test("a gzipped .evtx reads the same as the plain file", async () => {
  const { gzipSync } = await import("node:zlib");
  const fx = buildEvtxFixture({ maxRecordsPerChunk: 2 });
  const plain = join(dir, "gz-plain.evtx");
  const gz = join(dir, "gz.evtx.gz");
  writeFileSync(plain, fx.bytes);
  writeFileSync(gz, gzipSync(fx.bytes));
  const a = await readAll(plain);
  const b = await readAll(gz);
  assert.deepEqual(b.d.list(), []);
  assert.equal(b.records.length, a.records.length);
  for (let i = 0; i < a.records.length; i++)
    assert.deepEqual({ ...b.records[i]!.data }, { ...a.records[i]!.data });
});
