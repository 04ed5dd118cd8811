/**
 * What the incident builder takes: every finding, the per-process groups (only the structural part
 * it needs, so the pipeline's ProcessGroup satisfies it without incidents importing the pipeline), the
 * process graph, the address → host index as a function, the retained persistence events and the
 * analyst decisions applied to this run. Also the caps that keep each incident bounded.
 * Input: —. Output: types and limits.
 */
import type { PersistenceEvent } from "../analytics/persistence/persistence-events.js";
import type { ProcessAnalyzer } from "../analytics/process/process-analyzer.js";
import type { Finding } from "../findings/finding.js";
import type { Severity } from "../findings/severity.js";
import type { DecisionOutcome } from "./applied-decisions.js";
import type { ProcessEndState } from "./incident.js";
import type { ProcessVerdict } from "./verdict.js";

/** The part of a per-process group (pipeline's ProcessGroup) that incidents use. */
export interface IncidentGroup {
  readonly kind: "process" | "host";
  /** The process key, or `host:<host>` for findings no process could be named for */
  readonly key: string;
  readonly host: string;
  readonly image: string | undefined;
  readonly pid: number | undefined;
  readonly commandLine: string | undefined;
  readonly user: string | undefined;
  /** The root cause of the process's chain (another process, or itself), when it is suspicious */
  readonly rootCauseKey: string | undefined;
  readonly state: ProcessEndState | undefined;
  readonly severity: Severity;
  /** Finding ids, strongest first (suppressed ones included) */
  readonly findings: readonly string[];
  /** Flagged: severity at least the run's minimum (a row of the process table) */
  readonly suspicious: boolean;
  /** The process's own verdict (suppressed findings left out) */
  readonly verdict: ProcessVerdict;
}

export interface IncidentInput {
  /** Every finding of the run, suppressed ones included */
  readonly findings: readonly Finding[];
  readonly groups: readonly IncidentGroup[];
  readonly processes: ProcessAnalyzer;
  /** The host that owns an address (Zeek names hosts by address), when known */
  readonly hostOf?: (address: string) => string | undefined;
  /** Service installs, task registrations, WMI consumers the graph does not keep */
  readonly persistence?: readonly PersistenceEvent[];
  /** Analyst decisions applied to `findings` (absent: none) */
  readonly decisions?: DecisionOutcome;
  /** CIDR blocks that are ours (default: the private and special ranges) */
  readonly internalNetworks?: readonly string[];
}

/** Caps per incident: what is beyond them is left out (the counts say how many there were). */
export const INCIDENT_LIMITS = {
  /** Processes of one incident (root causes, payloads, members, launchers) */
  processes: 200,
  files: 100,
  persistence: 100,
  destinations: 100,
  users: 50,
  /** Finding ids and process keys listed on one destination or user (the incident's own list has them all) */
  idsPerItem: 50,
  /** Merged verdict reasons */
  reasons: 10,
  /** Verdict reasons of one viewpoint and direction */
  reasonsPerViewpoint: 3,
  /** Evidence findings listed per kill-chain stage */
  stageEvidence: 5,
  /** Children of one process looked at for persistence commands (schtasks, sc, reg) */
  childrenScanned: 64,
  /** Addresses listed per host */
  addressesPerHost: 16,
} as const;
