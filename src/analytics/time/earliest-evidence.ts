/**
 * Bounded evidence for one finding: the earliest `cap` events by time (events arrive in file order,
 * not globally sorted), a count of all of them, and the first and last time seen.
 * Input: events (or time + provenance). Output: provenances in time order, the count, first/last.
 */
import type { Event, EventTime } from "../../events/event.js";
import type { Provenance } from "../../events/provenance.js";
import { MAX_EVIDENCE } from "../../findings/finding.js";

/** One kept event. */
export interface EvidenceEntry {
  /** Time in ms; +Infinity for events without a time (kept only while there is room) */
  readonly ms: number;
  readonly time: EventTime | undefined;
  readonly provenance: Provenance;
}

/** Keeps the earliest `cap` provenances of a stream of events. */
export class EarliestEvidence {
  private readonly items: EvidenceEntry[] = [];
  private total = 0;
  private firstTime: EventTime | undefined;
  private lastTime: EventTime | undefined;

  constructor(private readonly cap: number = MAX_EVIDENCE) {}

  /** Adds one event. */
  add(event: Pick<Event, "time" | "provenance">): void {
    this.addAt(event.time, event.provenance);
  }

  /** Adds one event given as its time and provenance. */
  addAt(time: EventTime | undefined, provenance: Provenance): void {
    this.total++;
    if (time) {
      if (!this.firstTime || time.ms < this.firstTime.ms) this.firstTime = time;
      if (!this.lastTime || time.ms > this.lastTime.ms) this.lastTime = time;
    }
    if (this.cap <= 0) return;
    const ms = time ? time.ms : Number.POSITIVE_INFINITY;
    const items = this.items;
    if (items.length >= this.cap) {
      if (!(ms < items[items.length - 1].ms)) return;
      items.pop();
    }
    let i = items.length;
    while (i > 0 && items[i - 1].ms > ms) i--;
    items.splice(i, 0, { ms, time, provenance });
  }

  /** How many events were added (kept or not). */
  get count(): number {
    return this.total;
  }

  get first(): EventTime | undefined {
    return this.firstTime;
  }

  get last(): EventTime | undefined {
    return this.lastTime;
  }

  /** The kept provenances, earliest first. */
  provenances(): Provenance[] {
    return this.items.map((i) => i.provenance);
  }

  /** The kept events' times and provenances, earliest first (for re-filtering at finish). */
  entries(): readonly EvidenceEntry[] {
    return this.items;
  }
}
