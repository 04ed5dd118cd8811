/**
 * What the HTML and Markdown reports show, computed once from the ReportInput so both formats say the
 * same: incidents in reading order, the kill-chain cells of an incident and the stage tallies across
 * incidents, verdict counts, the hosts of all incidents, the eleven-viewpoint rows, the plan grouped by
 * priority, and the small text forms (times, evidence locations, process names, anchors).
 * Input: incidents, plans, findings. Output: plain values; no markup, nothing escaped yet.
 */
import type { Provenance } from "../../events/provenance.js";
import { KILL_CHAIN_STAGES, type KillChainStage } from "../../findings/kill-chain.js";
import { type Severity, severityRank } from "../../findings/severity.js";
import { VIEWPOINTS, type Viewpoint } from "../../findings/viewpoint.js";
import type { Incident, IncidentStage } from "../../incidents/incident.js";
import { VERDICTS, type Verdict, type VerdictReason } from "../../incidents/verdict.js";
import {
  ACTION_PRIORITIES,
  type ActionPriority,
  type PlanAction,
  type ResponsePlan,
} from "../../respond/response-plan.js";
import { baseName } from "../analyze-report.js";
import { formatDisplayTime } from "../time-display.js";

/** Rows shown per table and processes per tree; the rest are counted (all of them are in incidents.json). */
export const MAX_TABLE_ROWS = 500;

/** `… +N` for rows left out. */
export function omittedNote(omitted: number): string {
  return `… +${omitted}`;
}

/** Where an incident is on one kill-chain stage. */
export const STAGE_STATUSES = ["reached", "attempted", "not-reached"] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** One kill-chain stage of an incident, with its evidence. */
export interface StageCell {
  readonly stage: KillChainStage;
  readonly status: StageStatus;
  readonly evidence: IncidentStage["evidence"];
  /** A cut point names this stage: the chain can still be stopped here */
  readonly cut: boolean;
}

/** The eight stages of one incident, in chain order. */
export function killChainCells(incident: Incident): StageCell[] {
  return KILL_CHAIN_STAGES.map((stage) => {
    const found = incident.stages.find((s) => s.stage === stage);
    return {
      stage,
      status: found ? found.status : "not-reached",
      evidence: found ? found.evidence : [],
      cut: incident.cutPoints.some((c) => c.stage === stage),
    };
  });
}

/** One stage across incidents. */
export interface StageTally {
  readonly stage: KillChainStage;
  /** Incidents that reached the stage */
  readonly reached: number;
  /** Incidents that only attempted it */
  readonly attempted: number;
}

/** Per stage, how many incidents reached or attempted it (over-detections left out). */
export function stageTallies(incidents: readonly Incident[]): StageTally[] {
  const real = incidents.filter((i) => i.verdict.verdict !== "benign");
  return KILL_CHAIN_STAGES.map((stage) => {
    let reached = 0;
    let attempted = 0;
    for (const i of real) {
      const s = i.stages.find((x) => x.stage === stage);
      if (s?.status === "reached") reached++;
      else if (s?.status === "attempted") attempted++;
    }
    return { stage, reached, attempted };
  });
}

/** Incidents per verdict. */
export function verdictCounts(incidents: readonly Incident[]): Record<Verdict, number> {
  const counts = { malicious: 0, suspicious: 0, benign: 0 };
  for (const i of incidents) counts[i.verdict.verdict]++;
  return counts;
}

