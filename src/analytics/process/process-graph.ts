/**
 * The process graph: every process seen in the events, with its parent and dropper edges and its
 * activity. Processes come from Sysmon 1 (keyed by ProcessGuid), EDR documents (entity id, mapped to
 * ProcessGuid by the normalizer) and Security 4688 (no GUID: keyed `host|pid|start`; a PID resolves to
 * the latest process with that PID started on that host before the moment in question). A 4688 and a
 * Sysmon 1 for the same process (same host and PID, start within `mergeToleranceMs`) become one
 * process. Processes known only from references are placeholders. Bounded: at most `maxProcesses`;
 * the oldest terminated are evicted first (the caller is told before each eviction), all counted.
 * Input: normalized events, in any order across files. Output: the query API below.
 */
import type { Event } from "../../events/event.js";
import { guidField, intField, textField } from "./event-fields.js";
import { eventRole } from "./event-role.js";
import { hostKey } from "./host-key.js";
import { type HostSpan, HostSpans } from "./host-spans.js";
import {
  absorbTwin,
  applyStart,
  attachDns,
  attachFile,
  attachImageLoad,
  attachNetwork,
  attachRegistry,
  describeParent,
} from "./process-activity.js";
import { addLink, buildLinks, type ProcessLinks } from "./process-links.js";
import {
  type DropEdge,
  type MutableProcess,
  type ProcessInfo,
  type ProcessSource,
  touch,
} from "./process-node.js";
import { DEFAULT_PROCESS_OPTIONS, type ProcessOptions } from "./process-options.js";
import { BEFORE_DATA, ProcessStore } from "./process-store.js";
import { WrittenFiles } from "./written-files.js";

const COUNTERS = [
  "startEvents",
  "mergedSecurityStarts",
  "processesEvicted",
  "runningEvicted",
  "startsWithoutId",
  "unmatchedTerminations",
  "unattributedActivity",
] as const;
type Counter = (typeof COUNTERS)[number];

export class ProcessGraph {
  private readonly store: ProcessStore;
  private readonly written: WrittenFiles;
  private readonly hosts: HostSpans;
  private readonly counts = new Map<Counter, number>(COUNTERS.map((c) => [c, 0]));
  private links: ProcessLinks | undefined;
  private evicting = false;

  /**
   * @param options caps and tolerances (see process-options.ts)
   * @param onEvict called with each process just before it is evicted (to analyse it while it exists)
   */
  constructor(
    private readonly options: ProcessOptions = DEFAULT_PROCESS_OPTIONS,
    private readonly onEvict?: (p: ProcessInfo) => void,
  ) {
    this.store = new ProcessStore(options);
    this.written = new WrittenFiles(options.maxWrittenFiles);
    this.hosts = new HostSpans(options.maxHosts);
  }

  /** Takes one event into the graph; events that are not about a process only advance host times. */
  observe(event: Event): void {
    this.hosts.note(event);
    const role = eventRole(event);
    if (role === "none") return;
    this.links = undefined;
    switch (role) {
      case "process-start":
        this.start(event);
        break;
      case "process-end":
        this.end(event);
        break;
      case "remote-thread":
      case "process-access":
        this.access(event, role);
        break;
      default: {
        const p = this.actor(event, "ProcessGuid", "ProcessId", "Image");
        if (!p) break;
        if (role === "network") attachNetwork(p, event);
        else if (role === "dns") attachDns(p, event);
        else if (role === "registry") attachRegistry(p, event);
        else if (role === "image-load") attachImageLoad(p, event);
        else if (role === "file") {
          const file = attachFile(p, event);
          if (file && (file.operation === "create" || file.operation === "executable"))
            this.written.record(p.hostId, {
              writerKey: p.key,
              path: file.path,
              time: event.time,
              evidence: event.provenance,
            });
        }
      }
    }
    if (this.store.size > this.options.maxProcesses) this.evict();
  }

  // ── query API ──

  /** The process with this key (or an alias of it: a merged 4688 key). */
  processByKey(key: string): ProcessInfo | undefined {
    return this.store.get(key);
  }

  /** Every process, in creation order. */
  processes(): IterableIterator<ProcessInfo> {
    return this.store.values();
  }

  get size(): number {
    return this.store.size;
  }

  /** The process's parent, when known (Security parents are resolved by PID at the child's start). */
  parentOf(key: string): ProcessInfo | undefined {
    const k = this.store.canonical(key);
    const parent = k === undefined ? undefined : this.getLinks().parent.get(k);
    return parent === undefined ? undefined : this.store.get(parent);
  }

  /** The processes this one started, oldest first. */
  children(key: string): ProcessInfo[] {
    return this.linked(this.getLinks().children, key);
  }

  /** The processes whose image this one wrote before they started ("this process dropped them"). */
  dropped(key: string): ProcessInfo[] {
    return this.linked(this.getLinks().dropped, key);
  }

  /** The dropper edge of a process: who wrote its image, when, and the writer if still tracked. */
  droppedBy(key: string): { readonly edge: DropEdge; readonly writer: ProcessInfo | undefined } | undefined {
    const p = this.processByKey(key);
    if (!p?.dropper) return undefined;
    return { edge: p.dropper, writer: this.processByKey(p.dropper.writerKey) };
  }

