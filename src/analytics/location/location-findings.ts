/**
 * The findings of the location (場所) analysis, with their sentences in English and Japanese:
 * - `location.high-risk-country` / `location.high-risk-asn`: a host in contact with an address in a
 *   country / autonomous system on the configured risk list (one finding per host and address);
 * - `location.new-country`: a host's first contact with a country after its learning period.
 * Input: the analyzer's per-pair and per-host summaries. Output: `Finding`s.
 */
import type { FieldValue } from "../../events/field-value.js";
import type { Finding, LocalizedText } from "../../findings/finding.js";
import type { Severity } from "../../findings/severity.js";
import type { EarliestEvidence } from "../time/earliest-evidence.js";
import { countryName } from "./country-name.js";
import type { IpLocation } from "./location-lookup.js";
import type { ContactDirection } from "./remote-contacts.js";

/** The detectors of this module. */
export const LOCATION_DETECTORS = [
  "location.high-risk-country",
  "location.high-risk-asn",
  "location.new-country",
] as const;
export type LocationDetector = (typeof LOCATION_DETECTORS)[number];

/** Contacts of one host with one address on a risk list. */
export interface RiskContacts {
  readonly detector: "location.high-risk-country" | "location.high-risk-asn";
  readonly host: string;
  readonly remote: IpLocation;
  readonly directions: Readonly<Record<ContactDirection, number>>;
  readonly evidence: EarliestEvidence;
}

/** A host's first contact with a country after its learning period. */
export interface NewCountryContact {
  readonly host: string;
  readonly country: string;
  /** The first address contacted in that country */
  readonly remote: IpLocation;
  readonly evidence: EarliestEvidence;
  /** Countries the host contacted before (up to a bound), sorted */
  readonly knownCountries: readonly string[];
  /** Time from the host's first public contact to this first contact with the country (ms) */
  readonly afterMs: number;
  /** The host's contacts with public addresses in all */
  readonly hostContacts: number;
}

function hostLabel(host: string): LocalizedText {
  return host === "" ? { en: "an unknown host", ja: "不明なホスト" } : { en: host, ja: host };
}

/** `IR (Iran), AS1234 Example Org` style labels. */
function placeLabel(remote: IpLocation): LocalizedText {
  const parts = (lang: "en" | "ja"): string => {
    const out: string[] = [];
    if (remote.country) out.push(`${countryName(remote.country, lang)} (${remote.country})`);
    if (remote.asn !== undefined)
      out.push(`AS${remote.asn}${remote.asOrganization ? ` ${remote.asOrganization}` : ""}`);
    return out.length > 0 ? out.join(", ") : lang === "en" ? "unknown location" : "所在不明";
  };
  return { en: parts("en"), ja: parts("ja") };
}

function placeDetails(remote: IpLocation): Record<string, FieldValue> {
  const details: Record<string, FieldValue> = { address: remote.address };
  if (remote.country) details.country = remote.country;
  if (remote.asn !== undefined) details.asn = remote.asn;
  if (remote.asOrganization) details.asOrganization = remote.asOrganization;
  return details;
}

/** The direction that describes the contacts: outbound if any, else inbound if any, else external. */
function mainDirection(d: Readonly<Record<ContactDirection, number>>): ContactDirection {
  return d.outbound > 0 ? "outbound" : d.inbound > 0 ? "inbound" : "external";
}

/** A risk-list finding: outbound contacts can be C&C, so they weigh more than inbound ones. */
export function riskFinding(r: RiskContacts): Finding {
  const direction = mainDirection(r.directions);
  const n = r.evidence.count;
  const host = hostLabel(r.host);
  const place = placeLabel(r.remote);
  const byCountry = r.detector === "location.high-risk-country";
  const listEn = byCountry ? "a country on the high-risk list" : "an autonomous system on the high-risk list";
  const listJa = byCountry ? "高リスク国リスト" : "高リスク AS リスト";
  const times = `${n} time${n === 1 ? "" : "s"}`;
  const message: LocalizedText =
    direction === "outbound"
      ? {
          en: `${host.en} connected ${times} to ${r.remote.address} in ${place.en}, ${listEn}.`,
          ja: `${host.ja} が${listJa}に該当する ${r.remote.address}（${place.ja}）へ ${n} 回接続しました。`,
        }
      : {
          en: `${r.remote.address} in ${place.en}, ${listEn}, was in contact with ${host.en} ${times} (${direction}).`,
          ja: `${listJa}に該当する ${r.remote.address}（${place.ja}）と ${host.ja} の通信が ${n} 回ありました（${direction === "inbound" ? "受信" : "外部間"}）。`,
        };
  const severity: Severity = direction === "outbound" ? "medium" : "low";
  return {
    id: `${r.detector}:${r.host}|${r.remote.address}`,
    detector: r.detector,
    viewpoint: "location",
    severity,
    confidence: direction === "outbound" ? 0.4 : 0.3,
    ...(direction === "outbound" ? { stage: "command_and_control" as const } : {}),
    attack: [],
    host: r.host,
    subject: { kind: "address", address: r.remote.address },
    first: r.evidence.first,
    last: r.evidence.last,
    evidence: r.evidence.provenances(),
    evidenceCount: n,
    message,
    details: {
      ...placeDetails(r.remote),
      list: byCountry ? "country" : "asn",
      direction,
      outbound: r.directions.outbound,
      inbound: r.directions.inbound,
      external: r.directions.external,
    },
  };
}

/** A new-country finding: context for the analyst (info), not a verdict on its own. */
export function newCountryFinding(c: NewCountryContact): Finding {
  const host = hostLabel(c.host);
  const place = placeLabel(c.remote);
  const days = Math.round((c.afterMs / 86_400_000) * 10) / 10;
  const when = c.evidence.first?.iso ?? "?";
  const k = c.knownCountries.length;
  return {
    id: `location.new-country:${c.host}|${c.country}`,
    detector: "location.new-country",
    viewpoint: "location",
    severity: "info",
    confidence: 0.2,
    attack: [],
    host: c.host,
    subject: { kind: "address", address: c.remote.address },
    first: c.evidence.first,
    last: c.evidence.last,
    evidence: c.evidence.provenances(),
    evidenceCount: c.evidence.count,
    message: {
      en: `${host.en} contacted ${countryName(c.country, "en")} (${c.country}) for the first time at ${when} (${c.remote.address}, ${place.en}), ${days} days after its first public contact; before that it had contacted ${k} ${k === 1 ? "country" : "countries"}.`,
      ja: `${host.ja} が ${when} に初めて${countryName(c.country, "ja")} (${c.country}) と通信しました（${c.remote.address}、${place.ja}）。最初の外部通信から ${days} 日後で、それまでの通信先は ${k} か国でした。`,
    },
    details: {
      ...placeDetails(c.remote),
      knownCountries: c.knownCountries.join(","),
      afterHours: Math.round(c.afterMs / 3_600_000),
      hostContacts: c.hostContacts,
      contacts: c.evidence.count,
    },
  };
}
