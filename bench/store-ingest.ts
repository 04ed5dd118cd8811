/**
 * Store ingest benchmark (not a test): how fast events go into the DuckDB store, and what it costs.
 * Input: the example logs (examples/, read and normalized once), replicated to N events with varied hosts,
 * record ids and times, each with its raw record, as `mikiwame ingest` stores them. Each measured run is a
 * process of its own (`--child`), so its peak RSS is its own. Per size (100k, 1M):
 *   - ingest: N new events into a fresh file, in transactions of 10,000 (Store.ingestEvents);
 *   - re-ingest: the same N again (every one a duplicate);
 *   - reads at N: count of one host, the first 1,000 events of a host in a time window, a GROUP BY.
 * At 100k it also measures the alternative bulk path the store does not use — multi-row parameterised
 * `INSERT … ON CONFLICT DO NOTHING` straight into the events table — to back the choice of the Appender.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/store-ingest.js [--sizes 100000,1000000] [--runs 1]
 * Output: a Markdown table on stdout and bench/results/store-ingest.json.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  BIGINT,
  BOOLEAN,
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  DOUBLE,
  HUGEINT,
  INTEGER,
  UHUGEINT,
  VARCHAR,
} from "@duckdb/node-api";
import { Diagnostics } from "../src/diagnostics/diagnostics.js";
import type { Event } from "../src/events/event.js";
import { toJsonText } from "../src/outputs/json-text.js";
import { analyze } from "../src/pipeline/analyze.js";
import type { RawRecord } from "../src/readers/record.js";
import { MIGRATIONS } from "../src/store/duckdb-schema.js";
import { openDuckDBStore } from "../src/store/duckdb-store.js";
import { toEventRow } from "../src/store/event-row.js";
import { repoRoot } from "../src/testing/corpus.js";

const BATCH = 10_000;
const HOSTS = 50;
const HOUR = 3_600_000;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

interface Base {
  readonly event: Event;
  readonly raw: string;
}

async function baseEvents(): Promise<Base[]> {
  const out: Base[] = [];
  await analyze([join(repoRoot(), "examples")], {
    diagnostics: new Diagnostics(),
    onEvents: (events, batch) => {
      const records = new Map<unknown, RawRecord>(batch.records.map((r) => [r.provenance, r]));
      for (const event of events) {
        const record = records.get(event.provenance);
        out.push({ event, raw: record ? toJsonText(record) : "" });
      }
    },
  });
  return out;
}

/** The i-th generated event: a copy of a base event on one of HOSTS hosts, its record id and time shifted. */
function generated(base: readonly Base[], i: number): Base {
  const b = base[i % base.length]!;
  const copy = Math.floor(i / base.length);
  const e = b.event;
  const recordId = e.identity.recordId;
  const shiftedId =
    recordId === undefined
      ? undefined
      : typeof recordId === "bigint"
        ? recordId + BigInt(copy) * 1_000_000n
        : recordId + copy * 1_000_000;
  const ms = e.time ? e.time.ms + copy * HOUR : undefined;
  const event: Event = {
    ...e,
    host: `${e.host || "sensor"}-${copy % HOSTS}`,
    time: ms === undefined ? undefined : { iso: new Date(ms).toISOString(), ms },
    identity: shiftedId === undefined ? e.identity : { ...e.identity, recordId: shiftedId },
  };
  return { event, raw: b.raw };
}

function batchOf(base: readonly Base[], from: number, count: number): { events: Event[]; raw: string[] } {
  const events: Event[] = [];
  const raw: string[] = [];
  for (let i = from; i < from + count; i++) {
    const g = generated(base, i);
    events.push(g.event);
    raw.push(g.raw);
  }
  return { events, raw };
}

interface ChildResult {
  readonly method: "appender" | "insert";
  readonly events: number;
  readonly ingestSeconds: number;
  readonly eventsPerSecond: number;
  /** CPU seconds (user + system, every thread) of the ingest: robust when other processes share the machine */
  readonly ingestCpuSeconds: number;
  readonly eventsPerCpuSecond: number;
  readonly reingestSeconds?: number;
  readonly reingestEventsPerSecond?: number;
  readonly dbMiB: number;
  readonly peakRssMiB: number;
  readonly reads?: Readonly<Record<string, number>>;
}

