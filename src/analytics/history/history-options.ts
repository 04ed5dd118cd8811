/**
 * Every threshold and cap of the history viewpoint (prevalence across hosts, first seen), with
 * defaults that work out of the box; the configuration file overrides any of them by name.
 * `fleet` is not a setting but a source: fleet-wide prevalence (from the store) given by the caller.
 * Input: none. Output: the `HistoryOptions` type and `DEFAULT_HISTORY_OPTIONS`.
 */
import type { FleetPrevalence } from "./fleet-prevalence.js";

export interface HistoryOptions {
  /** Distinct values tracked per kind (image, image path, command line); later new values are counted only */
  readonly maxKeys: number;
  /** Hosts remembered per value; more are counted only */
  readonly maxHostsPerKey: number;
  /** Hosts remembered as the population prevalence is measured against */
  readonly maxHosts: number;
  /** Rarity and commonness are only judged when the data has at least this many hosts */
  readonly minHostsForRarity: number;
  /** An image seen on at most this many hosts is rare */
  readonly rareMaxHosts: number;
  /** An image seen on at least this fraction of the hosts is common (evidence for benign) */
  readonly commonFraction: number;
  /** An image from a suspicious place seen on at least this many hosts is spreading */
  readonly spreadMinHosts: number;
  /** Command lines are compared on their first this many characters */
  readonly maxCommandLineChars: number;
  /** Folder depth beyond which a path is "deeply nested" (as in the process options) */
  readonly deepPathDepth: number;
  /** Findings kept; more are counted in the stats */
  readonly maxFindings: number;
  /**
   * Fleet-wide prevalence (e.g. the store's, when analysing from a store); absent: prevalence is
   * measured on the run's own events. Not a configuration-file setting.
   */
  readonly fleet?: FleetPrevalence;
}

export const DEFAULT_HISTORY_OPTIONS: HistoryOptions = {
  maxKeys: 100_000,
  maxHostsPerKey: 1_000,
  maxHosts: 10_000,
  minHostsForRarity: 3,
  rareMaxHosts: 1,
  commonFraction: 0.5,
  spreadMinHosts: 2,
  maxCommandLineChars: 1_024,
  deepPathDepth: 8,
  maxFindings: 50_000,
};

/** The defaults with `overrides` applied. */
export function historyOptions(overrides: Partial<HistoryOptions> = {}): HistoryOptions {
  return { ...DEFAULT_HISTORY_OPTIONS, ...overrides };
}
