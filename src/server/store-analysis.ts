/**
 * One analysis of everything in the store, as `mikiwame analyze` would analyse the same logs: the
 * stored events stream in (host, time) order through `analyzeLogs` (Sigma rules + every analyzer) with
 * the analyst decisions in force (re-read from the decision log each run, so decisions made with the
 * CLI count too). The run's findings and incidents are written to the store under a new run id, and the
 * run becomes the server's snapshot only once all of it is written — readers see the last complete run.
 * On the way through, events are tallied per host (count, first, last) for `GET /api/hosts`.
 * Input: the store, rules, analytics settings, data directory. Output: an AnalysisSnapshot.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import { DecisionLog } from "../feedback/decision-log.js";
import { decisionFilter } from "../feedback/apply-decisions.js";
import type { DecisionFilter } from "../incidents/applied-decisions.js";
import type { Incident } from "../incidents/incident.js";
import type { ReportRunSummary } from "../outputs/report/report-input.js";
import { type AnalyzeLogsOptions, analyzeLogs } from "../pipeline/analyze-logs.js";
import { newRunId } from "../pipeline/run-id.js";
import type { LoadedRules } from "../sigma/rule-loader.js";
import type { Store } from "../store/store.js";
import { FindingTable } from "./views/finding-table.js";

/** The analytics settings a server run uses (from config.yaml's `analytics:`, as `analyze`). */
export type AnalyticsSettings = Pick<
  AnalyzeLogsOptions,
  "internalNetworks" | "location" | "process" | "history" | "network" | "time" | "reputation" | "groups"
>;

/** Events, first and last time of one host, as the last analysis saw them. */
export interface HostTally {
  readonly host: string;
  readonly events: number;
  readonly firstMs: number | undefined;
  readonly lastMs: number | undefined;
}

/** The last complete analysis. */
export interface AnalysisSnapshot {
  readonly runId: string;
  /** When the run ended, ISO */
  readonly analyzedAt: string;
  readonly events: number;
  /** Most severe first, as built */
  readonly incidents: readonly Incident[];
  /** Every finding of the run, suppressed ones included, as the API gives them (full ones: in the store) */
  readonly findings: FindingTable;
  readonly hosts: readonly HostTally[];
  readonly durationMs: number;
  /** Problems the run reported (analyzer failures, unreadable decision log lines …) */
  readonly problems: number;
  /** The run facts the reports show */
  readonly summary: ReportRunSummary;
}

export interface StoreAnalysisOptions {
  readonly store: Store;
  readonly dataDir: string;
  readonly rules: LoadedRules | undefined;
  readonly analytics: AnalyticsSettings;
  /** Where the run's problems go */
  readonly diagnostics: Diagnostics;
  /** Events per batch handed to the analyzers */
  readonly batchSize?: number;
}

/** Most hosts tallied (beyond it, further hosts are not listed by `GET /api/hosts`). */
export const MAX_TALLIED_HOSTS = 100_000;

/** Groups the store's event stream into batches and tallies hosts on the way. */
async function* batchesOf(
  events: AsyncIterable<Event>,
  size: number,
  tally: Map<string, { events: number; firstMs: number | undefined; lastMs: number | undefined }>,
): AsyncGenerator<readonly Event[]> {
  let batch: Event[] = [];
  for await (const e of events) {
    let t = tally.get(e.host);
    if (!t && tally.size < MAX_TALLIED_HOSTS) {
      t = { events: 0, firstMs: undefined, lastMs: undefined };
      tally.set(e.host, t);
    }
    if (t) {
      t.events++;
      const ms = e.time?.ms;
      if (ms !== undefined) {
        if (t.firstMs === undefined || ms < t.firstMs) t.firstMs = ms;
        if (t.lastMs === undefined || ms > t.lastMs) t.lastMs = ms;
      }
    }
    batch.push(e);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export { newRunId } from "../pipeline/run-id.js";

/** The incidents of an analysis result (the field the incidents work adds to AnalyzeResult). */
function incidentsOf(result: object): readonly Incident[] {
  const v = (result as { incidents?: unknown }).incidents;
  return Array.isArray(v) ? (v as Incident[]) : [];
}

/** Analyses the whole store and persists the run; returns the new snapshot. */
export async function analyzeStore(options: StoreAnalysisOptions): Promise<AnalysisSnapshot> {
  const started = performance.now();
  const runId = newRunId();
  const { diagnostics } = options;
  const before = diagnostics.total;
  const log = await DecisionLog.open(options.dataDir, diagnostics);
  const decisions: DecisionFilter = decisionFilter(log.active());
  const tally = new Map<
    string,
    { events: number; firstMs: number | undefined; lastMs: number | undefined }
  >();
  const runOptions: AnalyzeLogsOptions & { readonly decisions?: DecisionFilter } = {
    ...options.analytics,
    diagnostics,
    rules: options.rules,
    dataDir: options.dataDir,
    decisions,
    events: { label: "store", batches: batchesOf(options.store.events(), options.batchSize ?? 2_000, tally) },
  };
  const result = await analyzeLogs([], runOptions);
  const incidents = incidentsOf(result);
  await options.store.putFindings(runId, result.findings);
  await options.store.putIncidents(runId, incidents);
  const hosts = [...tally].map(([host, t]) => ({ host, ...t })).sort((a, b) => (a.host < b.host ? -1 : 1));
  const s = result.summary;
  const summary: ReportRunSummary = {
    files: {
      total: s.files.total,
      bytes: s.files.bytes,
      failed: s.files.failed,
      unknownFormat: s.files.unknownFormat,
    },
    records: s.records,
    events: s.events,
    eventsWithoutTime: s.eventsWithoutTime,
    timeRange: s.timeRange,
    hosts: { distinct: s.hosts.distinct, distinctCapped: s.hosts.distinctCapped },
    diagnostics: { errors: s.diagnostics.errors, warnings: s.diagnostics.warnings },
    rules: result.rules && {
      loaded: result.rules.loaded,
      rejected: result.rules.rejected,
      matched: result.rules.matched,
    },
  };
  return {
    runId,
    analyzedAt: new Date().toISOString(),
    events: result.summary.events,
    incidents,
    findings: new FindingTable(result.findings, incidents),
    hosts,
    durationMs: performance.now() - started,
    problems: diagnostics.total - before,
    summary,
  };
}
