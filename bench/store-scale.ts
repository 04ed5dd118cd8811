/**
 * Store scale benchmark (not a test): the embedded DuckDB store against ClickHouse (a local
 * clickhouse-server started for the run), side by side. Input: the example logs replicated to N events
 * with varied hosts (200), record ids and times (each copy one hour later), with raw records. Per back
 * end and size, in a child process of its own (so peak RSS is its own): ingest N events in batches of
 * 10,000 through Store.ingestEvents (events/s), then the latency of the fleet prevalence (sha256,
 * image, command line, destination: the top 100 of each), the history viewpoint's lookup (prevalence
 * of the example images by value, as `analyze --db/--store` asks it), destination stats, scan
 * aggregates and the incident list (1,000 stored incidents), each the median of three runs. Each size gets a fresh ClickHouse server,
 * whose peak RSS (VmHWM) is read from /proc after its run. Ingest CPU seconds (ours, and the ClickHouse
 * server's from /proc) are kept beside the wall-clock rate: on a shared machine they are the steadier
 * measure. A query that fails (e.g. ClickHouse's per-query memory limit) is noted, not fatal. The growth of every measure from one size to
 * the next (ratio) is printed and stored.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/store-scale.js [--sizes 1000000,3000000]
 * Output: Markdown tables on stdout and bench/results/store-scale.json.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
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
  /** CPU seconds (user + system, every thread) of our process during the ingest */
  readonly ingestCpuSeconds: number;
  /** CPU seconds of the ClickHouse server during the ingest */
  readonly serverIngestCpuSeconds?: number;
  readonly queriesMs: Readonly<Record<string, number>>;
  /** Queries that failed, with the first line of the error (e.g. ClickHouse's per-query memory limit) */
  readonly failed?: Readonly<Record<string, string>>;
  readonly peakRssMiB: number;
  /** Bytes on disk of the DuckDB file (0 for ClickHouse, whose server keeps the data) */
  readonly storeBytes: number;
}

/** Median of three runs, in ms (the first is often cold). */
async function timed(f: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await f();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  return Math.round((runs[1] as number) * 10) / 10;
}

/** CPU seconds (user + system) of another process, from /proc (clock ticks of 1/100 s). */
async function processCpuSeconds(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks / 100 : undefined;
}

