/**
 * Server benchmark (not a test): `mikiwame serve` as a child process over a fresh DuckDB file, driven
 * over HTTP like shippers drive it.
 *   1. ingest: N events (default 1,000,000) as NDJSON (`POST /api/ingest`) from parallel clients in
 *      batches (default 4 clients × 2,000 events), continuous analysis off — events/s and the server's
 *      peak RSS (VmHWM);
 *   2. analysis: the server restarted with analysis on analyses the whole store once — its duration and
 *      the peak RSS;
 *   3. latency at N events: `GET /api/incidents` (the queue, default sort, 50 a page) and
 *      `GET /api/incidents/:id` (the page: incident, plan, findings, notes) — p50 / p95 / max over R
 *      requests each (default 200), one client.
 * The events are the example logs' Windows events (Sysmon and Security EVTX as evtx_dump JSON, the
 * Winlogbeat NDJSON as is), replicated with varied host names and record ids, so each copy is a new host
 * with the same story (Zeek TSV is not sent: it is no JSON a shipper would post).
 *
 *   npx tsc -p tsconfig.json && node dist/bench/server.js [--events 1000000] [--batch 2000] [--clients 4] [--requests 200]  [--no-raw] [--keep]
 *     [--ingest-only] (part 1 alone: printed as JSON, no results file; for paired runs)
 *     [--server-node-options "--cpu-prof --cpu-prof-dir=DIR"] (node options of the server child, to profile it)
 * The ingest part also reports the server's CPU seconds (all threads, /proc): robust when the machine is shared.
 * Output: a Markdown table on stdout and bench/results/server.json (server-no-raw.json with --no-raw).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Diagnostics } from "../src/diagnostics/diagnostics.js";
import { readPaths } from "../src/readers/read-paths.js";
import type { EvtxRecord } from "../src/readers/record.js";
import { repoRoot } from "../src/testing/corpus.js";
import { argNumber, isMain, machineInfo, machineLine, mikiwameCommand } from "./measure.js";

const HOST = "@@MIKIWAME-HOST@@";
const RECORD = 987_654_321_012;

/** One example event as JSON text split around its host and record-id places. */
export interface Template {
  readonly parts: readonly string[];
  /** For each gap between parts: the host (with a copy suffix) or the record id (plus an offset) */
  readonly gaps: readonly ("host" | "record")[];
  readonly host: string;
  readonly recordId: number;
}

/** evtx_dump-style JSON of an EVTX record (what `normalizeEvtxJson` reads). */
function evtxJson(r: EvtxRecord): Record<string, unknown> {
  const s = r.system;
  return {
    Event: {
      System: {
        Provider: { "#attributes": { Name: s.providerName, Guid: s.providerGuid } },
        EventID: s.eventId,
        Version: s.version,
        Level: s.level,
        Task: s.task,
        Opcode: s.opcode,
        Keywords: s.keywords,
        TimeCreated: { "#attributes": { SystemTime: s.timeCreated ?? r.writtenTime } },
        EventRecordID: RECORD,
        Execution: { "#attributes": { ProcessID: s.processId, ThreadID: s.threadId } },
        Channel: s.channel,
        Computer: HOST,
        Security: { "#attributes": { UserID: s.userId } },
      },
      EventData: r.data,
    },
  };
}

/** Splits JSON text at the HOST marker and the RECORD number. */
function template(value: unknown, host: string, recordId: number): Template {
  const text = JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  const parts: string[] = [];
  const gaps: ("host" | "record")[] = [];
  const re = new RegExp(`${HOST}|${RECORD}`, "g");
  let last = 0;
  for (const m of text.matchAll(re)) {
    parts.push(text.slice(last, m.index));
    gaps.push(m[0] === HOST ? "host" : "record");
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(text.slice(last));
  return { parts, gaps, host, recordId };
}

/** The example events as templates. */
export async function templates(): Promise<Template[]> {
  const out: Template[] = [];
  const root = join(repoRoot(), "examples");
  const files = ["evtx/WS-SALES-07_Sysmon.evtx", "evtx/WS-SALES-07_Security.evtx"].map((f) => join(root, f));
  for await (const batch of readPaths(files, { diagnostics: new Diagnostics() }))
    for (const r of batch.records)
      if (r.kind === "evtx") out.push(template(evtxJson(r), r.system.computer, Number(r.system.recordId)));
  const lines = readFileSync(join(root, "json", "WS-SALES-08_sysmon.jsonl"), "utf8").split("\n");
  for (const line of lines) {
    if (line.trim() === "") continue;
    const doc = JSON.parse(line) as {
      host: { name: string; hostname: string };
      agent: { name: string };
      winlog: { computer_name: string; record_id: string };
    };
    const host = doc.winlog.computer_name;
    const recordId = Number(doc.winlog.record_id);
    doc.winlog.computer_name = HOST;
    doc.host.name = HOST;
    doc.host.hostname = HOST;
    doc.agent.name = HOST;
    (doc.winlog as { record_id: unknown }).record_id = RECORD;
    out.push(template(doc, host, recordId));
  }
  return out;
}

/** Document `i` of the replicated stream: copy `i / templates` of template `i % templates`. */
export function documentText(ts: readonly Template[], i: number): string {
  const t = ts[i % ts.length];
  const copy = Math.floor(i / ts.length);
  let s = t.parts[0];
  for (let g = 0; g < t.gaps.length; g++) {
    s +=
      t.gaps[g] === "host"
        ? JSON.stringify(`${t.host}-${copy}`).slice(1, -1)
        : String(t.recordId + copy * 1_000_000);
    s += t.parts[g + 1];
  }
  return s;
}

/** A running `mikiwame serve` child, its URL and (on a first start) the admin token it printed. */
export interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly token: string | undefined;
}

