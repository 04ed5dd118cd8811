/**
 * Options of the volume module (データ量: bytes per host and destination, outliers), one object with
 * defaults that work out of the box. Every field is documented in docs/analytics-network.md.
 */
import { DEFAULT_INTERNAL_NETWORKS, type Direction } from "../direction.js";

export interface VolumeOptions {
  /** CIDR blocks that are ours (see direction.ts) */
  readonly internalNetworks: readonly string[];
  /** Directions of the pairs measured (default: towards the Internet, where data leaves or arrives) */
  readonly volumeDirections: readonly Direction[];
  /** A pair needs this many connections before one of them can stand out from its baseline */
  readonly pairMinConnections: number;
  /** A connection must carry at least this many bytes (one way) to be a spike */
  readonly spikeMinBytes: number;
  /** … and at least this many times the pair's median for that direction */
  readonly spikeMinRatio: number;
  /** … and a robust z-score (median + 1.4826·MAD) at least this */
  readonly spikeMinZ: number;
  /**
   * Spikes may be at most this share of the pair's connections (at least one may always stand out):
   * a pair with many big transfers is simply a busy pair (a browser that downloads now and then)
   */
  readonly spikeMaxShare: number;
  /** A destination's total bytes sent by a host must reach this to be an exfiltration candidate */
  readonly exfilMinBytes: number;
  /** A host needs this many destinations for its own baseline of bytes sent per destination */
  readonly hostMinDestinations: number;
  /** Robust z-score of a destination's total against the host's baseline */
  readonly hostMinZ: number;
  /** Pairs (host, destination) tracked at most (beyond: counted) */
  readonly maxVolumePairs: number;
  /** Connection sizes kept per pair for its baseline (the first ones) */
  readonly baselineSamples: number;
  /** Spike candidates kept per pair (the largest) */
  readonly maxSpikesPerPair: number;
}

export const DEFAULT_VOLUME_OPTIONS: VolumeOptions = {
  internalNetworks: DEFAULT_INTERNAL_NETWORKS,
  volumeDirections: ["outbound"],
  pairMinConnections: 8,
  spikeMinBytes: 100_000,
  spikeMinRatio: 100,
  spikeMinZ: 6,
  spikeMaxShare: 0.05,
  exfilMinBytes: 5_000_000,
  hostMinDestinations: 5,
  hostMinZ: 6,
  maxVolumePairs: 20_000,
  baselineSamples: 512,
  maxSpikesPerPair: 10,
};
