/**
 * The Zeek reader over the third-party corpus, read in place: every Zeek log of RITA's test data,
 * Stratosphere's labeled captures, Zeek's own btest baselines and the APT29 Zeek JSON of
 * Security-Datasets. No file may throw; each file's record count must equal its data lines counted
 * the simple way; diagnostics may appear only in the files listed below, which really are malformed.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { gunzipSync } from "node:zlib";
import type { Diagnostic } from "../../diagnostics/diagnostics.js";
import { corpusDir, corpusSkipReason } from "../../testing/corpus.js";
import type { ZeekRecord } from "../record.js";
import { readAll } from "../text/fixture-files.test.support.js";
import { zeekReader } from "./zeek-reader.js";

/** Where the Zeek logs are, inside the corpus. */
const SOURCES = [
  { dir: "rita-zeek", pattern: /\.log(\.gz)?$/ },
  { dir: "stratosphere-zeek", pattern: /\.log$|\.labeled$/ },
  { dir: "zeek-btest-baselines", pattern: /\.log$/ },
  { dir: "security-datasets/compound/apt29", pattern: /\.log$/ },
] as const;

/**
 * The files that really are malformed: what each must report (severity:code, sorted) and how many
 * of its data lines are not records.
 */
const MALFORMED: { match: RegExp; why: string; diagnostics: string[]; linesNotRead: number | "all" }[] = [
  {
    match: /rita-zeek\/test_data\/text_file\/conn\.log$/,
    why: "Lorem ipsum text named conn.log",
    diagnostics: ["error:E_ZEEK_HEADER"],
    linesNotRead: "all",
  },
  {
    match: /rita-zeek\/.*\/conn-summary\.[^/]*\.log\.gz$/,
    why: "trace-summary text reports, not Zeek logs",
    diagnostics: ["error:E_ZEEK_HEADER"],
    linesNotRead: "all",
  },
  {
    match: /rita-zeek\/test_data\/truncated\/conn_top\.log$/,
    why: "rows with the header cut off",
    diagnostics: ["error:E_ZEEK_HEADER"],
    linesNotRead: "all",
  },
  {
    match: /rita-zeek\/test_data\/truncated\/conn\.log$/,
    why: "last row cut off mid-way (9 of 21 columns)",
    diagnostics: ["error:E_ZEEK_ROW"],
    linesNotRead: 1,
  },
  {
    match: /rita-zeek\/test_data\/truncated\/conn_json\.log$/,
    why: "last JSON line cut off",
    diagnostics: ["error:E_JSON_SYNTAX"],
    linesNotRead: 1,
  },
  {
    match: /rita-zeek\/test_data\/has_unknown_field\/http\.log$/,
    why: "a column typed 'int64' (no such Zeek type) and one row with a column missing",
    diagnostics: ["error:E_ZEEK_ROW", "warning:E_ZEEK_HEADER"],
    linesNotRead: 1,
  },
  {
    match:
      /zeek-btest-baselines\/Baseline\/spicy\.file-(analysis-data-in|data-in-at-offset)\/(files|x509)\.log$/,
    why: "two-column test output without any header",
    diagnostics: ["error:E_ZEEK_HEADER"],
    linesNotRead: "all",
  },
];

const MASKED_WARNING = /holds the masked value 'XXXXXXXXXX\.XXXXXX'/;

function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && pattern.test(entry.name)) out.push(join(entry.parentPath, entry.name));
  }
  return out.sort();
}

/** Data lines counted the simple way: not blank, not a `#` header or banner line. */
function dataLinesOf(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#"));
}

function severityCodes(list: readonly Diagnostic[]): string[] {
  return list.map((d) => `${d.severity}:${d.code}`).sort();
}

/** btest files whose MANIFEST says their timestamps are masked. */
function maskedBtestFiles(root: string): Set<string> {
  const lines = readFileSync(join(root, "zeek-btest-baselines", "MANIFEST.csv"), "utf8").split(/\r?\n/);
  const names = lines[0].split(",");
  const pathCol = names.indexOf("path");
  const maskedCol = names.indexOf("masked_timestamps");
  const out = new Set<string>();
  for (const line of lines.slice(1)) {
    const cells = line.split(",");
    if (cells[maskedCol] === "True") out.add(join(root, "zeek-btest-baselines", cells[pathCol]));
  }
  return out;
}

