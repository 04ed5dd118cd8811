/**
 * Every threshold and cap of the process analytics (graph, detectors, state, duration), with defaults
 * that work out of the box. The configuration file overrides any of them by name.
 * Input: none. Output: the `ProcessOptions` type and `DEFAULT_PROCESS_OPTIONS`.
 */
import type { Severity } from "../../findings/severity.js";

/** Company / product words that make version info look trustworthy (compared in lower case). */
export const TRUSTED_VENDORS = [
  "microsoft",
  "adobe",
  "google",
  "mozilla",
  "apple",
  "oracle",
  "intel",
  "nvidia",
  "vmware",
  "cisco",
  "citrix",
  "symantec",
  "mcafee",
  "trend micro",
  "kaspersky",
  "eset",
  "sophos",
  "zoom",
  "dropbox",
] as const;

export interface ProcessOptions {
  // ── graph ──
  /** Processes tracked at once; beyond it the oldest terminated (then the least recently active) are evicted */
  readonly maxProcesses: number;
  /** Kept items per process and activity kind (files, registry, network, DNS, access); all are counted */
  readonly maxActivities: number;
  /** Kept image loads (Sysmon 7) per process */
  readonly maxImageLoads: number;
  /** Written files remembered for dropper edges (per host and path) */
  readonly maxWrittenFiles: number;
  /** Hosts whose first/last event time is tracked (for "running at the end of the data") */
  readonly maxHosts: number;
  /** Findings kept; more are counted in the stats */
  readonly maxFindings: number;
  /** A Security 4688 and a Sysmon 1 with the same host and PID this close in time are one process */
  readonly mergeToleranceMs: number;
  /** Parent / dropper edges followed when walking up to a root cause */
  readonly maxChainDepth: number;
  /** Processes visited when measuring a process tree */
  readonly maxTreeNodes: number;

  // ── process viewpoint ──
  /** An image more than this many folders below the drive is "deeply nested" */
  readonly deepPathDepth: number;
  /** Spaces / underscores / dots in a row that count as padding in a file name */
  readonly paddingRun: number;
  /** Company / product words checked against the signature */
  readonly trustedVendors: readonly string[];
  /** Distinct discovery commands (whoami, ipconfig, net view …) one process must run to be reported */
  readonly discoveryMinCommands: number;

  // ── state / duration ──
  /** A process not terminated whose last activity is within this window of its host's last event is running */
  readonly runningWindowMs: number;
  /** State and duration findings are emitted for processes with a process finding at least this severe */
  readonly flagSeverity: Severity;
  /** A dropped file executed within this delay of being written was started by a program, not a person */
  readonly automatedDropLatencyMs: number;
  /** A suspicious process tree active for longer than this is a long dwell time */
  readonly longDwellMs: number;
}

export const DEFAULT_PROCESS_OPTIONS: ProcessOptions = {
  maxProcesses: 100_000,
  maxActivities: 200,
  maxImageLoads: 64,
  maxWrittenFiles: 200_000,
  maxHosts: 10_000,
  maxFindings: 100_000,
  mergeToleranceMs: 2_000,
  maxChainDepth: 64,
  maxTreeNodes: 10_000,
  deepPathDepth: 8,
  paddingRun: 5,
  trustedVendors: TRUSTED_VENDORS,
  discoveryMinCommands: 3,
  runningWindowMs: 60 * 60_000,
  flagSeverity: "medium",
  automatedDropLatencyMs: 60_000,
  longDwellMs: 60 * 60_000,
};

/** The defaults with `overrides` applied. */
export function processOptions(overrides: Partial<ProcessOptions> = {}): ProcessOptions {
  return { ...DEFAULT_PROCESS_OPTIONS, ...overrides };
}
