/**
 * Fuzz harnesses of the EVTX decoder (test support; run by evtx-decoder.fuzz.test.ts with a fixed
 * seed and by scripts/fuzz.ts with random ones):
 * - `evtx-writer-chunk`: chunks of our writer's fixture, mutated at structure offsets (chunk header,
 *   record headers and sizes, template instances and inline definitions, substitution counts and
 *   descriptors, value bytes);
 * - `evtx-corpus-chunk`: the same on real chunks of ../shared/corpus (read in place);
 * - `evtx-binxml-tokens`: structure-aware BinXML generated token by token (elements, attributes,
 *   values with lying lengths, substitutions, inline / self / looping template references, nested
 *   BinXML values) in an otherwise valid chunk;
 * - `evtx-file`: whole mutated files (file header included), plain and gzipped, through the reader.
 * Properties: the decoder never throws (in both the direct and the XML/tree path); every diagnostic
 * carries the file, the chunk and an offset; every record is located inside its chunk; each case
 * finishes within its time budget.
 */
import assert from "node:assert/strict";
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { corpusDir, corpusSkipReason } from "../../testing/corpus.js";
import { BinXmlBytes, type BxValue } from "../../testing/fuzz/binxml-bytes.js";
import { applyMutations, describeMutations, type Mutation } from "../../testing/fuzz/buffer-mutation.js";
import { rawChunk } from "../../testing/fuzz/evtx-chunk-bytes.js";
import { type ErasedHarness, eraseHarness, type FuzzHarness } from "../../testing/fuzz/fuzz-harness.js";
import { mutationListArb } from "../../testing/fuzz/mutation-arbitrary.js";
import { buildEvtxFixture } from "../../writers/evtx/fixtures.js";
import type { EvtxRecord } from "../record.js";
import { decodeChunk } from "./chunk-decoder.js";
import { createEvtxReader } from "./evtx-reader.js";
import { CHUNK_SIZE, FILE_HEADER_SIZE } from "./file-header.js";

const FILE = "fuzz.evtx";
const CHUNK_OFFSET = FILE_HEADER_SIZE;

/** Checks one diagnostics list: every entry located in `file` (and, for EVTX content codes, a chunk and an offset). */
export function assertLocated(d: Diagnostics, file: string): void {
  for (const x of d.list()) {
    assert.equal(x.location.file, file, `diagnostic without its file: ${x.code} ${x.message}`);
    if (x.code.startsWith("E_EVTX_") && x.code !== "E_EVTX_HEADER") {
      assert.equal(typeof x.location.offset, "number", `diagnostic without offset: ${x.code} ${x.message}`);
      assert.equal(typeof x.location.chunk, "number", `diagnostic without chunk: ${x.code} ${x.message}`);
    }
    assert.ok(x.message.length > 0, `diagnostic without a reason: ${x.code}`);
    assert.ok(
      !INTERNAL_ERROR.test(x.message),
      `an internal JavaScript error reported as a reason: ${x.message}`,
    );
  }
}

/** Messages of JavaScript's own errors: a decoder that reports one has a bug, not a reason. */
const INTERNAL_ERROR =
  /Maximum call stack|is not a function|Cannot read propert|Cannot set propert|is not iterable|Invalid array length|out of range of|is not defined/;

/** Decodes one chunk both ways (direct plans, and the tree with XML); throws when a property fails. */
export function checkChunk(chunk: Buffer): void {
  for (const xml of [false, true]) {
    const d = new Diagnostics();
    const out = decodeChunk(chunk, CHUNK_OFFSET, 0, { file: FILE, diagnostics: d, xml });
    assertLocated(d, FILE);
    for (const r of out.records) {
      assert.equal(r.provenance.file, FILE);
      const off = r.provenance.offset ?? -1;
      assert.ok(
        off >= CHUNK_OFFSET + 512 && off < CHUNK_OFFSET + CHUNK_SIZE,
        `record offset ${off} outside the chunk`,
      );
      if (xml) assert.equal(typeof r.xml, "string");
    }
  }
}

/**
 * Offsets of a valid chunk where its structure lives: header fields, record headers, and in each
 * record the template instance, its inline definition (size and every token byte), the substitution
 * count, descriptors and value starts. Reads a trusted (unmutated) chunk; bounded by the chunk size.
 */
