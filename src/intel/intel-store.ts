/**
 * The one indicator store: indicators indexed for lookups. Hashes, addresses, domains and URLs sit
 * in one hash map keyed `type|value` (O(1)); CIDR blocks per prefix length (one probe per distinct
 * length, most specific first); a domain also matches its subdomains (one probe per label); a URL
 * falls back to the same URL without its query. A value added twice is merged: highest confidence,
 * earliest firstSeen, latest lastSeen, the union of sources and tags.
 * Input: `IntelIndicator`s. Output: `IntelMatch`es with the decayed confidence at lookup time.
 */
import { type DecayState, decayState } from "./decay.js";
import {
  canonicalIntelDomain,
  canonicalIntelUrl,
  hexHashType,
  type IntelIndicator,
  type IntelType,
  INTEL_CIDR_OPTIONS,
  inferIntelType,
  refang,
} from "./intel-indicator.js";
import { parseCidr, parseIpAddress, prefixMask } from "../events/ip-address.js";

/** How a looked-up value matched. */
export const INTEL_MATCH_KINDS = ["exact", "cidr", "subdomain", "url-path"] as const;
export type IntelMatchKind = (typeof INTEL_MATCH_KINDS)[number];

/** One hit of a lookup. */
export interface IntelMatch {
  readonly indicator: IntelIndicator;
  readonly kind: IntelMatchKind;
  readonly state: DecayState;
}

/** Options of `lookup`. */
export interface IntelLookupOptions {
  /** ms since the epoch; default Date.now() */
  readonly now?: number;
  /** Return expired indicators too (flagged in `state.expired`) */
  readonly includeExpired?: boolean;
}

/** Most sources / tags kept per indicator when merging. */
const MAX_MERGED = 32;

function union(a: readonly string[], b: readonly string[]): readonly string[] {
  if (b.every((x) => a.includes(x))) return a;
  return [...new Set([...a, ...b])].slice(0, MAX_MERGED);
}

function minTime(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(b) < Date.parse(a) ? b : a;
}

