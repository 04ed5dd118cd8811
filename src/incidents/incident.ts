/**
 * The incident: one attack (or one over-detection) as the analyst triages it — the findings of a
 * process chain grouped around its root cause (the earliest malicious ancestor, typically the dropper),
 * merged across hosts that share an indicator (payload hash, C&C destination, dropper name + hash).
 * It carries everything the verdict, the response plan, the reports, the store and the UI need, and is
 * plain data (JSON-serialisable: no Maps, no class instances, no bigint). Built by
 * build-incidents.ts from the findings, the per-process groups and the process graph.
 */
import type { Provenance } from "../events/provenance.js";
import type { LocalizedText } from "../findings/finding.js";
import type { KillChainStage } from "../findings/kill-chain.js";
import type { Severity } from "../findings/severity.js";
import type { Viewpoint } from "../findings/viewpoint.js";
import type { DecisiveKind, Verdict, VerdictReason } from "./verdict.js";

/** Active: a process of the incident still runs, or a beacon is still calling, at the end of the data. */
export const INCIDENT_STATES = ["active", "inactive"] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** The part a process plays in the incident. */
export const PROCESS_ROLES = [
  "root-cause", // the earliest malicious process of the chain (e.g. the dropper)
  "payload", // a process whose image another process of the incident wrote
  "member", // any other flagged process of the chain (discovery shell, child …)
  "launcher", // the process that started the root cause (explorer, outlook, winword …), context only
] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** Process state at the end of its host's data (as the process analyzer decides). */
export const PROCESS_END_STATES = ["running", "terminated", "unknown"] as const;
export type ProcessEndState = (typeof PROCESS_END_STATES)[number];

/** A time as the events give it. */
export interface IncidentTime {
  /** ISO-8601 UTC, full precision */
  readonly iso: string;
  readonly ms: number;
}

export interface IncidentProcess {
  readonly key: string;
  readonly host: string;
  readonly image: string | undefined;
  readonly pid: number | undefined;
  readonly commandLine: string | undefined;
  readonly user: string | undefined;
  /** The parent's key when the parent is in the incident, else undefined */
  readonly parentKey: string | undefined;
  readonly parentImage: string | undefined;
  /** The key of the process that wrote this process's image, when known */
  readonly droppedByKey: string | undefined;
  readonly sha256: string | undefined;
  readonly md5: string | undefined;
  readonly signer: string | undefined;
  /** `valid` / `invalid` / `unsigned` / `unknown` */
  readonly signature: string;
  readonly role: ProcessRole;
  readonly state: ProcessEndState | undefined;
  readonly start: IncidentTime | undefined;
  readonly end: IncidentTime | undefined;
  /** The process's own verdict (launchers have none) */
  readonly verdict: Verdict | undefined;
  readonly confidence: number | undefined;
  readonly severity: Severity | undefined;
  /** Finding ids about this process, strongest first */
  readonly findings: readonly string[];
}

/** The part a file plays: a dropper's image, a payload's image, or another file a process of the incident wrote. */
export const FILE_ROLES = ["dropper", "payload", "written"] as const;
export type FileRole = (typeof FILE_ROLES)[number];

export interface IncidentFile {
  readonly host: string;
  readonly path: string;
  readonly sha256: string | undefined;
  readonly role: FileRole;
  /** Key of the process that wrote it (when seen) */
  readonly writtenBy: string | undefined;
  /** Keys of the processes that ran it */
  readonly executedBy: readonly string[];
  readonly time: IncidentTime | undefined;
  readonly evidence: Provenance | undefined;
}

/** Persistence mechanisms seen in the logs. */
export const PERSISTENCE_KINDS = [
  "run-key", // HKLM/HKCU …\Run, RunOnce, Winlogon Userinit/Shell …
  "service", // 7045 / 4697 / Sysmon 13 on …\Services\<name>\ImagePath
  "scheduled-task", // 4698 / schtasks /create / TaskCache
  "wmi-subscription", // Sysmon 19/20/21
  "startup-folder", // a file written into a Startup folder
] as const;
export type PersistenceKind = (typeof PERSISTENCE_KINDS)[number];

export interface IncidentPersistence {
  readonly host: string;
  readonly kind: PersistenceKind;
  /** Registry key/value path, service name, task name, WMI consumer name, or the Startup file path */
  readonly target: string;
  /** What it runs (registry value data, service image path, task action, consumer command) */
  readonly value: string | undefined;
  readonly processKey: string | undefined;
  readonly time: IncidentTime | undefined;
  readonly evidence: Provenance | undefined;
  readonly findings: readonly string[];
}

/** What a network destination is to the incident. */
export const DESTINATION_ROLES = [
  "c2", // beacon / listed C&C / confirmed by reputation
  "download", // where a payload or tool came from
  "exfiltration", // large outbound volume
  "lateral", // internal host contacted on an admin port (SMB/RDP/WinRM …)
  "scanned", // target of a scan
  "contacted", // other destinations the incident's processes reached
] as const;
export type DestinationRole = (typeof DESTINATION_ROLES)[number];

