/**
 * The loaded indicator list, indexed for the per-event lookups of the reputation analyzer: hashes,
 * addresses and URLs in hash maps (O(1)); CIDR blocks per prefix length (one map probe per distinct
 * prefix length in the list, most specific first); domains by suffix (one probe per label of the name
 * looked up, so `evil.example` matches `a.evil.example`). A value listed twice keeps the stronger
 * verdict (malicious > suspicious > benign).
 * Input: `Indicator`s (from `loadIndicatorList`, or added directly). Output: `IndicatorMatch`es.
 */
import { parseCidr } from "../location/cidr.js";
import { type IpAddress, parseIp } from "../location/ip-address.js";
import { canonicalDomain, canonicalUrl, type Indicator, type IndicatorType, VERDICTS } from "./indicator.js";

/** How an observed value matched its indicator. */
export const MATCH_KINDS = ["exact", "cidr", "subdomain", "url-path"] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/** One hit: the indicator and how the observed value matched it. */
export interface IndicatorMatch {
  readonly indicator: Indicator;
  readonly kind: MatchKind;
}

/** What `add` did with an indicator. */
export type AddResult =
  | { readonly added: true }
  | { readonly added: false; readonly previous: Indicator; readonly kept: Indicator };

const ALL_128 = (1n << 128n) - 1n;

/** Prefix length of a contiguous mask: its number of one bits. */
function maskBits(mask: number | bigint): number {
  let m = BigInt(mask);
  let n = 0;
  while (m > 0n) {
    n += Number(m & 1n);
    m >>= 1n;
  }
  return n;
}

function stronger(a: Indicator, b: Indicator): Indicator {
  return VERDICTS.indexOf(b.verdict) < VERDICTS.indexOf(a.verdict) ? b : a;
}

/** An in-memory, indexed indicator list. */
export class IndicatorList {
  private readonly hashes = new Map<string, Indicator>();
  private readonly addresses = new Map<string, Indicator>();
  private readonly domains = new Map<string, Indicator>();
  private readonly urls = new Map<string, Indicator>();
  private readonly v4Blocks = new Map<number, Map<number, Indicator>>();
  private readonly v6Blocks = new Map<number, Map<bigint, Indicator>>();
  private v4Prefixes: number[] = [];
  private v6Prefixes: number[] = [];
  private readonly perType = new Map<IndicatorType, number>();
  /** Files the list was loaded from, in order */
  readonly files: string[] = [];

  /** Number of distinct indicators. */
  get size(): number {
    let n = 0;
    for (const c of this.perType.values()) n += c;
    return n;
  }

  /** Distinct indicators per type. */
  counts(): Readonly<Partial<Record<IndicatorType, number>>> {
    return Object.fromEntries(this.perType);
  }

  /** True when the list has indicators of a type that addresses can match (addresses or blocks). */
  get hasAddresses(): boolean {
    return this.addresses.size > 0 || this.v4Prefixes.length > 0 || this.v6Prefixes.length > 0;
  }

  get hasHashes(): boolean {
    return this.hashes.size > 0;
  }

  get hasDomains(): boolean {
    return this.domains.size > 0;
  }

  get hasUrls(): boolean {
    return this.urls.size > 0;
  }

  /** Adds an indicator whose `value` is canonical (see indicator.ts); a duplicate keeps the stronger verdict. */
  add(indicator: Indicator): AddResult {
    switch (indicator.type) {
      case "md5":
      case "sha1":
      case "sha256":
        return this.put(this.hashes, indicator.value, indicator);
      case "ipv4":
      case "ipv6":
        return this.put(this.addresses, indicator.value, indicator);
      case "domain":
        return this.put(this.domains, indicator.value, indicator);
      case "url":
        return this.put(this.urls, indicator.value, indicator);
      case "cidr":
        return this.addBlock(indicator);
    }
  }

  /** A hash (any case; MD5, SHA1 or SHA256 hex) → its indicator. */
  lookupHash(hex: string): Indicator | undefined {
    return this.hashes.get(hex.toUpperCase());
  }

