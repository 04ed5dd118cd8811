/**
 * Hostile EVTX input, written byte by byte: each case gives a clear, located diagnostic in bounded time,
 * and reading goes on (the good record after the hostile one in the same chunk, or the next chunk).
 * Cases: sizes that claim gigabytes (record, template data, substitution count) or more than the chunk
 * (string, name, value), template loops (self and mutual), BinXML nested as deep as a chunk allows,
 * nested BinXML values 100 deep, a substitution bomb (K^depth expansion), a substitution value that
 * contains itself, a chunk full of bombs, and a gzip bomb.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { after, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { BinXmlBytes, BX_TYPE, type BxValue, utf16Value } from "../../testing/fuzz/binxml-bytes.js";
import {
  EVTX_CHUNK_BYTES,
  EVTX_FILE_HEADER_BYTES,
  rawChunk,
  rawEvtxFile,
  type RecordBody,
} from "../../testing/fuzz/evtx-chunk-bytes.js";
import type { EvtxRecord } from "../record.js";
import { createEvtxReader, evtxReader } from "./evtx-reader.js";
import { MAX_CHUNK_EXPANSION, MAX_RECORD_EXPANSION } from "./expansion-budget.js";

const dir = mkdtempSync(join(tmpdir(), "mikiwame-evtx-hostile-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

interface ReadResult {
  readonly file: string;
  readonly records: EvtxRecord[];
  readonly d: Diagnostics;
  readonly ms: number;
}

async function read(
  bytes: Uint8Array,
  options: { xml?: boolean; gz?: boolean; reader?: typeof evtxReader } = {},
): Promise<ReadResult> {
  const file = join(dir, `case-${n++}.evtx${options.gz ? ".gz" : ""}`);
  writeFileSync(file, bytes);
  const d = new Diagnostics();
  const records: EvtxRecord[] = [];
  const start = performance.now();
  for await (const b of (options.reader ?? evtxReader).read(file, {
    diagnostics: d,
    xml: options.xml ?? false,
  }))
    records.push(...(b as EvtxRecord[]));
  return { file, records, d, ms: performance.now() - start };
}

const u16 = (v: number): Uint8Array => Uint8Array.of(v & 0xff, v >>> 8);

/** An honest record: <Event><System><EventID>{sub 0}</EventID></System></Event> with EventID `id`. */
function goodRecord(id: number): RecordBody {
  return (base) => {
    const b = new BinXmlBytes(base);
    b.fragmentHeader();
    b.templateInline((t) => {
      t.fragmentHeader().openElement("Event", { depId: true }).closeStart();
      t.openElement("System", { depId: true }).closeStart();
      t.openElement("EventID", { depId: true }).closeStart().subst(0, BX_TYPE.UINT16).endElement();
      t.endElement().endElement().eof();
    });
    b.values([{ type: BX_TYPE.UINT16, bytes: u16(id) }]);
    return b.bytes();
  };
}

/** A record body from a writer function (fragment header first). */
function record(write: (b: BinXmlBytes, base: number) => void): RecordBody {
  return (base) => {
    const b = new BinXmlBytes(base);
    b.fragmentHeader();
    write(b, base);
    return b.bytes();
  };
}

/** The one diagnostic with `code` whose message matches; checks it is located in `file` (chunk and offset). */
function located(r: ReadResult, code: string, message: RegExp) {
  const hit = r.d.list().find((x) => x.code === code && message.test(x.message));
  assert.ok(
    hit,
    `no ${code} ${message}: ${r.d
      .list()
      .map((x) => `${x.code} ${x.message}`)
      .join(" | ")}`,
  );
  assert.equal(hit.location.file, r.file);
  assert.equal(typeof hit.location.chunk, "number");
  assert.equal(typeof hit.location.offset, "number");
  return hit;
}

function eventIds(r: ReadResult): number[] {
  return r.records.map((x) => x.system.eventId);
}

const chunkAt = (i: number) => EVTX_FILE_HEADER_BYTES + i * EVTX_CHUNK_BYTES;

