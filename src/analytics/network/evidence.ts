/**
 * Bounded evidence for one finding candidate: every event is counted and widens the first/last
 * time, but only MAX_EVIDENCE provenances are kept — the first half as they come, the second half
 * as a ring of the most recent — so an analyst sees how it started and how it went on.
 * Input: events (or their provenance and time). Output: the Finding fields evidence / evidenceCount
 * / first / last.
 */
import type { Event, EventTime } from "../../events/event.js";
import type { Provenance } from "../../events/provenance.js";
import { MAX_EVIDENCE } from "../../findings/finding.js";

export class Evidence {
  private readonly head: Provenance[] = [];
  private readonly tail: Provenance[] = [];
  private tailNext = 0;
  private total = 0;
  private firstTime: EventTime | undefined;
  private lastTime: EventTime | undefined;

  /** @param keep provenances kept (at most MAX_EVIDENCE) */
  constructor(private readonly keep = MAX_EVIDENCE) {
    this.keep = Math.max(0, Math.min(MAX_EVIDENCE, keep));
  }

  /** Adds one event. */
  add(event: Event): void {
    this.addProvenance(event.provenance, event.time);
  }

  /** Adds one record by provenance and time. */
  addProvenance(provenance: Provenance, time: EventTime | undefined): void {
    this.total++;
    if (time) {
      if (!this.firstTime || time.ms < this.firstTime.ms) this.firstTime = time;
      if (!this.lastTime || time.ms > this.lastTime.ms) this.lastTime = time;
    }
    const headSize = Math.ceil(this.keep / 2);
    if (this.head.length < headSize) {
      this.head.push(provenance);
      return;
    }
    const tailSize = this.keep - headSize;
    if (tailSize === 0) return;
    if (this.tail.length < tailSize) this.tail.push(provenance);
    else this.tail[this.tailNext] = provenance;
    this.tailNext = (this.tailNext + 1) % tailSize;
  }

  /**
   * Counts `n` more events that belong to the finding but are not kept, and widens the time span
   * to include `first`..`last` (for callers that tally events themselves).
   */
  extend(n: number, first: EventTime | undefined, last: EventTime | undefined): void {
    this.total += Math.max(0, n);
    if (first && (!this.firstTime || first.ms < this.firstTime.ms)) this.firstTime = first;
    if (last && (!this.lastTime || last.ms > this.lastTime.ms)) this.lastTime = last;
  }

  /** Adds everything another collector holds (its kept provenances and its count). */
  merge(other: Evidence): void {
    const kept = other.provenances();
    for (const p of kept) this.addProvenance(p, undefined);
    this.extend(other.count - kept.length, other.firstTime, other.lastTime);
  }

  /** Kept provenances: the first ones, then the most recent ones in arrival order. */
  provenances(): Provenance[] {
    const n = this.tail.length;
    const start = n < this.keep - Math.ceil(this.keep / 2) ? 0 : this.tailNext;
    const ordered: Provenance[] = [];
    for (let i = 0; i < n; i++) ordered.push(this.tail[(start + i) % n]);
    return [...this.head, ...ordered];
  }

  get count(): number {
    return this.total;
  }

  get first(): EventTime | undefined {
    return this.firstTime;
  }

  get last(): EventTime | undefined {
    return this.lastTime;
  }
}
