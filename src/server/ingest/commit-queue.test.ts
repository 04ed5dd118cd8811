/**
 * The commit lane: arrival order, group commit of waiting row batches (one store call, each caller
 * answered from its share), a failed group retried batch by batch, and the events path unchanged.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Event } from "../../events/event.js";
import type { EventRow, RowIngestResult } from "../../store/event-row.js";
import { toEventRow } from "../../store/event-row.js";
import type { IngestResult, IngestSource, Store } from "../../store/store.js";
import { sysmonEvent } from "../../store/store-test-data.js";
import { CommitQueue, MAX_GROUP_ROWS } from "./commit-queue.js";

/** A store double: records its calls; a row whose host is "DUP" is a duplicate, "FAIL" fails the call. */
class FakeStore {
  readonly calls: string[] = [];
  private release: (() => void) | undefined;
  private gate: Promise<void> = Promise.resolve();

  /** Holds the next store call until `open` (so batches queue up behind it). */
  hold(): void {
    this.gate = new Promise((resolve) => {
      this.release = resolve;
    });
  }

  open(): void {
    this.release?.();
  }

  async ingestRows(rows: readonly EventRow[], source: string): Promise<RowIngestResult> {
    this.calls.push(`rows:${source}:${rows.length}`);
    await this.gate;
    if (rows.some((r) => r.host === "FAIL")) throw new Error("refused");
    const duplicateIndexes = rows.flatMap((r, i) => (r.host === "DUP" ? [i] : []));
    return {
      inserted: rows.length - duplicateIndexes.length,
      duplicates: duplicateIndexes.length,
      duplicateIndexes,
    };
  }

  async ingestEvents(events: readonly Event[], source: IngestSource): Promise<IngestResult> {
    this.calls.push(`events:${source.name}:${events.length}`);
    await this.gate;
    return { inserted: events.length, duplicates: 0 };
  }
}

const rows = (hosts: readonly string[], from = 0): EventRow[] =>
  hosts.map((h, i) => toEventRow(sysmonEvent(h, from + i, i), undefined));

describe("CommitQueue", () => {
  it("commits waiting row batches as one group and answers each from its share", async () => {
    const store = new FakeStore();
    const queue = new CommitQueue(store as unknown as Store);
    assert.equal(queue.acceptsRows, true);
    const heard: number[] = [];
    queue.onCommit((n) => heard.push(n));
    store.hold();
    const first = queue.commitRows(rows(["A"]), "r1");
    const second = queue.commitRows(rows(["B", "DUP", "C"], 10), "r2");
    const third = queue.commitRows(rows(["DUP", "D"], 20), "r3");
    await new Promise((r) => setImmediate(r));
    store.open();
    assert.deepEqual(await first, { inserted: 1, duplicates: 0, duplicate: [false] });
    assert.deepEqual(await second, { inserted: 2, duplicates: 1, duplicate: [false, true, false] });
    assert.deepEqual(await third, { inserted: 1, duplicates: 1, duplicate: [true, false] });
    // the first went alone (the lane was free), the two that waited went together
    assert.deepEqual(store.calls, ["rows:r1:1", "rows:r2:5"]);
    assert.deepEqual(heard, [1, 3]);
    assert.deepEqual(queue.counts(), {
      batches: 3,
      inserted: 4,
      duplicates: 2,
      commitMs: queue.counts().commitMs,
      queued: 0,
    });
  });

  it("keeps a group under MAX_GROUP_ROWS and keeps arrival order with event batches", async () => {
    const store = new FakeStore();
    const queue = new CommitQueue(store as unknown as Store);
    store.hold();
    const half = Math.floor(MAX_GROUP_ROWS / 2) + 1;
    const big = rows(["A"]).flatMap((r) => Array.from({ length: half }, () => r));
    const all = [
      queue.commitRows(rows(["A"]), "first"),
      queue.commitRows(big, "big1"),
      queue.commitRows(big, "big2"),
      queue.commit([sysmonEvent("E", 1, 0)], "events"),
      queue.commitRows(rows(["B"]), "after"),
    ];
    await new Promise((r) => setImmediate(r));
    store.open();
    await Promise.all(all);
    assert.deepEqual(store.calls, [
      "rows:first:1",
      `rows:big1:${half}`, // big1 + big2 would pass MAX_GROUP_ROWS
      `rows:big2:${half}`,
      "events:events:1",
      "rows:after:1",
    ]);
  });

  it("retries a failed group batch by batch: only the failing batch is refused", async () => {
    const store = new FakeStore();
    const queue = new CommitQueue(store as unknown as Store);
    store.hold();
    const first = queue.commitRows(rows(["A"]), "r1");
    const good = queue.commitRows(rows(["B"], 5), "good");
    const bad = queue.commitRows(rows(["FAIL"], 9), "bad");
    const later = queue.commitRows(rows(["C"], 7), "later");
    await new Promise((r) => setImmediate(r));
    store.open();
    await first;
    assert.deepEqual(await good, { inserted: 1, duplicates: 0, duplicate: [false] });
    await assert.rejects(bad, /refused/);
    assert.deepEqual(await later, { inserted: 1, duplicates: 0, duplicate: [false] });
    assert.deepEqual(store.calls, ["rows:r1:1", "rows:good:3", "rows:good:1", "rows:bad:1", "rows:later:1"]);
    await queue.drain();
    assert.equal(queue.counts().queued, 0);
  });

  it("refuses rows for a store without RowIngest, and drains when idle", async () => {
    const store = {
      ingestEvents: async (events: readonly Event[]) => ({ inserted: events.length, duplicates: 0 }),
    };
    const queue = new CommitQueue(store as unknown as Store);
    assert.equal(queue.acceptsRows, false);
    await assert.rejects(queue.commitRows(rows(["A"]), "x"), /does not take rows/);
    assert.deepEqual(await queue.commit([sysmonEvent("A", 1, 0)], "e"), {
      inserted: 1,
      duplicates: 0,
      duplicate: [false],
    });
    await queue.drain();
  });
});
