/**
 * The one lane through which ingest reaches the store: batches from concurrent requests are committed
 * one at a time, in arrival order (an embedded database has one writer; queuing here keeps conflicts
 * and retries out of it). A caller's promise resolves only when its batch is committed — what lets an
 * ingest route answer 200 only for data that survives a crash. After each commit the listeners hear how
 * many events were new (the analysis scheduler). Input: events with their raw text. Output: the store's
 * result per batch, with which events were duplicates where that can be told.
 */
import type { Event } from "../../events/event.js";
import { eventKey } from "../../store/event-key.js";
import type { Store } from "../../store/store.js";

/** A committed batch: counts, and per event whether it was a duplicate (see duplicateFlags). */
export interface CommitOutcome {
  readonly inserted: number;
  readonly duplicates: number;
  /** Per event of the batch: true = duplicate; undefined entries could not be told apart (see below) */
  readonly duplicate: readonly (boolean | undefined)[];
}

/** Counters of the lane, for metrics. */
export interface CommitCounters {
  readonly batches: number;
  readonly inserted: number;
  readonly duplicates: number;
  readonly commitMs: number;
  readonly queued: number;
}

/**
 * Which events of a batch were duplicates. Exact when the store tells (`duplicateIndexes`, optional), when
 * none or all were, or when every duplicate repeats an earlier event of the same batch. Otherwise (a
 * batch partly already stored, and the store does not say which) the repeats inside the batch are
 * exact and the rest is undefined.
 */
export function duplicateFlags(
  events: readonly Event[],
  inserted: number,
  duplicates: number,
  duplicateIndexes: readonly number[] | undefined,
): (boolean | undefined)[] {
  if (duplicateIndexes) {
    const flags: boolean[] = new Array(events.length).fill(false);
    for (const i of duplicateIndexes) if (i >= 0 && i < events.length) flags[i] = true;
    return flags;
  }
  if (duplicates === 0) return new Array(events.length).fill(false);
  if (inserted === 0) return new Array(events.length).fill(true);
  const seen = new Set<bigint>();
  const flags: (boolean | undefined)[] = events.map((e) => {
    const key = eventKey(e);
    if (seen.has(key)) return true;
    seen.add(key);
    return undefined;
  });
  const repeats = flags.filter((f) => f === true).length;
  return repeats === duplicates ? flags.map((f) => f === true) : flags;
}

/** Reads the optional per-event duplicate positions a store may add to its result. */
function duplicateIndexesOf(result: object): readonly number[] | undefined {
  const v = (result as { duplicateIndexes?: unknown }).duplicateIndexes;
  return Array.isArray(v) && v.every((i) => typeof i === "number") ? (v as number[]) : undefined;
}

/** Serialises commits to one store. */
export class CommitQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly listeners: ((inserted: number) => void)[] = [];
  private counters = { batches: 0, inserted: 0, duplicates: 0, commitMs: 0, queued: 0 };

  constructor(private readonly store: Store) {}

  /** Called after each commit with the number of new events. */
  onCommit(listener: (inserted: number) => void): void {
    this.listeners.push(listener);
  }

  /** Commits one batch after the batches queued before it; resolves once it is committed. */
  commit(
    events: readonly Event[],
    source: string,
    raw?: readonly (string | undefined)[],
  ): Promise<CommitOutcome> {
    this.counters.queued++;
    const run = async (): Promise<CommitOutcome> => {
      const start = performance.now();
      try {
        const result = await this.store.ingestEvents(events, { name: source, raw });
        this.counters.batches++;
        this.counters.inserted += result.inserted;
        this.counters.duplicates += result.duplicates;
        for (const l of this.listeners) {
          try {
            l(result.inserted);
          } catch {
            // a listener's failure must not turn a committed batch into an error reply
          }
        }
        return {
          inserted: result.inserted,
          duplicates: result.duplicates,
          duplicate: duplicateFlags(events, result.inserted, result.duplicates, duplicateIndexesOf(result)),
        };
      } finally {
        this.counters.commitMs += performance.now() - start;
        this.counters.queued--;
      }
    };
    const next = this.tail.then(run, run);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Resolves when every batch queued so far is committed (or failed). */
  async drain(): Promise<void> {
    await this.tail;
  }

  counts(): CommitCounters {
    return { ...this.counters };
  }
}
