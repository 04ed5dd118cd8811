/**
 * Fuzz harnesses of the JSON reader (test support; run by ndjson-reader.fuzz.test.ts and scripts/fuzz.ts):
 * - `json-scanner-split`: the value scanner on generated and mutated JSON text, cut into chunks at
 *   random places: every cutting gives exactly the values of the one-chunk scan (a metamorphic check
 *   of the chunk-boundary code), never throws;
 * - `ndjson-oracle`: NDJSON files of random objects (CRLF or LF, BOM, gzip, tiny read chunks): the
 *   reader gives back exactly what JSON.parse gives, line by line, with no diagnostic;
 * - `ndjson-garbage`: files of mutated lines, random text, deep nesting, oversize values and corrupt
 *   gzip: never throws, every diagnostic has file and line, and the result does not depend on the
 *   read chunk size.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { applyMutations, describeMutations, type Mutation } from "../../testing/fuzz/buffer-mutation.js";
import { type ErasedHarness, eraseHarness, type FuzzHarness } from "../../testing/fuzz/fuzz-harness.js";
import { mutationListArb } from "../../testing/fuzz/mutation-arbitrary.js";
import type { FileReader } from "../reader.js";
import type { JsonRecord } from "../record.js";
import { JsonValueScanner, type ScannedValue } from "./json-value-scanner.js";
import { createNdjsonReader } from "./ndjson-reader.js";

let dir: string | undefined;
let fileNo = 0;

/** A temp file for one case (the directory is removed when the process exits). */
export function fuzzTempFile(name: string, bytes: Uint8Array): string {
  if (dir === undefined) {
    const d = mkdtempSync(join(tmpdir(), "mikiwame-fuzz-text-"));
    process.once("exit", () => rmSync(d, { recursive: true, force: true }));
    dir = d;
  }
  const file = join(dir, `${fileNo++ % 16}-${name}`);
  writeFileSync(file, bytes);
  return file;
}

/** Reads a file through a reader: records, and diagnostics as comparable strings. */
export async function readThrough(
  reader: FileReader,
  file: string,
): Promise<{ records: unknown[]; diagnostics: string[]; d: Diagnostics }> {
  const d = new Diagnostics(100_000);
  const records: unknown[] = [];
  for await (const batch of reader.read(file, { diagnostics: d })) records.push(...batch);
  return { records, diagnostics: d.list().map((x) => `${x.code} ${x.location.line ?? "-"}`), d };
}

/** Every diagnostic carries the file and, for line-located formats, a 1-based line. */
export function assertTextLocated(d: Diagnostics, file: string): void {
  for (const x of d.list()) {
    assert.equal(x.location.file, file, `diagnostic without its file: ${x.code} ${x.message}`);
    const line = x.location.line;
    assert.ok(line === undefined || (Number.isInteger(line) && line >= 1), `bad line ${line}: ${x.message}`);
    if (x.code !== "E_IO" && x.code !== "E_LIMIT")
      assert.ok(line !== undefined, `no line: ${x.code} ${x.message}`);
  }
}

/** A record value as comparable text: bigints as numbers (JSON.parse's view of them); no deep recursion. */
function plain(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? Number(x) : x));
}

// ---- the scanner, cut at random places ----

