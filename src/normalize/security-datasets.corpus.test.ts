/**
 * Corpus test: normalizes every OTRF Security-Datasets JSON file (read here with node:zlib and a
 * line split, independently of the NDJSON reader) and checks that every record gets a host, a time,
 * a channel and a logsource product. Exceptions are counted per file and reported; the Windows
 * attack simulations (atomic/windows) must have none, the compound sets (cloud and Linux tables)
 * may only lack what their source lacks.
 */
import assert from "node:assert/strict";
import { createReadStream, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { createInterface } from "node:readline";
import { describe, test } from "node:test";
import { createGunzip } from "node:zlib";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { corpusPath, corpusSkipReason } from "../testing/corpus.js";
import { createNormalizer } from "./normalizer.js";

interface FileStats {
  records: number;
  unparsable: number;
  dropped: number;
  noHost: number;
  noTime: number;
  noChannel: number;
  noProduct: number;
}

function jsonFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) jsonFiles(p, out);
    else if (name.endsWith(".json") || name.endsWith(".json.gz")) out.push(p);
  }
  return out;
}

async function normalizeFile(file: string): Promise<FileStats> {
  const normalizer = createNormalizer();
  const diagnostics = new Diagnostics(5);
  const stats: FileStats = {
    records: 0,
    unparsable: 0,
    dropped: 0,
    noHost: 0,
    noTime: 0,
    noChannel: 0,
    noProduct: 0,
  };
  const raw = createReadStream(file);
  const input = file.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      stats.unparsable++;
      continue;
    }
    stats.records++;
    const event = normalizer.normalize(
      { kind: "json", provenance: { file, format: "json", line }, value: value as Record<string, unknown> },
      diagnostics,
    );
    if (!event) {
      stats.dropped++;
      continue;
    }
    if (event.host === "") stats.noHost++;
    if (!event.time) stats.noTime++;
    if (event.identity.channel === "") stats.noChannel++;
    if (!event.logsource.product) stats.noProduct++;
  }
  return stats;
}

describe("Security-Datasets corpus", () => {
  test("every record gets a host, a time, a channel and a product", async (t) => {
    const root = corpusPath("security-datasets");
    if (!root) return t.skip(corpusSkipReason("security-datasets"));
    const files = jsonFiles(root);
    assert.ok(files.length > 50, `found ${files.length} JSON files`);
    const total: FileStats = {
      records: 0,
      unparsable: 0,
      dropped: 0,
      noHost: 0,
      noTime: 0,
      noChannel: 0,
      noProduct: 0,
    };
    const atomicProblems: string[] = [];
    const compoundReport: string[] = [];
    for (const file of files) {
      const s = await normalizeFile(file);
      for (const k of Object.keys(total) as (keyof FileStats)[]) total[k] += s[k];
      const rel = relative(root, file);
      const missing = s.dropped + s.noHost + s.noTime + s.noChannel + s.noProduct;
      if (missing === 0) continue;
      const line = `${rel}: ${s.records} records, dropped ${s.dropped}, no host ${s.noHost}, no time ${s.noTime}, no channel ${s.noChannel}, no product ${s.noProduct}`;
      if (rel.startsWith("atomic")) atomicProblems.push(line);
      else compoundReport.push(line);
    }
    t.diagnostic(`records ${total.records}, unparsable lines ${total.unparsable}, dropped ${total.dropped}`);
    t.diagnostic(
      `no host ${total.noHost}, no time ${total.noTime}, no channel ${total.noChannel}, no product ${total.noProduct}`,
    );
    for (const l of compoundReport) t.diagnostic(`exception (compound set): ${l}`);
    assert.ok(total.records > 100_000, `${total.records} records`);
    assert.equal(total.dropped, 0);
    assert.equal(total.noTime, 0);
    assert.deepEqual(atomicProblems, []);
  });
});
