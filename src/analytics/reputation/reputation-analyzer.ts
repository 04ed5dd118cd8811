/**
 * The reputation (評価) analyzer: looks every hash, address, domain and URL of the event stream up in
 * a local indicator list and reports the matches —
 *   - `reputation.malicious` (high) / `reputation.suspicious` (medium): stage by context (C&C for
 *     addresses, domains and URLs; delivery for downloaded files; installation for files on disk,
 *     processes and loaded images);
 *   - `reputation.known-good` (info): a benign-listed hash (or address, domain), counter-evidence for
 *     later triage.
 * One finding per (verdict, host, matched value, context), evidence capped at MAX_EVIDENCE with a count.
 * State is bounded by `maxTracked` groups; new groups beyond it are counted in `stats()`.
 * Input: normalized events. Output: `reputation.*` findings.
 */
import type { Event } from "../../events/event.js";
import { type Analyzer, type Finding, MAX_EVIDENCE } from "../../findings/finding.js";
import { parseIp } from "../location/ip-address.js";
import { hostKey } from "../process/host-key.js";
import { canonicalDomain, canonicalUrl, type Indicator } from "./indicator.js";
import type { IndicatorList, IndicatorMatch } from "./indicator-list.js";
import { eachObservation, type Observation } from "./observations.js";
import {
  CONTEXT_STAGE,
  type MatchGroup,
  reputationFinding,
  VERDICT_DETECTORS,
} from "./reputation-findings.js";
import { type ReputationOptions, reputationOptions } from "./reputation-options.js";

interface AddressHit {
  readonly hit: IndicatorMatch;
  readonly matched: string;
}

/** Reputation analysis over the event stream (see the module header). */
export class ReputationAnalyzer implements Analyzer {
  readonly name = "reputation";
  readonly options: ReputationOptions;
  private readonly groups = new Map<string, MatchGroup>();
  private readonly counts = {
    events: 0,
    lookups: 0,
    matches: 0,
    groupsNotTracked: 0,
    knownGoodIgnored: 0,
    addressCacheHits: 0,
    addressCacheResets: 0,
  };
  /** Address text → its match (null: no match), bounded by `addressCacheSize` (cleared when full) */
  private readonly addressCache = new Map<string, AddressHit | null>();
  private readonly visit = (o: Observation): void => this.lookup(o);
  private current: Event | undefined;
  /** Set once a hash of the current event matched: its other hashes name the same file */
  private fileMatched = false;

  /** `list` is the loaded indicator list; `options` override `DEFAULT_REPUTATION_OPTIONS` (`E_CONFIG` if bad). */
  constructor(
    readonly list: IndicatorList,
    options: Partial<ReputationOptions> = {},
  ) {
    this.options = reputationOptions(options);
  }

  observe(event: Event): void {
    this.counts.events++;
    this.current = event;
    this.fileMatched = false;
    eachObservation(event, this.visit, this.options.checkSourceAddresses);
    this.current = undefined;
  }

  finish(): Finding[] {
    const out: Finding[] = [];
    for (const g of this.groups.values()) out.push(reputationFinding(g, this.confidenceOf(g)));
    return out.sort(
      (a, b) => (a.first?.ms ?? 0) - (b.first?.ms ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  stats(): Readonly<Record<string, number>> {
    return { ...this.counts, groupsTracked: this.groups.size, indicators: this.list.size };
  }

  private lookup(o: Observation): void {
    const list = this.list;
    let hit: IndicatorMatch | undefined;
    let matched: string | undefined;
    switch (o.kind) {
      case "hash": {
        if (!list.hasHashes || this.fileMatched) return;
        this.counts.lookups++;
        const h = list.lookupHash(o.value);
        if (h) {
          this.fileMatched = true;
          hit = { indicator: h, kind: "exact" };
          matched = h.value;
        }
        break;
      }
      case "address": {
        if (!list.hasAddresses) return;
        this.counts.lookups++;
        const r = this.addressLookup(o.value);
        if (r) {
          hit = r.hit;
          matched = r.matched;
        }
        break;
      }
      case "domain": {
        if (list.hasDomains) {
          this.counts.lookups++;
          hit = list.lookupDomain(o.value);
          matched = hit ? canonicalDomain(o.value) : undefined;
        }
        if (!hit && list.hasAddresses) {
          // an HTTP Host or SNI may be a bare address
          const ip = parseIp(o.value);
          if (ip) {
            hit = list.lookupIp(ip);
            matched = ip.text;
          }
        }
        break;
      }
      case "url": {
        if (!list.hasUrls) return;
        this.counts.lookups++;
        hit = list.lookupUrl(o.value);
        matched = hit ? canonicalUrl(o.value) : undefined;
        break;
      }
    }
    if (hit && matched !== undefined) this.record(hit, matched, o);
  }

  /** An address lookup through the bounded result cache (logs repeat the same few addresses a lot). */
  private addressLookup(text: string): AddressHit | undefined {
    const cached = this.addressCache.get(text);
    if (cached !== undefined) {
      this.counts.addressCacheHits++;
      return cached ?? undefined;
    }
    const ip = parseIp(text);
    const hit = ip ? this.list.lookupIp(ip) : undefined;
    const result = ip && hit ? { hit, matched: ip.text } : null;
    if (this.addressCache.size >= this.options.addressCacheSize) {
      this.addressCache.clear();
      this.counts.addressCacheResets++;
    }
    this.addressCache.set(text, result);
    return result ?? undefined;
  }

  private record(hit: IndicatorMatch, matched: string, o: Observation): void {
    const event = this.current;
    if (!event) return;
    const i = hit.indicator;
    if (i.verdict === "benign" && !this.options.reportKnownGood) {
      this.counts.knownGoodIgnored++;
      return;
    }
    this.counts.matches++;
    const host = event.host || o.peer || "";
    const stage = CONTEXT_STAGE[o.context];
    const detector = VERDICT_DETECTORS[i.verdict];
    const key = `${detector}|${hostKey(host)}|${matched}|${o.context}`;
    let g = this.groups.get(key);
    if (!g) {
      if (this.groups.size >= this.options.maxTracked) {
        this.counts.groupsNotTracked++;
        return;
      }
      g = {
        detector,
        indicator: i,
        match: hit.kind,
        observation: o,
        matched,
        host,
        stage,
        first: event.time,
        last: event.time,
        evidence: [],
        count: 0,
      };
      this.groups.set(key, g);
    }
    g.count++;
    if (g.evidence.length < MAX_EVIDENCE) g.evidence.push(event.provenance);
    const t = event.time;
    if (t) {
      if (!g.first || t.ms < g.first.ms) g.first = t;
      if (!g.last || t.ms > g.last.ms) g.last = t;
    }
  }

  private confidenceOf(g: MatchGroup): number {
    const o = this.options;
    const i: Indicator = g.indicator;
    if (i.verdict === "benign") return o.knownGoodConfidence;
    const base = i.confidence ?? (i.verdict === "malicious" ? o.maliciousConfidence : o.suspiciousConfidence);
    return g.match === "exact" ? base : base * o.inexactMatchFactor;
  }
}