/** Starts `mikiwame serve --port 0 --db <dir>/bench.duckdb` with MIKIWAME_HOME=dir; resolves once it printed its URL (and the token when `expectToken`). */
export async function serve(dir: string, extra: readonly string[], expectToken = false): Promise<Server> {
  const [cmd, ...args] = mikiwameCommand(
    ["serve", "--port", "0", "--db", join(dir, "bench.duckdb"), ...extra],
    serverNodeOptions(),
  );
  const child = spawn(cmd, args, {
    env: { PATH: process.env.PATH, MIKIWAME_HOME: dir },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`serve exited (${code})`)));
    child.stdout?.setEncoding("utf8").on("data", (s: string) => {
      out += s;
      const url = /listening on (\S+)/.exec(out)?.[1];
      const token = /^\s+(mkw_\S+)$/m.exec(out)?.[1];
      if (url === undefined || (expectToken && token === undefined)) return;
      child.removeAllListeners("exit");
      resolve({ child, url, token });
    });
  });
}

/** SIGTERM, resolved when the child exited. */
export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Node options for the server child (`--server-node-options "--cpu-prof --cpu-prof-dir=/tmp/p"`), for profiling. */
function serverNodeOptions(): string[] {
  const i = process.argv.indexOf("--server-node-options");
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  return v === undefined ? [] : v.split(" ").filter((o) => o !== "");
}

/** CPU seconds (user + system, all threads) a process has used so far (Linux /proc; clock ticks of 10 ms). */
function cpuSeconds(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime (fields 14, 15 of stat)
}

