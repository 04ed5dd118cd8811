/**
 * The decoder on every EVTX file of ../shared/corpus: never throws, reads at least as many records
 * as each folder's MANIFEST.csv lists, reports damaged chunks with their offsets; field values match
 * the SigmaHQ regression samples' evtx_dump JSON twins; compiled template plans equal the generic walk.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { EvtxRecord } from "../record.js";
import { corpusDir, corpusSkipReason } from "../../testing/corpus.js";
import { decodeChunk } from "./chunk-decoder.js";
import { extractGeneric } from "./field-extractor.js";
import { evtxReader } from "./evtx-reader.js";
import { CHUNK_SIZE, FILE_HEADER_SIZE } from "./file-header.js";

const FOLDERS = [
  "evtx-attack-samples",
  "hayabusa-sample-evtx",
  "deepbluecli",
  "sigma",
  "evtx-parser-samples",
];

interface ManifestRow {
  path: string;
  records: number | undefined;
}

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let q = false;
  for (const ch of line) {
    if (ch === '"') q = !q;
    else if (ch === "," && !q) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function manifest(dir: string): ManifestRow[] {
  const lines = readFileSync(join(dir, "MANIFEST.csv"), "utf8").trim().split("\n");
  const header = parseCsvLine(lines[0]!);
  const ri = header.indexOf("records");
  return lines
    .slice(1)
    .map(parseCsvLine)
    .filter((c) => c[0]!.endsWith(".evtx"))
    .map((c) => ({ path: c[0]!, records: ri >= 0 && c[ri] !== "" ? Number(c[ri]) : undefined }));
}

async function readAll(file: string, d: Diagnostics): Promise<EvtxRecord[]> {
  const out: EvtxRecord[] = [];
  for await (const batch of evtxReader.read(file, { diagnostics: d })) out.push(...(batch as EvtxRecord[]));
  return out;
}

test("every corpus EVTX file reads, with at least the MANIFEST's record count", async (t) => {
  const root = corpusDir();
  if (!root) return t.skip(corpusSkipReason("EVTX corpus"));
  let files = 0;
  let damaged = 0;
  for (const folder of FOLDERS) {
    for (const row of manifest(join(root, folder))) {
      const d = new Diagnostics();
      const records = await readAll(join(root, folder, row.path), d);
      files++;
      if (row.records !== undefined)
        assert.ok(records.length >= row.records, `${folder}/${row.path}: ${records.length} < ${row.records}`);
      else assert.ok(records.length > 0, `${folder}/${row.path}: no records`);
      for (const diag of d.list()) {
        assert.equal(diag.location.file, join(root, folder, row.path));
        assert.equal(typeof diag.location.offset, "number", `${diag.code} without an offset`);
      }
      if (d.errors > 0) damaged++;
    }
  }
  assert.ok(files >= 660, `only ${files} files listed`);
  t.diagnostic(`${files} EVTX files read; ${damaged} with damaged chunks/records reported`);
});

test("the damaged samples report their damage with offsets", async (t) => {
  const dir = corpusDir();
  if (!dir) return t.skip(corpusSkipReason("evtx-parser-samples"));
  const base = join(dir, "evtx-parser-samples", "omerbenamram-evtx", "samples");
  const cases: [string, string, number][] = [
    ["sample_with_a_bad_chunk_magic.evtx", "E_EVTX_CHUNK", 270],
    ["Application_no_crc32.evtx", "E_EVTX_HEADER", 17],
    ["sample-with-zero-data-size-event.evtx", "E_EVTX_RECORD", 335],
  ];
  for (const [name, code, min] of cases) {
    const d = new Diagnostics();
    const records = await readAll(join(base, name), d);
    assert.ok(records.length >= min, `${name}: ${records.length} records`);
    const hit = d.list().find((x) => x.code === code);
    assert.ok(hit, `${name}: no ${code} reported`);
    assert.equal(typeof hit.location.offset, "number");
  }
});

/** Top-level JSON objects of a concatenated, pretty-printed evtx_dump output. */
function splitObjects(text: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let depth = 0;
  let start = -1;
  let inStr = false;
  let esc = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (esc) esc = false;
      else if (c === "\\") esc = true;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === "{") {
      if (depth++ === 0) start = i;
    } else if (c === "}" && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

/** evtx_dump trims string values and writes GUIDs without braces; compare on that common ground. */
function comparable(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return JSON.stringify(v);
  let s = String(v).trim();
  if (/^\{[0-9A-Fa-f-]{36}\}$/.test(s)) s = s.slice(1, -1);
  if (/^[0-9A-Fa-f-]{36}$/.test(s)) s = s.toUpperCase();
  return s;
}

async function* walkFiles(dir: string, suffix: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walkFiles(p, suffix);
    else if (e.name.endsWith(suffix)) yield p;
  }
}

/**
 * Twin values that differ from the EVTX bytes themselves. Each was checked with both Debian decoders
 * (`evtxexport -f xml`, `evtx_dump.py`), which agree with us: the JSON twin was edited by hand.
 */