  /** Parent, grandparent … (nearest first), at most `maxDepth`, stopping at a cycle. */
  ancestors(key: string, maxDepth = this.options.maxChainDepth): ProcessInfo[] {
    const out: ProcessInfo[] = [];
    const seen = new Set<string>();
    let k = this.store.canonical(key);
    if (k !== undefined) seen.add(k);
    for (let i = 0; i < maxDepth && k !== undefined; i++) {
      const parent = this.parentOf(k);
      if (!parent || seen.has(parent.key)) break;
      seen.add(parent.key);
      out.push(parent);
      k = parent.key;
    }
    return out;
  }

  /** First and last event time of a host (by host key), over every event seen from it. */
  hostSpan(hostId: string): HostSpan | undefined {
    return this.hosts.get(hostId);
  }

  /** Bounded-state counters for the run summary. */
  stats(): Record<string, number> {
    const out: Record<string, number> = Object.fromEntries(this.counts);
    out.processesTracked = this.store.size;
    out.placeholders = 0;
    for (const p of this.store.values()) if (p.placeholder) out.placeholders++;
    out.writtenFilesTracked = this.written.size;
    out.writtenFilesEvicted = this.written.evicted;
    let dropped = 0;
    for (const p of this.store.values())
      dropped +=
        p.files.dropped +
        p.registry.dropped +
        p.network.dropped +
        p.dns.dropped +
        p.images.dropped +
        p.access.dropped;
    out.activityNotKept = dropped;
    out.hostEventsNotTracked = this.hosts.eventsNotTracked;
    return out;
  }

  // ── building ──

  private start(event: Event): void {
    const f = event.fields;
    const guid = guidField(f, "ProcessGuid");
    const source = sourceOf(event);
    if (guid) {
      const p = this.store.getOrCreate(guid, "guid", event.host);
      this.store.unindexPid(p); // its PID may change (a placeholder's came from a child's ParentProcessId)
      applyStart(p, event, source, true);
      this.count("startEvents");
      const parentGuid = guidField(f, "ParentProcessGuid");
      const parentPid = intField(f, "ParentProcessId");
      if (parentGuid) {
        p.parent = { kind: "key", key: parentGuid };
        const parent = this.store.getOrCreate(parentGuid, "guid", event.host);
        if (parent.placeholder) describeParent(parent, event, (pid) => this.store.learnPid(parent, pid));
        touch(parent, event.time, event.provenance);
      } else if (parentPid !== undefined) p.parent = { kind: "pid", pid: parentPid };
      this.store.indexPid(p, event.time?.ms ?? BEFORE_DATA);
      if (event.time) this.mergeSecurityTwin(p, event.time.ms);
      this.linkDropper(p);
      return;
    }
    const pid = intField(f, "ProcessId");
    if (pid === undefined) {
      this.count("startsWithoutId");
      return;
    }
    const ms = event.time?.ms;
    const tolerance = this.options.mergeToleranceMs;
    const twin =
      ms === undefined
        ? undefined
        : this.store.pidNear(hostKey(event.host), pid, ms, tolerance, (t) => !t.placeholder);
    const key = `${event.host}|${pid}|${event.time?.iso ?? "-"}`;
    if (twin) {
      applyStart(twin, event, source, false);
      if (twin.key !== key) this.store.alias(key, twin);
      this.count("mergedSecurityStarts");
      return;
    }
    const p = this.store.getOrCreate(key, "host-pid-start", event.host);
    applyStart(p, event, source, true);
    this.count("startEvents");
    const parentPid = intField(f, "ParentProcessId");
    if (parentPid !== undefined) p.parent = { kind: "pid", pid: parentPid };
    this.store.indexPid(p, ms ?? BEFORE_DATA);
    this.linkDropper(p);
  }

  private end(event: Event): void {
    const p = this.actor(event, "ProcessGuid", "ProcessId", "Image");
    if (!p) {
      this.count("unmatchedTerminations");
      return;
    }
    if (!p.end || (event.time && event.time.ms < p.end.ms)) {
      p.end = event.time;
      p.terminated = event.provenance;
    }
  }

  private access(event: Event, kind: "remote-thread" | "process-access"): void {
    const p = this.actor(event, "SourceProcessGuid", "SourceProcessId", "SourceImage", "SourceProcessGUID");
    if (!p) return;
    const f = event.fields;
    p.access.add({
      kind,
      time: event.time,
      evidence: event.provenance,
      targetKey: guidField(f, "TargetProcessGuid", "TargetProcessGUID"),
      targetImage: textField(f, "TargetImage"),
      targetPid: intField(f, "TargetProcessId"),
      grantedAccess: intField(f, "GrantedAccess"),
    });
  }

