/**
 * The benchmark input generator: replicated corpus chunks read back clean (checksums recomputed),
 * with per-file record ids 1, 2, … and every computer renamed for its site; and, on such an input,
 * the process graph stays within its cap (counts, not bytes: the memory-bound run measures bytes).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Diagnostics } from "../src/diagnostics/diagnostics.js";
import { analyzeLogs } from "../src/pipeline/analyze-logs.js";
import { evtxReader } from "../src/readers/evtx/evtx-reader.js";
import { corpusPath, corpusSkipReason } from "../src/testing/corpus.js";
import { collectChunks } from "./build-evtx-input.js";
import {
  generateReplicas,
  type PlannedChunk,
  planChunk,
  type ReplicaSummary,
  siteHostName,
} from "./replicate-evtx.js";

const source = corpusPath("evtx-attack-samples");

describe("replicated EVTX input", { skip: source ? false : corpusSkipReason("evtx-attack-samples") }, () => {
  let dir = "";
  let pool: PlannedChunk[] = [];
  let set: ReplicaSummary;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "mikiwame-replica-"));
    // 24 well-filled chunks are enough (and keep the test fast)
    pool = collectChunks([source as string])
      .slice(0, 24)
      .map(planChunk);
    set = generateReplicas({ dir: join(dir, "input"), pool, totalBytes: 2 * 40 * 0x10000, sites: 2 });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("renames computers to the same length", () => {
    assert.equal(siteHostName("MSEDGEWIN10", 7), "H007-EWIN10");
    assert.equal(siteHostName("PC01", 12), "H012");
    assert.equal(siteHostName("PC01.example.corp", 3).length, "PC01.example.corp".length);
  });

  test("reads back clean, with fresh ids and renamed hosts", async () => {
    assert.equal(set.files.length, 2);
    assert.equal(set.unpatchedHosts, 0);
    for (const [site, file] of set.files.entries()) {
      const d = new Diagnostics();
      const ids: bigint[] = [];
      const hosts = new Set<string>();
      for await (const batch of evtxReader.read(file, { diagnostics: d }))
        for (const r of batch) {
          if (r.kind !== "evtx") continue;
          ids.push(BigInt(r.system.recordId));
          hosts.add(r.system.computer);
        }
      assert.equal(d.errors, 0, JSON.stringify(d.list()));
      assert.deepEqual(
        d.list().filter((x) => x.code === "E_EVTX_CHUNK"),
        [],
        "no chunk checksum problems",
      );
      assert.ok(ids.length > 1000, `records: ${ids.length}`);
      assert.deepEqual(
        ids.slice(0, 3),
        [1n, 2n, 3n],
        "ids start at 1 in each file (record header and EventRecordID)",
      );
      assert.ok(
        ids.every((id, i) => id === BigInt(i + 1)),
        "ids run 1, 2, 3 … without gaps",
      );
      const prefix = `H${String(site).padStart(3, "0")}`;
      for (const h of hosts) assert.ok(h.startsWith(prefix), `${h} is a host of site ${site}`);
    }
  });

  test("the process graph keeps at most maxProcesses processes", async () => {
    const d = new Diagnostics();
    const r = await analyzeLogs([join(dir, "input")], {
      diagnostics: d,
      location: false,
      process: { maxProcesses: 50 },
    });
    const stats = r.analyzers.process ?? {};
    assert.ok((stats.processesTracked ?? Number.NaN) <= 50, JSON.stringify(stats));
    assert.ok((stats.processesEvicted ?? 0) > 0, "the cap was reached, and counted");
    assert.ok(r.summary.events > 1000);
  });
});