const TWIN_ERRATA = new Set([
  // twin says "Explorer.exe"; the EVTX holds "C:\Windows\Explorer.EXE"
  "proc_creation_win_susp_right_to_left_override/ad691d92-15f2-4181-9aa4-723c74f9ddc3.json#0 EventData.ParentCommandLine",
]);

test("field values equal the SigmaHQ regression samples' JSON twins", async (t) => {
  const dir = corpusDir();
  if (!dir) return t.skip(corpusSkipReason("sigma/regression_data"));
  let records = 0;
  let fields = 0;
  const mismatches: string[] = [];
  for await (const jf of walkFiles(join(dir, "sigma", "regression_data"), ".json")) {
    const twins = splitObjects(readFileSync(jf, "utf8"));
    const ours = await readAll(jf.replace(/\.json$/, ".evtx"), new Diagnostics());
    assert.equal(ours.length, twins.length, `${jf}: record count`);
    for (let i = 0; i < ours.length; i++) {
      records++;
      const ev = twins[i]!["Event"] as Record<string, Record<string, unknown>>;
      const sys = ev["System"]!;
      const o = ours[i]!;
      const attrs = (x: unknown) =>
        (x as { "#attributes"?: Record<string, unknown> } | undefined)?.["#attributes"];
      const eid =
        typeof sys["EventID"] === "object"
          ? (sys["EventID"] as Record<string, unknown>)["#text"]
          : sys["EventID"];
      const checks: [string, unknown, unknown][] = [
        ["EventID", o.system.eventId, eid],
        ["Computer", o.system.computer, sys["Computer"]],
        ["Channel", o.system.channel, sys["Channel"]],
        ["EventRecordID", o.system.recordId, sys["EventRecordID"]],
        ["Provider", o.system.providerName, attrs(sys["Provider"])?.["Name"]],
        [
          "TimeCreated",
          o.system.timeCreated?.slice(0, 26),
          String(attrs(sys["TimeCreated"])?.["SystemTime"] ?? "").slice(0, 26),
        ],
      ];
      const ed = ev["EventData"];
      if (ed && typeof ed === "object") {
        for (const [k, v] of Object.entries(ed)) {
          if (k === "#attributes" || k === "Data" || k === "Binary") continue;
          checks.push([`EventData.${k}`, o.data[k], v]);
        }
      }
      for (const [name, mine, theirs] of checks) {
        fields++;
        const key = `${jf.split("/").slice(-2).join("/")}#${i} ${name}`;
        if (comparable(mine) !== comparable(theirs) && !TWIN_ERRATA.has(key))
          mismatches.push(
            `${jf}#${i} ${name}: ours ${JSON.stringify(comparable(mine))} twin ${JSON.stringify(comparable(theirs))}`,
          );
      }
    }
  }
  assert.deepEqual(mismatches.slice(0, 10), []);
  assert.ok(records >= 200 && fields > 4000, `compared ${records} records / ${fields} fields`);
  t.diagnostic(`${records} records, ${fields} field values equal their JSON twins`);
});

test("compiled template plans give exactly what the generic walk gives", async (t) => {
  const dir = corpusDir();
  if (!dir) return t.skip(corpusSkipReason("EVTX corpus"));
  const files = [
    join(dir, "evtx-parser-samples", "omerbenamram-evtx", "samples", "security.evtx"),
    join(dir, "evtx-parser-samples", "omerbenamram-evtx", "samples", "sysmon.evtx"),
    join(dir, "evtx-parser-samples", "omerbenamram-evtx", "samples", "system.evtx"),
    join(dir, "evtx-parser-samples", "python-evtx", "tests", "data", "issue_43.evtx"),
    join(dir, "hayabusa-sample-evtx", "DeepBlueCLI", "Powershell-Invoke-Obfuscation-many.evtx"),
  ];
  let compared = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    for (let off = FILE_HEADER_SIZE; off + CHUNK_SIZE <= bytes.length; off += CHUNK_SIZE) {
      const chunk = bytes.subarray(off, off + CHUNK_SIZE);
      const idx = (off - FILE_HEADER_SIZE) / CHUNK_SIZE;
      const fast = decodeChunk(chunk, off, idx, { file, diagnostics: new Diagnostics() });
      const slow = decodeChunk(chunk, off, idx, {
        file,
        diagnostics: new Diagnostics(),
        extract: extractGeneric,
      });
      assert.equal(fast.records.length, slow.records.length);
      for (let i = 0; i < fast.records.length; i++) {
        assert.deepEqual(
          { ...fast.records[i]!.data },
          { ...slow.records[i]!.data },
          `${file} chunk ${idx} record ${i}`,
        );
        assert.deepEqual(fast.records[i]!.system, slow.records[i]!.system);
        compared++;
      }
    }
  }
  assert.ok(compared > 5000);
  t.diagnostic(`${compared} records compared`);
});
