/**
 * The state of one group (one combination of group-by values) of one correlation: its window entries in
 * time order. Input: entries from the engine. Output: in-order insertion, de-duplication, expiry and
 * window extraction; every removal returns how many entries left, so the engine can keep its totals.
 */
import type { Event, EventTime } from "../../events/event.js";
import type { MeasuredEntry } from "./window-measure.js";

/** One occurrence kept in a group's window. */
export interface WindowEntry extends MeasuredEntry {
  readonly time: number;
  /** Arrival order: breaks ties between equal times */
  readonly seq: number;
  readonly firstTime: EventTime;
  readonly lastTime: EventTime;
  readonly events: readonly Event[];
}

/** What the engine keeps per group at most once: which entries make a duplicate. */
export const DEDUPE_KEYS = ["value", "rule"] as const;
export type DedupeKey = (typeof DEDUPE_KEYS)[number];

function before(a: WindowEntry, b: WindowEntry): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

export class CorrelationGroup {
  /** Entries sorted by time, then arrival */
  entries: WindowEntry[] = [];
  /** Arrival sequence of the last entry added: orders groups for least-recently-used eviction */
  touched = 0;
  /** Start of the open window (windowed evaluation only) */
  windowStart: number | undefined;
  /** Changes whenever the scheduled window close becomes stale */
  token = 0;
  /** With `dedupeBy`: the one entry kept per value or rule */
  private readonly latest = new Map<string | number | undefined, WindowEntry>();

  constructor(
    readonly key: string,
    readonly values: Readonly<Record<string, string>>,
    private readonly dedupeBy: DedupeKey | undefined,
  ) {}

  /** Inserts in time order (appends in the usual in-order case). */
  insert(e: WindowEntry): void {
    const list = this.entries;
    const last = list[list.length - 1];
    if (last === undefined || !before(e, last)) {
      list.push(e);
      return;
    }
    list.splice(this.position(e), 0, e);
  }

  /** Index of the first entry not before `e` (binary search over the time order). */
  private position(e: WindowEntry): number {
    const list = this.entries;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(list[mid] as WindowEntry, e)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * With `dedupeBy`, keeps only the latest of `e` and the entry with the same value (or rule). Returns
   * the number of entries removed (0 or 1: the group never holds two duplicates).
   */
  dedupe(e: WindowEntry): number {
    if (this.dedupeBy === undefined) return 0;
    const k = this.dedupeBy === "value" ? e.value : e.ruleIndex;
    const other = this.latest.get(k);
    if (other === undefined) {
      this.latest.set(k, e);
      return 0;
    }
    const drop = before(other, e) ? other : e;
    if (drop === other) this.latest.set(k, e);
    this.entries.splice(this.position(drop), 1);
    return 1;
  }

  private forget(removed: readonly WindowEntry[]): WindowEntry[] {
    if (this.dedupeBy !== undefined) {
      for (const r of removed) {
        const k = this.dedupeBy === "value" ? r.value : r.ruleIndex;
        if (this.latest.get(k) === r) this.latest.delete(k);
      }
    }
    return removed as WindowEntry[];
  }

  /** Removes the oldest entries until at most `max` remain; returns how many were removed. */
  trimTo(max: number): number {
    const n = this.entries.length - max;
    if (n <= 0) return 0;
    this.forget(this.entries.splice(0, n));
    return n;
  }

  /** Removes entries older than `t` (time < t); returns how many were removed. */
  expireBefore(t: number): number {
    let n = 0;
    while (n < this.entries.length && (this.entries[n] as WindowEntry).time < t) n++;
    if (n > 0) this.forget(this.entries.splice(0, n));
    return n;
  }

  /** Removes and returns the entries with time ≤ `end` (a closed window). */
  takeUntil(end: number): WindowEntry[] {
    let n = 0;
    while (n < this.entries.length && (this.entries[n] as WindowEntry).time <= end) n++;
    return this.forget(this.entries.splice(0, n));
  }

  /** Time of the newest entry, or -Infinity when empty. */
  newest(): number {
    const last = this.entries[this.entries.length - 1];
    return last === undefined ? Number.NEGATIVE_INFINITY : last.time;
  }
}