/** CPU milliseconds of this process (all threads) so far. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function timeMs(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

/** Multi-row parameterised INSERT … ON CONFLICT DO NOTHING, 100 rows per statement (the path not taken). */
async function insertPath(conn: DuckDBConnection, base: readonly Base[], n: number): Promise<number> {
  const perStatement = 100;
  const columns = 25;
  // the column types of one row (inference would take the 128-bit key for a signed HUGEINT)
  const rowTypes: DuckDBType[] = [
    UHUGEINT,
    BIGINT,
    BIGINT,
    DOUBLE,
    VARCHAR,
    VARCHAR,
    VARCHAR,
    VARCHAR,
    INTEGER,
  ];
  rowTypes.push(
    HUGEINT,
    BOOLEAN,
    VARCHAR,
    VARCHAR,
    VARCHAR,
    VARCHAR,
    VARCHAR,
    VARCHAR,
    INTEGER,
    VARCHAR,
    VARCHAR,
  );
  rowTypes.push(VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR);
  let seq = 1n;
  let ms = 0;
  for (let from = 0; from < n; from += BATCH) {
    const { events, raw } = batchOf(base, from, Math.min(BATCH, n - from));
    ms += await timeMs(async () => {
      const rows = events.map((e, i) => toEventRow(e, raw[i]));
      await conn.run("BEGIN TRANSACTION");
      for (let i = 0; i < rows.length; i += perStatement) {
        const part = rows.slice(i, i + perStatement);
        const values: DuckDBValue[] = [];
        for (const r of part) {
          values.push(r.id, seq++, BigInt(Date.now()), r.time_ms, r.time_iso, r.host, r.channel, r.provider);
          values.push(r.event_id, r.record_id, r.record_id_big, r.kind, r.image, r.command_line, r.user);
          values.push(r.src_ip, r.dst_ip, r.dst_port, r.sha256, r.source_file, r.fields, r.origins);
          values.push(r.logsource, r.provenance, r.raw);
        }
        const tuples = part.map(
          (_, k) => `(${Array.from({ length: columns }, (_, c) => `$${k * columns + c + 1}`).join(",")})`,
        );
        const types = part.flatMap(() => rowTypes);
        await conn.run(`INSERT INTO events VALUES ${tuples.join(",")} ON CONFLICT DO NOTHING`, values, types);
      }
      await conn.run("COMMIT");
    });
  }
  return ms;
}

async function child(n: number, method: ChildResult["method"], dir: string): Promise<ChildResult> {
  const base = await baseEvents();
  const file = join(dir, `bench-${method}-${n}.duckdb`);
  let ingestMs = 0;
  let ingestCpuMs = 0;
  let reingestMs: number | undefined;
  let reads: Record<string, number> | undefined;
  if (method === "insert") {
    const instance = await DuckDBInstance.create(file, { checkpoint_threshold: "256MB" });
    const conn = await instance.connect();
    for (const m of MIGRATIONS) for (const sql of m.statements) await conn.run(sql);
    const cpu0 = cpuMs();
    ingestMs = await insertPath(conn, base, n);
    ingestCpuMs = cpuMs() - cpu0; // includes generating the events (small: see the appender runs)
    conn.closeSync();
    instance.closeSync();
  } else {
    const store = await openDuckDBStore(file);
    for (const pass of [0, 1]) {
      let ms = 0;
      let cpu = 0;
      let inserted = 0;
      for (let from = 0; from < n; from += BATCH) {
        const { events, raw } = batchOf(base, from, Math.min(BATCH, n - from));
        const cpu0 = cpuMs();
        ms += await timeMs(async () => {
          inserted += (await store.ingestEvents(events, { name: "bench", raw })).inserted;
        });
        cpu += cpuMs() - cpu0;
      }
      if (inserted !== (pass === 0 ? n : 0)) throw new Error(`pass ${pass}: ${inserted} inserted of ${n}`);
      if (pass === 0) {
        ingestMs = ms;
        ingestCpuMs = cpu;
      } else reingestMs = ms;
    }
    const host = "WS-SALES-07-3";
    const first = base[0]!.event.time!.ms;
    reads = {
      countHostMs: await timeMs(() => store.countEvents({ hosts: [host] })),
      hostWindowFirst1000Ms: await timeMs(async () => {
        let k = 0;
        for await (const _ of store.events({
          hosts: [host],
          from: first,
          to: first + 30 * 24 * HOUR,
          limit: 1000,
        }))
          k++;
        return k;
      }),
      groupByChannelMs: await timeMs(() =>
        store.query("SELECT channel, count(*) FROM events GROUP BY channel"),
      ),
      searchTextPage100Ms: await timeMs(() =>
        store.searchEvents({ text: "svcupd.exe", hosts: [host], limit: 100 }),
      ),
    };
    for (const k of Object.keys(reads)) reads[k] = Math.round(reads[k]!);
    await store.close();
  }
  let bytes = 0;
  for (const f of [file, `${file}.wal`])
    bytes += await stat(f).then(
      (s) => s.size,
      () => 0,
    );
  const mib = (b: number) => Math.round(b / 1024 / 1024);
  return {
    method,
    events: n,
    ingestSeconds: +(ingestMs / 1000).toFixed(2),
    eventsPerSecond: Math.round(n / (ingestMs / 1000)),
    ingestCpuSeconds: +(ingestCpuMs / 1000).toFixed(2),
    eventsPerCpuSecond: Math.round(n / (ingestCpuMs / 1000)),
    ...(reingestMs === undefined
      ? {}
      : {
          reingestSeconds: +(reingestMs / 1000).toFixed(2),
          reingestEventsPerSecond: Math.round(n / (reingestMs / 1000)),
        }),
    dbMiB: mib(bytes),
    peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
    ...(reads === undefined ? {} : { reads }),
  };
}

