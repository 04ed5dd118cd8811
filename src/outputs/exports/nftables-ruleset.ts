/**
 * `nftables.nft`: an nftables ruleset with its own table `inet mikiwame`: the addresses in two sets
 * (`blocked_v4`, `blocked_v6`) and input / forward / output chains that drop traffic to and from them.
 * Loading it (`nft -f nftables.nft`) replaces the table (it is created empty, deleted, then defined);
 * `nft delete table inet mikiwame` removes it. Input: incidents and their plans. Output: the ruleset text.
 */
import type { Incident } from "../../incidents/incident.js";
import type { ResponsePlan } from "../../respond/response-plan.js";
import { commented, headerLines, indicatorNote } from "./export-header.js";
import { collectExportIndicators, uniqueIndicators, pairPlans } from "./export-indicators.js";

/** The table the ruleset defines. */
export const NFT_TABLE = "mikiwame";

function setBlock(name: string, type: string, entries: readonly { value: string; note: string }[]): string[] {
  const out = [`\tset ${name} {`, `\t\ttype ${type}`];
  if (entries.length > 0) {
    out.push("\t\telements = {");
    entries.forEach((e, i) => {
      out.push(`\t\t\t# ${e.note}`, `\t\t\t${e.value}${i < entries.length - 1 ? "," : ""}`);
    });
    out.push("\t\t}");
  }
  out.push("\t}");
  return out;
}

/** The text of nftables.nft. */
export function renderNftablesRuleset(
  incidents: readonly Incident[],
  plans: readonly ResponsePlan[],
): string {
  const planned = pairPlans(incidents, plans);
  const set = collectExportIndicators(planned);
  const header = headerLines(
    [
      "mikiwame: nftables ruleset dropping traffic to and from the C&C, download and exfiltration",
      "addresses of malicious and suspicious incidents.",
      `Load: nft -f nftables.nft   (replaces the table inet ${NFT_TABLE})`,
      `Remove: nft delete table inet ${NFT_TABLE}`,
    ],
    planned,
    set,
    ["address", "port"],
  );
  const entries = (type: "ipv4" | "ipv6") =>
    uniqueIndicators(set.indicators, [type]).map((g) => ({ value: g.value, note: indicatorNote(g.all) }));
  const lines = [
    "#!/usr/sbin/nft -f",
    commented("# ", header),
    `table inet ${NFT_TABLE} {}`,
    `delete table inet ${NFT_TABLE}`,
    "",
    `table inet ${NFT_TABLE} {`,
    ...setBlock("blocked_v4", "ipv4_addr", entries("ipv4")),
    ...setBlock("blocked_v6", "ipv6_addr", entries("ipv6")),
    "\tchain input {",
    "\t\ttype filter hook input priority -10; policy accept;",
    "\t\tip saddr @blocked_v4 counter drop",
    "\t\tip6 saddr @blocked_v6 counter drop",
    "\t}",
    "\tchain forward {",
    "\t\ttype filter hook forward priority -10; policy accept;",
    "\t\tip saddr @blocked_v4 counter drop",
    "\t\tip daddr @blocked_v4 counter drop",
    "\t\tip6 saddr @blocked_v6 counter drop",
    "\t\tip6 daddr @blocked_v6 counter drop",
    "\t}",
    "\tchain output {",
    "\t\ttype filter hook output priority -10; policy accept;",
    "\t\tip daddr @blocked_v4 counter drop",
    "\t\tip6 daddr @blocked_v6 counter drop",
    "\t}",
    "}",
  ];
  return `${lines.join("\n")}\n`;
}