export function chunkHotOffsets(chunk: Buffer): number[] {
  const hot = [0, 8, 16, 24, 32, 40, 44, 48, 52, 120, 124, 128, 384];
  let off = 512;
  const free = Math.min(chunk.readUInt32LE(48), CHUNK_SIZE);
  for (let n = 0; n < 2000 && off + 24 <= free && chunk.readUInt32LE(off) === 0x2a2a; n++) {
    const size = chunk.readUInt32LE(off + 4);
    if (size < 28 || off + size > CHUNK_SIZE) break;
    hot.push(off, off + 4, off + 8, off + 16, off + size - 4);
    let p = off + 24;
    const end = off + size - 4;
    if ((chunk[p]! & 0x0f) === 0x0f) p += 4;
    if (p + 10 <= end && (chunk[p]! & 0x0f) === 0x0c) {
      hot.push(p, p + 2, p + 6);
      const def = chunk.readUInt32LE(p + 6);
      p += 10;
      if (def === p && p + 24 <= end) {
        const defSize = chunk.readUInt32LE(p + 20);
        hot.push(p + 20);
        // every byte of a small definition is structure; sample big ones
        const step = defSize > 512 ? 3 : 1;
        for (let q = p + 24; q < Math.min(end, p + 24 + defSize); q += step) hot.push(q);
        p += 24 + defSize;
      }
      if (p + 4 <= end) {
        const count = chunk.readUInt32LE(p);
        hot.push(p);
        let v = p + 4 + count * 4;
        for (let i = 0; i < count && p + 4 + i * 4 + 4 <= end && i < 256; i++) {
          const d = p + 4 + i * 4;
          hot.push(d, d + 2);
          if (v < end) hot.push(v);
          v += chunk.readUInt16LE(d);
        }
      }
    }
    off += size;
  }
  return hot;
}

interface ChunkCase {
  readonly seed: number;
  readonly mutations: Mutation[];
}

/** A harness over mutations of the given seed chunks (loaded on first use). */
function chunkMutationHarness(
  name: string,
  description: string,
  loadSeeds: () => Buffer[],
  suiteRuns: number,
  unavailable?: () => string | undefined,
): FuzzHarness<ChunkCase> {
  let seeds: { chunk: Buffer; hot: number[] }[] | undefined;
  const load = () => {
    seeds ??= loadSeeds().map((chunk) => ({ chunk, hot: chunkHotOffsets(chunk) }));
    return seeds;
  };
  const arbitrary: fc.Arbitrary<ChunkCase> = fc.constant(null).chain((): fc.Arbitrary<ChunkCase> => {
    const s = load();
    if (s.length === 0) return fc.constant<ChunkCase>({ seed: 0, mutations: [] });
    return fc.nat({ max: s.length - 1 }).chain((i) =>
      mutationListArb({ length: CHUNK_SIZE, hot: s[i]!.hot, maxMutations: 8 }).map((mutations) => ({
        seed: i,
        mutations,
      })),
    );
  });
  const mutated = (c: ChunkCase): Buffer => {
    const s = load()[c.seed];
    return s ? applyMutations(s.chunk, c.mutations, { keepLength: true }) : Buffer.alloc(CHUNK_SIZE);
  };
  return {
    name,
    description,
    arbitrary,
    check: (c) => checkChunk(mutated(c)),
    serialize: (c) => ({
      ext: "chunk.bin",
      bytes: mutated(c),
      note: `seed chunk ${c.seed}, mutations:\n${describeMutations(c.mutations)}`,
    }),
    suiteRuns,
    caseBudgetMs: 3000,
    ...(unavailable && { unavailable }),
  };
}

function writerChunks(): Buffer[] {
  const out: Buffer[] = [];
  for (const perChunk of [3, 100]) {
    const bytes = buildEvtxFixture({ maxRecordsPerChunk: perChunk }).bytes;
    for (let off = FILE_HEADER_SIZE; off + CHUNK_SIZE <= bytes.length; off += CHUNK_SIZE)
      out.push(Buffer.from(bytes.subarray(off, off + CHUNK_SIZE)));
  }
  return out;
}

/** Corpus files whose first chunks seed the corpus harness (a spread of channels and damaged samples). */
const CORPUS_SEED_DIRS = ["evtx-parser-samples", "evtx-attack-samples", "deepbluecli"];
const CORPUS_SEED_FILES = 12;

