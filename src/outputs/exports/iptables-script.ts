/**
 * `iptables.sh`: a POSIX sh script dropping traffic to and from each address with iptables (IPv4) or
 * ip6tables (IPv6) in INPUT, OUTPUT and FORWARD, each rule tagged with the comment
 * `mikiwame <incident>`. `sh iptables.sh` adds the rules once (checks with -C first), `sh iptables.sh
 * remove` removes them. Input: incidents and their plans. Output: the script text.
 */
import type { Incident } from "../../incidents/incident.js";
import type { ResponsePlan } from "../../respond/response-plan.js";
import { safeToken } from "./comment-text.js";
import { commented, headerLines, indicatorNote } from "./export-header.js";
import { collectExportIndicators, uniqueIndicators, pairPlans } from "./export-indicators.js";
import { shQuote } from "./script-quote.js";

/** The text of iptables.sh. */
export function renderIptablesScript(incidents: readonly Incident[], plans: readonly ResponsePlan[]): string {
  const planned = pairPlans(incidents, plans);
  const set = collectExportIndicators(planned);
  const header = headerLines(
    [
      "mikiwame: iptables / ip6tables rules dropping traffic to and from the C&C, download and",
      "exfiltration addresses of malicious and suspicious incidents (this host and forwarded traffic).",
      "Usage, as root:  sh iptables.sh          add the rules (a rerun adds no duplicates)",
      "                 sh iptables.sh remove   remove them",
    ],
    planned,
    set,
    ["address", "port"],
  );
  const lines = [
    "#!/bin/sh",
    commented("# ", header),
    "set -u",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template
    'MODE="${1:-add}"',
    'case "$MODE" in add | remove) ;; *) echo "usage: $0 [add|remove]" >&2; exit 2 ;; esac',
    "",
    "# rule TOOL CHAIN MATCH...: add the rule once, or remove it",
    "rule() {",
    '  tool="$1"',
    '  chain="$2"',
    "  shift 2",
    '  if [ "$MODE" = remove ]; then',
    '    "$tool" -D "$chain" "$@" 2>/dev/null || true',
    "  else",
    '    "$tool" -C "$chain" "$@" 2>/dev/null || "$tool" -I "$chain" 1 "$@"',
    "  fi",
    "}",
    "",
    "# block TOOL ADDRESS COMMENT: drop both directions, locally and forwarded",
    "block() {",
    '  rule "$1" OUTPUT -d "$2" -m comment --comment "$3" -j DROP',
    '  rule "$1" INPUT -s "$2" -m comment --comment "$3" -j DROP',
    '  rule "$1" FORWARD -d "$2" -m comment --comment "$3" -j DROP',
    '  rule "$1" FORWARD -s "$2" -m comment --comment "$3" -j DROP',
    "}",
    "",
  ];
  const groups = uniqueIndicators(set.indicators, ["ipv4", "ipv6"]);
  for (const g of groups) {
    const tool = g.type === "ipv4" ? "iptables" : "ip6tables";
    lines.push(`# ${indicatorNote(g.all)}`);
    lines.push(
      `block ${tool} ${shQuote(g.value)} ${shQuote(`mikiwame ${safeToken(g.all[0]?.incidentId ?? "")}`)}`,
    );
  }
  if (groups.length === 0) lines.push("# no address to block");
  return `${lines.join("\n")}\n`;
}
