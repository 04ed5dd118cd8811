/**
 * First and last event time per host: "the end of the data" a process's state is judged at.
 * Bounded: at most `cap` hosts; events of hosts beyond it are counted.
 * Input: events (host + time). Output: HostSpan per host key.
 */
import type { Event } from "../../events/event.js";
import { hostKey } from "./host-key.js";

/** First and last event time seen from one host. */
export interface HostSpan {
  /** The host as the source names it (the first name seen) */
  readonly host: string;
  readonly firstMs: number;
  readonly lastMs: number;
}

export class HostSpans {
  private readonly spans = new Map<string, { host: string; firstMs: number; lastMs: number }>();
  private untracked = 0;

  constructor(private readonly cap: number) {}

  /** Widens the span of the event's host (events without host or time are ignored). */
  note(event: Event): void {
    const ms = event.time?.ms;
    if (ms === undefined || event.host === "") return;
    const id = hostKey(event.host);
    const h = this.spans.get(id);
    if (h) {
      if (ms < h.firstMs) h.firstMs = ms;
      if (ms > h.lastMs) h.lastMs = ms;
    } else if (this.spans.size < this.cap) this.spans.set(id, { host: event.host, firstMs: ms, lastMs: ms });
    else this.untracked++;
  }

  /** The span of a host, by host key. */
  get(hostId: string): HostSpan | undefined {
    return this.spans.get(hostId);
  }

  /** Events of hosts not tracked (beyond the cap). */
  get eventsNotTracked(): number {
    return this.untracked;
  }
}
