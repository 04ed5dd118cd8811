/**
 * One process of the process graph and what is attached to it: identity (key, host, pid, GUID),
 * image, command line, user, integrity, hashes, version info, the signature of its image, its parent
 * and dropper edges, times, and bounded logs of its activity (files, registry, network, DNS, image
 * loads, remote threads / process access). Input: filled by the graph from events. Output: the
 * read-only `ProcessInfo` view every detector and later stage uses.
 */
import type { EventTime } from "../../events/event.js";
import type { Provenance } from "../../events/provenance.js";
import { BoundedLog } from "./bounded-log.js";
import type { FileOperation } from "./event-role.js";
import type { FileHashes } from "./file-hashes.js";

/** Where a process's creation came from (`placeholder`: only referenced, its creation was not seen). */
export const PROCESS_SOURCES = ["sysmon", "security", "edr", "placeholder"] as const;
export type ProcessSource = (typeof PROCESS_SOURCES)[number];

/** How a process is keyed: by its GUID / EDR entity id, or (Security 4688) by host, PID and start time. */
export const PROCESS_KEY_KINDS = ["guid", "host-pid-start"] as const;
export type ProcessKeyKind = (typeof PROCESS_KEY_KINDS)[number];

/** The signature of a process's image, as far as the logs tell. */
export const SIGNATURE_STATES = ["valid", "invalid", "unsigned", "unknown"] as const;
export type SignatureState = (typeof SIGNATURE_STATES)[number];

export interface ImageSignature {
  readonly state: SignatureState;
  /** Signer (Sysmon `Signature`) */
  readonly signer?: string;
  /** Sysmon `SignatureStatus` as written (`Valid`, `Expired`, `Unavailable` …) */
  readonly status?: string;
  /** The event that told us (Sysmon 7 with ImageLoaded == Image, or an EDR code-signature field) */
  readonly evidence?: Provenance;
}

/** PE version information of the image (Sysmon 1 / ECS `process.pe.*`). */
export interface PeMetadata {
  readonly company?: string;
  readonly product?: string;
  readonly description?: string;
  readonly originalFileName?: string;
  readonly fileVersion?: string;
}

/** How a process names its parent: a key (GUID) directly, or a PID to resolve on its host. */
export type ParentRef =
  | { readonly kind: "key"; readonly key: string }
  | { readonly kind: "pid"; readonly pid: number };

/** "P dropped Q": the file Q runs from was written by P before Q started. */
export interface DropEdge {
  readonly writerKey: string;
  /** The file as written (TargetFilename) */
  readonly path: string;
  readonly time: EventTime | undefined;
  readonly evidence: Provenance;
}

interface Activity {
  readonly time: EventTime | undefined;
  readonly evidence: Provenance;
}

export interface FileActivity extends Activity {
  readonly operation: FileOperation;
  readonly path: string;
}

export interface RegistryActivity extends Activity {
  /** Sysmon `EventType` (`SetValue`, `CreateKey`, `DeleteValue`, `RenameKey` …) */
  readonly operation: string;
  readonly target: string;
  readonly details?: string;
}

export interface NetworkActivity extends Activity {
  readonly protocol?: string;
  readonly initiated?: boolean;
  readonly sourceIp?: string;
  readonly sourcePort?: number;
  readonly destinationIp?: string;
  readonly destinationPort?: number;
  readonly destinationHostname?: string;
}

export interface DnsActivity extends Activity {
  readonly query: string;
  readonly status?: string;
  readonly results?: string;
}

export interface ImageLoadActivity extends Activity {
  readonly path: string;
  readonly signed?: boolean;
  readonly signatureStatus?: string;
  readonly signer?: string;
}

export const ACCESS_KINDS = ["remote-thread", "process-access"] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** This process opened another process (Sysmon 10) or started a thread in it (Sysmon 8). */
export interface AccessActivity extends Activity {
  readonly kind: AccessKind;
  readonly targetKey?: string;
  readonly targetImage?: string;
  readonly targetPid?: number;
  /** Sysmon 10 `GrantedAccess` as a number */
  readonly grantedAccess?: number;
}

/** Caps of the per-process activity logs. */
export interface ActivityCaps {
  readonly maxActivities: number;
  readonly maxImageLoads: number;
}

