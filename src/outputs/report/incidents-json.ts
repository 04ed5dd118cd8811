/**
 * `incidents.json`: the machine-readable twin of the reports, for tools and the store. Input: a
 * ReportInput. Output: { schema: "mikiwame.incidents/1", generatedAt, incidents, plans, findings } where
 * findings are those the incidents cite (kept or suppressed), in the run's order. 64-bit record ids
 * become exact decimal strings; characters a terminal would act on are written as \u escapes.
 */
import { jsonReplacer } from "../../events/field-value.js";
import type { Finding } from "../../findings/finding.js";
import type { Incident } from "../../incidents/incident.js";
import type { ResponsePlan } from "../../respond/response-plan.js";
import { safeJsonStringify } from "../json-text.js";
import type { ReportInput } from "./report-input.js";

/** The schema id of incidents.json; a breaking change bumps the number. */
export const INCIDENTS_SCHEMA = "mikiwame.incidents/1";

/** The content of incidents.json. */
export interface IncidentsDocument {
  readonly schema: typeof INCIDENTS_SCHEMA;
  readonly generatedAt: string;
  readonly incidents: readonly Incident[];
  readonly plans: readonly ResponsePlan[];
  readonly findings: readonly Finding[];
}

/** The findings the incidents cite (their own and the suppressed ones), in input order. */
export function citedFindings(input: Pick<ReportInput, "incidents" | "findings">): Finding[] {
  const cited = new Set<string>();
  for (const i of input.incidents) {
    for (const id of i.findings) cited.add(id);
    for (const s of i.suppressed) cited.add(s.findingId);
  }
  return input.findings.filter((f) => cited.has(f.id));
}

/** The document (still holding bigint record ids, if any). */
export function incidentsDocument(input: ReportInput): IncidentsDocument {
  return {
    schema: INCIDENTS_SCHEMA,
    generatedAt: input.generatedAt,
    incidents: input.incidents,
    plans: input.plans,
    findings: citedFindings(input),
  };
}

/** incidents.json text: indented, bigint as decimal strings, ending in a line break. */
export function renderIncidentsJson(input: ReportInput): string {
  // one pass through JSON turns bigint (EVTX record ids in provenance) into exact strings
  const plain: unknown = JSON.parse(JSON.stringify(incidentsDocument(input), jsonReplacer));
  return `${safeJsonStringify(plain, 2)}\n`;
}
