/**
 * Soak run (not a test): `mikiwame serve` as a child process (fresh DuckDB file, MIKIWAME_HOME in a temp
 * dir, the rules/mikiwame pack, continuous analysis on) under a sustained ingest load plus the reads the web UI
 * makes, for a bounded time on loopback.
 *   - K ingest clients post NDJSON batches on a fixed schedule (default 4 clients, 500 events a batch,
 *     2,000 events/s in total): the example events replicated with new host names and record ids by
 *     bench/server.ts's generator, so every event is new; a 429 is retried after its Retry-After;
 *   - one reader loop per UI call (incident list with varied filters, an incident page, hosts, event
 *     search, ingest status, health, metrics), each request followed by a pause (default 300 ms);
 *   - every 5 s (a fixed schedule): the server's VmRSS (/proc/PID/status) and, from /api/metrics, stored
 *     events, incidents, pending events and analysis runs.
 * After the ingest phase (--minutes) comes a quiet phase (--quiet-minutes, default 3): the readers go on,
 * ingest stops, so the last analyses finish and the store stops growing. The ingest phase says how memory
 * follows a growing store (continuous analysis reads the whole store); the quiet phase, from the first
 * sample with no analysis running and nothing pending, says whether serving reads alone grows memory.
 * Output: per-endpoint counts, errors (non-2xx other than 429, network errors, rejected documents), 429s
 * counted apart, latency p50/p95/p99/max; RSS after the warm-up, at each quarter and at the end of the
 * ingest phase, its second-half slope (least squares, MB/min), the idle part's slope, and a verdict for
 * each ("no growth" when the slope is at most --tolerance MB/min). A Markdown table on stdout and
 * bench/results/soak.json.
 *
 *   npm run bench:soak -- [--minutes 10] [--quiet-minutes 3] [--rate 2000] [--clients 4] [--batch 500]
 *                         [--read-ms 300] [--warmup-s 60] [--tolerance 5] [--shared] [--keep]
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { repoRoot } from "../src/testing/corpus.js";
import { argNumber, isMain, machineInfo, machineLine, type RssSample, rssCurve } from "./measure.js";
import { documentText, percentile, serve, stop, type Template, templates } from "./server.js";

/** What the soak measures, one name per kind of request. */
export const SOAK_ENDPOINTS = [
  "POST /api/ingest",
  "GET /api/incidents",
  "GET /api/incidents/:id",
  "GET /api/hosts",
  "GET /api/events",
  "GET /api/ingest/status",
  "GET /api/health",
  "GET /api/metrics",
] as const;
/** One measured kind of request. */
export type SoakEndpoint = (typeof SOAK_ENDPOINTS)[number];

/** Counts and latencies of one endpoint. */
class EndpointStats {
  requests = 0;
  ok = 0;
  errors = 0;
  rateLimited = 0;
  readonly latencies: number[] = [];
  /** The first few error descriptions (bounded) */
  readonly firstErrors: string[] = [];

  error(what: string): void {
    this.errors++;
    if (this.firstErrors.length < 10) this.firstErrors.push(`${new Date().toISOString()} ${what}`);
  }

  summary() {
    const ms = [...this.latencies].sort((a, b) => a - b);
    const r = (x: number) => Math.round(x * 10) / 10;
    return {
      requests: this.requests,
      ok: this.ok,
      errors: this.errors,
      rateLimited: this.rateLimited,
      p50: r(percentile(ms, 50)),
      p95: r(percentile(ms, 95)),
      p99: r(percentile(ms, 99)),
      max: r(ms[ms.length - 1] ?? 0),
      firstErrors: this.firstErrors,
    };
  }
}

/** One 5-second sample of the server. */
interface Sample extends RssSample {
  readonly events: number;
  readonly incidents: number;
  readonly analysisRuns: number;
  readonly analysisFailures: number;
  readonly pending: number;
  readonly analyzing: boolean;
}

/** VmRSS of `pid`, MB (0 when gone). */
function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** A gauge or counter without labels from Prometheus text (NaN when absent). */
function metricValue(text: string, name: string): number {
  const m = new RegExp(`^${name} (\\S+)$`, "m").exec(text);
  return m ? Number(m[1]) : Number.NaN;
}

