/**
 * Processes by host and PID, ordered by start time, to resolve what a PID meant at a given moment:
 * Windows reuses PIDs, so "parent PID 4242" is the latest process with PID 4242 that started on that
 * host before the child. Input: (host, pid, key, start ms) entries. Output: keys. Bounded by the
 * graph: every entry belongs to a live process and is removed with it.
 */

interface PidEntry {
  readonly key: string;
  /** Start time; -Infinity for a process whose start was not seen (it existed before the data) */
  readonly ms: number;
}

export class PidIndex {
  private readonly byPid = new Map<string, PidEntry[]>();

  /** Registers `key` as the process with `pid` on `hostId` from `ms` on. */
  add(hostId: string, pid: number, key: string, ms: number): void {
    const id = `${hostId}|${pid}`;
    let list = this.byPid.get(id);
    if (!list) {
      list = [];
      this.byPid.set(id, list);
    }
    let i = list.length;
    while (i > 0 && list[i - 1].ms > ms) i--;
    list.splice(i, 0, { key, ms });
  }

  /** Removes `key`'s entry for (`hostId`, `pid`). */
  remove(hostId: string, pid: number, key: string): void {
    const id = `${hostId}|${pid}`;
    const list = this.byPid.get(id);
    if (!list) return;
    const i = list.findIndex((e) => e.key === key);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.byPid.delete(id);
  }

  /** The latest process with `pid` on `hostId` that started at or before `ms`, other than `except`. */
  latestAtOrBefore(hostId: string, pid: number, ms: number, except?: string): string | undefined {
    const list = this.byPid.get(`${hostId}|${pid}`);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i];
      if (e.ms <= ms && e.key !== except) return e.key;
    }
    return undefined;
  }

  /** The process with `pid` on `hostId` whose start is closest to `ms` and within `toleranceMs`. */
  near(
    hostId: string,
    pid: number,
    ms: number,
    toleranceMs: number,
    accept: (key: string) => boolean = () => true,
  ): string | undefined {
    const list = this.byPid.get(`${hostId}|${pid}`);
    if (!list) return undefined;
    let best: string | undefined;
    let bestDelta = Number.POSITIVE_INFINITY;
    for (const e of list) {
      const delta = Math.abs(e.ms - ms);
      if (delta <= toleranceMs && delta < bestDelta && accept(e.key)) {
        best = e.key;
        bestDelta = delta;
      }
    }
    return best;
  }

  /** Number of (host, pid) lists, for tests. */
  get size(): number {
    return this.byPid.size;
  }
}
