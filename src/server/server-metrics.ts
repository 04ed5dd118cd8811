/**
 * The server's counters and their Prometheus text exposition (`GET /api/metrics`): HTTP requests by
 * route and status class, ingest (documents accepted / duplicate / rejected, commits and commit time),
 * analysis runs and durations, stored events and incidents. Counters only grow; gauges are read when
 * rendered. Input: increments from the routes, the commit lane and the scheduler. Output: text format
 * 0.0.4 (`# HELP`, `# TYPE`, `name{labels} value`).
 */

/** Values read at render time. */
export interface MetricGauges {
  readonly events: number;
  readonly incidents: number;
  readonly pendingEvents: number;
  readonly analyzing: boolean;
  readonly lastAnalysisMs: number | undefined;
  readonly commitQueue: number;
  readonly commits: number;
  readonly commitSeconds: number;
}

/** Label values are escaped as the text format requires (backslash, quote, newline). */
function label(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** Most distinct route labels kept (routes are a fixed set; a bound all the same). */
const MAX_ROUTES = 200;

export class ServerMetrics {
  private readonly requests = new Map<string, number>();
  private readonly ingest = { documents: 0, accepted: 0, duplicates: 0, rejected: 0, requests: 0 };
  private readonly analysis = { runs: 0, failures: 0, seconds: 0 };

  /** One answered request (`route` is the route pattern, never the raw URL). */
  request(method: string, route: string, status: number): void {
    const key = `${method} ${route} ${Math.floor(status / 100)}xx`;
    if (!this.requests.has(key) && this.requests.size >= MAX_ROUTES) return;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  /** One ingest request's outcome. */
  ingested(accepted: number, duplicates: number, rejected: number): void {
    this.ingest.requests++;
    this.ingest.documents += accepted + duplicates + rejected;
    this.ingest.accepted += accepted;
    this.ingest.duplicates += duplicates;
    this.ingest.rejected += rejected;
  }

  /** One analysis run. */
  analyzed(ms: number, ok: boolean): void {
    this.analysis.runs++;
    if (!ok) this.analysis.failures++;
    this.analysis.seconds += ms / 1000;
  }

  /** The text exposition. */
  render(g: MetricGauges): string {
    const out: string[] = [];
    const metric = (name: string, type: string, help: string, samples: readonly [string, number][]) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, v] of samples) out.push(`${name}${labels} ${Number.isFinite(v) ? v : 0}`);
    };
    metric(
      "mikiwame_http_requests_total",
      "counter",
      "HTTP requests answered, by method, route and status class.",
      [...this.requests].map(([key, n]) => {
        const [method, route, status] = key.split(" ");
        return [`{method="${label(method)}",route="${label(route)}",status="${status}"}`, n];
      }),
    );
    metric("mikiwame_ingest_requests_total", "counter", "Ingest requests (NDJSON, _bulk, upload).", [
      ["", this.ingest.requests],
    ]);
    metric("mikiwame_ingest_documents_total", "counter", "Documents received by ingest, by outcome.", [
      ['{outcome="accepted"}', this.ingest.accepted],
      ['{outcome="duplicate"}', this.ingest.duplicates],
      ['{outcome="rejected"}', this.ingest.rejected],
    ]);
    metric("mikiwame_ingest_commits_total", "counter", "Store commits of ingested batches.", [
      ["", g.commits],
    ]);
    metric("mikiwame_ingest_commit_seconds_total", "counter", "Time spent committing batches.", [
      ["", g.commitSeconds],
    ]);
    metric("mikiwame_ingest_queue_batches", "gauge", "Batches waiting for or in a commit.", [
      ["", g.commitQueue],
    ]);
    metric("mikiwame_events", "gauge", "Events in the store.", [["", g.events]]);
    metric("mikiwame_incidents", "gauge", "Incidents of the last complete analysis.", [["", g.incidents]]);
    metric("mikiwame_events_pending_analysis", "gauge", "Events ingested since the last analysis started.", [
      ["", g.pendingEvents],
    ]);
    metric("mikiwame_analysis_runs_total", "counter", "Analysis runs (failed ones included).", [
      ["", this.analysis.runs],
    ]);
    metric("mikiwame_analysis_failures_total", "counter", "Analysis runs that failed.", [
      ["", this.analysis.failures],
    ]);
    metric("mikiwame_analysis_seconds_total", "counter", "Time spent analysing.", [
      ["", this.analysis.seconds],
    ]);
    metric("mikiwame_analysis_last_seconds", "gauge", "Duration of the last analysis.", [
      ["", (g.lastAnalysisMs ?? 0) / 1000],
    ]);
    metric("mikiwame_analysis_running", "gauge", "1 while an analysis runs.", [["", g.analyzing ? 1 : 0]]);
    return `${out.join("\n")}\n`;
  }
}
