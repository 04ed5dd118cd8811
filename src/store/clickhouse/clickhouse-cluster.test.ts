/**
 * End to end on a two-shard ClickHouse cluster (two servers on loopback ports, one Distributed events
 * table sharded by host): two `mikiwame ingest --store clickhouse://…` worker processes share the
 * files, a DuckDB store is fed the same files by one `ingest --db`; the fleet analytics and the
 * incident list of an analysis run from each store must be equal. Uses examples/ and a few
 * EVTX-ATTACK-SAMPLES files (when the corpus is present). Skips when clickhouse-server is absent.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { analyzeStore } from "../../server/store-analysis.js";
import { loadRules } from "../../sigma/rule-loader.js";
import { corpusPath, repoRoot } from "../../testing/corpus.js";
import { openDuckDBStore } from "../duckdb-store.js";
import type { Store } from "../store.js";
import { FLEET_PREVALENCE_KINDS } from "../fleet-analytics.js";
import {
  clickhouseSkipReason,
  startTestClickHouseCluster,
  type TestClickHouseCluster,
} from "./clickhouse-server.test.support.js";
import { openClickHouseStore } from "./clickhouse-store.js";

const skip = clickhouseSkipReason();
let cluster: TestClickHouseCluster | undefined;
let work = "";

before(async () => {
  work = await mkdtemp(join(tmpdir(), "mikiwame-ch-cluster-"));
  if (skip === undefined) cluster = await startTestClickHouseCluster(2);
});
after(async () => {
  await cluster?.stop();
  await rm(work, { recursive: true, force: true });
});

/** The example logs plus up to 6 small EVTX-ATTACK-SAMPLES files (sorted, so every run takes the same). */
async function inputFiles(): Promise<string[]> {
  const root = repoRoot();
  const files = [
    join(root, "examples", "evtx", "WS-SALES-07_Security.evtx"),
    join(root, "examples", "evtx", "WS-SALES-07_Sysmon.evtx"),
    join(root, "examples", "json", "WS-SALES-08_sysmon.jsonl"),
    join(root, "examples", "zeek", "conn.log"),
    join(root, "examples", "zeek", "dns.log"),
  ];
  for (const folder of ["Execution", "Lateral Movement"]) {
    const dir = corpusPath("evtx-attack-samples", folder);
    if (dir === undefined) continue;
    const names = (await readdir(dir)).filter((n) => n.endsWith(".evtx")).sort();
    let taken = 0;
    for (const n of names) {
      if (taken >= 3) break;
      const p = join(dir, n);
      if ((await stat(p)).size <= 300_000) {
        files.push(p);
        taken++;
      }
    }
  }
  return files;
}

/** Runs the CLI (the main.js compiled beside this build) and resolves with its exit code and stderr. */
async function cli(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const mainJs = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "cli", "main.js");
  const entry = join(work, "entry.mjs");
  await writeFile(
    entry,
    `import { runMain } from ${JSON.stringify(pathToFileURL(mainJs).href)};\nrunMain(process.argv.slice(2));\n`,
  );
  const child = spawn(process.execPath, [entry, ...args], {
    env: { PATH: process.env.PATH, MIKIWAME_HOME: join(work, "home") },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    if (stderr.length < 20_000) stderr += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  return { code, stderr };
}

async function fleetView(store: Store): Promise<{ readonly events: number; readonly [k: string]: unknown }> {
  const prevalence: Record<string, unknown> = {};
  for (const kind of FLEET_PREVALENCE_KINDS)
    prevalence[kind] = await store.prevalence({ kind, limit: 10_000 });
  return {
    events: await store.countEvents(),
    prevalence,
    destinations: await store.destinationStats({ limit: 10_000, maxTimes: 50 }),
    scans: await store.scanAggregates({ windowMs: 60_000, minDistinct: 2, limit: 10_000 }),
  };
}

async function incidentView(store: Store, rulesDir: string): Promise<unknown[]> {
  const rules = await loadRules([rulesDir]);
  await analyzeStore({
    store,
    dataDir: join(work, "home"),
    rules,
    analytics: {},
    diagnostics: new Diagnostics(),
  });
  const page = await store.incidents({ sort: "id", limit: 10_000 });
  return page.incidents.map((i) => ({
    id: i.id,
    verdict: i.verdict,
    severity: i.severity,
    state: i.state,
    hosts: i.hosts,
  }));
}

it("two ingest workers on a two-shard cluster give the same fleet analytics and incidents as DuckDB", {
  skip,
  timeout: 120_000,
}, async () => {
  if (cluster === undefined) return;
  const files = await inputFiles();
  const url = cluster.url("e2e");
  const duckFile = join(work, "same.duckdb");
  const workerA = files.filter((_, i) => i % 2 === 0);
  const workerB = files.filter((_, i) => i % 2 === 1);
  const runs = await Promise.all([
    cli(["ingest", "--store", url, ...workerA]),
    cli(["ingest", "--store", url, ...workerB]),
    cli(["ingest", "--db", duckFile, ...files]),
  ]);
  for (const r of runs) assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const ch = await openClickHouseStore(url);
  const duck = await openDuckDBStore(duckFile);
  try {
    // the events are spread over both shards (sharded by host)
    const perShard = [];
    for (let node = 0; node < 2; node++)
      perShard.push(await ch.conn.count("SELECT count() FROM events_local", node));
    assert.ok(
      perShard.every((n) => n > 0),
      `events per shard: ${perShard.join(", ")}`,
    );
    const chFleet = await fleetView(ch);
    const duckFleet = await fleetView(duck);
    assert.deepEqual(chFleet, duckFleet);
    assert.ok(chFleet.events > 1000, "enough events to compare");
    const rulesDir = join(repoRoot(), "rules");
    const chIncidents = await incidentView(ch, rulesDir);
    assert.ok(chIncidents.length > 0, "the analysis found incidents to compare");
    assert.deepEqual(chIncidents, await incidentView(duck, rulesDir));
  } finally {
    await ch.close();
    await duck.close();
  }
});
