/**
 * `stix-bundle.json`: a STIX 2.1 bundle of the malicious and suspicious incidents: mikiwame's identity,
 * one indicator per distinct address / domain / SHA256 (`[ipv4-addr:value = '…']`,
 * `[domain-name:value = '…']`, `[file:hashes.'SHA-256' = '…']`) with Lockheed Martin kill-chain phases,
 * one malware object per malicious incident (its reached stages as phases), and `indicates`
 * relationships. Ids are UUIDv5 of the content; `created` / `modified` come from the data's times, so
 * a rerun on the same data gives the same bytes. Input: incidents and their plans. Output: the JSON text.
 */
import type { Incident } from "../../incidents/incident.js";
import type { ResponsePlan } from "../../respond/response-plan.js";
import { baseName } from "../../respond/plan-text.js";
import { safeJsonStringify } from "../json-text.js";
import {
  collectExportIndicators,
  type ExportIndicator,
  type IndicatorType,
  type PlannedIncident,
  pairPlans,
  uniqueIndicators,
} from "./export-indicators.js";
import { LM_KILL_CHAIN, ROLE_PHASE, STIX_PHASE } from "./kill-chain-phases.js";
import { NO_TIME, stixId, stixTime } from "./stix-id.js";

/** Identity objects never change, so their timestamps are fixed (not the data's). */
export const IDENTITY_CREATED = "2024-01-01T00:00:00.000Z";

const PATTERN_PATH: Readonly<Record<IndicatorType, string>> = {
  ipv4: "ipv4-addr:value",
  ipv6: "ipv6-addr:value",
  domain: "domain-name:value",
  sha256: "file:hashes.'SHA-256'",
};

/** A STIX pattern comparing `type`'s path with a value (quotes and backslashes escaped). */
export function stixPattern(type: IndicatorType, value: string): string {
  return `[${PATTERN_PATH[type]} = '${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}']`;
}

type StixObject = Record<string, unknown> & { readonly id: string };

function phases(names: Iterable<string>): { kill_chain_name: string; phase_name: string }[] {
  const order = [
    "reconnaissance",
    "weaponization",
    "delivery",
    "exploitation",
    "installation",
    "command-and-control",
    "actions-on-objectives",
  ];
  const set = new Set(names);
  return order
    .filter((p) => set.has(p))
    .map((phase_name) => ({ kill_chain_name: LM_KILL_CHAIN, phase_name }));
}

function span(
  times: readonly (string | undefined)[],
  fallback: string,
): { created: string; modified: string } {
  const ok = times.flatMap((t) => stixTime(t) ?? []).sort();
  const created = ok[0] ?? fallback;
  // sorted ISO texts of one format: the last is never before the first
  return { created, modified: ok[ok.length - 1] ?? created };
}

function malwareObject(p: PlannedIncident, identity: string): StixObject {
  const inc = p.incident;
  const root = inc.processes.find((x) => x.key === inc.rootCause);
  const { created, modified } = span([inc.first?.iso, inc.last?.iso], NO_TIME);
  const types = new Set<string>();
  if (inc.files.some((f) => f.role === "dropper")) types.add("dropper");
  if (inc.destinations.some((d) => d.role === "c2")) types.add("backdoor");
  if (types.size === 0) types.add("unknown");
  const reached = inc.stages.filter((s) => s.status === "reached").map((s) => STIX_PHASE[s.stage]);
  return {
    type: "malware",
    spec_version: "2.1",
    id: stixId("malware", inc.id),
    created_by_ref: identity,
    created,
    modified,
    name: root?.image ? baseName(root.image) : inc.title.en,
    description: inc.title.en,
    malware_types: [...types].sort(),
    is_family: false,
    ...(inc.first && { first_seen: created }),
    ...(inc.last && { last_seen: modified }),
    kill_chain_phases: phases(reached),
    external_references: [{ source_name: "mikiwame", external_id: inc.id }],
  };
}

function indicatorObject(
  type: IndicatorType,
  value: string,
  all: readonly ExportIndicator[],
  identity: string,
  fallback: string,
): StixObject {
  const pattern = stixPattern(type, value);
  const { created, modified } = span(
    all.flatMap((i) => [i.first, i.last]),
    fallback,
  );
  const malicious = all.some((i) => i.verdict === "malicious");
  const roles = [...new Set(all.map((i) => i.role))];
  const name = all.find((i) => i.fileName)?.fileName;
  return {
    type: "indicator",
    spec_version: "2.1",
    id: stixId("indicator", pattern),
    created_by_ref: identity,
    created,
    modified,
    name: `${name ? `${name} ` : ""}${value} (${roles.join(", ")})`,
    description: all[0]?.reason ?? "",
    indicator_types: [malicious ? "malicious-activity" : "anomalous-activity"],
    pattern,
    pattern_type: "stix",
    pattern_version: "2.1",
    valid_from: created,
    kill_chain_phases: phases(roles.flatMap((r) => ROLE_PHASE[r] ?? [])),
    external_references: [...new Set(all.map((i) => i.incidentId))].map((id) => ({
      source_name: "mikiwame",
      external_id: id,
    })),
  };
}

/** The bundle's objects (identity, malware, indicators, relationships), deterministic. */
export function stixObjects(planned: readonly PlannedIncident[]): StixObject[] {
  const identity: StixObject = {
    type: "identity",
    spec_version: "2.1",
    id: stixId("identity", "mikiwame"),
    created: IDENTITY_CREATED,
    modified: IDENTITY_CREATED,
    name: "mikiwame",
    identity_class: "system",
    description: "mikiwame log triage (見極め): malware or over-detection, from Windows, EDR and Zeek logs",
  };
  const contributing = planned.filter((p) => p.incident.verdict.verdict !== "benign");
  const malware = new Map<string, StixObject>();
  for (const p of contributing)
    if (p.incident.verdict.verdict === "malicious") malware.set(p.incident.id, malwareObject(p, identity.id));
  const set = collectExportIndicators(contributing);
  const firstOf = new Map(
    contributing.map((p) => [p.incident.id, stixTime(p.incident.first?.iso) ?? NO_TIME]),
  );
  const indicators: StixObject[] = [];
  const relationships: StixObject[] = [];
  for (const g of uniqueIndicators(set.indicators)) {
    const ind = indicatorObject(
      g.type,
      g.value,
      g.all,
      identity.id,
      firstOf.get(g.all[0]?.incidentId ?? "") ?? NO_TIME,
    );
    indicators.push(ind);
    for (const incidentId of new Set(g.all.map((i) => i.incidentId))) {
      const m = malware.get(incidentId);
      if (!m) continue;
      relationships.push({
        type: "relationship",
        spec_version: "2.1",
        id: stixId("relationship", `${ind.id}|indicates|${m.id}`),
        created_by_ref: identity.id,
        created: ind.created,
        modified: ind.modified,
        relationship_type: "indicates",
        source_ref: ind.id,
        target_ref: m.id,
      });
    }
  }
  return [identity, ...malware.values(), ...indicators, ...relationships];
}

/** The text of stix-bundle.json. */
export function renderStixBundle(incidents: readonly Incident[], plans: readonly ResponsePlan[]): string {
  const planned = pairPlans(incidents, plans);
  const objects = stixObjects(planned);
  const bundle = {
    type: "bundle",
    id: stixId("bundle", objects.map((o) => o.id).join(",")),
    objects,
  };
  return `${safeJsonStringify(bundle, 2)}\n`;
}
