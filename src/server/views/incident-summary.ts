/**
 * The incident queue: an Incident → its one-row IncidentSummary, and the list query of
 * `GET /api/incidents` (filters verdict / state / host / free text, sort, order, page) over the last
 * complete analysis. Input: incidents and the query. Output: a Page of summaries.
 */
import { KILL_CHAIN_STAGES, type KillChainStage, stageIndex } from "../../findings/kill-chain.js";
import type { Incident, IncidentState } from "../../incidents/incident.js";
import { VERDICTS, type Verdict } from "../../incidents/verdict.js";
import type { IncidentSort, IncidentSummary, Page } from "../api-contract.js";

/** The list query. */
export interface IncidentListQuery {
  readonly verdict?: Verdict;
  readonly state?: IncidentState;
  /** Incidents that involve this host (case-insensitive) */
  readonly host?: string;
  /** Case-insensitive text in the id, title, hosts or root-cause image */
  readonly q?: string;
  readonly sort: IncidentSort;
  readonly order: "asc" | "desc";
  readonly limit: number;
  readonly offset: number;
}

/** The furthest attempted stage, when it lies beyond the furthest reached one. */
function attemptedStage(incident: Incident): KillChainStage | undefined {
  let best: KillChainStage | undefined;
  for (const s of incident.stages)
    if (s.status === "attempted" && (best === undefined || stageIndex(s.stage) > stageIndex(best)))
      best = s.stage;
  if (best === undefined) return undefined;
  const reached = incident.furthestStage;
  return reached === undefined || stageIndex(best) > stageIndex(reached) ? best : undefined;
}

/** One row of the queue. */
export function incidentSummary(incident: Incident): IncidentSummary {
  return {
    id: incident.id,
    title: incident.title,
    verdict: incident.verdict.verdict,
    confidence: incident.verdict.confidence,
    severity: incident.severity,
    furthestStage: incident.furthestStage,
    attemptedStage: attemptedStage(incident),
    state: incident.state,
    hosts: incident.hosts.map((h) => h.host),
    rootCauseImage: incident.processes.find((p) => p.key === incident.rootCause)?.image,
    first: incident.first?.iso,
    last: incident.last?.iso,
    findings: incident.findings.length,
    suppressed: incident.suppressed.length,
    decidedBy: incident.verdict.decidedBy,
  };
}

/** Sort keys: larger = "more" (worse verdict, later stage, more hosts, later time). */
function sortValue(s: IncidentSummary, sort: IncidentSort): number {
  switch (sort) {
    case "verdict":
      // malicious > suspicious > benign, then confidence
      return (VERDICTS.length - VERDICTS.indexOf(s.verdict)) * 2 + s.confidence;
    case "confidence":
      return s.confidence;
    case "first":
      return s.first ? Date.parse(s.first) : Number.NEGATIVE_INFINITY;
    case "last":
      return s.last ? Date.parse(s.last) : Number.NEGATIVE_INFINITY;
    case "hosts":
      return s.hosts.length;
    case "stage":
      return s.furthestStage ? KILL_CHAIN_STAGES.indexOf(s.furthestStage) : -1;
  }
}

function matches(s: IncidentSummary, q: IncidentListQuery): boolean {
  if (q.verdict !== undefined && s.verdict !== q.verdict) return false;
  if (q.state !== undefined && s.state !== q.state) return false;
  if (q.host !== undefined) {
    const h = q.host.toLowerCase();
    if (!s.hosts.some((x) => x.toLowerCase() === h)) return false;
  }
  if (q.q !== undefined && q.q !== "") {
    const t = q.q.toLowerCase();
    const hay = [s.id, s.title.en, s.title.ja, s.rootCauseImage ?? "", ...s.hosts];
    if (!hay.some((x) => x.toLowerCase().includes(t))) return false;
  }
  return true;
}

/** Filters, sorts (ties by id, ascending) and pages the summaries. */
export function incidentPage(
  summaries: readonly IncidentSummary[],
  q: IncidentListQuery,
): Page<IncidentSummary> {
  const sign = q.order === "asc" ? 1 : -1;
  const hits = summaries.filter((s) => matches(s, q));
  hits.sort((a, b) => {
    const d = sortValue(a, q.sort) - sortValue(b, q.sort);
    if (d !== 0 && !Number.isNaN(d)) return sign * d;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return {
    total: hits.length,
    limit: q.limit,
    offset: q.offset,
    items: hits.slice(q.offset, q.offset + q.limit),
  };
}