  /**
   * The process an activity event is about: by GUID (a placeholder when unknown), else by PID at the
   * event's time. Counts the event on it; undefined (counted) when it cannot be attributed.
   */
  private actor(
    event: Event,
    guidName: string,
    pidField: string,
    imageField: string,
    altGuidName = guidName,
  ): MutableProcess | undefined {
    const f = event.fields;
    const guid = guidField(f, guidName, altGuidName);
    let p: MutableProcess | undefined;
    if (guid) {
      p = this.store.getOrCreate(guid, "guid", event.host);
      if (p.placeholder) {
        p.image ??= textField(f, imageField);
        p.user ??= textField(f, "User");
        this.store.learnPid(p, intField(f, pidField));
      }
    } else {
      const pid = intField(f, pidField);
      const ms = event.time?.ms ?? Number.POSITIVE_INFINITY;
      p = pid === undefined ? undefined : this.store.pidAt(hostKey(event.host), pid, ms);
    }
    if (!p) {
      this.count("unattributedActivity");
      return undefined;
    }
    p.events++;
    touch(p, event.time, event.provenance);
    return p;
  }

  /** A Security 4688 process already taken for the same start as this Sysmon one is merged into it. */
  private mergeSecurityTwin(p: MutableProcess, ms: number): void {
    if (p.pid === undefined) return;
    const tolerance = this.options.mergeToleranceMs;
    const twin = this.store.pidNear(
      p.hostId,
      p.pid,
      ms,
      tolerance,
      (t) => t !== p && t.keyKind === "host-pid-start",
    );
    if (!twin) return;
    absorbTwin(p, twin);
    this.store.remove(twin);
    this.store.alias(twin.key, p);
    for (const a of twin.aliases) this.store.alias(a, p);
    this.count("mergedSecurityStarts");
  }

  /** "P dropped Q": Q's image was written on the same host before Q started. */
  private linkDropper(p: MutableProcess): void {
    if (!p.image) return;
    const w = this.written.lastWrite(p.hostId, p.image, p.start?.ms);
    if (!w || w.writerKey === p.key) return;
    p.dropper = { writerKey: w.writerKey, path: w.path, time: w.time, evidence: w.evidence };
  }

  // ── links ──

  private linked(index: ReadonlyMap<string, readonly string[]>, key: string): ProcessInfo[] {
    const k = this.store.canonical(key);
    const keys = k === undefined ? undefined : index.get(k);
    const out: ProcessInfo[] = [];
    for (const c of keys ?? []) {
      const p = this.store.get(c);
      if (p) out.push(p);
    }
    return out.sort((a, b) => (a.start?.ms ?? 0) - (b.start?.ms ?? 0));
  }

  private getLinks(): ProcessLinks {
    if (this.links) return this.links;
    const { links, unresolved } = buildLinks(
      this.store.values(),
      (p) => this.resolveParent(p),
      (k) => this.store.canonical(k),
    );
    // A Security parent PID matching no process: the parent existed before the data (a placeholder).
    // Not while evicting: the graph must not grow then.
    for (const p of this.evicting ? [] : unresolved) {
      if (p.parent?.kind !== "pid") continue;
      const key = `${p.host}|${p.parent.pid}|before-data`;
      const parent = this.store.getOrCreate(key, "host-pid-start", p.host);
      this.store.learnPid(parent, p.parent.pid);
      parent.image ??= p.parentImage;
      touch(parent, p.start, p.created);
      addLink(links, p.key, key);
    }
    this.links = links;
    return links;
  }

  private resolveParent(p: ProcessInfo): string | undefined {
    if (!p.parent) return undefined;
    const k =
      p.parent.kind === "key"
        ? this.store.canonical(p.parent.key)
        : this.store.pidAt(p.hostId, p.parent.pid, p.start?.ms ?? Number.POSITIVE_INFINITY, p.key)?.key;
    return k === p.key ? undefined : k;
  }

  // ── eviction ──

  private evict(): void {
    const target = Math.floor(this.options.maxProcesses * 0.9);
    const order = [...this.store.values()].sort(evictionOrder);
    this.getLinks(); // detectors called from onEvict may ask for parents: build the links once, first
    this.evicting = true;
    try {
      for (const p of order) {
        if (this.store.size <= target) break;
        this.onEvict?.(p);
        if (!p.end) this.count("runningEvicted");
        this.store.remove(p);
        this.count("processesEvicted");
      }
    } finally {
      this.evicting = false;
      this.links = undefined;
    }
  }

  private count(c: Counter, n = 1): void {
    this.counts.set(c, (this.counts.get(c) ?? 0) + n);
  }
}

/** Terminated processes first (earliest end first), then the least recently active. */
function evictionOrder(a: ProcessInfo, b: ProcessInfo): number {
  if (a.end && !b.end) return -1;
  if (!a.end && b.end) return 1;
  if (a.end && b.end) return a.end.ms - b.end.ms;
  const la = a.lastSeen?.ms;
  const lb = b.lastSeen?.ms;
  if (la === undefined || lb === undefined) return la === lb ? 0 : la === undefined ? -1 : 1;
  return la - lb;
}

/** Which source a creation event came from. */
function sourceOf(event: Event): ProcessSource {
  const service = event.logsource.service;
  if (service === "sysmon") return "sysmon";
  if (service === "security") return "security";
  return "edr";
}