/** JSON-ish text pieces: objects, arrays, pretty printing, garbage, deep nesting, strings with escapes. */
const jsonTextPiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ v })) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ v }, null, 2)) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("{", "}", "[", "]", '"', "\\", ",", ":", "\r", "\n", "\uFEFF", "{{}}", '"\\"'),
  },
  { weight: 1, arbitrary: fc.nat({ max: 400 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`) },
);

interface SplitCase {
  readonly pieces: string[];
  readonly separator: string;
  readonly cuts: number[];
  readonly maxValueBytes: number;
}

function scan(bytes: Buffer, cuts: readonly number[], maxValueBytes: number): ScannedValue[] {
  const s = new JsonValueScanner(maxValueBytes);
  const out: ScannedValue[] = [];
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    const at = Math.min(bytes.length, Math.max(from, c % (bytes.length + 1)));
    s.push(bytes.subarray(from, at), out);
    from = at;
  }
  s.push(bytes.subarray(from), out);
  s.finish(out);
  return out;
}

export const jsonScannerSplitHarness: FuzzHarness<SplitCase> = {
  name: "json-scanner-split",
  description: "the JSON value scanner on generated text cut into random chunks gives what one chunk gives",
  arbitrary: fc.record({
    pieces: fc.array(jsonTextPiece, { maxLength: 8 }),
    separator: fc.constantFrom("\n", "\r\n", "", " ", "\n\n", ",\n"),
    cuts: fc.array(fc.nat({ max: 4000 }), { maxLength: 12 }),
    maxValueBytes: fc.constantFrom(16, 64, 1024, 1 << 20),
  }),
  check(c) {
    const bytes = Buffer.from(c.pieces.join(c.separator), "utf8");
    const whole = scan(bytes, [], c.maxValueBytes);
    const cut = scan(bytes, c.cuts, c.maxValueBytes);
    assert.deepEqual(cut, whole, "cutting the input into chunks changed the values found");
    for (const v of whole) assert.ok(v.line >= 1 && v.position >= 0 && v.position <= bytes.length);
  },
  serialize: (c) => ({
    ext: "json",
    bytes: Buffer.from(c.pieces.join(c.separator), "utf8"),
    note: `cuts ${JSON.stringify(c.cuts)}, maxValueBytes ${c.maxValueBytes}`,
  }),
  suiteRuns: 300,
  caseBudgetMs: 2000,
};

// ---- NDJSON against JSON.parse ----

interface OracleCase {
  readonly objects: Record<string, unknown>[];
  readonly crlf: boolean;
  readonly bom: boolean;
  readonly gzip: boolean;
  readonly finalNewline: boolean;
  readonly chunkBytes: number;
  readonly batchSize: number;
}

function oracleBytes(c: OracleCase): Buffer {
  const eol = c.crlf ? "\r\n" : "\n";
  const text =
    (c.bom ? "\uFEFF" : "") + c.objects.map((o) => JSON.stringify(o)).join(eol) + (c.finalNewline ? eol : "");
  const bytes = Buffer.from(text, "utf8");
  return c.gzip ? gzipSync(bytes) : bytes;
}

export const ndjsonOracleHarness: FuzzHarness<OracleCase> = {
  name: "ndjson-oracle",
  description:
    "NDJSON of random objects (CRLF, BOM, gzip, tiny read chunks) reads back exactly as JSON.parse",
  arbitrary: fc.record({
    objects: fc.array(
      fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
      {
        minLength: 1,
        maxLength: 8,
      },
    ),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    gzip: fc.boolean(),
    finalNewline: fc.boolean(),
    chunkBytes: fc.oneof(fc.integer({ min: 2, max: 64 }), fc.constant(1 << 16)),
    batchSize: fc.integer({ min: 1, max: 5 }),
  }),
  async check(c) {
    const file = fuzzTempFile("oracle.json", oracleBytes(c));
    const reader = createNdjsonReader({ chunkBytes: c.chunkBytes, batchSize: c.batchSize });
    const { records, d } = await readThrough(reader, file);
    assert.deepEqual(
      d.list().map((x) => `${x.code} ${x.message}`),
      [],
      "valid NDJSON gave diagnostics",
    );
    assert.equal(records.length, c.objects.length);
    records.forEach((r, i) => {
      const rec = r as JsonRecord;
      assert.equal(
        plain(rec.value),
        plain(JSON.parse(JSON.stringify(c.objects[i]))),
        `object ${i + 1} differs`,
      );
      assert.equal(rec.provenance.line, i + 1);
    });
  },
  serialize: (c) => ({
    ext: c.gzip ? "json.gz" : "json",
    bytes: oracleBytes(c),
    note: `chunkBytes ${c.chunkBytes}, batchSize ${c.batchSize}`,
  }),
  suiteRuns: 80,
  caseBudgetMs: 3000,
};

// ---- garbage ----

interface GarbageCase {
  readonly lines: string[];
  readonly mutations: Mutation[];
  readonly gzip: "none" | "before" | "after";
  readonly chunkBytes: number;
}

const garbageLine: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ v })) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  { weight: 1, arbitrary: fc.nat({ max: 3000 }).map((n) => `{"a":${"[".repeat(n)}${"]".repeat(n)}}`) },
  { weight: 1, arbitrary: fc.nat({ max: 9000 }).map((n) => `{"big":"${"x".repeat(n)}"}`) },
  { weight: 1, arbitrary: fc.nat({ max: 200 }).map((n) => `{"n":${"9".repeat(n)}}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"__proto__":{"x":1}}',
      "[1,2]",
      "null",
      "{",
      "}",
      '{"a":1}{"b":2}',
      '{"a":"\\ud800"}',
    ),
  },
);

function garbageBytes(c: GarbageCase): Buffer {
  const text = Buffer.from(c.lines.join("\n"), "utf8");
  if (c.gzip === "after") return applyMutations(gzipSync(text), c.mutations);
  const m = applyMutations(text, c.mutations);
  return c.gzip === "before" ? gzipSync(m) : m;
}

export const ndjsonGarbageHarness: FuzzHarness<GarbageCase> = {
  name: "ndjson-garbage",
  description:
    "files of mutated JSON lines, binary text, deep nesting, oversize values, corrupt gzip: no throw, located diagnostics, chunk-size independent",
  arbitrary: fc.record({
    lines: fc.array(garbageLine, { minLength: 1, maxLength: 10 }),
    mutations: mutationListArb({ length: 400, maxMutations: 4 }),
    gzip: fc.constantFrom("none" as const, "none" as const, "before" as const, "after" as const),
    chunkBytes: fc.integer({ min: 11, max: 97 }),
  }),
  async check(c) {
    const file = fuzzTempFile("garbage.json", garbageBytes(c));
    const small = createNdjsonReader({ maxValueBytes: 4096, chunkBytes: c.chunkBytes, batchSize: 3 });
    const big = createNdjsonReader({ maxValueBytes: 4096 });
    const a = await readThrough(small, file);
    assertTextLocated(a.d, file);
    const b = await readThrough(big, file);
    if (c.gzip === "none") {
      // gzip streams break at a position that depends on the read size; plain text must not
      assert.deepEqual(a.diagnostics, b.diagnostics, "diagnostics depend on the read chunk size");
      assert.equal(plain(a.records), plain(b.records), "records depend on the read chunk size");
    }
  },
  serialize: (c) => ({
    ext: c.gzip === "none" ? "json" : "json.gz",
    bytes: garbageBytes(c),
    note: `gzip ${c.gzip}, chunkBytes ${c.chunkBytes}, mutations:\n${describeMutations(c.mutations)}`,
  }),
  suiteRuns: 100,
  caseBudgetMs: 3000,
};

/** Every JSON-reader harness, for scripts/fuzz.ts. */
export const NDJSON_HARNESSES: readonly ErasedHarness[] = [
  eraseHarness(jsonScannerSplitHarness),
  eraseHarness(ndjsonOracleHarness),
  eraseHarness(ndjsonGarbageHarness),
];
