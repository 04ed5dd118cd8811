/**
 * `misp-event.json`: one MISP event (the core format MISP's "Add event from JSON" / `events/add`
 * accepts) for the malicious and suspicious incidents: `info`, `date` (the data's first day),
 * `threat_level_id` (1 high when any incident is malicious, 2 medium otherwise, 4 undefined when there
 * is none), `analysis` 1 (ongoing), `distribution` 0 (this organisation only), attributes — `ip-dst`,
 * `domain`, `filename|sha256` (or `sha256`), `regkey|value` for Run-key persistence — with `to_ids`
 * set for a malicious incident's network and hash indicators, and the tags `tlp:amber` and
 * `kill-chain:<phase>` (MISP's kill-chain taxonomy spelling). Ids are UUIDv5 of the content.
 * Input: incidents and their plans, the language. Output: the JSON text.
 */
import type { Incident } from "../../incidents/incident.js";
import type { ResponsePlan } from "../../respond/response-plan.js";
import type { Language } from "../../config/config.js";
import { type KillChainStage, KILL_CHAIN_STAGES } from "../../findings/kill-chain.js";
import { MISP_KILL_CHAIN } from "./kill-chain-phases.js";
import { safeJsonStringify } from "../json-text.js";
import {
  collectExportIndicators,
  type PlannedIncident,
  uniqueIndicators,
  pairPlans,
} from "./export-indicators.js";
import { MIKIWAME_NAMESPACE, uuidV5 } from "./stix-id.js";

/** One MISP attribute as written. */
export interface MispAttribute {
  readonly uuid: string;
  readonly type: string;
  readonly category: string;
  readonly value: string;
  readonly to_ids: boolean;
  readonly distribution: "5";
  readonly comment: string;
}

const FILE_CATEGORY: Readonly<Record<string, string>> = {
  dropper: "Payload delivery",
  "root-cause": "Payload delivery",
  payload: "Payload installation",
  written: "Artifacts dropped",
};

function attribute(
  type: string,
  category: string,
  value: string,
  toIds: boolean,
  comment: string,
): MispAttribute {
  return {
    uuid: uuidV5(MIKIWAME_NAMESPACE, `misp-attribute|${type}|${value}`),
    type,
    category,
    value,
    to_ids: toIds,
    distribution: "5",
    comment,
  };
}

/** The event's attributes: indicators (one per type + value), then Run-key persistence. */
export function mispAttributes(planned: readonly PlannedIncident[]): MispAttribute[] {
  const contributing = planned.filter((p) => p.incident.verdict.verdict !== "benign");
  const set = collectExportIndicators(contributing);
  const out: MispAttribute[] = [];
  for (const g of uniqueIndicators(set.indicators)) {
    const malicious = g.all.some((i) => i.verdict === "malicious");
    const roles = [...new Set(g.all.map((i) => i.role))].join(", ");
    const ports = [...new Set(g.all.flatMap((i) => i.ports))].sort((a, b) => a - b);
    const incidents = [...new Set(g.all.map((i) => i.incidentId))].join(", ");
    const comment = `${roles}${ports.length > 0 ? ` port ${ports.join(",")}` : ""}; ${incidents}`;
    if (g.type === "sha256") {
      const name = g.all.find((i) => i.fileName)?.fileName;
      const category = FILE_CATEGORY[g.all[0]?.role ?? "written"] ?? "Artifacts dropped";
      out.push(
        name
          ? attribute("filename|sha256", category, `${name}|${g.value}`, malicious, comment)
          : attribute("sha256", category, g.value, malicious, comment),
      );
    } else
      out.push(
        attribute(g.type === "domain" ? "domain" : "ip-dst", "Network activity", g.value, malicious, comment),
      );
  }
  const seen = new Set<string>();
  for (const { incident, plan } of contributing)
    for (const a of plan.actions) {
      if (a.kind !== "remove-persistence" || a.details.kind !== "run-key") continue;
      const value = `${a.target}|${a.details.value ?? ""}`;
      if (seen.has(value)) continue;
      seen.add(value);
      out.push(attribute("regkey|value", "Persistence mechanism", value, false, `run-key; ${incident.id}`));
    }
  return out;
}

/** The text of misp-event.json. */
export function renderMispEvent(
  incidents: readonly Incident[],
  plans: readonly ResponsePlan[],
  lang: Language = "en",
): string {
  const planned = pairPlans(incidents, plans);
  const contributing = planned.filter((p) => p.incident.verdict.verdict !== "benign");
  const ids = contributing.map((p) => p.incident.id);
  const first = contributing
    .flatMap((p) => (p.incident.first ? [p.incident.first] : []))
    .sort((a, b) => a.ms - b.ms)[0];
  const only = contributing.length === 1 ? contributing[0]?.incident : undefined;
  const info = only
    ? `mikiwame ${only.id}: ${only.title[lang]}`
    : contributing.length > 0
      ? `mikiwame: ${contributing.length} incidents (${ids.join(", ")})`
      : "mikiwame: no malicious or suspicious incident";
  const stages = new Set<KillChainStage>();
  for (const p of contributing) for (const s of p.incident.stages) stages.add(s.stage);
  const phaseTags = [
    ...new Set(KILL_CHAIN_STAGES.filter((s) => stages.has(s)).map((s) => MISP_KILL_CHAIN[s])),
  ];
  const malicious = contributing.some((p) => p.incident.verdict.verdict === "malicious");
  const event = {
    Event: {
      uuid: uuidV5(MIKIWAME_NAMESPACE, `misp-event|${ids.join(",")}`),
      info,
      date: first ? new Date(first.ms).toISOString().slice(0, 10) : "1970-01-01",
      threat_level_id: malicious ? "1" : contributing.length > 0 ? "2" : "4",
      analysis: "1",
      distribution: "0",
      published: false,
      Attribute: mispAttributes(planned),
      Tag: [{ name: "tlp:amber" }, ...phaseTags.map((p) => ({ name: `kill-chain:${p}` }))],
    },
  };
  return `${safeJsonStringify(event, 2)}\n`;
}
