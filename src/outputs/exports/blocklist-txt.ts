/**
 * `blocklist.txt`: one network indicator per line (addresses first, then domains), each preceded by a
 * comment naming the incidents, verdicts, roles and ports — the plain list most firewalls, proxies and
 * EDR consoles import. File hashes are in blocklist.csv and the STIX/MISP exports, not here (a list
 * mixes no types). Input: incidents and their plans. Output: the file text.
 */
import type { Incident } from "../../incidents/incident.js";
import type { ResponsePlan } from "../../respond/response-plan.js";
import { commented, headerLines, indicatorNote } from "./export-header.js";
import { collectExportIndicators, uniqueIndicators, pairPlans } from "./export-indicators.js";

/** The text of blocklist.txt. */
export function renderBlocklistTxt(incidents: readonly Incident[], plans: readonly ResponsePlan[]): string {
  const planned = pairPlans(incidents, plans);
  const set = collectExportIndicators(planned);
  const header = headerLines(
    [
      "mikiwame blocklist: external C&C, download and exfiltration destinations of malicious and suspicious incidents",
      "one address or domain per line; lines starting with # are comments",
    ],
    planned,
    set,
    ["address", "domain", "port"],
  );
  const lines = [commented("# ", header), ""];
  for (const g of [
    ...uniqueIndicators(set.indicators, ["ipv4", "ipv6"]),
    ...uniqueIndicators(set.indicators, ["domain"]),
  ]) {
    lines.push(`# ${indicatorNote(g.all)}`, g.value);
  }
  return `${lines.join("\n")}\n`;
}
