/**
 * The reputation (評価) analyzer: looks every hash, address, domain and URL of the event stream up in
 * the allow-list (known good, scoped by host / user) and then in the intel store, and reports —
 *   - `reputation.malicious` (high) / `reputation.suspicious` (medium): a store match, malicious when its
 *     decayed confidence reaches `maliciousThreshold`; stage by context (C&C for addresses, domains and
 *     URLs; delivery for downloaded files; installation for files on disk, processes and loaded images);
 *   - `reputation.known-good` (info): an allow-listed hash, path, signer or destination — counter-evidence
 *     for later triage (an allow-list entry wins over a store match).
 * One finding per (verdict, host, matched value, context), evidence capped at MAX_EVIDENCE with a count.
 * It also remembers, bounded, each process image's SHA256 and external destinations for `--online`.
 * Input: normalized events. Output: `reputation.*` findings.
 */
import type { Event } from "../../events/event.js";
import { type Analyzer, type Finding, MAX_EVIDENCE } from "../../findings/finding.js";
import type { AllowContext, AllowEntry, AllowList } from "../../intel/allow-list.js";
import { canonicalIntelDomain, canonicalIntelUrl, hexHashType } from "../../intel/intel-indicator.js";
import type { IntelStore } from "../../intel/intel-store.js";
import { parseIpAddress } from "../../events/ip-address.js";
import { textField } from "../process/event-fields.js";
import { hostKey } from "../process/host-key.js";
import { ImageFacts } from "./image-facts.js";
import { type Indicator, indicatorOfAllowEntry, indicatorOfIntel, type MatchKind } from "./indicator.js";
import { eachObservation, type Observation } from "./observations.js";
import {
  CONTEXT_STAGE,
  type MatchGroup,
  reputationFinding,
  VERDICT_DETECTORS,
} from "./reputation-findings.js";
import { type ReputationOptions, reputationOptions } from "./reputation-options.js";

/** What the analyzer looks values up in. */
export interface ReputationSources {
  readonly store: IntelStore;
  readonly allowList: AllowList;
  /** The files they were read from (for the run summary) */
  readonly files: readonly string[];
  /** Lookup time for decay and expiry, ms since the epoch (default: now) */
  readonly now?: number;
}

interface Hit {
  readonly indicator: Indicator;
  readonly match: MatchKind;
  readonly matched: string;
}

/** Reputation analysis over the event stream (see the module header). */
export class ReputationAnalyzer implements Analyzer {
  readonly name = "reputation";
  readonly options: ReputationOptions;
  /** Per process image: its SHA256 and external destinations (for online lookups) */
  readonly images = new ImageFacts();
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
  /** Address text → its store hit (null: none), bounded by `addressCacheSize` (cleared when full) */
  private readonly addressCache = new Map<string, Hit | null>();
  private readonly visit = (o: Observation): void => this.lookup(o);
  private readonly now: number;
  private current: Event | undefined;
  private context: AllowContext = {};
  /** Set once a hash of the current event matched: its other hashes name the same file */
  private fileMatched = false;

  /** `options` override `DEFAULT_REPUTATION_OPTIONS` (`E_CONFIG` if bad). */
  constructor(
    readonly sources: ReputationSources,
    options: Partial<ReputationOptions> = {},
  ) {
    this.options = reputationOptions(options);
    this.now = sources.now ?? Date.now();
  }

  observe(event: Event): void {
    this.counts.events++;
    this.current = event;
    this.fileMatched = false;
    this.context = { host: event.host || undefined, user: textField(event.fields, "User") };
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
    return {
      ...this.counts,
      groupsTracked: this.groups.size,
      indicators: this.sources.store.size,
      allowEntries: this.sources.allowList.size,
      imagesRemembered: this.images.size,
    };
  }

