/**
 * The incident while it is being built: one root cause on one host with its processes (and their
 * roles) and finding ids, before drafts of different hosts sharing an indicator are merged. Internal
 * to src/incidents. Input: —. Output: the Draft model and the role order.
 */
import type { ProcessInfo } from "../analytics/process/process-node.js";
import type { ProcessRole } from "./incident.js";
import type { IncidentGroup } from "./incident-input.js";

export interface DraftProcess {
  readonly key: string;
  readonly host: string;
  role: ProcessRole;
  /** The graph's process (undefined when it was evicted from the bounded graph) */
  readonly info: ProcessInfo | undefined;
  /** The process's finding group, when it has findings */
  readonly group: IncidentGroup | undefined;
}

export interface Draft {
  /** The root cause's host (or the host of host-level findings) */
  readonly host: string;
  /** The root cause's process key; undefined for a draft of host-level findings */
  readonly rootKey: string | undefined;
  /** By process key, in the order they joined */
  readonly processes: Map<string, DraftProcess>;
  /** Finding ids (members' and attached host-level ones), suppressed ones included */
  readonly findingIds: Set<string>;
  /** The groups that seeded it (their keys make the id of a draft without a root cause) */
  readonly groupKeys: Set<string>;
  /** The host-level group of a draft without processes */
  readonly hostGroup: IncidentGroup | undefined;
  /** Processes left out by the cap */
  omittedProcesses: number;
}

/** Stronger roles win when a process is reached twice. */
const ROLE_RANK: Readonly<Record<ProcessRole, number>> = {
  "root-cause": 3,
  payload: 2,
  member: 1,
  launcher: 0,
};

/** True when `a` is a stronger role than `b`. */
export function strongerRole(a: ProcessRole, b: ProcessRole): boolean {
  return ROLE_RANK[a] > ROLE_RANK[b];
}

/** The processes of a draft that are part of the attack (every role but the launcher). */
export function actors(d: Draft): DraftProcess[] {
  return [...d.processes.values()].filter((p) => p.role !== "launcher");
}

/** A new, empty draft. */
export function newDraft(host: string, rootKey: string | undefined, hostGroup?: IncidentGroup): Draft {
  return {
    host,
    rootKey,
    processes: new Map(),
    findingIds: new Set(),
    groupKeys: new Set(),
    hostGroup,
    omittedProcesses: 0,
  };
}
