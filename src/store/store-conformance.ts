/**
 * The conformance suite every Store back end must pass (DuckDB now, ClickHouse next). Test support, not
 * used by the product: `runStoreConformance(name, open)` defines node:test `describe`/`it` blocks; `open`
 * must give a new, empty store on each call. This file covers events (round trip of every value type,
 * filters, dedupe, atomicity, search, retention); store-conformance-records.ts covers the rest.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Event } from "../events/event.js";
import type { Store } from "./store.js";
import { runFleetConformance } from "./store-conformance-fleet.js";
import { runRecordConformance } from "./store-conformance-records.js";
import { asStored, everyTypeEvents, sysmonEvent, sysmonEventAt, zeekConnEvent } from "./store-test-data.js";
import { collect, inStoreOrder, rejectsWith, withStore } from "./store-test-harness.js";

/** What a back end offers beyond `open`. */
export interface ConformanceOptions {
  /** Opens the same store again after it was closed (back ends that persist) */
  readonly reopen?: (closed: Store) => Promise<Store>;
}

function runEventConformance(open: () => Promise<Store>): void {
  describe("events", () => {
    it("reads back every field value type, record id type and optional part exactly", async () => {
      await withStore(open, async (store) => {
        const input = everyTypeEvents();
        assert.deepEqual(await store.ingestEvents(input, { name: "every-type" }), {
          inserted: input.length,
          duplicates: 0,
        });
        const back = await collect(store.events());
        assert.deepStrictEqual(back, asStored(inStoreOrder(input)));
        const big = back.find((e) => typeof e.identity.recordId === "bigint");
        assert.equal(big?.identity.recordId, 2n ** 60n + 1n);
        const fields = back.find((e) => e.fields.big !== undefined)?.fields;
        assert.ok(fields);
        assert.ok(Object.is(fields["negative zero"], -0));
        assert.ok(Number.isNaN(fields["not a number"]));
        assert.equal(Object.getPrototypeOf(fields), Object.prototype);
        assert.equal(Object.hasOwn(fields, "__proto__"), true);
      });
    });

    it("filters by time range, hosts, channels, event ids and kinds, and counts the same", async () => {
      await withStore(open, async (store) => {
        const input = everyTypeEvents();
        await store.ingestEvents(input, { name: "every-type" });
        const t0 = input[0].time!.ms;
        const cases = [
          { query: {}, want: 5 },
          { query: { hosts: ["WS-SALES-07"] }, want: 2 },
          { query: { hosts: ["WS-SALES-07", ""] }, want: 3 },
          { query: { hosts: [] }, want: 0 },
          { query: { channels: ["conn"] }, want: 1 },
          { query: { eventIds: [1, 4624] }, want: 4 },
          { query: { kinds: ["network" as const] }, want: 1 },
          { query: { from: t0 + 250 }, want: 3 },
          { query: { from: t0, to: t0 + 500 }, want: 2 },
          { query: { hosts: ["WS-SALES-08"], eventIds: [1] }, want: 1 },
        ];
        for (const { query, want } of cases) {
          const got = await collect(store.events(query));
          assert.equal(got.length, want, JSON.stringify(query));
          assert.equal(await store.countEvents(query), want, JSON.stringify(query));
        }
        const limited = await collect(store.events({ limit: 2 }));
        assert.deepEqual(
          limited.map((e) => e.host),
          ["", "WS-SALES-07"],
        );
      });
    });

    it("does not duplicate a batch ingested twice; events without record ids are deduped by content", async () => {
      await withStore(open, async (store) => {
        const input = everyTypeEvents();
        await store.ingestEvents(input, { name: "first" });
        // a new event twice in a batch that follows an all-new batch
        const twice = sysmonEvent("WS-TWICE", 1, 0);
        assert.deepEqual(await store.ingestEvents([twice, twice], { name: "twice" }), {
          inserted: 1,
          duplicates: 1,
        });
        assert.deepEqual(await store.ingestEvents(input, { name: "again" }), {
          inserted: 0,
          duplicates: input.length,
        });
        // the same Zeek line from a copy of the file (other name, other line) is the same record
        const copy = zeekConnEvent("CAbc1", 250, 77, "copy-of-conn.log");
        // same record id on the same host and channel: the same record, whatever else differs
        const reread = sysmonEvent("WS-SALES-08", 7, 999, { CommandLine: "changed" });
        // a repeat inside one batch counts as a duplicate too
        const fresh = zeekConnEvent("CNew1", 300, 10);
        assert.deepEqual(await store.ingestEvents([copy, reread, fresh, fresh], { name: "mixed" }), {
          inserted: 1,
          duplicates: 3,
        });
        // a different host with the same record id is another record
        const otherHost = sysmonEvent("WS-SALES-09", 7, 0);
        assert.deepEqual(await store.ingestEvents([otherHost], { name: "other" }), {
          inserted: 1,
          duplicates: 0,
        });
        assert.equal(await store.countEvents(), input.length + 3);
      });
    });

    it("stores nothing of a batch with one invalid event, and says which and where", async () => {
      await withStore(open, async (store) => {
        await store.ingestEvents([sysmonEvent("WS-A", 1, 0)], { name: "good" });
        const bad = {
          ...zeekConnEvent("CBad", 10, 42, "bad.log"),
          fields: { nested: { not: "a field value" } },
        } as unknown as Event;
        const batch = [sysmonEvent("WS-A", 2, 1), sysmonEvent("WS-A", 3, 2), bad, sysmonEvent("WS-A", 4, 3)];
        const err = await rejectsWith(
          store.ingestEvents(batch, { name: "bad.log" }),
          "E_STORE",
          /event 3 of the batch from bad\.log .*field "nested" is an object.*nothing of this batch was stored/,
        );
        assert.deepEqual(err.location, { file: "bad.log", line: 42, offset: 4200 });
        assert.equal(await store.countEvents(), 1);
        assert.deepEqual(
          await store.ingestEvents(
            batch.filter((e) => e !== bad),
            { name: "fixed" },
          ),
          {
            inserted: 3,
            duplicates: 0,
          },
        );
      });
    });

    it("keeps the raw record beside the event without changing the event", async () => {
      await withStore(open, async (store) => {
        const e = sysmonEvent("WS-RAW", 5, 0);
        const raw = "<Event><System><EventRecordID>5</EventRecordID></System></Event>";
        await store.ingestEvents([e], { name: "raw", raw: [raw] });
        assert.deepStrictEqual(await collect(store.events()), asStored([e]));
        const q = await store.query("SELECT raw FROM events");
        assert.deepEqual(q.rows, [[raw]]);
      });
    });

    it("searches text and field values with a total and pages", async () => {
      await withStore(open, async (store) => {
        const events = Array.from({ length: 12 }, (_, i) =>
          sysmonEvent(`WS-${String(i % 3)}`, 100 + i, i * 10, { Marker: i % 2 === 0 ? "even" : "odd" }),
        );
        await store.ingestEvents(events, { name: "search" });
        const text = await store.searchEvents({ text: "c:\\users\\TANAKA\\appdata", limit: 5 });
        assert.equal(text.total, 12);
        assert.equal(text.events.length, 5);
        const even = await store.searchEvents({ fields: [{ field: "Marker", value: "even" }], limit: 100 });
        assert.equal(even.total, 6);
        const page2 = await store.searchEvents({
          fields: [{ field: "Marker", value: "even" }],
          hosts: ["WS-0"],
          limit: 1,
          offset: 1,
        });
        assert.equal(page2.total, 2);
        assert.deepStrictEqual(page2.events, asStored([events[6]]));
        const numeric = await store.searchEvents({ fields: [{ field: "EventRecordID", value: "111" }] });
        assert.equal(numeric.total, 1);
        const none = await store.searchEvents({ text: "no such text anywhere" });
        assert.deepEqual(none, { total: 0, events: [] });
        await rejectsWith(store.searchEvents({ limit: -1 }), "E_STORE", /limit/);
      });
    });

    it("retention deletes events older than the given days and says how many", async () => {
      await withStore(open, async (store) => {
        const now = Date.now();
        const day = 86_400_000;
        const untimed = everyTypeEvents()[4];
        const input = [
          sysmonEventAt("WS-R", 1, now - 40 * day),
          sysmonEventAt("WS-R", 2, now - 10 * day),
          sysmonEventAt("WS-R", 3, now - day),
          untimed,
        ];
        await store.ingestEvents(input, { name: "retention" });
        assert.deepEqual(await store.applyRetention({ eventsDays: 60 }), { events: 0 });
        assert.deepEqual(await store.applyRetention({ eventsDays: 30 }), { events: 1 });
        // the untimed event is judged by its arrival (just now): kept until its arrival is old enough
        assert.deepEqual(await store.applyRetention({ eventsDays: 5, now: now + 60_000 }), { events: 1 });
        assert.deepEqual(
          (await collect(store.events())).map((e) => e.identity.recordId ?? e.identity.eventId),
          [3, 4624],
        );
        assert.deepEqual(await store.applyRetention({ eventsDays: 0.5, now: now + 2 * day }), { events: 2 });
        await rejectsWith(store.applyRetention({ eventsDays: -1 }), "E_STORE", /retention days/);
      });
    });
  });
}

/**
 * Defines the conformance tests of one back end. `open` gives a new, empty store on each call;
 * `options.reopen` (for back ends that persist) opens a closed store again.
 */
export function runStoreConformance(
  name: string,
  open: () => Promise<Store>,
  options: ConformanceOptions = {},
): void {
  describe(`Store conformance: ${name}`, () => {
    runEventConformance(open);
    runRecordConformance(open, options);
    runFleetConformance(open);
  });
}
