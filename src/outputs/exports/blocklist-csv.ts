/**
 * `blocklist.csv`: every indicator of every malicious / suspicious incident, one row per incident and
 * value: `type,value,port,incident,verdict,role,first,last,reason` (ports joined with `;`). Cells go
 * through csv-row.ts, which neutralises spreadsheet formulas (the reason carries log text).
 * Input: incidents and their plans. Output: the file text (CRLF lines, RFC 4180).
 */
import type { Incident } from "../../incidents/incident.js";
import type { ResponsePlan } from "../../respond/response-plan.js";
import { csvRow } from "../csv-row.js";
import { collectExportIndicators, pairPlans } from "./export-indicators.js";

/** The header row's cells. */
export const BLOCKLIST_CSV_HEADER = [
  "type",
  "value",
  "port",
  "incident",
  "verdict",
  "role",
  "first",
  "last",
  "reason",
] as const;

/** The text of blocklist.csv. */
export function renderBlocklistCsv(incidents: readonly Incident[], plans: readonly ResponsePlan[]): string {
  const planned = pairPlans(incidents, plans);
  const { indicators } = collectExportIndicators(planned);
  const rows = [csvRow(BLOCKLIST_CSV_HEADER)];
  for (const i of indicators)
    rows.push(
      csvRow([
        i.type,
        i.value,
        i.ports.join(";"),
        i.incidentId,
        i.verdict,
        i.role,
        i.first ?? "",
        i.last ?? "",
        i.reason,
      ]),
    );
  return rows.join("");
}
