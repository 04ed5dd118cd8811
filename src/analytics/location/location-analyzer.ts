/**
 * The location (場所) analyzer: for every contact between a host and a public address (Sysmon 3,
 * Zeek connections, logons from an `IpAddress`), looks up the country and AS, and reports
 * - contacts with addresses in a high-risk country or AS (configurable lists), and
 * - a host's first contact with a new country after a learning period.
 * State is bounded: at most `maxRiskPairs` (host, address) pairs and `maxHosts` hosts, evidence capped
 * per finding; what does not fit is counted in `stats()`.
 * Input: events. Output: `location.*` findings.
 */
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { Event } from "../../events/event.js";
import type { Analyzer, Finding } from "../../findings/finding.js";
import { EarliestEvidence } from "../time/earliest-evidence.js";
import { newCountryFinding, type RiskContacts, riskFinding } from "./location-findings.js";
import { type IpLocation, type LocationLookup, loadLocationLookup } from "./location-lookup.js";
import { type LocationOptions, resolveLocationOptions } from "./location-options.js";
import { type ContactDirection, type RemoteContact, remoteContacts } from "./remote-contacts.js";

/** Evidence kept per (host, new country): the first few contacts are what the analyst needs. */
const NEW_COUNTRY_EVIDENCE = 5;
/** Countries listed in a new-country finding's details. */
const MAX_KNOWN_LISTED = 30;

interface CountryState {
  firstMs: number;
  remote: IpLocation;
  readonly evidence: EarliestEvidence;
}

interface HostState {
  firstMs: number;
  contacts: number;
  readonly countries: Map<string, CountryState>;
}

interface RiskState {
  readonly detector: RiskContacts["detector"];
  readonly host: string;
  readonly remote: IpLocation;
  readonly directions: Record<ContactDirection, number>;
  readonly evidence: EarliestEvidence;
}

/** Location analysis over the event stream (see the module header). */
export class LocationAnalyzer implements Analyzer {
  readonly name = "location";
  readonly options: LocationOptions;
  private readonly riskCountries: ReadonlySet<string>;
  private readonly riskAsns: ReadonlySet<number>;
  private readonly risks = new Map<string, RiskState>();
  private readonly hosts = new Map<string, HostState>();
  private readonly counts = {
    events: 0,
    contacts: 0,
    contactsWithCountry: 0,
    untimedContacts: 0,
    riskPairsDropped: 0,
    hostsDropped: 0,
    newCountrySuppressed: 0,
  };

  /** `lookup` answers where addresses are; `options` override `DEFAULT_LOCATION_OPTIONS` (`E_CONFIG` if bad). */
  constructor(
    private readonly lookup: LocationLookup,
    options: Partial<LocationOptions> = {},
  ) {
    this.options = resolveLocationOptions(options);
    this.riskCountries = new Set(this.options.highRiskCountries);
    this.riskAsns = new Set(this.options.highRiskAsns);
  }

  observe(event: Event): void {
    this.counts.events++;
    const contacts = remoteContacts(event, this.lookup);
    for (const contact of contacts) {
      this.counts.contacts++;
      if (contact.remote.country !== undefined) this.counts.contactsWithCountry++;
      if (contact.remote.country !== undefined && this.riskCountries.has(contact.remote.country))
        this.addRisk("location.high-risk-country", contact, event);
      if (contact.remote.asn !== undefined && this.riskAsns.has(contact.remote.asn))
        this.addRisk("location.high-risk-asn", contact, event);
      this.addCountry(contact, event);
    }
  }

  finish(): Finding[] {
    const findings: Finding[] = [];
    this.counts.newCountrySuppressed = 0;
    for (const r of this.risks.values()) findings.push(riskFinding(r));
    for (const [host, state] of this.hosts) findings.push(...this.newCountries(host, state));
    return findings;
  }

  stats(): Readonly<Record<string, number>> {
    const lookup = this.lookup.stats();
    return {
      ...this.counts,
      riskPairs: this.risks.size,
      hosts: this.hosts.size,
      lookups: lookup.lookups ?? 0,
      lookupCacheEvictions: lookup.cacheEvictions ?? 0,
    };
  }

  private addRisk(detector: RiskState["detector"], contact: RemoteContact, event: Event): void {
    const key = `${detector}|${contact.host}|${contact.remote.address}`;
    let state = this.risks.get(key);
    if (!state) {
      if (this.risks.size >= this.options.maxRiskPairs) {
        this.counts.riskPairsDropped++;
        return;
      }
      state = {
        detector,
        host: contact.host,
        remote: contact.remote,
        directions: { outbound: 0, inbound: 0, external: 0 },
        evidence: new EarliestEvidence(),
      };
      this.risks.set(key, state);
    }
    state.directions[contact.direction]++;
    state.evidence.add(event);
  }

  private addCountry(contact: RemoteContact, event: Event): void {
    const country = contact.remote.country;
    if (country === undefined || contact.host === "" || contact.direction === "external") return;
    if (!event.time) {
      this.counts.untimedContacts++;
      return;
    }
    const ms = event.time.ms;
    let host = this.hosts.get(contact.host);
    if (!host) {
      if (this.hosts.size >= this.options.maxHosts) {
        this.counts.hostsDropped++;
        return;
      }
      host = { firstMs: ms, contacts: 0, countries: new Map() };
      this.hosts.set(contact.host, host);
    }
    host.contacts++;
    if (ms < host.firstMs) host.firstMs = ms;
    let state = host.countries.get(country);
    if (!state) {
      state = { firstMs: ms, remote: contact.remote, evidence: new EarliestEvidence(NEW_COUNTRY_EVIDENCE) };
      host.countries.set(country, state);
    } else if (ms < state.firstMs) {
      state.firstMs = ms;
      state.remote = contact.remote;
    }
    state.evidence.add(event);
  }

  private newCountries(host: string, state: HostState): Finding[] {
    const o = this.options;
    if (state.contacts < o.newCountryMinConnections) return [];
    const learnedBy = state.firstMs + o.newCountryLearningMs;
    const ordered = [...state.countries.entries()].sort((a, b) => a[1].firstMs - b[1].firstMs);
    const findings: Finding[] = [];
    for (let i = 0; i < ordered.length; i++) {
      const [country, c] = ordered[i];
      if (c.firstMs < learnedBy) continue;
      if (findings.length >= o.newCountryMaxPerHost) {
        this.counts.newCountrySuppressed++;
        continue;
      }
      findings.push(
        newCountryFinding({
          host,
          country,
          remote: c.remote,
          evidence: c.evidence,
          knownCountries: ordered
            .slice(0, i)
            .map(([code]) => code)
            .sort()
            .slice(0, MAX_KNOWN_LISTED),
          afterMs: c.firstMs - state.firstMs,
          hostContacts: state.contacts,
        }),
      );
    }
    return findings;
  }
}

/**
 * A location analyzer with the lookup for `options` (opened lazily, shared with other callers).
 * Rejects with `E_GEOIP` when a database cannot be opened, `E_CONFIG` on a bad option.
 */
export async function createLocationAnalyzer(
  options: Partial<LocationOptions> = {},
  diagnostics?: Diagnostics,
): Promise<LocationAnalyzer> {
  const resolved = resolveLocationOptions(options);
  const lookup = await loadLocationLookup(resolved, diagnostics);
  return new LocationAnalyzer(lookup, resolved);
}
