/**
 * Hostile JSON input: a 100 MB single line (streamed to a temp file, never held whole), a gzip bomb,
 * a megabytes-long integer literal, nesting a million levels deep, `__proto__` keys. Each gives a
 * clear, located result in bounded time and memory, and the lines after it are still read.
 */
import assert from "node:assert/strict";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { after, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { DEFAULT_GUNZIP_LIMITS } from "../gunzip-limit.js";
import type { FileReader } from "../reader.js";
import type { JsonRecord } from "../record.js";
import { createNdjsonReader, MAX_JSON_VALUE_BYTES, ndjsonReader } from "./ndjson-reader.js";

const dir = mkdtempSync(join(tmpdir(), "mikiwame-json-hostile-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function read(file: string, reader: FileReader = ndjsonReader) {
  const d = new Diagnostics();
  const records: JsonRecord[] = [];
  const start = performance.now();
  for await (const b of reader.read(file, { diagnostics: d })) records.push(...(b as JsonRecord[]));
  return { records, d, ms: performance.now() - start };
}

describe("hostile JSON", () => {
  it("a 100 MB single line: E_LIMIT at its line and offset, the lines around it are read, memory stays bounded", async () => {
    const file = join(dir, "huge-line.json");
    const fd = openSync(file, "w");
    try {
      writeSync(fd, '{"n":1}\n{"a":"');
      const block = Buffer.alloc(1 << 20, 0x78);
      for (let i = 0; i < 100; i++) writeSync(fd, block);
      writeSync(fd, '"}\n{"n":3}\n');
    } finally {
      closeSync(fd);
    }
    const rssBefore = process.memoryUsage().rss;
    const r = await read(file);
    const grown = process.memoryUsage().rss - rssBefore;
    assert.deepEqual(
      r.records.map((x) => x.value),
      [{ n: 1 }, { n: 3 }],
    );
    assert.equal(r.d.list().length, 1);
    const e = r.d.list()[0]!;
    assert.equal(e.code, "E_LIMIT");
    assert.deepEqual(e.location, { file, line: 2, offset: 8 });
    assert.match(
      e.message,
      new RegExp(
        `JSON value of 104857608 bytes is larger than the ${MAX_JSON_VALUE_BYTES}-byte limit; skipped`,
      ),
    );
    // the reader keeps at most the limit of one value (64 MiB) in memory, never the 100 MB line and its copies
    assert.ok(grown < 300 * 1024 * 1024, `rss grew by ${Math.round(grown / 1e6)} MB`);
    assert.ok(r.ms < 15_000, `${r.ms} ms`);
  });

  it("a gzip bomb stops with E_LIMIT; the records before it are kept", async () => {
    const file = join(dir, "bomb.json.gz");
    const text = Buffer.concat([
      Buffer.from('{"n":1}\n'),
      Buffer.alloc(32 * 1024 * 1024, 0x20),
      Buffer.from('\n{"n":2}\n'),
    ]);
    writeFileSync(file, gzipSync(text));
    const reader = createNdjsonReader({ gunzip: { freeBytes: 4 * 1024 * 1024, maxRatio: 100 } });
    const r = await read(file, reader);
    assert.deepEqual(
      r.records.map((x) => x.value),
      [{ n: 1 }],
    );
    const e = r.d.list().find((x) => x.code === "E_LIMIT");
    assert.ok(
      e,
      r.d
        .list()
        .map((x) => x.message)
        .join(" | "),
    );
    assert.match(
      e.message,
      /gzip content expands more than 100× .*a decompression bomb\?\); reading stopped/,
    );
    assert.equal(e.location.file, file);
    assert.equal(typeof e.location.line, "number");
    // the defaults: 1 GiB free, then at most 200×
    assert.deepEqual(DEFAULT_GUNZIP_LIMITS, { freeBytes: 1024 * 1024 * 1024, maxRatio: 200 });
  });

  it("a 4-million-digit integer is read as a number in bounded time (BigInt parsing of it took seconds)", async () => {
    const file = join(dir, "digits.json");
    writeFileSync(file, `{"big":${"9".repeat(4_000_000)}}\n{"exact":18446744073709551615}\n`);
    const r = await read(file);
    assert.equal(r.records[0]!.value.big, Number.POSITIVE_INFINITY);
    assert.equal(r.records[1]!.value.exact, 18446744073709551615n);
    assert.ok(r.ms < 2000, `${r.ms} ms`);
  });

  it("200,000 levels of nesting: read or a located E_JSON_SYNTAX, never a crash", async () => {
    const file = join(dir, "deep.json");
    const depth = 200_000;
    writeFileSync(
      file,
      `{"d":${"[".repeat(depth)}${"]".repeat(depth)}}\n{"d":${"[".repeat(depth)}${"]".repeat(depth)},"n":12345678901234567890}\n{"n":3}\n`,
    );
    const r = await read(file);
    assert.deepEqual(r.records.at(-1)?.value, { n: 3 });
    for (const e of r.d.list()) {
      assert.equal(e.code, "E_JSON_SYNTAX");
      assert.equal(e.location.file, file);
      assert.equal(e.location.line, 2);
    }
    assert.ok(r.ms < 5000, `${r.ms} ms`);
  });

  it("`__proto__` keys become plain fields, never the prototype", async () => {
    const file = join(dir, "proto.json");
    writeFileSync(file, '{"__proto__":{"polluted":1},"a":1}\n{"constructor":{"prototype":{"polluted":1}}}\n');
    const r = await read(file);
    assert.equal(r.records.length, 2);
    assert.ok(Object.hasOwn(r.records[0]!.value, "__proto__"));
    assert.equal(Object.getPrototypeOf(r.records[0]!.value), Object.prototype);
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