  private lookup(o: Observation): void {
    const event = this.current;
    if (!event) return;
    this.images.note(event, o);
    let hit: Hit | undefined;
    switch (o.kind) {
      case "hash":
        if (this.fileMatched) return;
        hit = this.hashLookup(o, event);
        if (hit) this.fileMatched = true;
        break;
      case "address":
        hit =
          this.allowed("destination", o.value, parseIpAddress(o.value)?.text) ?? this.addressLookup(o.value);
        break;
      case "domain": {
        const ip = parseIpAddress(o.value);
        const key = ip ? ip.text : canonicalIntelDomain(o.value);
        if (key === undefined) return;
        hit = this.allowed("destination", o.value, key) ?? this.storeLookup(o.value, key);
        break;
      }
      case "url": {
        const key = canonicalIntelUrl(o.value);
        if (key === undefined) return;
        const host = key.slice(0, key.indexOf("/"));
        hit = this.allowed("destination", host, key) ?? this.storeLookup(o.value, key);
        break;
      }
    }
    if (hit) this.record(hit, o, event);
  }

  private hashLookup(o: Observation, event: Event): Hit | undefined {
    this.counts.lookups++;
    const matched = o.value.toUpperCase();
    const allowedHash = this.allowed("hash", o.value, matched);
    if (allowedHash) return allowedHash;
    if (o.path !== undefined) {
      const byPath = this.allowed("path", o.path, matched);
      if (byPath) return byPath;
    }
    const signer = textField(event.fields, "Signature");
    const status = textField(event.fields, "SignatureStatus");
    if (signer && (status === undefined || status.toLowerCase() === "valid")) {
      const bySigner = this.allowed("signer", signer, matched);
      if (bySigner) return bySigner;
    }
    const type = hexHashType(o.value);
    const m = this.sources.store.lookup(o.value, { now: this.now }).find((x) => x.indicator.type === type);
    return m
      ? { indicator: indicatorOfIntel(m, this.options.maliciousThreshold), match: m.kind, matched }
      : undefined;
  }

  /** The allow-list hit for `value` of `kind` in the current event's host / user context. */
  private allowed(kind: AllowEntry["kind"], value: string, matched: string | undefined): Hit | undefined {
    if (matched === undefined || this.sources.allowList.size === 0) return undefined;
    const e = this.sources.allowList.match(kind, value, this.context);
    if (!e) return undefined;
    const match: MatchKind =
      kind === "path" && e.value.includes("*")
        ? "pattern"
        : kind === "destination" && e.value.includes("/")
          ? "cidr"
          : kind === "destination" && e.value !== matched && !matched.startsWith(`${e.value}/`)
            ? "subdomain"
            : "exact";
    return { indicator: indicatorOfAllowEntry(e), match, matched };
  }

  private storeLookup(value: string, matched: string): Hit | undefined {
    this.counts.lookups++;
    const m = this.sources.store.lookup(value, { now: this.now })[0];
    return m
      ? { indicator: indicatorOfIntel(m, this.options.maliciousThreshold), match: m.kind, matched }
      : undefined;
  }

  /** A store lookup of an address through the bounded result cache (logs repeat the same few addresses). */
  private addressLookup(text: string): Hit | undefined {
    const cached = this.addressCache.get(text);
    if (cached !== undefined) {
      this.counts.addressCacheHits++;
      return cached ?? undefined;
    }
    const ip = parseIpAddress(text);
    const result = (ip && this.storeLookup(ip.text, ip.text)) ?? null;
    if (this.addressCache.size >= this.options.addressCacheSize) {
      this.addressCache.clear();
      this.counts.addressCacheResets++;
    }
    this.addressCache.set(text, result);
    return result ?? undefined;
  }

  private record(hit: Hit, o: Observation, event: Event): void {
    const i = hit.indicator;
    if (i.verdict === "benign" && !this.options.reportKnownGood) {
      this.counts.knownGoodIgnored++;
      return;
    }
    this.counts.matches++;
    const host = event.host || o.peer || "";
    const detector = VERDICT_DETECTORS[i.verdict];
    const key = `${detector}|${hostKey(host)}|${hit.matched}|${o.context}`;
    let g = this.groups.get(key);
    if (!g) {
      if (this.groups.size >= this.options.maxTracked) {
        this.counts.groupsNotTracked++;
        return;
      }
      g = {
        detector,
        indicator: i,
        match: hit.match,
        observation: o,
        matched: hit.matched,
        host,
        stage: CONTEXT_STAGE[o.context],
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
    const i = g.indicator;
    if (i.verdict === "benign") return this.options.knownGoodConfidence;
    const base = i.confidence ?? 0;
    return g.match === "exact" ? base : base * this.options.inexactMatchFactor;
  }
}