function evtxFilesUnder(dir: string, out: string[], limit: number): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const n of names) {
    if (out.length >= limit) return;
    const p = join(dir, n);
    if (n.toLowerCase().endsWith(".evtx")) out.push(p);
    else if (!n.includes(".") && statSync(p).isDirectory()) evtxFilesUnder(p, out, limit);
  }
}

/** Up to two chunks of each of a few corpus files, read in place (never copied). */
function corpusChunks(): Buffer[] {
  const root = corpusDir();
  if (!root) return [];
  const files: string[] = [];
  for (const d of CORPUS_SEED_DIRS)
    evtxFilesUnder(join(root, d), files, files.length + CORPUS_SEED_FILES / 3);
  const out: Buffer[] = [];
  for (const f of files) {
    const fd = openSync(f, "r");
    try {
      for (let i = 0; i < 2; i++) {
        const b = Buffer.alloc(CHUNK_SIZE);
        const n = readSync(fd, b, 0, CHUNK_SIZE, FILE_HEADER_SIZE + i * CHUNK_SIZE);
        if (n > 512 && b.subarray(0, 7).toString("latin1") === "ElfChnk") out.push(b);
      }
    } finally {
      closeSync(fd);
    }
  }
  return out;
}

export const evtxWriterChunkHarness = chunkMutationHarness(
  "evtx-writer-chunk",
  "chunks written by our EVTX writer (every token and value type), mutated at structure offsets",
  writerChunks,
  150,
);

export const evtxCorpusChunkHarness = chunkMutationHarness(
  "evtx-corpus-chunk",
  "first chunks of real EVTX files from ../shared/corpus, mutated at structure offsets",
  corpusChunks,
  100,
  () => (corpusDir() ? undefined : corpusSkipReason("EVTX corpus")),
);

// ---- structure-aware BinXML generation ----

/** A generated BinXML token tree (emitted by `emitOps`). */
export type BxOp =
  | {
      readonly t: "element";
      readonly name: string;
      readonly depId: boolean;
      readonly attrs: readonly { readonly name: string; readonly value: readonly BxOp[] }[];
      readonly children: readonly BxOp[];
      readonly empty: boolean;
    }
  | { readonly t: "text"; readonly s: string; readonly lie: number }
  | { readonly t: "subst"; readonly index: number; readonly type: number; readonly optional: boolean }
  | {
      readonly t: "template";
      /** inline: the definition follows; parent: refers to the enclosing definition (a loop); self/zero/start: bogus offsets */
      readonly ref: "inline" | "parent" | "self" | "zero" | "start";
      readonly body: readonly BxOp[];
      readonly values: readonly BxGenValue[];
      readonly countLie: number;
    }
  | { readonly t: "raw"; readonly bytes: readonly number[] }
  | { readonly t: "eof" };

export type BxGenValue =
  | { readonly type: number; readonly bytes: readonly number[]; readonly sizeLie: number }
  | { readonly type: 0x21; readonly nested: readonly BxOp[]; readonly sizeLie: number };

const NAMES = ["Event", "System", "EventData", "Data", "Name", "UserData", "EventID", "Provider", "x"];
const VALUE_TYPES = [
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11,
  0x12, 0x13, 0x14, 0x15, 0x20, 0x23, 0x81, 0x82, 0x84, 0x86, 0x88, 0x8a, 0x8f, 0x93, 0x94, 0x95, 0xff,
];

const lieArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 1, 2, 100, 0x7fff, 0xffff) },
);

const textOpArb: fc.Arbitrary<BxOp> = fc.record({
  t: fc.constant("text" as const),
  s: fc.string({ maxLength: 12 }),
  lie: lieArb,
});
const substOpArb: fc.Arbitrary<BxOp> = fc.record({
  t: fc.constant("subst" as const),
  // small indices collide often: values used twice, nested values that use themselves
  index: fc.oneof(
    { weight: 6, arbitrary: fc.nat({ max: 2 }) },
    { weight: 1, arbitrary: fc.constantFrom(0xffff, 4095) },
  ),
  type: fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...VALUE_TYPES) },
    { weight: 1, arbitrary: fc.constant(0x21) },
  ),
  optional: fc.boolean(),
});

