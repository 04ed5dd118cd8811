/**
 * Options of the frequency module (頻度: beacons, strobes, long connections), with defaults that
 * reproduce RITA's and bounds on the state. Every field is documented in docs/analytics-network.md.
 */
import { DEFAULT_INTERNAL_NETWORKS, type Direction } from "../direction.js";
import {
  type BeaconScoring,
  RITA_BEACON_SCORING,
  RITA_BEACON_THRESHOLDS,
  RITA_LONG_CONNECTION_THRESHOLDS,
  type ScoreThresholds,
  type ThreatCategory,
} from "./beacon-score.js";

/** The pair kinds a beacon is looked for on. */
export const BEACON_KINDS = [
  "ip", // Zeek conn: source address → destination address
  "sni", // Zeek http Host / ssl SNI: source address → server name (also through a proxy)
  "dns", // Zeek dns: source address → queried name
  "process", // Sysmon 3 / EDR: (host, process image) → destination address
] as const;
export type BeaconKind = (typeof BEACON_KINDS)[number];

export interface FrequencyOptions {
  /** RITA's scoring parameters (weights, histogram and duration settings) */
  readonly scoring: BeaconScoring;
  /** RITA's beacon thresholds in percent: below `base` a pair is not a beacon */
  readonly beaconThresholds: ScoreThresholds;
  /** Weakest RITA threat category reported as a finding (`low` = every pair RITA lists as a beacon) */
  readonly minBeaconCategory: Exclude<ThreatCategory, "none">;
  /** Minimum connections in the window for a reported beacon (RITA scores from 4; fewer is noise) */
  readonly minBeaconConnections: number;
  /** Pair kinds analysed */
  readonly beaconKinds: readonly BeaconKind[];
  /** CIDR blocks that are ours (see direction.ts) */
  readonly internalNetworks: readonly string[];
  /**
   * Directions of the address pairs (ip, process) analysed. RITA analyses outbound only (it drops
   * internal↔internal, external↔external and, by default, inbound pairs). Name pairs (sni, dns)
   * need an internal source, as in RITA.
   */
  readonly addressDirections: readonly Direction[];
  /** Length of one analysis window (RITA: the last 24 hours of the data) */
  readonly windowHours: number;
  /**
   * Windows scored per pair: the most recent 24-hour cells (counted back from the end of the data)
   * in which it has connections; each pair keeps its best-scoring window
   */
  readonly maxWindows: number;
  /** Connections of one pair within one window that make it a strobe (RITA: 86400, one per second) */
  readonly strobeConnections: number;
  /** Total connection time of a pair that makes it a long connection, seconds (RITA: 1 hour) */
  readonly longConnectionSeconds: number;
  /** RITA's long-connection thresholds in seconds (severity buckets) */
  readonly longConnectionThresholds: ScoreThresholds;
  /** Pairs tracked at most; beyond it the least active 10% are evicted (counted) */
  readonly maxPairs: number;
  /** Connection samples kept per pair (the most recent) */
  readonly maxSamplesPerPair: number;
  /** Connection samples kept over all pairs; beyond it samples are only counted */
  readonly maxSamplesTotal: number;
  /** Zeek uid → initiator bytes remembered for the http/ssl pairs' data sizes (oldest evicted) */
  readonly maxUidBytes: number;
}

export const DEFAULT_FREQUENCY_OPTIONS: FrequencyOptions = {
  scoring: RITA_BEACON_SCORING,
  beaconThresholds: RITA_BEACON_THRESHOLDS,
  minBeaconCategory: "medium",
  minBeaconConnections: 10,
  beaconKinds: BEACON_KINDS,
  internalNetworks: DEFAULT_INTERNAL_NETWORKS,
  addressDirections: ["outbound"],
  windowHours: 24,
  maxWindows: 7,
  strobeConnections: 86_400,
  longConnectionSeconds: 3600,
  longConnectionThresholds: RITA_LONG_CONNECTION_THRESHOLDS,
  maxPairs: 20_000,
  maxSamplesPerPair: 20_000,
  maxSamplesTotal: 4_000_000,
  maxUidBytes: 200_000,
};
