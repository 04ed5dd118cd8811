/**
 * Options of the port module (ポート: port scans, unusual destination ports), one object with
 * defaults that work out of the box. Every field is documented in docs/analytics-network.md.
 */
import { DEFAULT_INTERNAL_NETWORKS, type Direction } from "../direction.js";

export interface PortOptions {
  /** CIDR blocks that are ours (see direction.ts) */
  readonly internalNetworks: readonly string[];
  /** A scan must happen within this many seconds (evaluated over sliding half-window slots) */
  readonly scanWindowSeconds: number;
  /** Distinct destination ports on one host within the window that make a vertical scan */
  readonly verticalMinPorts: number;
  /** Distinct destination hosts on one port within the window that make a horizontal scan */
  readonly horizontalMinHosts: number;
  /**
   * Zeek: share of the window's attempts in a failed state (S0, REJ, RSTO, …) needed for a scan.
   * Sysmon 3 does not report failures, so host sources skip this test.
   */
  readonly minFailedRatio: number;
  /** Sources (address, or host + process) tracked at most; the least recently active are evicted */
  readonly maxScanSources: number;
  /** Distinct (host, port) targets kept per source and slot; beyond, attempts are only counted */
  readonly maxTargetsPerSlot: number;
  /** Hosts / ports listed in a finding's details at most */
  readonly maxListed: number;
  /**
   * Destination ports that are never unusual: web, mail, DNS, time, directory, file sharing and
   * the usual Microsoft / Google service ports.
   */
  readonly commonPorts: readonly number[];
  /** Processes (file names, lower case) allowed any port (browsers, collaboration and update agents) */
  readonly anyPortImages: readonly string[];
  /**
   * A port used by at least this many distinct processes on one host (Sysmon) or source addresses
   * (Zeek) is normal here and not reported as unusual
   */
  readonly unusualMaxUsers: number;
  /** Directions in which unusual ports are looked for (default: towards the Internet) */
  readonly unusualDirections: readonly Direction[];
  /** (source, port) or (host, image, port) combinations tracked at most */
  readonly maxUnusualKeys: number;
}

export const DEFAULT_PORT_OPTIONS: PortOptions = {
  internalNetworks: DEFAULT_INTERNAL_NETWORKS,
  scanWindowSeconds: 300,
  verticalMinPorts: 15,
  horizontalMinHosts: 15,
  minFailedRatio: 0.7,
  maxScanSources: 10_000,
  maxTargetsPerSlot: 20_000,
  maxListed: 20,
  commonPorts: [
    20, 21, 22, 25, 53, 67, 68, 80, 88, 110, 123, 135, 137, 138, 139, 143, 389, 443, 445, 465, 514, 587, 636,
    853, 993, 995, 1900, 3268, 3269, 3389, 5353, 5355, 5985, 5986, 8080, 8443,
  ],
  anyPortImages: [
    "chrome.exe",
    "msedge.exe",
    "firefox.exe",
    "iexplore.exe",
    "brave.exe",
    "opera.exe",
    "teams.exe",
    "ms-teams.exe",
    "zoom.exe",
    "slack.exe",
    "onedrive.exe",
    "svchost.exe",
    "system",
  ],
  unusualMaxUsers: 3,
  unusualDirections: ["outbound"],
  maxUnusualKeys: 20_000,
};
