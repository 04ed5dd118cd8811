/**
 * The one-line title of an incident, short and factual, in English and Japanese:
 * "invoice.pdf.exe on WS-SALES-07 dropped svcupd.exe, which beacons to 203.0.113.45" for an attack,
 * "OUTLOOK.EXE polling 52.97.146.162 on 2 hosts (over-detection)" for an over-detection.
 * Input: the verdict, the root cause's name and host, hosts, payload names, destinations.
 * Output: LocalizedText.
 */
import type { LocalizedText } from "../findings/finding.js";
import type { IncidentDestination } from "./incident.js";
import type { Verdict } from "./verdict.js";

export interface TitleFacts {
  readonly verdict: Verdict;
  /** The root cause's file name (undefined for an incident without a process) */
  readonly root: string | undefined;
  readonly rootKey: string | undefined;
  /** The root cause's host first */
  readonly hosts: readonly string[];
  /** Payloads: file name and process key */
  readonly payloads: readonly { readonly name: string; readonly key: string }[];
  readonly destinations: readonly IncidentDestination[];
  /** Findings of the incident (for an incident without a process) */
  readonly findingCount: number;
}

function where(d: IncidentDestination): string {
  return d.address ?? d.domain ?? "?";
}

/** "WS-SALES-07" / "2 hosts"; in Japanese with the particle: "WS-SALES-07 で" / "2 台のホストで". */
function hostsText(hosts: readonly string[]): LocalizedText {
  return hosts.length === 1
    ? { en: hosts[0], ja: `${hosts[0]} で` }
    : { en: `${hosts.length} hosts`, ja: `${hosts.length} 台のホストで` };
}

function benignTitle(f: TitleFacts): LocalizedText {
  const polled = f.destinations.find((d) => d.external && d.findings.length > 0) ?? undefined;
  const h = hostsText(f.hosts);
  const what = f.root ?? (f.hosts.length === 1 ? f.hosts[0] : "?");
  if (polled)
    return {
      en: `${what} polling ${where(polled)} on ${h.en} (over-detection)`,
      ja: `${what} が ${h.ja} ${where(polled)} へ定期通信（過検知）`,
    };
  const on = f.hosts.length === 1 ? `${f.hosts[0]} の` : `${f.hosts.length} 台のホストの`;
  return { en: `${what} on ${h.en} (over-detection)`, ja: `${on} ${what}（過検知）` };
}

/** The title (see the module header). */
export function incidentTitle(f: TitleFacts): LocalizedText {
  if (f.verdict === "benign") return benignTitle(f);
  const host = f.hosts[0] ?? "?";
  const c2 = f.destinations.find((d) => d.role === "c2");
  const scanned = f.destinations.some((d) => d.role === "scanned" || d.role === "lateral");
  const others = f.hosts.length - 1;
  const also: LocalizedText =
    others > 0
      ? {
          en: ` (also on ${others} other host${others === 1 ? "" : "s"})`,
          ja: `（ほか ${others} 台のホストでも）`,
        }
      : { en: "", ja: "" };
  if (!f.root) {
    const en = c2
      ? `${host} beacons to ${where(c2)}`
      : `${f.findingCount} finding(s) on ${host} with no process named`;
    const ja = c2
      ? `${host} が ${where(c2)} へビーコン通信`
      : `${host} でプロセスを特定できない所見 ${f.findingCount} 件`;
    return { en: `${en}${also.en}`, ja: `${ja}${also.ja}` };
  }
  const payload = f.payloads[0];
  const morePayloads = f.payloads.length > 1 ? ` (+${f.payloads.length - 1})` : "";
  let en = `${f.root} on ${host}`;
  let ja = `${host} の ${f.root}`;
  if (payload) {
    en += ` dropped ${payload.name}${morePayloads}`;
    ja += ` が ${payload.name}${morePayloads} を投下`;
  }
  if (c2) {
    const byPayload = payload !== undefined && c2.processKeys.includes(payload.key);
    if (byPayload) {
      en += `, which beacons to ${where(c2)}`;
      ja += `し、${payload.name} が ${where(c2)} へビーコン通信`;
    } else if (payload) {
      en += `; it beacons to ${where(c2)}`;
      ja += `し、${where(c2)} へビーコン通信`;
    } else {
      en += ` beacons to ${where(c2)}`;
      ja += ` が ${where(c2)} へビーコン通信`;
    }
  } else if (scanned) {
    en += payload ? ", then scans the internal network" : " scans the internal network";
    ja += payload ? "し、内部ネットワークをスキャン" : " が内部ネットワークをスキャン";
  }
  return { en: `${en}${also.en}`, ja: `${ja}${also.ja}` };
}