async function parent(): Promise<void> {
  const sizes = arg("--sizes", "100000,1000000").split(",").map(Number);
  const runs = Number(arg("--runs", "1"));
  const dir = await mkdtemp(join(tmpdir(), "mikiwame-bench-store-"));
  const self = fileURLToPath(import.meta.url);
  const results: ChildResult[] = [];
  try {
    const plan: [number, ChildResult["method"]][] = sizes.map((n) => [n, "appender"]);
    if (sizes.includes(100_000)) plan.unshift([100_000, "insert"]);
    for (const [n, method] of plan) {
      const all: ChildResult[] = [];
      for (let r = 0; r < runs; r++) {
        const p = spawnSync(process.execPath, [self, "--child", String(n), method, dir], {
          encoding: "utf8",
        });
        if (p.status !== 0) throw new Error(`child ${n} ${method} failed: ${p.stderr}`);
        all.push(JSON.parse(p.stdout) as ChildResult);
        await rm(join(dir, `bench-${method}-${n}.duckdb`), { force: true });
        await rm(join(dir, `bench-${method}-${n}.duckdb.wal`), { force: true });
      }
      all.sort((a, b) => a.ingestSeconds - b.ingestSeconds);
      results.push(all[Math.floor(all.length / 2)]!); // the median run
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const machine = {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
  };
  const lines = [
    "| method | events | ingest s | events/s | CPU s | events/CPU-s | re-ingest events/s | DB MiB | peak RSS MiB |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...results.map(
      (r) =>
        `| ${r.method} | ${r.events} | ${r.ingestSeconds} | ${r.eventsPerSecond} | ${r.ingestCpuSeconds} | ${r.eventsPerCpuSecond} | ${r.reingestEventsPerSecond ?? "—"} | ${r.dbMiB} | ${r.peakRssMiB} |`,
    ),
  ];
  process.stdout.write(
    `${lines.join("\n")}\n\nreads (ms): ${JSON.stringify(results.filter((r) => r.reads).map((r) => ({ events: r.events, ...r.reads })))}\n`,
  );
  process.stdout.write(
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}\n`,
  );
  const out = join(repoRoot(), "bench", "results", "store-ingest.json");
  const loadAverage = +(loadavg()[0] ?? 0).toFixed(1);
  await writeFile(
    out,
    `${JSON.stringify({ machine, loadAverage, runsPerSize: runs, batch: BATCH, results }, null, 2)}\n`,
  );
}

if (process.argv[2] === "--child") {
  const result = await child(
    Number(process.argv[3]),
    process.argv[4] as ChildResult["method"],
    process.argv[5]!,
  );
  process.stdout.write(JSON.stringify(result));
} else {
  await parent();
}
