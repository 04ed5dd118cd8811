/**
 * Store scale benchmark (not a test): the embedded DuckDB store against ClickHouse (a local
 * clickhouse-server started for the run), side by side. Input: the example logs replicated to N events
 * with varied hosts (200), record ids and times (each copy one hour later), with raw records. Per back
 * end and size, in a child process of its own (so peak RSS is its own): ingest N events in batches of
 * 10,000 through Store.ingestEvents (events/s), then the latency of the fleet prevalence (sha256,
 * image, command line, destination), destination stats, scan aggregates and the incident list (1,000
 * stored incidents); ClickHouse's server RSS (VmHWM) is read from /proc after the run.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/store-scale.js [--sizes 1000000,3000000]
 * Output: a Markdown table on stdout and bench/results/store-scale.json.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Diagnostics } from "../src/diagnostics/diagnostics.js";
import type { Event } from "../src/events/event.js";
import { toJsonText } from "../src/outputs/json-text.js";
import { analyze } from "../src/pipeline/analyze.js";
import type { RawRecord } from "../src/readers/record.js";
import { startTestClickHouse } from "../src/store/clickhouse/clickhouse-server.test.support.js";
import { FLEET_PREVALENCE_KINDS } from "../src/store/fleet-analytics.js";
import type { Store } from "../src/store/store.js";
import { testIncident } from "../src/store/store-test-data.js";
import { openStore } from "../src/store/store-url.js";
import { repoRoot } from "../src/testing/corpus.js";

const BATCH = 10_000;
const HOSTS = 200;
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

function generated(base: readonly Base[], i: number): Base {
  const b = base[i % base.length] as Base;
  const copy = Math.floor(i / base.length);
  const e = b.event;
  const recordId = e.identity.recordId;
  const shifted =
    recordId === undefined
      ? undefined
      : typeof recordId === "bigint"
        ? recordId + BigInt(copy) * 1_000_000n
        : recordId + copy * 1_000_000;
  const ms = e.time ? e.time.ms + copy * HOUR : undefined;
  // content-keyed events (no record id) differ by time; untimed ones get a copy marker
  const fields = ms === undefined && shifted === undefined ? { ...e.fields, copy } : e.fields;
  return {
    event: {
      ...e,
      host: `${e.host || "sensor"}-${copy % HOSTS}`,
      time: ms === undefined ? undefined : { iso: new Date(ms).toISOString(), ms },
      identity: shifted === undefined ? e.identity : { ...e.identity, recordId: shifted },
      fields,
    },
    raw: b.raw,
  };
}

interface ChildResult {
  readonly backend: string;
  readonly events: number;
  readonly stored: number;
  readonly ingestSeconds: number;
  readonly eventsPerSecond: number;
  readonly queriesMs: Readonly<Record<string, number>>;
  readonly peakRssMiB: number;
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return Math.round((performance.now() - t) * 10) / 10;
}

async function child(spec: string, n: number): Promise<ChildResult> {
  const base = await baseEvents();
  const store: Store = await openStore(spec);
  try {
    const t = performance.now();
    for (let from = 0; from < n; from += BATCH) {
      const events: Event[] = [];
      const raw: string[] = [];
      for (let i = from; i < Math.min(n, from + BATCH); i++) {
        const g = generated(base, i);
        events.push(g.event);
        raw.push(g.raw);
      }
      await store.ingestEvents(events, { name: "bench", raw });
    }
    const ingestSeconds = (performance.now() - t) / 1000;
    const incidents = Array.from({ length: 1000 }, (_, i) =>
      testIncident(`INC-${String(i).padStart(10, "0")}`, {
        verdict: i % 3 === 0 ? "malicious" : "suspicious",
        severity: i % 2 === 0 ? "high" : "low",
        confidence: (i % 10) / 10,
        state: "active",
        hosts: [`WS-${i % 50}`],
        firstOffsetMs: i * 1000,
        lastOffsetMs: i * 2000,
      }),
    );
    await store.putIncidents("bench", incidents);
    const queriesMs: Record<string, number> = {};
    for (const kind of FLEET_PREVALENCE_KINDS) {
      queriesMs[`prevalence ${kind}`] = await timed(() => store.prevalence({ kind, limit: 100 }));
    }
    queriesMs["destination stats"] = await timed(() => store.destinationStats({ limit: 100, maxTimes: 100 }));
    queriesMs["scan aggregates"] = await timed(() =>
      store.scanAggregates({ windowMs: 60_000, minDistinct: 10, limit: 100 }),
    );
    queriesMs["incident list"] = await timed(() => store.incidents({ limit: 100 }));
    queriesMs["count one host"] = await timed(() => store.countEvents({ hosts: ["WS-SALES-07-3"] }));
    const stored = await store.countEvents();
    return {
      backend: spec.startsWith("clickhouse:") ? "clickhouse" : "duckdb",
      events: n,
      stored,
      ingestSeconds: Math.round(ingestSeconds * 100) / 100,
      eventsPerSecond: Math.round(n / ingestSeconds),
      queriesMs,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await store.close();
  }
}

async function serverHwmMiB(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Math.round(Number(m[1]) / 1024) : undefined;
}

async function main(): Promise<void> {
  if (process.argv.includes("--child")) {
    const result = await child(arg("--spec", ""), Number(arg("--n", "0")));
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const sizes = arg("--sizes", "1000000").split(",").map(Number);
  const dir = await mkdtemp(join(tmpdir(), "mikiwame-store-scale-"));
  const ch = await startTestClickHouse();
  const chPid = Number(
    (await readFile(join(ch.dir, "data", "status"), "utf8").catch(() => "")).match(/PID: (\d+)/)?.[1] ??
      Number.NaN,
  );
  const rows: (ChildResult & { readonly serverHwmMiB?: number })[] = [];
  try {
    for (const n of sizes) {
      for (const spec of [join(dir, `scale-${n}.duckdb`), `${ch.url}/scale_${n}`]) {
        const r = spawnSync(
          process.execPath,
          [fileURLToPath(import.meta.url), "--child", "--spec", spec, "--n", String(n)],
          {
            encoding: "utf8",
            maxBuffer: 1 << 24,
          },
        );
        if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
        const result = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as ChildResult;
        const hwm = spec.startsWith("clickhouse:")
          ? await serverHwmMiB(Number.isNaN(chPid) ? undefined : chPid)
          : undefined;
        rows.push(hwm === undefined ? result : { ...result, serverHwmMiB: hwm });
        process.stderr.write(`${result.backend} ${n}: ${result.eventsPerSecond} events/s\n`);
      }
    }
  } finally {
    await ch.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const queries = Object.keys(rows[0]?.queriesMs ?? {});
  const header = [
    "back end",
    "events",
    "ingest events/s",
    ...queries.map((q) => `${q} ms`),
    "peak RSS MiB",
    "server RSS MiB",
  ];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const r of rows) {
    lines.push(
      `| ${[r.backend, r.events, r.eventsPerSecond, ...queries.map((q) => r.queriesMs[q]), r.peakRssMiB, r.serverHwmMiB ?? ""].join(" | ")} |`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  await writeFile(
    join(repoRoot(), "bench", "results", "store-scale.json"),
    `${JSON.stringify({ date: new Date().toISOString(), machine: { cpus: cpus().length, memGiB: Math.round(totalmem() / 2 ** 30) }, clickhouse: "18.16.1", rows }, null, 2)}\n`,
  );
}

await main();
