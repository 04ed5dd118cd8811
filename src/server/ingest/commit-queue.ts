/**
 * The one lane through which ingest reaches the store: batches from concurrent requests are committed
 * one at a time, in arrival order (an embedded database has one writer; queuing here keeps conflicts
 * and retries out of it). A caller's promise resolves only when its batch is committed — what lets an
 * ingest route answer 200 only for data that survives a crash. After each commit the listeners hear how
 * many events were new (the analysis scheduler). Input: events with their raw text, or rows already
 * encoded (when the store takes rows: event-row.ts RowIngest). Output: the store's result per batch,
 * with which events were duplicates where that can be told.
 *
 * Group commit: row batches that wait while the store is busy are committed together in one
 * transaction (up to MAX_GROUP_ROWS rows), and each caller is answered from its share of the result
 * (the store says which positions were duplicates) — only after that transaction committed. Fewer,
 * bigger transactions cost the store less per event. If a group fails, each of its batches is tried
 * alone, so one batch's failure is not another's.
 */
import type { Event } from "../../events/event.js";
import { eventKey } from "../../store/event-key.js";
import { type EventRow, type RowIngest, rowIngestOf } from "../../store/event-row.js";
import type { Store } from "../../store/store.js";

/** Most rows committed in one grouped transaction. */
export const MAX_GROUP_ROWS = 20_000;

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

/** A batch waiting for the lane. */
type Job =
  | {
      readonly kind: "events";
      readonly events: readonly Event[];
      readonly source: string;
      readonly raw: readonly (string | undefined)[] | undefined;
      readonly done: Settle;
    }
  | {
      readonly kind: "rows";
      readonly rows: readonly EventRow[];
      readonly source: string;
      readonly done: Settle;
    };

interface Settle {
  readonly resolve: (outcome: CommitOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/** Serialises commits to one store, grouping waiting row batches into one transaction. */
export class CommitQueue {
  private readonly pending: Job[] = [];
  private running = false;
  private idleWaiters: (() => void)[] = [];
  private readonly listeners: ((inserted: number) => void)[] = [];
  private counters = { batches: 0, inserted: 0, duplicates: 0, commitMs: 0, queued: 0 };
  private readonly rowStore: RowIngest | undefined;

  constructor(private readonly store: Store) {
    this.rowStore = rowIngestOf(store);
  }

  /** True when the store takes encoded rows (then prefer commitRows: cheaper, and group-committed). */
  get acceptsRows(): boolean {
    return this.rowStore !== undefined;
  }

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
    return new Promise((resolve, reject) => {
      this.enqueue({ kind: "events", events, source, raw, done: { resolve, reject } });
    });
  }

  /**
   * Commits rows (validated and encoded by the caller; only when `acceptsRows`), possibly in one
   * transaction with other waiting batches; resolves once that transaction is committed.
   */
  commitRows(rows: readonly EventRow[], source: string): Promise<CommitOutcome> {
    return new Promise((resolve, reject) => {
      if (this.rowStore === undefined) {
        reject(new Error("this store does not take rows: use commit"));
        return;
      }
      this.enqueue({ kind: "rows", rows, source, done: { resolve, reject } });
    });
  }

  /**
   * Resolves when the lane is idle: every batch queued so far, and any queued meanwhile, committed (or
   * failed). Meant for shutdown, once no request can queue more.
   */
  async drain(): Promise<void> {
    if (!this.running && this.pending.length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  counts(): CommitCounters {
    return { ...this.counters };
  }

  private enqueue(job: Job): void {
    this.counters.queued++;
    this.pending.push(job);
    if (!this.running) void this.pump();
  }

  /** Runs the waiting jobs in arrival order until none is left (bounded by what was queued). */
  private async pump(): Promise<void> {
    this.running = true;
    while (this.pending.length > 0) {
      const first = this.pending.shift() as Job;
      if (first.kind === "events") {
        await this.runEvents(first);
        continue;
      }
      const group = [first];
      let rows = first.rows.length;
      for (;;) {
        const next = this.pending[0];
        if (next?.kind !== "rows" || rows + next.rows.length > MAX_GROUP_ROWS) break;
        group.push(next);
        rows += next.rows.length;
        this.pending.shift();
      }
      await this.runRows(group);
    }
    this.running = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private committed(inserted: number, duplicates: number, jobs: number, ms: number): void {
    this.counters.batches += jobs;
    this.counters.inserted += inserted;
    this.counters.duplicates += duplicates;
    this.counters.commitMs += ms;
    for (const l of this.listeners) {
      try {
        l(inserted);
      } catch {
        // a listener's failure must not turn a committed batch into an error reply
      }
    }
  }

  private async runEvents(job: Extract<Job, { kind: "events" }>): Promise<void> {
    const start = performance.now();
    try {
      const result = await this.store.ingestEvents(job.events, { name: job.source, raw: job.raw });
      this.committed(result.inserted, result.duplicates, 1, performance.now() - start);
      job.done.resolve({
        inserted: result.inserted,
        duplicates: result.duplicates,
        duplicate: duplicateFlags(job.events, result.inserted, result.duplicates, duplicateIndexesOf(result)),
      });
    } catch (e) {
      this.counters.commitMs += performance.now() - start;
      job.done.reject(e);
    } finally {
      this.counters.queued--;
    }
  }

  /** Commits `group` in one transaction and answers each job from its share of the result. */
  private async runRows(group: readonly Extract<Job, { kind: "rows" }>[]): Promise<void> {
    const store = this.rowStore as RowIngest;
    const start = performance.now();
    try {
      const rows = group.length === 1 ? group[0]!.rows : group.flatMap((j) => j.rows);
      const result = await store.ingestRows(rows, group[0]!.source);
      this.committed(result.inserted, result.duplicates, group.length, performance.now() - start);
      const flags = new Uint8Array(rows.length);
      for (const i of result.duplicateIndexes) if (i >= 0 && i < rows.length) flags[i] = 1;
      let offset = 0;
      for (const job of group) {
        const duplicate: boolean[] = new Array(job.rows.length);
        let duplicates = 0;
        for (let i = 0; i < job.rows.length; i++) {
          duplicate[i] = flags[offset + i] === 1;
          if (duplicate[i]) duplicates++;
        }
        offset += job.rows.length;
        this.counters.queued--;
        job.done.resolve({ inserted: job.rows.length - duplicates, duplicates, duplicate });
      }
    } catch (e) {
      this.counters.commitMs += performance.now() - start;
      if (group.length === 1) {
        this.counters.queued--;
        group[0]!.done.reject(e);
        return;
      }
      // nothing of the group is stored (one transaction): each batch alone, so a failure stays its own
      for (const job of group) await this.runRows([job]);
    }
  }
}