/** A process as the graph knows it. Read-only for everyone but the graph. */
export interface ProcessInfo {
  /** Sysmon ProcessGuid / EDR entity id, or `host|pid|start` for Security 4688 */
  readonly key: string;
  readonly keyKind: ProcessKeyKind;
  /** The host as the source names it */
  readonly host: string;
  /** The host's comparison key (see host-key.ts) */
  readonly hostId: string;
  readonly source: ProcessSource;
  /** True when the creation was not seen (the process is known from references only) */
  readonly placeholder: boolean;
  readonly pid: number | undefined;
  readonly image: string | undefined;
  readonly commandLine: string | undefined;
  readonly currentDirectory: string | undefined;
  readonly user: string | undefined;
  readonly integrity: string | undefined;
  readonly hashes: FileHashes;
  readonly metadata: PeMetadata;
  readonly signature: ImageSignature;
  readonly parent: ParentRef | undefined;
  /** The parent's image / command line as the child's creation event gives them */
  readonly parentImage: string | undefined;
  readonly parentCommandLine: string | undefined;
  readonly dropper: DropEdge | undefined;
  readonly start: EventTime | undefined;
  readonly end: EventTime | undefined;
  /** Earliest and latest event time of anything about this process (creation, activity, children, end) */
  readonly firstSeen: EventTime | undefined;
  readonly lastSeen: EventTime | undefined;
  readonly created: Provenance | undefined;
  readonly terminated: Provenance | undefined;
  /** The event of `lastSeen` (when it was an event of this process's own) */
  readonly lastEvent: Provenance | undefined;
  /** Other keys that name this process (a Security 4688 key merged into the Sysmon process) */
  readonly aliases: readonly string[];
  readonly events: number;
  readonly files: BoundedLog<FileActivity>;
  readonly registry: BoundedLog<RegistryActivity>;
  readonly network: BoundedLog<NetworkActivity>;
  readonly dns: BoundedLog<DnsActivity>;
  readonly images: BoundedLog<ImageLoadActivity>;
  readonly access: BoundedLog<AccessActivity>;
}

/** The graph's own, writable view of a process. */
export type MutableProcess = { -readonly [K in keyof ProcessInfo]: ProcessInfo[K] };

/** A new, empty process. */
export function newProcess(
  key: string,
  keyKind: ProcessKeyKind,
  host: string,
  hostId: string,
  caps: ActivityCaps,
): MutableProcess {
  return {
    key,
    keyKind,
    host,
    hostId,
    source: "placeholder",
    placeholder: true,
    pid: undefined,
    image: undefined,
    commandLine: undefined,
    currentDirectory: undefined,
    user: undefined,
    integrity: undefined,
    hashes: {},
    metadata: {},
    signature: { state: "unknown" },
    parent: undefined,
    parentImage: undefined,
    parentCommandLine: undefined,
    dropper: undefined,
    start: undefined,
    end: undefined,
    firstSeen: undefined,
    lastSeen: undefined,
    created: undefined,
    terminated: undefined,
    lastEvent: undefined,
    aliases: [],
    events: 0,
    files: new BoundedLog(caps.maxActivities),
    registry: new BoundedLog(caps.maxActivities),
    network: new BoundedLog(caps.maxActivities),
    dns: new BoundedLog(caps.maxActivities),
    images: new BoundedLog(caps.maxImageLoads),
    access: new BoundedLog(caps.maxActivities),
  };
}

/** Widens the process's first/last seen times with `time` (of the event `evidence`, when given). */
export function touch(p: MutableProcess, time: EventTime | undefined, evidence?: Provenance): void {
  if (!time) return;
  if (!p.firstSeen || time.ms < p.firstSeen.ms) p.firstSeen = time;
  if (!p.lastSeen || time.ms >= p.lastSeen.ms) {
    p.lastSeen = time;
    if (evidence) p.lastEvent = evidence;
  }
}

/** A short display name: the image's file name, else `pid N`, else the key. */
export function processName(p: ProcessInfo): string {
  if (p.image) {
    const s = p.image.replace(/\//g, "\\");
    return s.slice(s.lastIndexOf("\\") + 1) || p.image;
  }
  return p.pid !== undefined ? `pid ${p.pid}` : p.key;
}