const bxTree = fc.letrec<{ op: BxOp; ops: BxOp[]; value: BxGenValue }>((tie) => ({
  op: fc.oneof(
    { depthSize: "small", maxDepth: 5, withCrossShrink: true },
    textOpArb,
    substOpArb,
    fc.record({
      t: fc.constant("raw" as const),
      bytes: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 6 }),
    }),
    fc.constant({ t: "eof" as const }),
    fc.record({
      t: fc.constant("element" as const),
      name: fc.constantFrom(...NAMES),
      depId: fc.boolean(),
      attrs: fc.array(
        fc.record({
          name: fc.constantFrom(...NAMES),
          value: fc.array(
            fc.oneof(
              { weight: 8, arbitrary: fc.oneof(textOpArb, substOpArb) },
              { weight: 1, arbitrary: tie("op") },
            ),
            {
              maxLength: 2,
            },
          ),
        }),
        { maxLength: 2 },
      ),
      children: tie("ops"),
      empty: fc.boolean(),
    }),
    fc.record({
      t: fc.constant("template" as const),
      ref: fc.constantFrom(
        "inline" as const,
        "inline" as const,
        "parent" as const,
        "self" as const,
        "zero" as const,
        "start" as const,
      ),
      body: tie("ops"),
      values: fc.array(tie("value"), { maxLength: 4 }),
      countLie: lieArb,
    }),
  ),
  ops: fc.array(tie("op"), { maxLength: 4 }),
  value: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constantFrom(...VALUE_TYPES),
        bytes: fc.array(fc.nat({ max: 255 }), { maxLength: 24 }),
        sizeLie: lieArb,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ type: fc.constant(0x21 as const), nested: tie("ops"), sizeLie: lieArb }),
    },
  ),
}));

/** Emits ops into `b`; `defs` holds the offsets of the enclosing inline definitions. */
export function emitOps(
  b: BinXmlBytes,
  ops: readonly BxOp[],
  defs: readonly number[],
  recordStart: number,
): void {
  for (const op of ops) emitOp(b, op, defs, recordStart);
}

function emitOp(b: BinXmlBytes, op: BxOp, defs: readonly number[], recordStart: number): void {
  switch (op.t) {
    case "text":
      b.text(op.s, Math.max(0, Math.min(0xffff, op.s.length + op.lie)));
      return;
    case "subst":
      b.subst(op.index, op.type, op.optional);
      return;
    case "raw":
      b.raw(Uint8Array.from(op.bytes));
      return;
    case "eof":
      b.eof();
      return;
    case "element":
      b.openElement(op.name, { depId: op.depId, attrs: op.attrs.length > 0 });
      op.attrs.forEach((a, i) => {
        b.attribute(a.name, i < op.attrs.length - 1);
        emitOps(b, a.value, defs, recordStart);
      });
      if (op.empty) b.closeEmpty();
      else {
        b.closeStart();
        emitOps(b, op.children, defs, recordStart);
        b.endElement();
      }
      return;
    case "template": {
      let def: number;
      if (op.ref === "inline") {
        def = b.templateInline((t) => {
          t.fragmentHeader();
          emitOps(t, op.body, [...defs, t.pos - 28], recordStart);
          t.eof();
        });
      } else {
        const target =
          op.ref === "parent"
            ? (defs.at(-1) ?? 0)
            : op.ref === "self"
              ? b.pos
              : op.ref === "zero"
                ? 0
                : recordStart;
        b.templateRef(target);
        def = target;
      }
      // a nested value may instantiate the template it is a value of (substitution bombs and loops)
      emitValues(b, op.values, op.countLie, [...defs, def], recordStart);
      return;
    }
  }
}

function emitValues(
  b: BinXmlBytes,
  values: readonly BxGenValue[],
  countLie: number,
  defs: readonly number[],
  recordStart: number,
): void {
  let pos = b.pos + 4 + values.length * 4;
  const out: BxValue[] = [];
  for (const v of values) {
    let bytes: Uint8Array;
    if ("nested" in v) {
      const n = new BinXmlBytes(pos);
      n.fragmentHeader();
      emitOps(n, v.nested, defs, recordStart);
      n.eof();
      bytes = n.bytes();
    } else bytes = Uint8Array.from(v.bytes);
    out.push({ type: v.type, bytes, declaredSize: Math.max(0, Math.min(0xffff, bytes.length + v.sizeLie)) });
    pos += bytes.length;
  }
  b.values(out, Math.max(0, values.length + countLie));
}