describe("sizes that claim more than there is", () => {
  it("a record header claiming 4 GB: the chunk's records stop there, the next chunk is read", async () => {
    const bad = rawChunk([goodRecord(1), goodRecord(2)]);
    bad.bytes.writeUInt32LE(0xffffffff, bad.recordOffsets[1]! + 4);
    const r = await read(rawEvtxFile([bad.bytes, rawChunk([goodRecord(3)], 3).bytes]));
    const e = located(r, "E_EVTX_RECORD", /record size 4294967295 out of range; rest of the chunk skipped/);
    assert.equal(e.location.offset, chunkAt(0) + bad.recordOffsets[1]! + 4);
    assert.equal(e.location.chunk, 0);
    assert.deepEqual(eventIds(r), [1, 3]);
  });

  it("a template claiming 4 GB of data, and 4 billion substitutions: that record is skipped, the next one read", async () => {
    const c = rawChunk([
      record((b) => {
        b.templateInline(
          (t) => t.fragmentHeader().openElement("Event", { depId: true }).closeEmpty().eof(),
          0xffffffff,
        );
        b.values([]);
      }),
      record((b) => {
        b.templateInline((t) => t.fragmentHeader().openElement("Event", { depId: true }).closeEmpty().eof());
        b.values([], 0xffffffff);
      }),
      goodRecord(7),
    ]);
    for (const xml of [false, true]) {
      const r = await read(rawEvtxFile([c.bytes]), { xml });
      located(
        r,
        "E_EVTX_TEMPLATE",
        /inline template definition runs past|template data size 4294967295 runs past the chunk/,
      );
      const count = located(r, "E_EVTX_BINXML", /implausible substitution count 4294967295/);
      assert.equal(count.location.chunk, 0);
      assert.deepEqual(eventIds(r), [7]);
    }
  });

  it("a string, a name and a substitution value claiming more than the chunk holds", async () => {
    const c = rawChunk([
      record((b) => {
        b.templateInline((t) =>
          t
            .fragmentHeader()
            .openElement("Event", { depId: true })
            .closeStart()
            .text("x", 0xffff)
            .endElement()
            .eof(),
        );
        b.values([]);
      }),
      record((b) => {
        b.templateInline((t) => {
          t.fragmentHeader().u8(0x01).u16(0xffff).u32(0);
          t.u32(t.pos + 4)
            .u32(0)
            .u16(0)
            .u16(0xffff)
            .utf16("Event"); // a name claiming 65535 characters
          t.closeEmpty().eof();
        });
        b.values([]);
      }),
      record((b) => {
        b.templateInline((t) =>
          t
            .fragmentHeader()
            .openElement("Event", { depId: true })
            .closeStart()
            .subst(0, BX_TYPE.STRING)
            .endElement()
            .eof(),
        );
        b.values([{ ...utf16Value("abc"), declaredSize: 0xffff }]);
      }),
      goodRecord(9),
    ]);
    const r = await read(rawEvtxFile([c.bytes]));
    located(r, "E_EVTX_BINXML", /string runs past the token stream/);
    located(r, "E_EVTX_BINXML", /past the end of the chunk|runs past the token stream/);
    const v = located(r, "E_EVTX_VALUE", /substitution 0 \(65535 bytes\) runs past the record/);
    assert.equal(v.location.recordId, "3");
    assert.deepEqual(eventIds(r), [9]);
  });
});

describe("template loops", () => {
  it("a template whose body instantiates itself, and two templates that instantiate each other", async () => {
    const c = rawChunk([
      record((b) => {
        b.templateInline((t) => {
          const self = t.pos - 24;
          t.fragmentHeader().openElement("Event", { depId: true }).closeStart();
          t.templateRef(self).values([]);
          t.endElement().eof();
        });
        b.values([]);
      }),
      record((b) => {
        b.templateInline((a) => {
          const defA = a.pos - 24;
          a.fragmentHeader().openElement("Event", { depId: true }).closeStart();
          a.templateInline((bb) => {
            bb.fragmentHeader().openElement("Inner", { depId: true }).closeStart();
            bb.templateRef(defA).values([]);
            bb.endElement().eof();
          });
          a.values([]);
          a.endElement().eof();
        });
        b.values([]);
      }),
      goodRecord(11),
    ]);
    for (const xml of [false, true]) {
      const r = await read(rawEvtxFile([c.bytes]), { xml });
      const loops = r.d
        .list()
        .filter((x) => x.code === "E_EVTX_TEMPLATE" && /template refers to itself/.test(x.message));
      assert.equal(
        loops.length,
        2,
        r.d
          .list()
          .map((x) => x.message)
          .join(" | "),
      );
      for (const e of loops) assert.equal(e.location.file, r.file);
      assert.deepEqual(eventIds(r), [11]);
      assert.ok(r.ms < 2000, `${r.ms} ms`);
    }
  });
});

describe("deep nesting", () => {
  it("elements nested as deep as a 64 KiB chunk allows (5,000; 10,000 cannot fit) stop at the depth cap", async () => {
    // 10 bytes per level (token, size, name reference, close) + 1 to end it: 10,000 levels need 110 KB.
    const DEPTH = 5000;
    const c = rawChunk([
      record((b) => {
        b.u8(0x01).u32(0);
        const nameAt = b.pos + 4;
        b.inlineName("x").closeStart();
        for (let i = 1; i < DEPTH; i++) b.u8(0x01).u32(0).nameRef(nameAt).closeStart();
        for (let i = 0; i < DEPTH; i++) b.endElement();
        b.eof();
      }),
      goodRecord(12),
    ]);
    for (const xml of [false, true]) {
      const r = await read(rawEvtxFile([c.bytes]), { xml });
      located(r, "E_EVTX_BINXML", /elements nested deeper than 128/);
      assert.deepEqual(eventIds(r), [12]);
      assert.ok(r.ms < 2000, `${r.ms} ms`);
    }
  });

  it("nested BinXML values 100 deep: the value is left empty with a warning past 12 levels", async () => {
    const c = rawChunk([
      record((b) => {
        const defT = b.templateInline((t) =>
          t
            .fragmentHeader()
            .openElement("Event", { depId: true })
            .closeStart()
            .subst(0, BX_TYPE.BINXML)
            .endElement()
            .eof(),
        );
        let inner: BxValue = utf16Value("deep");
        for (let i = 0; i < 100; i++) {
          const nb = new BinXmlBytes(0).fragmentHeader().templateRef(defT).values([inner]).eof();
          inner = { type: BX_TYPE.BINXML, bytes: nb.bytes() };
        }
        b.values([inner]);
      }),
      goodRecord(13),
    ]);
    const r = await read(rawEvtxFile([c.bytes]), { xml: true });
    const w = located(r, "E_EVTX_VALUE", /nested BinXML unreadable \(nested BinXML deeper than 12 levels\)/);
    assert.equal(w.severity, "warning");
    assert.deepEqual(eventIds(r).at(-1), 13);
  });
});

