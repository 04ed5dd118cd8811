/**
 * The pairs the frequency module tracks (ip, sni, dns, process), bounded: at most `maxPairs`; when
 * full, the least active 10% (fewest connections) are evicted at once and counted, so a late but
 * busy pair (a beacon that starts at the end of a large capture) still gets in. A global budget of
 * stored samples is shared by all pairs; beyond it samples are only counted.
 * Input: connections by pair key. Output: PairState objects for scoring.
 */
import { Evidence } from "../evidence.js";
import type { FlowKey } from "../flow-attribution.js";
import type { BeaconKind } from "./frequency-options.js";
import { PairSamples } from "./pair-samples.js";

/** Most destination addresses (server/proxy) remembered per name pair, as RITA (groupUniqArray(10)). */
export const MAX_PAIR_ADDRESSES = 10;
/** Most destination ports remembered per pair. */
export const MAX_PAIR_PORTS = 20;
/** Flows remembered per pair to attribute it to a process in `finish`. */
export const MAX_PAIR_PROBES = 3;
/** Open connections (Zeek open_conn uids) remembered per pair for the long-connection time. */
export const MAX_OPEN_UIDS = 16;

export interface PairIdentity {
  readonly kind: BeaconKind;
  readonly key: string;
  /** Which dataset time range the pair's windows use: `zeek` or `host:<name>` */
  readonly rangeKey: string;
  /** Source address, or the host name for process pairs */
  readonly src: string;
  /** Destination address or name */
  readonly dst: string;
  /** The host the finding is about */
  readonly host: string;
  readonly image?: string;
}

/** Everything tracked about one pair. */
export interface PairState extends PairIdentity {
  readonly samples: PairSamples;
  readonly evidence: Evidence;
  /** Connections seen (stored or not) */
  count: number;
  /** Sum of finished connection durations (s) */
  durationSum: number;
  /** Longest single connection (s), finished or still open */
  longest: number;
  /** Open connections: uid → longest duration seen so far (s) */
  readonly open: Map<string, number>;
  /** uids of finished connections that had open_conn rows */
  readonly closed: Set<string>;
  readonly addresses: Set<string>;
  readonly ports: Set<number>;
  /** Requests through a proxy (HTTP CONNECT) */
  proxied: number;
  processGuid?: string;
  readonly probes: FlowKey[];
}

export class PairTable {
  private readonly pairs = new Map<string, PairState>();
  private samplesStored = 0;
  private evictedPairs = 0;
  private samplesCountedOnly = 0;

  constructor(
    private readonly maxPairs: number,
    private readonly maxSamplesPerPair: number,
    private readonly maxSamplesTotal: number,
  ) {}

  /** The pair for an identity, created (evicting if full) when new. */
  get(identity: PairIdentity): PairState | undefined {
    const hit = this.pairs.get(identity.key);
    if (hit) return hit;
    if (this.maxPairs < 1) return undefined;
    if (this.pairs.size >= this.maxPairs) this.evictLeastActive();
    const state: PairState = {
      ...identity,
      samples: new PairSamples(this.maxSamplesPerPair),
      evidence: new Evidence(),
      count: 0,
      durationSum: 0,
      longest: 0,
      open: new Map(),
      closed: new Set(),
      addresses: new Set(),
      ports: new Set(),
      proxied: 0,
      probes: [],
    };
    this.pairs.set(identity.key, state);
    return state;
  }

  /** Stores a sample within the global budget (else only counts it). */
  addSample(pair: PairState, second: number, bytes: number | undefined, uid: string | undefined): void {
    if (this.samplesStored >= this.maxSamplesTotal) {
      pair.samples.countOnly(second);
      this.samplesCountedOnly++;
      return;
    }
    const before = pair.samples.stored;
    const after = pair.samples.add({ second, bytes, uid });
    this.samplesStored += after - before;
  }

  private evictLeastActive(): void {
    const all = [...this.pairs.values()];
    all.sort((a, b) => a.count - b.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const n = Math.max(1, Math.floor(all.length / 10));
    for (let i = 0; i < n; i++) {
      this.samplesStored -= all[i].samples.stored;
      this.pairs.delete(all[i].key);
    }
    this.evictedPairs += n;
  }

  values(): IterableIterator<PairState> {
    return this.pairs.values();
  }

  get size(): number {
    return this.pairs.size;
  }

  stats(): Record<string, number> {
    return {
      pairs: this.pairs.size,
      pairsEvicted: this.evictedPairs,
      samplesStored: this.samplesStored,
      samplesCountedOnly: this.samplesCountedOnly,
    };
  }
}