/** The record body for one generated tree: fragment header, the ops, EOF. */
export function recordBodyOf(ops: readonly BxOp[]): (base: number) => Uint8Array {
  return (base) => {
    const b = new BinXmlBytes(base);
    b.fragmentHeader();
    emitOps(b, ops, [], base);
    b.eof();
    return b.bytes();
  };
}

function chunkOf(records: readonly BxOp[][]): Buffer {
  try {
    return rawChunk(records.map(recordBodyOf)).bytes;
  } catch {
    return rawChunk([recordBodyOf([])]).bytes; // too big for one chunk: not a decoder case
  }
}

export const evtxBinxmlTokensHarness: FuzzHarness<BxOp[][]> = {
  name: "evtx-binxml-tokens",
  description:
    "structure-aware BinXML token streams (elements, attributes, lying lengths, substitutions, template loops, nested values) in valid chunks",
  arbitrary: fc.array(bxTree.ops, { minLength: 1, maxLength: 3 }),
  check: (records) => checkChunk(chunkOf(records)),
  serialize: (records) => ({
    ext: "chunk.bin",
    bytes: chunkOf(records),
    note: JSON.stringify(records).slice(0, 4000),
  }),
  suiteRuns: 200,
  caseBudgetMs: 3000,
};

// ---- whole files through the reader ----

interface FileCase {
  readonly mutations: Mutation[];
  readonly gzip: "none" | "before" | "after";
}

let fileSeed: Buffer | undefined;
let fileDir: string | undefined;
let fileCount = 0;

function fileBytes(c: FileCase): Buffer {
  fileSeed ??= buildEvtxFixture({ maxRecordsPerChunk: 4 }).bytes.subarray(
    0,
    FILE_HEADER_SIZE + 2 * CHUNK_SIZE,
  );
  if (c.gzip === "after") return applyMutations(gzipSync(fileSeed), c.mutations);
  const m = applyMutations(fileSeed, c.mutations);
  return c.gzip === "before" ? gzipSync(m) : m;
}

export const evtxFileHarness: FuzzHarness<FileCase> = {
  name: "evtx-file",
  description:
    "whole EVTX files (file header included), mutated, plain or gzipped (mutated before or after gzip)",
  arbitrary: fc.record({
    mutations: mutationListArb({
      length: FILE_HEADER_SIZE + 2 * CHUNK_SIZE,
      hot: [
        0,
        8,
        16,
        24,
        36,
        38,
        40,
        42,
        120,
        124,
        FILE_HEADER_SIZE,
        FILE_HEADER_SIZE + 48,
        FILE_HEADER_SIZE + CHUNK_SIZE,
      ],
      maxMutations: 4,
    }),
    gzip: fc.constantFrom("none" as const, "none" as const, "before" as const, "after" as const),
  }),
  async check(c) {
    if (fileDir === undefined) {
      const dir = mkdtempSync(join(tmpdir(), "mikiwame-fuzz-evtx-"));
      process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
      fileDir = dir;
    }
    const file = join(fileDir, `case-${fileCount++ % 8}.evtx`);
    writeFileSync(file, fileBytes(c));
    const d = new Diagnostics();
    const reader = createEvtxReader({ gunzip: { freeBytes: 4 * 1024 * 1024, maxRatio: 200 } });
    let records = 0;
    for await (const batch of reader.read(file, { diagnostics: d })) {
      for (const r of batch as EvtxRecord[]) assert.equal(r.provenance.file, file);
      records += batch.length;
    }
    assertLocated(d, file);
    assert.ok(records < 10_000, `${records} records from a 2-chunk file`);
  },
  serialize: (c) => ({
    ext: c.gzip === "none" ? "evtx" : "evtx.gz",
    bytes: fileBytes(c),
    note: `gzip ${c.gzip}, mutations of the writer fixture's first two chunks:\n${describeMutations(c.mutations)}`,
  }),
  suiteRuns: 40,
  caseBudgetMs: 5000,
};

/** Every EVTX harness, for scripts/fuzz.ts. */
export const EVTX_HARNESSES: readonly ErasedHarness[] = [
  eraseHarness(evtxWriterChunkHarness),
  eraseHarness(evtxCorpusChunkHarness),
  eraseHarness(evtxBinxmlTokensHarness),
  eraseHarness(evtxFileHarness),
];
