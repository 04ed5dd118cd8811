/**
 * The DNS sinkhole of the incidents' domains, in two files: `dns-sinkhole.txt`, hosts-file style
 * (`0.0.0.0 domain`, for a hosts file, dnsmasq `addn-hosts`, Pi-hole and other list-driven
 * resolvers), and `dns-sinkhole.rpz`, a response-policy zone (BIND `response-policy`, Unbound `rpz:`,
 * PowerDNS Recursor) answering NXDOMAIN for each domain and its subdomains (`CNAME .`) and for any
 * answer that resolves to an IPv4 C&C address (`rpz-ip`). The zone's serial comes from the data's
 * last time, so a rerun writes the same bytes. Input: incidents and their plans. Output: the file texts.
 */
import type { Incident } from "../../incidents/incident.js";
import type { ResponsePlan } from "../../respond/response-plan.js";
import { commented, dataRange, headerLines, indicatorNote } from "./export-header.js";
import {
  collectExportIndicators,
  type PlannedIncident,
  uniqueIndicators,
  pairPlans,
} from "./export-indicators.js";

/** The text of dns-sinkhole.txt. */
export function renderDnsSinkholeHosts(
  incidents: readonly Incident[],
  plans: readonly ResponsePlan[],
): string {
  const planned = pairPlans(incidents, plans);
  const set = collectExportIndicators(planned);
  const header = headerLines(
    [
      "mikiwame DNS sinkhole (hosts-file style): the C&C, download and exfiltration domains of",
      "malicious and suspicious incidents resolve to 0.0.0.0. The RPZ version is dns-sinkhole.rpz.",
    ],
    planned,
    set,
    ["domain"],
  );
  const lines = [commented("# ", header), ""];
  const groups = uniqueIndicators(set.indicators, ["domain"]);
  for (const g of groups) lines.push(`# ${indicatorNote(g.all)}`, `0.0.0.0 ${g.value}`);
  if (groups.length === 0) lines.push("# no domain to sinkhole");
  return `${lines.join("\n")}\n`;
}

/** `YYYYMMDDHH` of the data's last time (a valid SOA serial), else 1. */
export function zoneSerial(planned: readonly PlannedIncident[]): number {
  const last = dataRange(planned).last;
  const m = last ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2})/.exec(last) : null;
  return m ? Number(`${m[1]}${m[2]}${m[3]}${m[4]}`) : 1;
}

/** The text of dns-sinkhole.rpz. */
export function renderDnsSinkholeRpz(incidents: readonly Incident[], plans: readonly ResponsePlan[]): string {
  const planned = pairPlans(incidents, plans);
  const set = collectExportIndicators(planned);
  const header = headerLines(
    [
      "mikiwame response-policy zone (RPZ): NXDOMAIN for the C&C, download and exfiltration domains",
      "of malicious and suspicious incidents and their subdomains, and for answers holding an IPv4",
      'C&C address. Load it as a primary zone (e.g. BIND: zone "mikiwame.rpz" { type primary; file',
      '"dns-sinkhole.rpz"; }; and response-policy { zone "mikiwame.rpz"; };).',
    ],
    planned,
    set,
    ["domain", "address"],
  );
  const lines = [
    commented("; ", header),
    "$TTL 300",
    `@ IN SOA localhost. hostmaster.localhost. ( ${zoneSerial(planned)} 3600 600 86400 300 )`,
    "@ IN NS localhost.",
    "",
  ];
  for (const g of uniqueIndicators(set.indicators, ["domain"]))
    lines.push(`; ${indicatorNote(g.all)}`, `${g.value} CNAME .`, `*.${g.value} CNAME .`);
  for (const g of uniqueIndicators(set.indicators, ["ipv4"]))
    lines.push(`; ${indicatorNote(g.all)}`, `32.${g.value.split(".").reverse().join(".")}.rpz-ip CNAME .`);
  return `${lines.join("\n")}\n`;
}
