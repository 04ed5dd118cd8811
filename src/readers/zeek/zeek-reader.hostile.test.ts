/**
 * Hostile Zeek logs: 10,000 columns, a 30 MB line of separators, a set of a million elements, a
 * count and a time of a million digits, a gzip bomb. Each gives a clear, located diagnostic in bounded time and
 * memory, and the rows after it are still read.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { after, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { FileReader } from "../reader.js";
import type { ZeekRecord } from "../record.js";
import { MAX_ZEEK_COLUMNS } from "./zeek-header.js";
import { createZeekReader, zeekReader } from "./zeek-reader.js";
import { MAX_ZEEK_CONTAINER_ITEMS } from "./zeek-value.js";

const dir = mkdtempSync(join(tmpdir(), "mikiwame-zeek-hostile-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const HEADER =
  "#separator \\x09\n#path\tconn\n#fields\tts\tuid\tservice\n#types\ttime\tstring\tset[string]\n";
const GOOD_ROW = "1600000000.5\tCgood\tdns\n";

async function read(name: string, content: string | Buffer, reader: FileReader = zeekReader) {
  const file = join(dir, name);
  writeFileSync(file, content);
  const d = new Diagnostics();
  const records: ZeekRecord[] = [];
  const start = performance.now();
  for await (const b of reader.read(file, { diagnostics: d })) records.push(...(b as ZeekRecord[]));
  return { file, records, d, ms: performance.now() - start };
}

describe("hostile Zeek logs", () => {
  it("10,000 columns: the header block is refused with E_LIMIT, the next block is read", async () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `c${i}`);
    const row = names.map((_, i) => String(i)).join("\t");
    const text = `#separator \\x09\n#fields\t${names.join("\t")}\n#types\t${names.map(() => "count").join("\t")}\n${row}\n${row}\n${HEADER}${GOOD_ROW}`;
    const r = await read("wide.log", text);
    const e = r.d.list().find((x) => x.code === "E_LIMIT" && /#fields/.test(x.message));
    assert.ok(
      e,
      r.d
        .list()
        .map((x) => x.message)
        .join(" | "),
    );
    assert.match(
      e.message,
      new RegExp(
        `#fields lists more than ${MAX_ZEEK_COLUMNS} columns \\(the limit\\); the rows of this header block are skipped`,
      ),
    );
    assert.deepEqual(e.location, { file: r.file, line: 2, offset: text.indexOf("#fields") });
    // the wide rows are explained by that one error, not reported again
    assert.ok(!r.d.list().some((x) => /before any #fields/.test(x.message)));
    assert.deepEqual(
      r.records.map((x) => x.fields.uid),
      ["Cgood"],
    );
    assert.ok(r.ms < 2000, `${r.ms} ms`);
  });

  it("a 30 MB line of separators is one bounded E_ZEEK_ROW (splitting it whole took 800 MB)", async () => {
    const text = `${HEADER}${"\t".repeat(30 * 1024 * 1024)}\n${GOOD_ROW}`;
    const rssBefore = process.memoryUsage().rss;
    const r = await read("tabs.log", text);
    const grown = process.memoryUsage().rss - rssBefore;
    const e = r.d.list().find((x) => x.code === "E_ZEEK_ROW");
    assert.ok(e);
    assert.match(e.message, /row has more than 3 columns but the #fields header has 3; row skipped/);
    assert.equal(e.location.line, 5);
    assert.deepEqual(
      r.records.map((x) => x.fields.uid),
      ["Cgood"],
    );
    assert.ok(grown < 300 * 1024 * 1024, `rss grew by ${Math.round(grown / 1e6)} MB`);
  });

  it("a set of a million elements is E_LIMIT and null; million-digit counts and times are bad values, in bounded time", async () => {
    const hugeSet = `1600000000.5\tCset\t${",".repeat(1_000_000)}\n`;
    const digits = `#fields\tts\tuid\tn\n#types\ttime\tstring\tcount\n1600000000.5\tCdigits\t${"9".repeat(1_000_000)}\n${"9".repeat(1_000_000)}x\tCtime\t1\n`;
    const r = await read("values.log", `${HEADER}${hugeSet}${digits}`);
    const set = r.d.list().find((x) => x.code === "E_LIMIT");
    assert.ok(
      set,
      r.d
        .list()
        .map((x) => x.message)
        .join(" | "),
    );
    assert.match(
      set.message,
      new RegExp(
        `column 3 'service' \\(set\\[string\\]\\): ',{40}…' holds more than ${MAX_ZEEK_CONTAINER_ITEMS} elements`,
      ),
    );
    assert.equal(set.location.line, 5);
    const count = r.d.list().find((x) => x.code === "E_ZEEK_ROW");
    assert.ok(count);
    assert.match(count.message, /column 3 'n' \(count\): '9{40}…' is not a valid count; value set to null/);
    assert.equal(count.location.line, 8);
    // a non-number time of a million digits: its decimal check used to backtrack quadratically (hours)
    const time = r.d.list().find((x) => x.code === "E_ZEEK_ROW" && /'ts' \(time\)/.test(x.message));
    assert.ok(time);
    assert.match(time.message, /column 1 'ts' \(time\): '9{40}…' is not a valid time; value set to null/);
    assert.equal(time.location.line, 9);
    assert.deepEqual(
      r.records.map((x) => x.fields.uid),
      ["Cset", "Cdigits", "Ctime"],
    );
    assert.equal(r.records[0]!.fields.service, null);
    assert.equal(r.records[1]!.fields.n, null);
    assert.ok(r.ms < 3000, `${r.ms} ms`);
  });

  it("a gzip bomb stops with E_LIMIT; the rows before it are kept", async () => {
    const text = Buffer.concat([Buffer.from(`${HEADER}${GOOD_ROW}`), Buffer.alloc(32 * 1024 * 1024, 0x0a)]);
    const reader = createZeekReader({ gunzip: { freeBytes: 4 * 1024 * 1024, maxRatio: 100 } });
    const r = await read("bomb.log.gz", gzipSync(text), reader);
    const e = r.d.list().find((x) => x.code === "E_LIMIT");
    assert.ok(
      e,
      r.d
        .list()
        .map((x) => x.message)
        .join(" | "),
    );
    assert.match(e.message, /gzip content expands more than 100×/);
    assert.equal(e.location.file, r.file);
    assert.deepEqual(
      r.records.map((x) => x.fields.uid),
      ["Cgood"],
    );
  });
});
