/**
 * The indicators the exports carry, taken from the response plans so that every export blocks and
 * lists exactly what the plan says: block-destination actions give addresses and domains (with ports),
 * delete-file actions give SHA256 + file name. Benign incidents have no such actions, so contribute
 * nothing. Each value is checked (indicator-values.ts); a refused one is kept with its reason so the
 * exports can say what they left out. Input: incidents and their plans (a missing plan is built).
 * Output: indicators in incident order, then plan order, and the skipped values.
 */
import type { Incident } from "../../incidents/incident.js";
import type { Verdict } from "../../incidents/verdict.js";
import { buildResponsePlan } from "../../respond/build-plan.js";
import type { PlanAction, ResponsePlan } from "../../respond/response-plan.js";
import { checkAddress, checkDomain, checkPort, checkSha256 } from "./indicator-values.js";

/** Kinds of exported indicator. */
export const INDICATOR_TYPES = ["ipv4", "ipv6", "domain", "sha256"] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** One indicator of one incident. */
export interface ExportIndicator {
  readonly type: IndicatorType;
  /** Canonical value: dotted quad / RFC 5952, lower-case ASCII domain, lower-case SHA256 */
  readonly value: string;
  /** Ports seen (checked), ascending */
  readonly ports: readonly number[];
  readonly incidentId: string;
  readonly verdict: Verdict;
  /** Destination role (c2 / download / exfiltration) or file role (dropper / payload / written / root-cause) */
  readonly role: string;
  /** ISO times from the action (destination first/last, file written time) */
  readonly first: string | undefined;
  readonly last: string | undefined;
  /** The action's reason (English) */
  readonly reason: string;
  readonly actionId: string;
  /** For a file: its base name and full path and host */
  readonly fileName: string | undefined;
  readonly path: string | undefined;
  readonly host: string | undefined;
  /** Still contacted at the end of the data (destinations) */
  readonly active: boolean;
}

/** A value an export left out, and why. */
export interface SkippedValue {
  readonly incidentId: string;
  readonly actionId: string;
  readonly field: "address" | "domain" | "sha256" | "port";
  /** The raw value (quote it before writing it anywhere) */
  readonly value: string;
  readonly reason: string;
}

/** What the exports are made from. */
export interface ExportIndicatorSet {
  readonly indicators: readonly ExportIndicator[];
  readonly skipped: readonly SkippedValue[];
}

/** An incident with its plan (built when the caller has none for it). */
export interface PlannedIncident {
  readonly incident: Incident;
  readonly plan: ResponsePlan;
}

/** Pairs each incident with its plan by id; a missing plan is built with the default options. */
export function pairPlans(incidents: readonly Incident[], plans: readonly ResponsePlan[]): PlannedIncident[] {
  const byId = new Map<string, ResponsePlan>();
  for (const p of plans) byId.set(p.incidentId, p);
  return incidents.map((incident) => ({
    incident,
    plan: byId.get(incident.id) ?? buildResponsePlan(incident),
  }));
}

function portsOf(a: PlanAction, incidentId: string, skipped: SkippedValue[]): number[] {
  const text = a.details.port;
  if (text === undefined || text === "") return [];
  const out: number[] = [];
  for (const part of text.split(",").slice(0, 64)) {
    const p = checkPort(part.trim());
    if (p.ok) out.push(p.value);
    else skipped.push({ incidentId, actionId: a.id, field: "port", value: part, reason: p.reason });
  }
  return [...new Set(out)].sort((x, y) => x - y);
}

function fromBlock(a: PlanAction, incident: Incident, out: ExportIndicator[], skipped: SkippedValue[]): void {
  const ports = portsOf(a, incident.id, skipped);
  const base = {
    ports,
    incidentId: incident.id,
    verdict: incident.verdict.verdict,
    role: a.details.role ?? "c2",
    first: a.details.first,
    last: a.details.last,
    reason: a.reason.en,
    actionId: a.id,
    fileName: undefined,
    path: undefined,
    host: undefined,
    active: a.details.active === "true",
  };
  const address = a.details.address;
  if (address !== undefined) {
    const ip = checkAddress(address);
    if (ip.ok) out.push({ ...base, type: ip.value.version === 4 ? "ipv4" : "ipv6", value: ip.value.text });
    else
      skipped.push({
        incidentId: incident.id,
        actionId: a.id,
        field: "address",
        value: address,
        reason: ip.reason,
      });
  }
  const domain = a.details.domain;
  if (domain !== undefined) {
    const d = checkDomain(domain);
    if (d.ok) out.push({ ...base, type: "domain", value: d.value });
    else
      skipped.push({
        incidentId: incident.id,
        actionId: a.id,
        field: "domain",
        value: domain,
        reason: d.reason,
      });
  }
}

function fromDelete(
  a: PlanAction,
  incident: Incident,
  out: ExportIndicator[],
  skipped: SkippedValue[],
): void {
  const sha = a.details.sha256;
  if (sha === undefined) return;
  const h = checkSha256(sha);
  if (!h.ok) {
    skipped.push({ incidentId: incident.id, actionId: a.id, field: "sha256", value: sha, reason: h.reason });
    return;
  }
  out.push({
    type: "sha256",
    value: h.value,
    ports: [],
    incidentId: incident.id,
    verdict: incident.verdict.verdict,
    role: a.details.role ?? "written",
    first: a.details.written,
    last: a.details.written,
    reason: a.reason.en,
    actionId: a.id,
    fileName: a.details.name,
    path: a.details.path ?? a.target,
    host: a.host,
    active: false,
  });
}

/** The indicators of all incidents (benign ones contribute none: their plans neither block nor delete). */
export function collectExportIndicators(planned: readonly PlannedIncident[]): ExportIndicatorSet {
  const indicators: ExportIndicator[] = [];
  const skipped: SkippedValue[] = [];
  for (const { incident, plan } of planned) {
    if (incident.verdict.verdict === "benign") continue;
    for (const a of plan.actions) {
      if (a.kind === "block-destination") fromBlock(a, incident, indicators, skipped);
      else if (a.kind === "delete-file") fromDelete(a, incident, indicators, skipped);
    }
  }
  return { indicators, skipped };
}

/** Indicators grouped by type + value (first occurrence first), for formats that list each value once. */
export function uniqueIndicators(
  indicators: readonly ExportIndicator[],
  types: readonly IndicatorType[] = INDICATOR_TYPES,
): { readonly type: IndicatorType; readonly value: string; readonly all: readonly ExportIndicator[] }[] {
  const groups = new Map<string, { type: IndicatorType; value: string; all: ExportIndicator[] }>();
  for (const i of indicators) {
    if (!types.includes(i.type)) continue;
    const key = `${i.type}|${i.value}`;
    const g = groups.get(key);
    if (g) g.all.push(i);
    else groups.set(key, { type: i.type, value: i.value, all: [i] });
  }
  return [...groups.values()];
}
