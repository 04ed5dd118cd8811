/**
 * The JSON reader over the third-party corpus, read in place: every OTRF Security-Datasets set
 * (`*.json`, `*.json.gz`) must give exactly the event count its MANIFEST.csv records, and every
 * evtx_dump JSON twin of SigmaHQ's regression data must give one record per top-level object.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { corpusPath, corpusSkipReason } from "../../testing/corpus.js";
import type { JsonRecord } from "../record.js";
import { readAll } from "../text/fixture-files.test.support.js";
import { ndjsonReader } from "./ndjson-reader.js";

/** Rows of a simple CSV file (no quoted separators in these manifests), keyed by header. */
function readManifest(path: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(path, "utf8")
    .split(/\r?\n/)
    .filter((l) => l !== "");
  const names = header.split(",");
  return rows.map((row) => {
    const cells = row.split(",");
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? ""]));
  });
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && pattern.test(entry.name)) out.push(join(entry.parentPath, entry.name));
  }
  return out.sort();
}

describe("ndjsonReader on the corpus", () => {
  it("reads every Security-Datasets JSON set with the event count of its MANIFEST", async (t) => {
    const root = corpusPath("security-datasets");
    if (!root) return t.skip(corpusSkipReason("security-datasets"));
    const manifest = readManifest(join(root, "MANIFEST.csv")).filter((r) => /\.json(\.gz)?$/.test(r.path));
    const onDisk = filesUnder(root, /\.json(\.gz)?$/).map((f) => f.slice(root.length + 1));
    assert.deepEqual(
      onDisk,
      manifest.map((r) => r.path).sort(),
      "MANIFEST lists exactly the JSON files on disk",
    );
    assert.ok(manifest.length >= 70, `expected the ~76 sets, found ${manifest.length}`);

    let total = 0;
    const started = performance.now();
    for (const row of manifest) {
      const file = join(root, row.path);
      const { records, diagnostics } = await readAll<JsonRecord>(ndjsonReader, file, "json");
      assert.equal(records.length, Number(row.events), `${row.path}: records vs MANIFEST events`);
      assert.equal(diagnostics.total, Number(row.unparsable_lines || "0"), `${row.path}: diagnostics`);
      assert.equal(records[0].provenance.line, 1);
      assert.equal(
        records[0].provenance.offset === undefined,
        row.compression === "gzip",
        `${row.path}: offsets`,
      );
      total += records.length;
    }
    const seconds = (performance.now() - started) / 1000;
    t.diagnostic(`${total} records in ${seconds.toFixed(2)} s (${Math.round(total / seconds)} records/s)`);
  });

  it("reads every SigmaHQ regression-data JSON twin (evtx_dump objects back to back)", async (t) => {
    const root = corpusPath("sigma", "regression_data");
    if (!root) return t.skip(corpusSkipReason("sigma/regression_data"));
    const files = filesUnder(root, /\.json$/);
    assert.ok(files.length >= 100, `expected ~200 JSON twins, found ${files.length}`);
    for (const file of files) {
      // evtx_dump starts each top-level object with `{` at column 0.
      const objects = readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.startsWith("{")).length;
      const { records, diagnostics } = await readAll<JsonRecord>(ndjsonReader, file, "json");
      assert.equal(diagnostics.total, 0, file);
      assert.equal(records.length, objects, file);
      for (const r of records) assert.ok("Event" in r.value, `${file}:${r.provenance.line} has an Event`);
    }
  });
});