export interface IncidentDestination {
  /** IP address, when known */
  readonly address: string | undefined;
  /** Domain name (DNS query / host header / Sysmon DestinationHostname), when known */
  readonly domain: string | undefined;
  readonly port: number | undefined;
  readonly protocol: string | undefined;
  readonly role: DestinationRole;
  /** True for a public address (outside the internal networks) */
  readonly external: boolean;
  /** Hosts that contacted it */
  readonly hosts: readonly string[];
  /** Keys of the incident's processes that contacted it */
  readonly processKeys: readonly string[];
  readonly connections: number;
  /** Bytes sent + received, when a flow source (Zeek/EDR) gave them */
  readonly bytes: number | undefined;
  readonly first: IncidentTime | undefined;
  readonly last: IncidentTime | undefined;
  /** Still contacted at the end of the data (a live beacon) */
  readonly active: boolean;
  readonly findings: readonly string[];
}

export interface IncidentUser {
  /** As logged (`DOMAIN\user` or `user@domain`) */
  readonly name: string;
  readonly hosts: readonly string[];
  readonly processKeys: readonly string[];
  /** Credential theft or use of this account was seen (LSASS access, 4648, pass-the-hash …) */
  readonly credentialsAtRisk: boolean;
  readonly findings: readonly string[];
}

export interface IncidentHost {
  readonly host: string;
  /** Addresses of the host seen in the data */
  readonly addresses: readonly string[];
  /** How the host joined the incident: the root cause's host, or the shared indicator */
  readonly via: "root-cause" | SharedIndicatorKind;
  /** A process of the incident still runs on this host at the end of its data */
  readonly active: boolean;
  readonly processes: number;
  readonly first: IncidentTime | undefined;
  readonly last: IncidentTime | undefined;
}

/** Indicators that merge incidents of different hosts. */
export const SHARED_INDICATOR_KINDS = ["sha256", "destination", "dropper"] as const;
export type SharedIndicatorKind = (typeof SHARED_INDICATOR_KINDS)[number];

export interface SharedIndicator {
  readonly kind: SharedIndicatorKind;
  /** SHA256, `address[:port]` / domain, or `name|sha256` of the dropper */
  readonly value: string;
  readonly hosts: readonly string[];
}

/** One kill-chain stage of the incident: reached (proven) or only attempted, with the evidence. */
export interface IncidentStage {
  readonly stage: KillChainStage;
  readonly status: "reached" | "attempted";
  readonly first: IncidentTime | undefined;
  /** The findings that put the incident at this stage (strongest first, bounded) */
  readonly evidence: readonly { readonly findingId: string; readonly message: LocalizedText }[];
}

/** Where the chain can still be cut: the next stage(s) not yet reached and what stops them. */
export interface CutPoint {
  readonly stage: KillChainStage;
  readonly text: LocalizedText;
}

/** The verdict of the whole incident, with the reasons per viewpoint. */
export interface IncidentVerdict {
  readonly verdict: Verdict;
  readonly confidence: number;
  readonly score: number;
  readonly decisive: DecisiveKind | undefined;
  /** Strongest first; each names its viewpoint and the findings behind it */
  readonly reasons: readonly VerdictReason[];
  /** The strongest severity per viewpoint over the incident's findings (counter-evidence excluded) */
  readonly viewpoints: Readonly<Partial<Record<Viewpoint, Severity>>>;
  /** An analyst decision overrode the computed verdict */
  readonly decidedBy: string | undefined;
}

/** A finding that an analyst decision suppressed: still counted and listed, never deleted. */
export interface SuppressedFinding {
  readonly findingId: string;
  readonly decisionId: string;
  readonly reason: string;
}

export interface Incident {
  /** Stable across runs on the same data: `INC-` + 10 hex of a hash of the root cause's identity */
  readonly id: string;
  readonly title: LocalizedText;
  readonly verdict: IncidentVerdict;
  readonly severity: Severity;
  /** The root-cause process's key (undefined for a host-level incident without a process) */
  readonly rootCause: string | undefined;
  readonly hosts: readonly IncidentHost[];
  readonly sharedIndicators: readonly SharedIndicator[];
  readonly processes: readonly IncidentProcess[];
  readonly files: readonly IncidentFile[];
  readonly persistence: readonly IncidentPersistence[];
  readonly destinations: readonly IncidentDestination[];
  readonly users: readonly IncidentUser[];
  readonly first: IncidentTime | undefined;
  readonly last: IncidentTime | undefined;
  readonly state: IncidentState;
  /** Why active (e.g. "svcupd.exe still running", "beacon to 203.0.113.45 until the end of the data") */
  readonly stateReasons: readonly LocalizedText[];
  /** In kill-chain order */
  readonly stages: readonly IncidentStage[];
  /** The furthest stage reached (attempted stages do not count) */
  readonly furthestStage: KillChainStage | undefined;
  readonly attack: readonly string[];
  readonly cutPoints: readonly CutPoint[];
  /** Finding ids of the incident (after suppression), strongest first */
  readonly findings: readonly string[];
  readonly suppressed: readonly SuppressedFinding[];
}