/** Peak RSS (VmHWM) of a process, MB. */
function peakRssMb(pid: number | undefined): number {
  const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

async function getJson<T>(url: string, token: string): Promise<T> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The p-th percentile of an ascending list (nearest rank; NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Latency of `n` GETs: to the first byte (the server's part) and to the parsed body (what a client waits). */
async function latency(url: string, token: string, n: number) {
  const total: number[] = [];
  const firstByte: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    firstByte.push(performance.now() - start);
    const text = await res.text();
    JSON.parse(text);
    total.push(performance.now() - start);
    bytes = Buffer.byteLength(text);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  }
  const r = (x: number) => Math.round(x * 10) / 10;
  const stats = (ms: number[]) => {
    ms.sort((a, b) => a - b);
    return { p50: r(percentile(ms, 50)), p95: r(percentile(ms, 95)), max: r(ms[ms.length - 1] ?? 0) };
  };
  return { ...stats(total), firstByte: stats(firstByte), bytes };
}

async function main(): Promise<void> {
  const total = argNumber("--events", 1_000_000);
  const batch = argNumber("--batch", 2_000);
  const clients = argNumber("--clients", 4);
  const requests = argNumber("--requests", 200);
  const machine = machineInfo();
  const ts = await templates();
  const dir = await mkdtemp(join(tmpdir(), "mikiwame-bench-server-"));
  try {
    // 1. ingest, analysis off
    const noRaw = process.argv.includes("--no-raw") ? ["--no-raw"] : [];
    const first = await serve(dir, ["--no-analysis", "--no-default-rules", ...noRaw], true);
    const token = first.token ?? "";
    let next = 0;
    let accepted = 0;
    const cpu0 = cpuSeconds(first.child.pid);
    const started = performance.now();
    const client = async () => {
      // bounded: each round takes the next batch of the N documents
      while (next < total) {
        const from = next;
        next = Math.min(total, next + batch);
        let body = "";
        for (let i = from; i < next; i++) body += `${documentText(ts, i)}\n`;
        const res = await fetch(`${first.url}/api/ingest`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" },
          body,
        });
        const r = (await res.json()) as { accepted: number; rejected: number; problems: string[] };
        if (!res.ok || r.rejected > 0)
          throw new Error(`ingest: HTTP ${res.status} ${JSON.stringify(r).slice(0, 500)}`);
        accepted += r.accepted;
      }
    };
    await Promise.all(Array.from({ length: clients }, client));
    const ingestS = (performance.now() - started) / 1000;
    const ingestCpuS = cpuSeconds(first.child.pid) - cpu0;
    const ingestRss = peakRssMb(first.child.pid);
    await stop(first.child);
    if (process.argv.includes("--ingest-only")) {
      // the ingest part alone (profiling, paired runs): printed, no results file
      const perS = Math.round(accepted / ingestS);
      const perCpuS = Math.round(accepted / ingestCpuS);
      process.stdout.write(
        `${JSON.stringify({ events: total, accepted, batch, clients, seconds: +ingestS.toFixed(2), eventsPerSecond: perS, serverCpuSeconds: +ingestCpuS.toFixed(2), eventsPerServerCpuSecond: perCpuS, peakRssMb: ingestRss, loadAverage1m: machine.loadAverage1m })}\n`,
      );
      return;
    }

    // 2. one analysis of the whole store
    const second = await serve(dir, ["--no-default-rules", "--rules", join(repoRoot(), "rules", "mikiwame")]);
    const analysisStart = performance.now();
    type Status = { analyzedAt?: string; lastAnalysisMs?: number; events: number };
    let status: Status = await getJson<Status>(`${second.url}/api/ingest/status`, token);
    // bounded by the analysis: polled every 500 ms
    while (status.analyzedAt === undefined) {
      await new Promise((r) => setTimeout(r, 500));
      status = await getJson<Status>(`${second.url}/api/ingest/status`, token);
    }
    const analysisWallS = (performance.now() - analysisStart) / 1000;
    const analysisRss = peakRssMb(second.child.pid);

    // 3. latency of the queue and of an incident page
    type Queue = { total: number; items: { id: string; verdict: string }[] };
    const queue = await getJson<Queue>(`${second.url}/api/incidents`, token);
    const id = queue.items.find((i) => i.verdict === "malicious")?.id ?? queue.items[0]?.id;
    const list = await latency(`${second.url}/api/incidents`, token, requests);
    const page = id ? await latency(`${second.url}/api/incidents/${id}`, token, requests) : undefined;
    await stop(second.child);

    const result = {
      events: total,
      accepted,
      batch,
      clients,
      keepRaw: noRaw.length === 0,
      ingest: {
        seconds: Math.round(ingestS * 10) / 10,
        eventsPerSecond: Math.round(accepted / ingestS),
        serverCpuSeconds: Math.round(ingestCpuS * 10) / 10,
        eventsPerServerCpuSecond: Math.round(accepted / ingestCpuS),
        peakRssMb: ingestRss,
      },
      analysis: {
        seconds: Math.round(((status.lastAnalysisMs ?? 0) / 1000) * 10) / 10,
        wallSecondsAfterStart: Math.round(analysisWallS * 10) / 10,
        peakRssMb: analysisRss,
        incidents: queue.total,
      },
      latencyMs: { incidentList: list, incidentPage: page, requests },
      machine,
    };
    mkdirSync(join(repoRoot(), "bench", "results"), { recursive: true });
    writeFileSync(
      join(repoRoot(), "bench", "results", noRaw.length > 0 ? "server-no-raw.json" : "server.json"),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    const rows = [
      [
        "ingest NDJSON over HTTP",
        `${result.ingest.eventsPerSecond.toLocaleString("en")} events/s`,
        `${ingestS.toFixed(1)} s for ${accepted.toLocaleString("en")} events; server peak RSS ${ingestRss} MB`,
      ],
      [
        "analysis of the whole store",
        `${result.analysis.seconds} s`,
        `${queue.total} incidents; server peak RSS ${analysisRss} MB`,
      ],
      [
        "GET /api/incidents",
        `p50 ${list.p50} ms, p95 ${list.p95} ms`,
        `max ${list.max} ms over ${requests}; first byte p95 ${list.firstByte.p95} ms; ${list.bytes} bytes`,
      ],
      [
        "GET /api/incidents/:id",
        page ? `p50 ${page.p50} ms, p95 ${page.p95} ms` : "no incident",
        page
          ? `max ${page.max} ms over ${requests}; first byte p95 ${page.firstByte.p95} ms; ${page.bytes} bytes`
          : "",
      ],
    ];
    process.stdout.write(
      `| measure | result | notes |\n|---|---|---|\n${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}\n\n${machineLine(machine)}\n`,
    );
  } finally {
    if (process.argv.includes("--keep")) process.stderr.write(`kept ${dir}\n`);
    else await rm(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await main();