/** Malicious first, then suspicious, then over-detections; within each, most severe, then earliest. */
export function orderIncidents(incidents: readonly Incident[]): Incident[] {
  return [...incidents].sort(
    (a, b) =>
      VERDICTS.indexOf(a.verdict.verdict) - VERDICTS.indexOf(b.verdict.verdict) ||
      severityRank(b.severity) - severityRank(a.severity) ||
      (a.first?.ms ?? Number.POSITIVE_INFINITY) - (b.first?.ms ?? Number.POSITIVE_INFINITY) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** One host of the overview. */
export interface HostRow {
  readonly host: string;
  /** The strongest verdict of the incidents on the host */
  readonly verdict: Verdict;
  readonly incidents: readonly string[];
  /** Some incident is still active on the host */
  readonly active: boolean;
  readonly addresses: readonly string[];
}

/** Every host of every incident, worst verdict first, then by name. */
export function hostRows(incidents: readonly Incident[]): HostRow[] {
  const rows = new Map<
    string,
    { verdict: Verdict; incidents: string[]; active: boolean; addresses: Set<string> }
  >();
  for (const i of incidents) {
    for (const h of i.hosts) {
      const row = rows.get(h.host) ?? {
        verdict: i.verdict.verdict,
        incidents: [],
        active: false,
        addresses: new Set<string>(),
      };
      if (VERDICTS.indexOf(i.verdict.verdict) < VERDICTS.indexOf(row.verdict))
        row.verdict = i.verdict.verdict;
      if (!row.incidents.includes(i.id)) row.incidents.push(i.id);
      row.active ||= h.active && i.verdict.verdict !== "benign";
      for (const a of h.addresses) row.addresses.add(a);
      rows.set(h.host, row);
    }
  }
  return [...rows]
    .map(([host, r]) => ({
      host,
      verdict: r.verdict,
      incidents: r.incidents,
      active: r.active,
      addresses: [...r.addresses],
    }))
    .sort((a, b) => VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) || (a.host < b.host ? -1 : 1));
}

/** One of the eleven viewpoints of an incident. */
export interface ViewpointRow {
  readonly viewpoint: Viewpoint;
  readonly severity: Severity | undefined;
  readonly against: readonly VerdictReason[];
  readonly for: readonly VerdictReason[];
}

/** All eleven viewpoints of an incident: strongest severity and the verdict's reasons for / against. */
export function viewpointRows(incident: Incident): ViewpointRow[] {
  return VIEWPOINTS.map((viewpoint) => {
    const reasons = incident.verdict.reasons.filter((r) => r.viewpoint === viewpoint);
    return {
      viewpoint,
      severity: incident.verdict.viewpoints[viewpoint],
      against: reasons.filter((r) => r.direction === "against"),
      for: reasons.filter((r) => r.direction === "for"),
    };
  });
}

/** The actions of one priority. */
export interface PlanGroup {
  readonly priority: ActionPriority;
  readonly actions: readonly PlanAction[];
}

/** The plan's actions by priority (empty priorities left out), in the plan's order within each. */
export function planGroups(plan: ResponsePlan | undefined): PlanGroup[] {
  if (!plan) return [];
  return ACTION_PRIORITIES.map((priority) => ({
    priority,
    actions: plan.actions.filter((a) => a.priority === priority),
  })).filter((g) => g.actions.length > 0);
}

/** `file (record 42, chunk 3)` / `file:120` / `file @0x1a00`: where the evidence is. */
export function evidenceText(p: Provenance | undefined): string {
  if (!p) return "";
  const at: string[] = [];
  if (p.recordId !== undefined) at.push(`record ${p.recordId}`);
  if (p.chunk !== undefined) at.push(`chunk ${p.chunk}`);
  if (p.recordId === undefined && p.offset !== undefined) at.push(`@0x${p.offset.toString(16)}`);
  const line = p.line !== undefined ? `:${p.line}` : "";
  return `${p.file}${line}${at.length > 0 ? ` (${at.join(", ")})` : ""}`;
}

/** The record part alone (`record 42` / `line 120` / `offset 0x1a00`), for the CSV. */
export function evidenceLocation(p: Provenance | undefined): string {
  if (!p) return "";
  if (p.recordId !== undefined) return `record ${p.recordId}`;
  if (p.line !== undefined) return `line ${p.line}`;
  if (p.offset !== undefined) return `offset 0x${p.offset.toString(16)}`;
  return "";
}

/** A time for display in `timeZone` (UTC by default), or "" when unknown. */
export function displayTime(time: { readonly iso: string } | string | undefined, timeZone = "UTC"): string {
  if (time === undefined) return "";
  return formatDisplayTime(typeof time === "string" ? time : time.iso, timeZone);
}

/** The image file name of a process of the incident, else its key. */
export function processName(incident: Incident, key: string | undefined): string {
  if (key === undefined) return "";
  const p = incident.processes.find((x) => x.key === key);
  return p?.image ? baseName(p.image) : key;
}

/** The in-page anchor of an incident (`inc-` + the id with anything but [A-Za-z0-9_-] replaced). */
export function incidentAnchor(id: string): string {
  return `inc-${id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

const COUNT_FORMAT = new Intl.NumberFormat("en-US");

/** A count or byte figure with thousands separators (`48,211,968`). */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}

/** Confidence as a whole percentage. */
export function percent(x: number): string {
  return `${Math.round(Math.min(1, Math.max(0, x)) * 100)}%`;
}