  /** An address (text or parsed) → an exact indicator, else the most specific CIDR block containing it. */
  lookupIp(address: string | IpAddress): IndicatorMatch | undefined {
    const ip = typeof address === "string" ? parseIp(address) : address;
    if (!ip) return undefined;
    const exact = this.addresses.get(ip.text);
    if (exact) return { indicator: exact, kind: "exact" };
    if (ip.version === 4) {
      for (const p of this.v4Prefixes) {
        const mask = p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0;
        const hit = this.v4Blocks.get(p)?.get((ip.value & mask) >>> 0);
        if (hit) return { indicator: hit, kind: "cidr" };
      }
      return undefined;
    }
    const value = (ip.hi << 64n) | ip.lo;
    for (const p of this.v6Prefixes) {
      const mask = p === 0 ? 0n : (ALL_128 << BigInt(128 - p)) & ALL_128;
      const hit = this.v6Blocks.get(p)?.get(value & mask);
      if (hit) return { indicator: hit, kind: "cidr" };
    }
    return undefined;
  }

  /** A domain name → the indicator for it or for its closest listed parent domain. */
  lookupDomain(name: string): IndicatorMatch | undefined {
    if (this.domains.size === 0) return undefined;
    const d = canonicalDomain(name);
    if (d === undefined) return undefined;
    let suffix = d;
    // bounded: one step per label (canonicalDomain caps the label count)
    for (;;) {
      const hit = this.domains.get(suffix);
      if (hit) return { indicator: hit, kind: suffix === d ? "exact" : "subdomain" };
      const dot = suffix.indexOf(".");
      if (dot < 0) return undefined;
      suffix = suffix.slice(dot + 1);
    }
  }

  /** A URL (any form canonicalUrl takes) → the indicator for it, else for the same URL without its query. */
  lookupUrl(url: string): IndicatorMatch | undefined {
    if (this.urls.size === 0) return undefined;
    const key = canonicalUrl(url);
    if (key === undefined) return undefined;
    const exact = this.urls.get(key);
    if (exact) return { indicator: exact, kind: "exact" };
    const q = key.indexOf("?");
    const path = q < 0 ? undefined : this.urls.get(key.slice(0, q));
    return path ? { indicator: path, kind: "url-path" } : undefined;
  }

  private put(map: Map<string, Indicator>, key: string, indicator: Indicator): AddResult {
    const previous = map.get(key);
    if (!previous) {
      map.set(key, indicator);
      this.perType.set(indicator.type, (this.perType.get(indicator.type) ?? 0) + 1);
      return { added: true };
    }
    const kept = stronger(previous, indicator);
    map.set(key, kept);
    return { added: false, previous, kept };
  }

  private addBlock(indicator: Indicator): AddResult {
    const cidr = parseCidr(indicator.value);
    if (!cidr) throw new Error(`not a CIDR block: ${indicator.value}`);
    const prefix = maskBits(cidr.mask);
    if (cidr.version === 4)
      return this.putBlock(this.v4Blocks, prefix, cidr.base, indicator, (p) => {
        this.v4Prefixes = p;
      });
    return this.putBlock(this.v6Blocks, prefix, cidr.base & ALL_128, indicator, (p) => {
      this.v6Prefixes = p;
    });
  }

  private putBlock<K extends number | bigint>(
    blocks: Map<number, Map<K, Indicator>>,
    prefix: number,
    base: K,
    indicator: Indicator,
    setPrefixes: (prefixes: number[]) => void,
  ): AddResult {
    let byBase = blocks.get(prefix);
    if (!byBase) {
      byBase = new Map();
      blocks.set(prefix, byBase);
      setPrefixes([...blocks.keys()].sort((a, b) => b - a));
    }
    const previous = byBase.get(base);
    if (!previous) {
      byBase.set(base, indicator);
      this.perType.set("cidr", (this.perType.get("cidr") ?? 0) + 1);
      return { added: true };
    }
    const kept = stronger(previous, indicator);
    byBase.set(base, kept);
    return { added: false, previous, kept };
  }
}