function maxTime(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** Merges a second sighting of the same value into the first. */
export function mergeIntel(a: IntelIndicator, b: IntelIndicator): IntelIndicator {
  const killChain = union(a.killChain ?? [], b.killChain ?? []);
  const firstSeen = minTime(a.firstSeen, b.firstSeen);
  const lastSeen = maxTime(a.lastSeen, b.lastSeen);
  const expires =
    a.expires === undefined || b.expires === undefined ? undefined : maxTime(a.expires, b.expires);
  const family = a.family ?? b.family;
  const threat = a.threat ?? b.threat;
  const origin = b.origin ?? a.origin;
  return {
    type: a.type,
    value: a.value,
    sources: union(a.sources, b.sources),
    confidence: Math.max(a.confidence, b.confidence),
    tags: union(a.tags, b.tags),
    imported: minTime(a.imported, b.imported) ?? a.imported,
    ...(firstSeen !== undefined && { firstSeen }),
    ...(lastSeen !== undefined && { lastSeen }),
    ...(family !== undefined && { family }),
    ...(threat !== undefined && { threat }),
    ...(killChain.length > 0 && { killChain }),
    ...(expires !== undefined && { expires }),
    ...(origin !== undefined && { origin }),
  };
}

/** An in-memory, indexed indicator store. */
export class IntelStore {
  private readonly byKey = new Map<string, IntelIndicator>();
  private readonly blocks = { 4: new Map<number, Map<bigint, IntelIndicator>>(), 6: new Map() } as {
    4: Map<number, Map<bigint, IntelIndicator>>;
    6: Map<number, Map<bigint, IntelIndicator>>;
  };
  private prefixes: { 4: number[]; 6: number[] } = { 4: [], 6: [] };
  private blockCount = 0;
  private domainCount = 0;
  private urlCount = 0;

  /** Number of distinct indicators. */
  get size(): number {
    return this.byKey.size + this.blockCount;
  }

  /** Adds (or merges) an indicator whose value is canonical. Returns true when it was new. */
  add(indicator: IntelIndicator): boolean {
    if (indicator.type === "cidr") return this.addBlock(indicator);
    const key = `${indicator.type}|${indicator.value}`;
    const previous = this.byKey.get(key);
    this.byKey.set(key, previous ? mergeIntel(previous, indicator) : indicator);
    if (!previous && indicator.type === "domain") this.domainCount++;
    if (!previous && indicator.type === "url") this.urlCount++;
    return previous === undefined;
  }

  /** The stored indicator of exactly this type and canonical value. */
  get(type: IntelType, value: string): IntelIndicator | undefined {
    if (type !== "cidr") return this.byKey.get(`${type}|${value}`);
    const cidr = parseCidr(value, INTEL_CIDR_OPTIONS);
    return cidr ? this.blocks[cidr.version].get(cidr.prefix)?.get(cidr.base) : undefined;
  }

  /** Every indicator (hashes, addresses, domains, URLs, then blocks). */
  *entries(): IterableIterator<IntelIndicator> {
    yield* this.byKey.values();
    for (const v of [4, 6] as const) for (const m of this.blocks[v].values()) yield* m.values();
  }

  /** Counts per type. */
  counts(): Partial<Record<IntelType, number>> {
    const out: Partial<Record<IntelType, number>> = {};
    for (const i of this.entries()) out[i.type] = (out[i.type] ?? 0) + 1;
    return out;
  }

  /**
   * Looks a value up: a hash (32 hex digits are tried as md5 and as imphash), an address (exact, then the
   * most specific block), a domain (itself, then its parents), or a URL (exact, then without its query).
   */
  lookup(raw: string, options: IntelLookupOptions = {}): IntelMatch[] {
    const now = options.now ?? Date.now();
    const text = refang(raw.trim());
    const hits: { indicator: IntelIndicator; kind: IntelMatchKind }[] = [];
    const type = inferIntelType(text);
    const hash = hexHashType(text);
    if (hash) {
      const key = text.toLowerCase();
      for (const t of hash === "md5" ? (["md5", "imphash"] as const) : [hash]) {
        const hit = this.byKey.get(`${t}|${key}`);
        if (hit) hits.push({ indicator: hit, kind: "exact" });
      }
    } else if (type === "ipv4" || type === "ipv6") {
      const hit = this.lookupIp(text);
      if (hit) hits.push(hit);
    } else if (type === "cidr") {
      const hit = this.get("cidr", text);
      if (hit) hits.push({ indicator: hit, kind: "exact" });
    } else if (type === "domain") {
      const hit = this.lookupDomain(text);
      if (hit) hits.push(hit);
    } else if (type === "url") {
      const hit = this.lookupUrl(text);
      if (hit) hits.push(hit);
    }
    const out: IntelMatch[] = [];
    for (const h of hits) {
      const state = decayState(h.indicator, now);
      if (!state.expired || options.includeExpired) out.push({ ...h, state });
    }
    return out;
  }

  /** Exact address, else the most specific containing block. */
  lookupIp(text: string): { indicator: IntelIndicator; kind: IntelMatchKind } | undefined {
    const ip = parseIpAddress(text);
    if (!ip) return undefined;
    const exact = this.byKey.get(`ipv${ip.version}|${ip.text}`);
    if (exact) return { indicator: exact, kind: "exact" };
    const bits = ip.version === 4 ? 32 : 128;
    for (const p of this.prefixes[ip.version]) {
      const hit = this.blocks[ip.version].get(p)?.get(ip.value & prefixMask(bits, p));
      if (hit) return { indicator: hit, kind: "cidr" };
    }
    return undefined;
  }

  /** The domain or its closest listed parent. */
  lookupDomain(name: string): { indicator: IntelIndicator; kind: IntelMatchKind } | undefined {
    if (this.domainCount === 0) return undefined;
    const d = canonicalIntelDomain(name);
    if (d === undefined) return undefined;
    let suffix = d;
    // bounded: one step per label (canonicalIntelDomain caps the label count)
    for (;;) {
      const hit = this.byKey.get(`domain|${suffix}`);
      if (hit) return { indicator: hit, kind: suffix === d ? "exact" : "subdomain" };
      const dot = suffix.indexOf(".");
      if (dot < 0) return undefined;
      suffix = suffix.slice(dot + 1);
    }
  }

  /** The URL, else the same URL without its query. */
  lookupUrl(url: string): { indicator: IntelIndicator; kind: IntelMatchKind } | undefined {
    if (this.urlCount === 0) return undefined;
    const key = canonicalIntelUrl(url);
    if (key === undefined) return undefined;
    const exact = this.byKey.get(`url|${key}`);
    if (exact) return { indicator: exact, kind: "exact" };
    const q = key.indexOf("?");
    const path = q < 0 ? undefined : this.byKey.get(`url|${key.slice(0, q)}`);
    return path ? { indicator: path, kind: "url-path" } : undefined;
  }

  private addBlock(indicator: IntelIndicator): boolean {
    const cidr = parseCidr(indicator.value, INTEL_CIDR_OPTIONS);
    if (!cidr) throw new Error(`not a CIDR block: ${indicator.value}`);
    const byPrefix = this.blocks[cidr.version];
    let byBase = byPrefix.get(cidr.prefix);
    if (!byBase) {
      byBase = new Map();
      byPrefix.set(cidr.prefix, byBase);
      this.prefixes[cidr.version] = [...byPrefix.keys()].sort((a, b) => b - a);
    }
    const previous = byBase.get(cidr.base);
    byBase.set(cidr.base, previous ? mergeIntel(previous, indicator) : indicator);
    if (!previous) this.blockCount++;
    return previous === undefined;
  }
}
