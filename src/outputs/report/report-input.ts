/**
 * What the analyst reports are made from. Input (built by the caller, e.g. `analyze -o DIR`): the
 * incidents, their response plans, every finding (suppressed ones included), the part of the run summary
 * the reports show, when the reports were generated (passed in: nothing here reads the clock) and the
 * language. Output: the ReportInput type and the small lookups every report shares.
 */
import type { Language } from "../../config/config.js";
import type { Finding } from "../../findings/finding.js";
import type { Incident } from "../../incidents/incident.js";
import type { ResponsePlan } from "../../respond/response-plan.js";

/** The run facts the reports show: a structural subset of AnalyzeSummary (pass one directly) plus the rule counts. */
export interface ReportRunSummary {
  readonly files: {
    readonly total: number;
    readonly bytes: number;
    readonly failed: number;
    readonly unknownFormat: number;
  };
  readonly records: number;
  readonly events: number;
  readonly eventsWithoutTime: number;
  /** First and last event time (ISO-8601 UTC), null when no event had a time */
  readonly timeRange: { readonly first: string; readonly last: string } | null;
  /** Hosts seen in the data (not only those of incidents) */
  readonly hosts: { readonly distinct: number; readonly distinctCapped: boolean };
  readonly diagnostics: { readonly errors: number; readonly warnings: number };
  /** Sigma rules of the run (AnalyzeResult.rules); undefined when no rules ran */
  readonly rules?:
    | { readonly loaded: number; readonly rejected: number; readonly matched: number }
    | undefined;
}

/** Everything the reports are made from. */
export interface ReportInput {
  readonly incidents: readonly Incident[];
  /** One plan per incident (matched on incidentId); an incident without a plan shows "no plan" */
  readonly plans: readonly ResponsePlan[];
  /** Every finding of the run, suppressed ones included */
  readonly findings: readonly Finding[];
  readonly summary: ReportRunSummary;
  /** ISO-8601 time the reports were generated (the caller's clock) */
  readonly generatedAt: string;
  readonly lang: Language;
  /** Zone of the times shown: `UTC` (default), `local` or an IANA name; JSON and CSV always carry ISO UTC */
  readonly timeZone?: string;
}

/** Findings by id. */
export function findingsById(findings: readonly Finding[]): ReadonlyMap<string, Finding> {
  const map = new Map<string, Finding>();
  for (const f of findings) map.set(f.id, f);
  return map;
}

/** The plan of an incident, by incident id. */
export function plansByIncident(plans: readonly ResponsePlan[]): ReadonlyMap<string, ResponsePlan> {
  const map = new Map<string, ResponsePlan>();
  for (const p of plans) map.set(p.incidentId, p);
  return map;
}