async function child(spec: string, n: number, serverPid: number | undefined): Promise<ChildResult> {
  const base = await baseEvents();
  const store: Store = await openStore(spec);
  try {
    const cpu = process.cpuUsage();
    const serverCpu = await processCpuSeconds(serverPid);
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
    const used = process.cpuUsage(cpu);
    const ingestCpuSeconds = Math.round((used.user + used.system) / 1e4) / 100;
    const serverAfter = await processCpuSeconds(serverPid);
    const serverIngestCpuSeconds =
      serverCpu === undefined || serverAfter === undefined
        ? undefined
        : Math.round((serverAfter - serverCpu) * 100) / 100;
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
    const failed: Record<string, string> = {};
    /** Times a query; a failing one is noted (first line of its error), not fatal. */
    const measure = async (name: string, f: () => Promise<unknown>): Promise<void> => {
      try {
        queriesMs[name] = await timed(f);
      } catch (e) {
        failed[name] = (e instanceof Error ? e.message : String(e)).split("\n")[0]?.slice(0, 300) ?? "";
      }
    };
    for (const kind of FLEET_PREVALENCE_KINDS) {
      await measure(`prevalence ${kind}`, () => store.prevalence({ kind, limit: 100 }));
    }
    // the history viewpoint's lookup: the images of the analysed events, by value
    const images = [
      ...new Set(base.map((b) => b.event.fields.Image).filter((v): v is string => typeof v === "string")),
    ];
    await measure("history lookup (images by value)", () =>
      store.prevalence({ kind: "image", values: images.slice(0, 100), limit: 1000 }),
    );
    await measure("destination stats", () => store.destinationStats({ limit: 100, maxTimes: 100 }));
    await measure("scan aggregates", () =>
      store.scanAggregates({ windowMs: 60_000, minDistinct: 10, limit: 100 }),
    );
    await measure("incident list", () => store.incidents({ limit: 100 }));
    await measure("count one host", () => store.countEvents({ hosts: ["WS-SALES-07-3"] }));
    if (spec.startsWith("clickhouse:")) {
      // the same reads without FINAL (`?final=0`: exact unless two workers raced on the same records)
      const plain = await openStore(`${spec}?final=0`);
      try {
        await measure("prevalence sha256 (no FINAL)", () => plain.prevalence({ kind: "sha256", limit: 100 }));
        await measure("destination stats (no FINAL)", () =>
          plain.destinationStats({ limit: 100, maxTimes: 100 }),
        );
      } finally {
        await plain.close();
      }
    }
    const stored = await store.countEvents();
    const storeBytes = (await store.stats()).bytes;
    return {
      backend: spec.startsWith("clickhouse:") ? "clickhouse" : "duckdb",
      events: n,
      stored,
      ingestSeconds: Math.round(ingestSeconds * 100) / 100,
      eventsPerSecond: Math.round(n / ingestSeconds),
      ingestCpuSeconds,
      ...(serverIngestCpuSeconds !== undefined && { serverIngestCpuSeconds }),
      queriesMs,
      ...(Object.keys(failed).length > 0 && { failed }),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      storeBytes,
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
    const pid = Number(arg("--server-pid", ""));
    const result = await child(arg("--spec", ""), Number(arg("--n", "0")), pid > 0 ? pid : undefined);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const sizes = arg("--sizes", "1000000,3000000").split(",").map(Number);
  const backends = arg("--backends", "duckdb,clickhouse").split(",");
  const dir = await mkdtemp(join(tmpdir(), "mikiwame-store-scale-"));
  const rows: Row[] = [];
  try {
    for (const n of sizes) {
      const ch = await startTestClickHouse();
      try {
        const chPid = Number(
          (await readFile(join(ch.dir, "data", "status"), "utf8").catch(() => "")).match(/PID: (\d+)/)?.[1] ??
            Number.NaN,
        );
        const specs = [join(dir, `scale-${n}.duckdb`), `${ch.url}/scale_${n}`].filter((spec) =>
          backends.includes(spec.startsWith("clickhouse:") ? "clickhouse" : "duckdb"),
        );
        for (const spec of specs) {
          const started = performance.now();
          const r = spawnSync(
            process.execPath,
            [
              fileURLToPath(import.meta.url),
              "--child",
              "--spec",
              spec,
              "--n",
              String(n),
              ...(spec.startsWith("clickhouse:") && !Number.isNaN(chPid)
                ? ["--server-pid", String(chPid)]
                : []),
            ],
            { encoding: "utf8", maxBuffer: 1 << 24 },
          );
          if (r.status !== 0) {
            process.stderr.write(`${spec} ${n}: child failed: ${r.stderr.slice(-2000)}\n`);
            continue;
          }
          const result = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as ChildResult;
          const hwm = spec.startsWith("clickhouse:")
            ? await serverHwmMiB(Number.isNaN(chPid) ? undefined : chPid)
            : undefined;
          rows.push(hwm === undefined ? result : { ...result, serverHwmMiB: hwm });
          process.stderr.write(
            `${result.backend} ${n}: ${result.eventsPerSecond} events/s, ${Math.round((performance.now() - started) / 1000)} s in all\n`,
          );
          await report(rows); // after every child: an interrupted run keeps what it measured
        }
        await rm(join(dir, `scale-${n}.duckdb`), { force: true });
      } finally {
        await ch.stop();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await report(rows);
}

/** The Markdown tables on stdout and bench/results/store-scale.json. */
async function report(rows: readonly Row[]): Promise<void> {
  const queries = [...new Set(rows.flatMap((r) => Object.keys(r.queriesMs)))];
  const header = [
    "back end",
    "events",
    "ingest events/s",
    "ingest CPU s (ours + server)",
    ...queries.map((q) => `${q} ms`),
    "peak RSS MiB",
    "server RSS MiB",
    "on disk MiB",
  ];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const r of rows) {
    lines.push(
      `| ${[r.backend, r.events, r.eventsPerSecond, `${r.ingestCpuSeconds} + ${r.serverIngestCpuSeconds ?? 0}`, ...queries.map((q) => r.queriesMs[q] ?? (r.failed?.[q] ? "failed" : "")), r.peakRssMiB, r.serverHwmMiB ?? "", r.storeBytes ? Math.round(r.storeBytes / 2 ** 20) : ""].join(" | ")} |`,
    );
  }
  const growth = growthOf(rows);
  lines.push("", "Growth (larger size / smaller size, same back end):", "");
  for (const g of growth) {
    lines.push(
      `- ${g.backend} ${g.from} → ${g.to} (×${g.to / g.from}): ${Object.entries(g.ratios)
        .map(([k, v]) => `${k} ×${v}`)
        .join(", ")}`,
    );
  }
  for (const r of rows)
    for (const [q, why] of Object.entries(r.failed ?? {}))
      lines.push(`- ${r.backend} ${r.events}: ${q} failed: ${why}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  await writeFile(
    join(repoRoot(), "bench", "results", "store-scale.json"),
    `${JSON.stringify({ date: new Date().toISOString(), machine: { cpus: cpus().length, memGiB: Math.round(totalmem() / 2 ** 30), loadAverage: loadavg().map((l) => Math.round(l * 10) / 10) }, clickhouse: "18.16.1", rows, growth }, null, 2)}\n`,
  );
}

type Row = ChildResult & { readonly serverHwmMiB?: number };

interface Growth {
  readonly backend: string;
  readonly from: number;
  readonly to: number;
  /** measure → value at `to` / value at `from` (rounded to 0.01) */
  readonly ratios: Readonly<Record<string, number>>;
}

/** Ratios between consecutive sizes of each back end. */
function growthOf(rows: readonly Row[]): Growth[] {
  const out: Growth[] = [];
  for (const backend of new Set(rows.map((r) => r.backend))) {
    const mine = rows.filter((r) => r.backend === backend).sort((a, b) => a.events - b.events);
    for (let i = 1; i < mine.length; i++) {
      const [a, b] = [mine[i - 1] as Row, mine[i] as Row];
      const pairs: [string, number, number][] = [
        ["ingest s", a.ingestSeconds, b.ingestSeconds],
        ["ingest events/s", a.eventsPerSecond, b.eventsPerSecond],
        [
          "ingest CPU s",
          a.ingestCpuSeconds + (a.serverIngestCpuSeconds ?? 0),
          b.ingestCpuSeconds + (b.serverIngestCpuSeconds ?? 0),
        ],
        ...Object.keys(b.queriesMs).map((q): [string, number, number] => [
          q,
          a.queriesMs[q] ?? 0,
          b.queriesMs[q] ?? 0,
        ]),
        ["peak RSS", a.peakRssMiB, b.peakRssMiB],
        ["server RSS", a.serverHwmMiB ?? 0, b.serverHwmMiB ?? 0],
        ["file", a.storeBytes, b.storeBytes],
      ];
      const ratios: Record<string, number> = {};
      for (const [k, x, y] of pairs) if (x > 0 && y > 0) ratios[k] = Math.round((y / x) * 100) / 100;
      out.push({ backend, from: a.events, to: b.events, ratios });
    }
  }
  return out;
}

await main();