/** Least-squares slope of RSS over time, MB per minute (0 with fewer than two samples). */
export function slopeMbPerMin(samples: readonly RssSample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mt = samples.reduce((s, x) => s + x.tS, 0) / n;
  const mr = samples.reduce((s, x) => s + x.rssMb, 0) / n;
  let num = 0;
  let den = 0;
  for (const x of samples) {
    num += (x.tS - mt) * (x.rssMb - mr);
    den += (x.tS - mt) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60;
}

/** Times one request into `stats`; returns the body of a 2xx answer. Bounded: 120 s per request. */
async function timed(
  stats: EndpointStats,
  url: string,
  init: RequestInit,
): Promise<{ status: number; body: string; retryAfterS: number } | undefined> {
  const start = performance.now();
  stats.requests++;
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(120_000) });
    const body = await res.text();
    if (res.status === 429) {
      stats.rateLimited++;
      return { status: 429, body, retryAfterS: Number(res.headers.get("retry-after") ?? "1") || 1 };
    }
    stats.latencies.push(performance.now() - start);
    if (!res.ok)
      stats.error(`${url.replace(/^https?:\/\/[^/]+/, "")}: HTTP ${res.status} ${body.slice(0, 300)}`);
    else stats.ok++;
    return { status: res.status, body, retryAfterS: 0 };
  } catch (e) {
    stats.error(`${url.replace(/^https?:\/\/[^/]+/, "")}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

async function main(): Promise<void> {
  const minutes = argNumber("--minutes", 10);
  const rate = argNumber("--rate", 2_000);
  const clients = argNumber("--clients", 4);
  const batch = argNumber("--batch", 500);
  const readMs = argNumber("--read-ms", 300);
  const durationS = minutes * 60;
  const quietS = argNumber("--quiet-minutes", 3) * 60;
  const warmupS = Math.min(argNumber("--warmup-s", 60), durationS / 4);
  const tolerance = argNumber("--tolerance", 5);
  const machine = machineInfo(process.argv.includes("--shared") ? true : undefined);
  const ts: readonly Template[] = await templates();
  const dir = await mkdtemp(join(tmpdir(), "mikiwame-soak-"));
  const stats = new Map<SoakEndpoint, EndpointStats>(SOAK_ENDPOINTS.map((e) => [e, new EndpointStats()]));
  const st = (e: SoakEndpoint) => stats.get(e) as EndpointStats;
  try {
    // the repository's rule pack by path (the default pack is looked up beside the CLI, as bench/server.ts does)
    const server = await serve(
      dir,
      ["--no-default-rules", "--rules", join(repoRoot(), "rules", "mikiwame")],
      true,
    );
    const pid = server.child.pid as number;
    const admin = server.token ?? "";
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const createToken = async (name: string, role: string): Promise<string> => {
      const res = await fetch(`${server.url}/api/tokens`, {
        method: "POST",
        headers: { ...auth(admin), "content-type": "application/json" },
        body: JSON.stringify({ name, role }),
      });
      if (!res.ok) throw new Error(`POST /api/tokens: HTTP ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    };
    const ingestToken = await createToken("soak ingest", "ingest");
    const viewer = await createToken("soak viewer", "viewer");

    const t0 = performance.now();
    const endAt = t0 + durationS * 1000;
    const quietEndAt = endAt + quietS * 1000;
    const elapsedS = () => (performance.now() - t0) / 1000;
    const running = () => performance.now() < endAt;
    const reading = () => performance.now() < quietEndAt;

    // ingest: batch j is due at t0 + j × batch / rate; clients take the next batch when free
    const batchMs = (batch / rate) * 1000;
    let nextBatch = 0;
    let sentEvents = 0;
    let accepted = 0;
    let duplicates = 0;
    let rejected = 0;
    let maxLagS = 0;
    const ingestClient = async () => {
      for (;;) {
        const j = nextBatch++;
        const due = t0 + j * batchMs;
        // the phase ends at endAt even when the clients are behind schedule (the rest is counted unsent)
        if (due >= endAt || !running()) return;
        if (due > performance.now()) await sleep(due - performance.now());
        maxLagS = Math.max(maxLagS, (performance.now() - due) / 1000);
        let body = "";
        for (let i = j * batch; i < (j + 1) * batch; i++) body += `${documentText(ts, i)}\n`;
        // a 429 is retried after Retry-After, as shippers do; bounded by the run's end
        for (;;) {
          const r = await timed(st("POST /api/ingest"), `${server.url}/api/ingest`, {
            method: "POST",
            headers: { ...auth(ingestToken), "content-type": "application/x-ndjson" },
            body,
          });
          if (r?.status === 429 && running()) {
            await sleep(r.retryAfterS * 1000);
            continue;
          }
          if (r !== undefined && r.status < 300) {
            const res = JSON.parse(r.body) as { accepted: number; duplicates: number; rejected: number };
            accepted += res.accepted;
            duplicates += res.duplicates;
            rejected += res.rejected;
            if (res.rejected > 0) st("POST /api/ingest").error(`batch ${j}: ${r.body.slice(0, 300)}`);
          }
          break;
        }
        sentEvents += batch;
      }
    };

    // readers: what the UI asks for, each loop pausing readMs between requests
    let incidentIds: string[] = [];
    const someHost = () => {
      const copies = Math.max(1, Math.floor(sentEvents / ts.length));
      const t = ts[Math.floor(Math.random() * ts.length)] as Template;
      return `${t.host}-${Math.floor(Math.random() * copies)}`;
    };
    const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length] as T;
    const listQueries = [
      () => "limit=50",
      () => "verdict=malicious&limit=50",
      () => "sort=last&order=desc&limit=50",
      () => `host=${encodeURIComponent(someHost())}&limit=50`,
      () => "q=powershell&limit=50",
      () => "state=active&sort=confidence&limit=50",
    ];
    const eventQueries = [
      () => "q=powershell&limit=50",
      () => `host=${encodeURIComponent(someHost())}&limit=50`,
      () => "eventId=1&limit=50",
      () => "channel=Security&eventId=4624&limit=50",
    ];
    const readers: [SoakEndpoint, (i: number) => string | undefined][] = [
      ["GET /api/incidents", (i) => `/api/incidents?${pick(listQueries, i)()}`],
      [
        "GET /api/incidents/:id",
        (i) => (incidentIds.length > 0 ? `/api/incidents/${pick(incidentIds, i)}` : undefined),
      ],
      ["GET /api/hosts", () => "/api/hosts"],
      ["GET /api/events", (i) => `/api/events?${pick(eventQueries, i)()}`],
      ["GET /api/ingest/status", () => "/api/ingest/status"],
      ["GET /api/health", () => "/api/health"],
      ["GET /api/metrics", () => "/api/metrics"],
    ];
    const reader = async (endpoint: SoakEndpoint, path: (i: number) => string | undefined) => {
      for (let i = 0; reading(); i++) {
        const p = path(i);
        if (p !== undefined) {
          const r = await timed(st(endpoint), `${server.url}${p}`, { headers: auth(viewer) });
          if (endpoint === "GET /api/incidents" && r?.status === 200 && i % listQueries.length === 0) {
            const page = JSON.parse(r.body) as { items: { id: string }[] };
            if (page.items.length > 0) incidentIds = page.items.slice(0, 10).map((x) => x.id);
          }
        }
        await sleep(readMs);
      }
    };

    // sampler: RSS and the server's own counters every 5 s on a fixed schedule (a late one skips ahead)
    const samples: Sample[] = [];
    const sampler = async () => {
      for (let k = 0; reading(); ) {
        const rss = rssMb(pid);
        const tS = Math.round(elapsedS() * 10) / 10;
        const r = await timed(st("GET /api/metrics"), `${server.url}/api/metrics`, { headers: auth(viewer) });
        const text = r?.status === 200 ? r.body : "";
        samples.push({
          tS,
          rssMb: Math.round(rss),
          events: metricValue(text, "mikiwame_events"),
          incidents: metricValue(text, "mikiwame_incidents"),
          analysisRuns: metricValue(text, "mikiwame_analysis_runs_total"),
          analysisFailures: metricValue(text, "mikiwame_analysis_failures_total"),
          pending: metricValue(text, "mikiwame_events_pending_analysis"),
          analyzing: metricValue(text, "mikiwame_analysis_running") === 1,
        });
        const s = samples[samples.length - 1] as Sample;
        process.stderr.write(
          `${s.tS}s rss ${s.rssMb} MB, events ${s.events}, incidents ${s.incidents}, runs ${s.analysisRuns}${s.analyzing ? " (analysing)" : ""}\n`,
        );
        k = Math.max(k + 1, Math.ceil(elapsedS() / 5));
        const due = t0 + k * 5_000;
        if (due > performance.now()) await sleep(due - performance.now());
      }
    };

    await Promise.all([
      ...Array.from({ length: clients }, ingestClient),
      ...readers.map(([e, p]) => reader(e, p)),
      sampler(),
    ]);
    const wallS = elapsedS();
    const last = samples[samples.length - 1];
    const finalRss = rssMb(pid);
    await stop(server.child);

    // ingest phase: RSS after the warm-up, the slope over the second half of that window
    const measured = samples.filter((s) => s.tS >= warmupS && s.tS <= durationS);
    const curve = rssCurve(measured);
    const mid = warmupS + (durationS - warmupS) / 2;
    const slope = slopeMbPerMin(measured.filter((s) => s.tS >= mid));
    const verdict = slope <= tolerance ? "no growth" : "growth";
    // quiet phase: from the first sample with no analysis running and nothing pending
    const quiet = samples.filter((s) => s.tS > durationS);
    const idleFrom = quiet.findIndex((s) => !s.analyzing && s.pending === 0);
    const idle = idleFrom < 0 ? [] : quiet.slice(idleFrom);
    const idleSlope = slopeMbPerMin(idle);
    const idleSpanS = idle.length > 1 ? (idle[idle.length - 1] as Sample).tS - (idle[0] as Sample).tS : 0;
    const idleVerdict =
      idleSpanS < 60 ? "not measured (idle < 1 min)" : idleSlope <= tolerance ? "no growth" : "growth";
    const lastIngest = measured[measured.length - 1];
    const endpoints = Object.fromEntries(SOAK_ENDPOINTS.map((e) => [e, st(e).summary()]));
    const errors = SOAK_ENDPOINTS.reduce((n, e) => n + st(e).errors, 0);
    const rateLimited = SOAK_ENDPOINTS.reduce((n, e) => n + st(e).rateLimited, 0);
    const requests = SOAK_ENDPOINTS.reduce((n, e) => n + st(e).requests, 0);
    const r1 = (x: number) => Math.round(x * 10) / 10;
    const result = {
      minutes,
      wallSeconds: r1(wallS),
      warmupSeconds: warmupS,
      load: { targetEventsPerSecond: rate, clients, batch, readPauseMs: readMs },
      requests,
      errors,
      rateLimited,
      ingest: {
        eventsSent: sentEvents,
        accepted,
        duplicates,
        rejected,
        eventsPerSecond: Math.round(accepted / durationS),
        maxScheduleLagSeconds: r1(maxLagS),
        /** Events due by the schedule before the end of the ingest phase but not sent: the server fell behind */
        unsentBehindSchedule: Math.max(0, Math.ceil(durationS / (batchMs / 1000)) * batch - sentEvents),
      },
      endpoints,
      quietSeconds: quietS,
      store: { eventsAtEnd: last?.events, incidentsAtEnd: last?.incidents },
      analysis: { runs: last?.analysisRuns, failures: last?.analysisFailures },
      rss: {
        ...curve,
        finalMb: Math.round(finalRss),
        secondHalfSlopeMbPerMin: r1(slope),
        toleranceMbPerMin: tolerance,
        verdict,
        storeEventsAtIngestEnd: lastIngest?.events,
        idle: {
          fromSeconds: idle[0]?.tS,
          seconds: r1(idleSpanS),
          startMb: idle[0]?.rssMb,
          endMb: idle[idle.length - 1]?.rssMb,
          slopeMbPerMin: r1(idleSlope),
          verdict: idleVerdict,
        },
      },
      // every 5 s sample (12 a minute), or every k-th beyond 240
      samples: samples.filter((_, i) => i % Math.max(1, Math.ceil(samples.length / 240)) === 0),
      machine,
    };
    mkdirSync(join(repoRoot(), "bench", "results"), { recursive: true });
    writeFileSync(join(repoRoot(), "bench", "results", "soak.json"), `${JSON.stringify(result, null, 2)}\n`);

    const rows = SOAK_ENDPOINTS.map((e) => {
      const s = st(e).summary();
      return `| ${e} | ${s.requests} | ${s.errors} | ${s.rateLimited} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.max} |`;
    });
    const c = curve;
    process.stdout.write(
      [
        `Soak: ${r1(wallS / 60)} min (${minutes} ingest + ${quietS / 60} quiet), ${requests} requests, ${errors} errors, ${rateLimited} answered 429 (retried); ` +
          `ingest ${accepted.toLocaleString("en")} events accepted (${result.ingest.eventsPerSecond}/s, target ${rate}/s), ` +
          `${duplicates} duplicates, ${rejected} rejected, ${result.ingest.unsentBehindSchedule} behind schedule (max lag ${result.ingest.maxScheduleLagSeconds} s); ${last?.analysisRuns ?? "?"} analysis runs (${last?.analysisFailures ?? "?"} failed); ` +
          `store ${last?.events ?? "?"} events, ${last?.incidents ?? "?"} incidents`,
        "",
        "| endpoint | requests | errors | 429 | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        ...rows,
        "",
        c
          ? `RSS MB after ${warmupS} s warm-up: start ${c.start}, ¼ ${c.quarter}, ½ ${c.half}, ¾ ${c.threeQuarters}, end ${c.end}, peak ${c.peak}; ` +
            `second-half slope ${r1(slope)} MB/min (tolerance ${tolerance}) → ${verdict} ` +
            `(store ${lastIngest?.events ?? "?"} events at the end of ingest)`
          : "no RSS samples",
        `quiet phase (readers only, no analysis running): ${r1(idleSpanS)} s from ${idle[0]?.tS ?? "?"} s, RSS ${idle[0]?.rssMb ?? "?"} → ` +
          `${idle[idle.length - 1]?.rssMb ?? "?"} MB, slope ${r1(idleSlope)} MB/min → ${idleVerdict}`,
        machineLine(machine),
        "",
      ].join("\n"),
    );
  } finally {
    if (process.argv.includes("--keep")) process.stderr.write(`kept ${dir}\n`);
    else await rm(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await main();