/** A template using its nested-BinXML substitution 0 `k` times, instantiated `depth` levels deep. */
function substitutionBomb(k: number, depth: number): RecordBody {
  return record((b) => {
    const defT = b.templateInline((t) => {
      t.fragmentHeader().openElement("Event", { depId: true }).closeStart();
      for (let i = 0; i < k; i++) t.subst(0, BX_TYPE.BINXML);
      t.endElement().eof();
    });
    let inner: BxValue = utf16Value("x");
    for (let d = 0; d < depth; d++) {
      const nb = new BinXmlBytes(0).fragmentHeader().templateRef(defT).values([inner]).eof();
      inner = { type: BX_TYPE.BINXML, bytes: nb.bytes() };
    }
    b.values([inner]);
  });
}

describe("expansion bombs", () => {
  it("a 250-byte record that would expand 8^8 times is stopped at the expansion budget", async () => {
    const c = rawChunk([substitutionBomb(8, 8), goodRecord(14)]);
    for (const xml of [false, true]) {
      const r = await read(rawEvtxFile([c.bytes]), { xml });
      const e = located(
        r,
        "E_EVTX_BINXML",
        new RegExp(`more than ${MAX_RECORD_EXPANSION} nodes.*substitution bomb`),
      );
      assert.equal(e.location.recordId, "1");
      assert.deepEqual(eventIds(r), [14]);
      assert.ok(r.ms < 3000, `${r.ms} ms (before the budget: minutes)`);
    }
  });

  it("a nested value that contains a substitution of itself is a loop, not a stack overflow", async () => {
    const c = rawChunk([
      record((b) => {
        b.templateInline((t) => {
          t.fragmentHeader().openElement("Event", { depId: true }).closeStart();
          t.openElement("UserData", { depId: true }).closeStart().subst(0, BX_TYPE.BINXML).endElement();
          t.endElement().eof();
        });
        const loop = new BinXmlBytes(0).fragmentHeader().subst(0, BX_TYPE.BINXML).eof();
        b.values([{ type: BX_TYPE.BINXML, bytes: loop.bytes() }]);
      }),
      goodRecord(15),
    ]);
    for (const xml of [false, true]) {
      const r = await read(rawEvtxFile([c.bytes]), { xml });
      located(r, "E_EVTX_BINXML", /refers to itself \(substitution loop\)/);
      assert.ok(!r.d.list().some((x) => /call stack/.test(x.message)));
      assert.deepEqual(eventIds(r), [15]);
    }
  });

  it("a chunk full of bombs stops at the chunk budget; the next chunk is read", async () => {
    const bombs = Array.from({ length: 120 }, () => substitutionBomb(8, 6));
    const r = await read(rawEvtxFile([rawChunk(bombs).bytes, rawChunk([goodRecord(16)], 200).bytes]));
    located(r, "E_EVTX_BINXML", /expand too much \(substitution bombs\); rest of the chunk skipped/);
    const perRecord = r.d.counts().get("E_EVTX_BINXML") ?? 0;
    assert.ok(
      perRecord <= Math.ceil(MAX_CHUNK_EXPANSION / MAX_RECORD_EXPANSION) + 2,
      `${perRecord} bombs walked`,
    );
    assert.deepEqual(eventIds(r), [16]);
    assert.ok(r.ms < 10_000, `${r.ms} ms`);
  });
});

describe("gzip bomb", () => {
  it("a small .evtx.gz expanding past the gunzip limit stops with E_LIMIT; the records before are kept", async () => {
    const file = rawEvtxFile([rawChunk([goodRecord(17)]).bytes]);
    const bomb = gzipSync(Buffer.concat([file, Buffer.alloc(24 * 1024 * 1024)]));
    assert.ok(bomb.length < 100_000, `${bomb.length} bytes`);
    const reader = createEvtxReader({ gunzip: { freeBytes: 4 * 1024 * 1024, maxRatio: 100 } });
    const r = await read(bomb, { gz: true, reader });
    const e = r.d.list().find((x) => x.code === "E_LIMIT");
    assert.ok(
      e,
      r.d
        .list()
        .map((x) => x.message)
        .join(" | "),
    );
    assert.match(e.message, /expands more than 100× .*decompression bomb.*reading stopped/);
    assert.equal(e.location.file, r.file);
    assert.equal(typeof e.location.offset, "number");
    assert.deepEqual(eventIds(r), [17]);
  });
});