/** What reading one file gave, next to what simple line counting expects of it. */
interface FileCheck {
  readonly file: string;
  readonly name: string;
  readonly dataLines: number;
  readonly namesLine: number;
  readonly records: number;
  /** Every record has a log path and names its file */
  readonly located: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

async function checkFile(root: string, file: string): Promise<FileCheck> {
  let bytes = readFileSync(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const text = bytes.toString("utf8");
  const lines = dataLinesOf(text);
  // A TSV log with no #fields line names its columns on its first data line (zeek-cut -m, tsv=T).
  const namesLine = lines.length > 0 && !text.includes("#fields") && !lines[0].startsWith("{") ? 1 : 0;
  const { records, diagnostics } = await readAll<ZeekRecord>(zeekReader, file, "zeek");
  return {
    file,
    name: relative(root, file),
    dataLines: lines.length,
    namesLine,
    records: records.length,
    located: records.every((r) => r.path !== "" && r.provenance.file === file),
    diagnostics: diagnostics.list(),
  };
}

/** Runs `work` over `items`, `width` at a time (the files are small: overlap their I/O). */
async function mapConcurrently<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width)
    out.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  return out;
}

describe("zeekReader on the corpus", () => {
  it("reads every Zeek log: counts match the data lines, diagnostics only where the data is malformed", async (t) => {
    const root = corpusDir();
    if (!root) return t.skip(corpusSkipReason("the Zeek corpus"));
    const masked = maskedBtestFiles(root);
    const seenMalformed = new Set<RegExp>();
    const started = performance.now();
    const files: string[] = [];
    for (const source of SOURCES) {
      const found = filesUnder(join(root, source.dir), source.pattern);
      assert.ok(found.length > 0, `${source.dir}: no logs found`);
      files.push(...found);
    }
    const checks = await mapConcurrently(files, 4, (file) => checkFile(root, file));
    let total = 0;
    for (const { file, name, dataLines, namesLine, records, located, diagnostics } of checks) {
      total += records;
      const maskedWarnings = diagnostics.filter(
        (d) => d.severity === "warning" && MASKED_WARNING.test(d.message),
      );
      const others = diagnostics.filter((d) => !maskedWarnings.includes(d));
      assert.ok(
        diagnostics.every((d) => d.location.file === file && d.location.line !== undefined),
        `${name}: diagnostics are located in the file`,
      );
      assert.equal(
        maskedWarnings.length > 0,
        masked.has(file),
        `${name}: masked-time warnings iff MANIFEST says masked`,
      );

      const expected = MALFORMED.find((m) => m.match.test(name));
      if (expected) {
        seenMalformed.add(expected.match);
        assert.deepEqual(severityCodes(others), expected.diagnostics, `${name} (${expected.why})`);
        const want = expected.linesNotRead === "all" ? 0 : dataLines - namesLine - expected.linesNotRead;
        assert.equal(records, want, `${name}: records`);
      } else {
        assert.deepEqual(severityCodes(others), [], `${name}: no diagnostics expected`);
        assert.equal(records, dataLines - namesLine, `${name}: one record per data line`);
      }
      assert.ok(located, `${name}: every record has a log path and its file`);
    }
    for (const m of MALFORMED)
      assert.ok(seenMalformed.has(m.match), `expected malformed file not found: ${m.match}`);
    const seconds = (performance.now() - started) / 1000;
    t.diagnostic(`${checks.length} Zeek logs, ${total} records in ${seconds.toFixed(2)} s`);
  });

  it("reads the Stratosphere label columns as ground truth", async (t) => {
    const root = corpusDir();
    if (!root) return t.skip(corpusSkipReason("stratosphere-zeek"));
    const file = join(root, "stratosphere-zeek", "008-zeek-mixed", "data", "conn.log.labeled");
    const { records } = await readAll<ZeekRecord>(zeekReader, file, "zeek");
    const labels = new Set(records.map((r) => r.fields.label));
    assert.deepEqual([...labels].sort(), ["Background", "Benign", "Malicious"]);
    assert.ok(records.some((r) => r.fields.detailedlabel === "External-Attack-to-Device"));
    assert.ok(
      records.every((r) => typeof r.fields.ts === "number" && typeof r.fields["id.resp_p"] === "number"),
    );
  });
});
