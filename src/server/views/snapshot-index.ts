/**
 * What the read routes derive from one analysis snapshot, computed once per snapshot and kept with it
 * (a WeakMap: a new run's snapshot gets its own, the old one goes with it): the queue's summaries,
 * incidents by id, and the response plans (built on first use). So the queue and an incident page cost a lookup, not a pass over every finding, at
 * any store size. The incident page's JSON (without its notes, which change) is kept for the most
 * recently viewed incidents, so a page costs a lookup and a copy, not a rebuild and a serialisation.
 * Input: an AnalysisSnapshot. Output: the index.
 */
import type { Incident } from "../../incidents/incident.js";
import { buildResponsePlan } from "../../respond/build-plan.js";
import type { PlanOptions } from "../../respond/plan-options.js";
import type { ResponsePlan } from "../../respond/response-plan.js";
import type { IncidentSummary } from "../api-contract.js";
import type { AnalysisSnapshot } from "../store-analysis.js";
import { incidentSummary } from "./incident-summary.js";

export interface SnapshotIndex {
  readonly summaries: readonly IncidentSummary[];
  readonly incidents: ReadonlyMap<string, Incident>;
  /** The incident's response plan (built once) */
  plan(incident: Incident): ResponsePlan;
  /** A JSON text made by `make`, kept for the most recently used keys (bounded) */
  cachedJson(key: string, make: () => string): string;
}

/** Page texts kept per snapshot. */
const MAX_CACHED_PAGES = 64;

const INDEXES = new WeakMap<AnalysisSnapshot, SnapshotIndex>();
const EMPTY: SnapshotIndex = {
  summaries: [],
  incidents: new Map(),
  plan: (incident) => buildResponsePlan(incident),
  cachedJson: (_key, make) => make(),
};

/** The index of `snapshot` (built on first use). */
export function snapshotIndex(
  snapshot: AnalysisSnapshot | undefined,
  planOptions: PlanOptions,
): SnapshotIndex {
  if (!snapshot) return EMPTY;
  let index = INDEXES.get(snapshot);
  if (!index) {
    const plans = new Map<string, ResponsePlan>();
    const pages = new Map<string, string>();
    index = {
      summaries: snapshot.incidents.map(incidentSummary),
      incidents: new Map(snapshot.incidents.map((i) => [i.id, i])),
      plan: (incident) => {
        let plan = plans.get(incident.id);
        if (!plan) {
          plan = buildResponsePlan(incident, planOptions);
          plans.set(incident.id, plan);
        }
        return plan;
      },
      cachedJson: (key, make) => {
        let text = pages.get(key);
        if (text === undefined) text = make();
        else pages.delete(key); // re-inserted below: the Map's order is the recency order
        pages.set(key, text);
        if (pages.size > MAX_CACHED_PAGES) pages.delete(pages.keys().next().value as string);
        return text;
      },
    };
    INDEXES.set(snapshot, index);
  }
  return index;
}
