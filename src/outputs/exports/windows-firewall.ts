/**
 * `windows-firewall.ps1`: Windows Defender Firewall rules (New-NetFirewallRule) blocking each address
 * outbound and inbound, display name `mikiwame <incident> <address>`, all in the group `mikiwame`.
 * The script first removes the rules it adds (by name), so running it again replaces them, and with
 * `-Remove` it only removes them. Domains cannot be blocked by address rules: they are listed in a
 * comment and go to the DNS sinkhole. Input: incidents and their plans. Output: the script text.
 */
import type { Incident } from "../../incidents/incident.js";
import type { ResponsePlan } from "../../respond/response-plan.js";
import { safeToken } from "./comment-text.js";
import { commented, headerLines, indicatorNote } from "./export-header.js";
import { collectExportIndicators, uniqueIndicators, pairPlans } from "./export-indicators.js";
import { psQuote } from "./script-quote.js";

/** The rule group of every rule the script adds. */
export const FIREWALL_GROUP = "mikiwame";

/** The text of windows-firewall.ps1. */
export function renderWindowsFirewall(
  incidents: readonly Incident[],
  plans: readonly ResponsePlan[],
): string {
  const planned = pairPlans(incidents, plans);
  const set = collectExportIndicators(planned);
  const addresses = uniqueIndicators(set.indicators, ["ipv4", "ipv6"]);
  const domains = uniqueIndicators(set.indicators, ["domain"]).map((g) => g.value);
  const header = headerLines(
    [
      "mikiwame: Windows Defender Firewall rules blocking the C&C, download and exfiltration addresses",
      "of malicious and suspicious incidents, outbound and inbound.",
      "Run in an elevated PowerShell:  .\\windows-firewall.ps1          adds (or replaces) the rules",
      "                                .\\windows-firewall.ps1 -Remove  removes them",
      ...(domains.length > 0
        ? [`Domains are not blocked here (use dns-sinkhole.txt / dns-sinkhole.rpz): ${domains.join(", ")}`]
        : []),
    ],
    planned,
    set,
    ["address", "port"],
  );
  const rules = addresses.map((g) => {
    const incident = safeToken(g.all[0]?.incidentId ?? "");
    const name = `mikiwame-${incident}-${g.value}`;
    const description = `mikiwame: ${g.all.map((i) => `${safeToken(i.incidentId)} ${i.verdict} ${safeToken(i.role)}`).join("; ")}`;
    return { g, name, display: `mikiwame ${incident} ${g.value}`, description };
  });
  const lines = [
    commented("# ", header),
    "[CmdletBinding()]",
    "param([switch]$Remove)",
    "$ErrorActionPreference = 'Stop'",
    "",
  ];
  lines.push(
    "# Removal: the rules this script adds, by name (also run before adding, so a rerun replaces them)",
  );
  lines.push("$names = @(");
  for (const r of rules) lines.push(`  ${psQuote(`${r.name}-out`)}`, `  ${psQuote(`${r.name}-in`)}`);
  lines.push(")");
  lines.push(
    "foreach ($name in $names) { Remove-NetFirewallRule -Name $name -ErrorAction SilentlyContinue }",
  );
  lines.push("if ($Remove) { return }", "");
  for (const r of rules) {
    lines.push(`# ${indicatorNote(r.g.all)}`);
    for (const [dir, suffix] of [
      ["Outbound", "out"],
      ["Inbound", "in"],
    ] as const)
      lines.push(
        `New-NetFirewallRule -Name ${psQuote(`${r.name}-${suffix}`)} -DisplayName ${psQuote(r.display)} -Group ${psQuote(FIREWALL_GROUP)} -Description ${psQuote(r.description)} -Direction ${dir} -Action Block -RemoteAddress ${psQuote(r.g.value)} -Profile Any | Out-Null`,
      );
  }
  if (rules.length === 0) lines.push("# no address to block");
  return `${lines.join("\n")}\n`;
}
