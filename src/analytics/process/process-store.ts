/**
 * Where the graph keeps its processes: by key, with aliases (a Security 4688 key merged into the
 * Sysmon process it duplicates) and the PID index that resolves "PID n on host h at time t".
 * Input: processes created, aliased, indexed and removed by the graph. Output: lookups.
 */
import { hostKey } from "./host-key.js";
import { PidIndex } from "./pid-index.js";
import { type ActivityCaps, type MutableProcess, newProcess, type ProcessKeyKind } from "./process-node.js";

/** Start time used for a process whose start was not seen: it existed before the data. */
export const BEFORE_DATA = Number.NEGATIVE_INFINITY;

export class ProcessStore {
  private readonly nodes = new Map<string, MutableProcess>();
  private readonly aliases = new Map<string, string>();
  private readonly pids = new PidIndex();

  constructor(private readonly caps: ActivityCaps) {}

  /** The process with this key or alias. */
  get(key: string): MutableProcess | undefined {
    return this.nodes.get(key) ?? this.nodes.get(this.aliases.get(key) ?? "");
  }

  /** The tracked key for a key or alias, or undefined. */
  canonical(key: string): string | undefined {
    if (this.nodes.has(key)) return key;
    const a = this.aliases.get(key);
    return a !== undefined && this.nodes.has(a) ? a : undefined;
  }

  /** The process with `key`; a new placeholder when unknown. */
  getOrCreate(key: string, keyKind: ProcessKeyKind, host: string): MutableProcess {
    const known = this.get(key);
    if (known) return known;
    const p = newProcess(key, keyKind, host, hostKey(host), this.caps);
    this.nodes.set(key, p);
    return p;
  }

  /** Makes `key` another name of `p`. */
  alias(key: string, p: MutableProcess): void {
    this.aliases.set(key, p.key);
    p.aliases = [...p.aliases, key];
  }

  /** Forgets `p`, its aliases and its PID entry. */
  remove(p: MutableProcess): void {
    this.nodes.delete(p.key);
    for (const a of p.aliases) if (this.aliases.get(a) === p.key) this.aliases.delete(a);
    if (p.pid !== undefined) this.pids.remove(p.hostId, p.pid, p.key);
  }

  values(): IterableIterator<MutableProcess> {
    return this.nodes.values();
  }

  get size(): number {
    return this.nodes.size;
  }

  /** Indexes `p` under its PID from `ms` on (re-indexing replaces an earlier entry). */
  indexPid(p: MutableProcess, ms: number): void {
    if (p.pid === undefined) return;
    this.pids.remove(p.hostId, p.pid, p.key);
    this.pids.add(p.hostId, p.pid, p.key, ms);
  }

  /** Removes `p`'s PID entry (before its PID may change). */
  unindexPid(p: MutableProcess): void {
    if (p.pid !== undefined) this.pids.remove(p.hostId, p.pid, p.key);
  }

  /** Gives a PID to a process that had none (a placeholder learning it) and indexes it as pre-existing. */
  learnPid(p: MutableProcess, pid: number | undefined): void {
    if (p.pid !== undefined || pid === undefined) return;
    p.pid = pid;
    this.pids.add(p.hostId, pid, p.key, BEFORE_DATA);
  }

  /** The latest process with `pid` on `hostId` started at or before `ms` (other than `except`). */
  pidAt(hostId: string, pid: number, ms: number, except?: string): MutableProcess | undefined {
    const k = this.pids.latestAtOrBefore(hostId, pid, ms, except);
    return k === undefined ? undefined : this.nodes.get(k);
  }

  /** The process with `pid` on `hostId` started closest to `ms`, within `toleranceMs`, that `accept`s. */
  pidNear(
    hostId: string,
    pid: number,
    ms: number,
    toleranceMs: number,
    accept: (p: MutableProcess) => boolean,
  ): MutableProcess | undefined {
    const k = this.pids.near(hostId, pid, ms, toleranceMs, (key) => {
      const p = this.nodes.get(key);
      return p !== undefined && accept(p);
    });
    return k === undefined ? undefined : this.nodes.get(k);
  }
}
