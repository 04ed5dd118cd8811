/**
 * The conformance suite, fleet analytics part: prevalence, destination statistics and scan aggregates
 * on the same hand-built events for every back end. Test support: defines node:test blocks;
 * store-conformance.ts calls it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import type { Store } from "./store.js";
import { sysmonEvent, zeekConnEvent } from "./store-test-data.js";
import { rejectsWith, withStore } from "./store-test-harness.js";

const HASH = "ab0b29c6f1f2e4e4c1c9b3c0d7a1e9f00112233445566778899aabbccddeeff0";
const OTHER = "11".repeat(32);
const INVOICE = "C:\\Users\\tanaka\\AppData\\Local\\Temp\\invoice.pdf.exe";

function conn(uid: string, offsetMs: number, src: string, dst: string, port: number, bytes?: number): Event {
  const e = zeekConnEvent(uid, offsetMs, 1);
  const extra: Fields = bytes === undefined ? {} : { orig_bytes: bytes, resp_bytes: 2 * bytes };
  return {
    ...e,
    fields: { ...e.fields, SourceIp: src, DestinationIp: dst, DestinationPort: port, ...extra },
  };
}

function fleetEvents(): Event[] {
  return [
    sysmonEvent("WS-1", 1, 0),
    sysmonEvent("WS-1", 2, 1000),
    sysmonEvent("WS-2", 1, 500),
    sysmonEvent("WS-3", 1, 2000, { Image: "C:\\Windows\\notepad.exe", Hashes: `SHA256=${OTHER}` }),
    conn("B1", 0, "10.0.5.27", "203.0.113.45", 443, 100),
    conn("B2", 60_000, "10.0.5.27", "203.0.113.45", 443, 100),
    conn("B3", 120_000, "10.0.5.27", "203.0.113.45", 443, 100),
    ...[1, 2, 3, 4, 5].map((i) => conn(`S${i}`, 1000 * i, "10.0.5.99", `10.0.5.${i}`, 440 + i)),
  ];
}

/** The fleet-analytics part of the suite. */
export function runFleetConformance(open: () => Promise<Store>): void {
  describe("fleet analytics", () => {
    it("computes prevalence per kind with hosts, events, first and last seen", async () => {
      await withStore(open, async (store) => {
        const events = fleetEvents();
        await store.ingestEvents(events, { name: "fleet" });
        const t0 = events[0].time!.ms;
        assert.deepEqual(await store.prevalence({ kind: "sha256" }), [
          { value: HASH, hosts: 2, events: 3, firstSeen: t0, lastSeen: t0 + 1000 },
          { value: OTHER, hosts: 1, events: 1, firstSeen: t0 + 2000, lastSeen: t0 + 2000 },
        ]);
        assert.deepEqual(
          (await store.prevalence({ kind: "image", minHosts: 2 })).map((r) => [r.value, r.hosts]),
          [[INVOICE, 2]],
        );
        assert.deepEqual(
          (await store.prevalence({ kind: "sha256", values: [OTHER] })).map((r) => r.value),
          [OTHER],
        );
        assert.deepEqual(await store.prevalence({ kind: "sha256", values: [] }), []);
        assert.deepEqual(
          (await store.prevalence({ kind: "command-line", from: t0 + 600 })).map((r) => [r.hosts, r.events]),
          [[2, 2]],
        );
        const dest = await store.prevalence({ kind: "destination", limit: 1 });
        assert.deepEqual(dest, [
          { value: "203.0.113.45", hosts: 1, events: 3, firstSeen: t0, lastSeen: t0 + 120_000 },
        ]);
        const badKind = { kind: "constructor" } as unknown as { kind: "sha256" };
        await rejectsWith(store.prevalence(badKind), "E_STORE", /unknown prevalence kind/);
        await rejectsWith(store.prevalence({ kind: "image", limit: -1 }), "E_STORE", /limit/);
      });
    });

    it("gives per-pair destination statistics and per-window scan aggregates", async () => {
      await withStore(open, async (store) => {
        const events = fleetEvents();
        await store.ingestEvents(events, { name: "fleet" });
        const t0 = events[0].time!.ms;
        assert.deepEqual(await store.destinationStats({ minEvents: 2, maxTimes: 2 }), [
          {
            src: "10.0.5.27",
            dst: "203.0.113.45",
            events: 3,
            bytes: 900,
            first: t0,
            last: t0 + 120_000,
            times: [t0, t0 + 60_000],
          },
        ]);
        assert.equal((await store.destinationStats()).length, 6);
        const window = Math.floor((t0 + 1000) / 60_000) * 60_000;
        assert.deepEqual(await store.scanAggregates({ windowMs: 60_000, minDistinct: 3 }), [
          { src: "10.0.5.99", windowStart: window, destinations: 5, ports: 5, events: 5 },
        ]);
        assert.equal((await store.scanAggregates({ windowMs: 60_000 })).length, 4);
        await rejectsWith(store.scanAggregates({ windowMs: 0 }), "E_STORE", /windowMs/);
      });
    });
  });
}
