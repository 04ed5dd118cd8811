/**
 * Analysing from a store (the examples' equality with file analysis is tested end to end in
 * src/cli/commands/analyze-store.test.ts): the history viewpoint's prevalence comes from the whole
 * store when only some hosts are analysed (DuckDB, and ClickHouse when its server is installed); a
 * failing store is a located warning, not a failed run; a saved run can be read back.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { EventFactory, guid } from "../analytics/process/process-events.test.support.js";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import {
  clickhouseSkipReason,
  startTestClickHouse,
  type TestClickHouse,
} from "../store/clickhouse/clickhouse-server.test.support.js";
import type { Store } from "../store/store.js";
import { openStore } from "../store/store-url.js";
import { analyzeStoredEvents, saveAnalysis } from "./analyze-store.js";
import { StoreFleetPrevalence } from "./store-fleet-prevalence.js";

const SHA = (c: string) => c.repeat(64);
const TEMP = "C:\\Users\\a\\AppData\\Local\\Temp\\upd.exe";
const SVCHOST = "C:\\Windows\\System32\\svchost.exe";
const FLEET = Array.from({ length: 10 }, (_, i) => `WS-${i + 1}`);

/** Every host runs svchost; WS-1 … WS-4 also run upd.exe from Temp, WS-4 first (a day earlier). */
function fleetEvents(): Event[] {
  return FLEET.flatMap((host, i) => {
    const f = new EventFactory(host, `${host}.evtx`);
    const out = [
      f.start(10, guid(1), SVCHOST, undefined, { Hashes: `SHA256=${SHA("A")}`, CommandLine: "svchost -k x" }),
    ];
    if (i < 4)
      out.push(
        f.start(host === "WS-4" ? -86_400 : 100, guid(2), TEMP, undefined, {
          Hashes: `SHA256=${SHA("B")}`,
          CommandLine: `${TEMP} /silent`,
        }),
      );
    return out;
  });
}

function ids(list: readonly { readonly id: string }[]): string[] {
  return list.map((x) => x.id);
}

/** The fleet scenario on any store: WS-1 alone analysed, the store knows the rest of the fleet. */
async function fleetScenario(store: Store): Promise<void> {
  const r = await store.ingestEvents(fleetEvents(), { name: "fleet" });
  assert.equal(r.inserted, 14);
  const select = { hosts: ["WS-1"] };
  const fleetWide = await analyzeStoredEvents({ store, select, diagnostics: new Diagnostics() });
  const spread = fleetWide.findings.filter((f) => f.viewpoint === "history");
  assert.deepEqual(
    spread.map((f) => [f.detector, f.host]),
    [["history.spread", "WS-1"]],
  );
  const d = spread[0]?.details ?? {};
  assert.equal(d.hosts, 4);
  assert.equal(d.population, 10);
  assert.equal(d.prevalenceSource, "store");
  assert.equal(d.firstSeenAnywhere, "2026-03-01T09:00:00.000Z"); // WS-4's, a day before WS-1's
  assert.equal(d.firstSeenHere, "2026-03-02T09:01:40.000Z");
  assert.match(spread[0]?.message.en ?? "", /also runs on 3 other host\(s\), …/);
  assert.equal(fleetWide.summary.events, 2);

  // the same run measured on its own events (as for files): one host, nothing to judge
  const local = await analyzeStoredEvents({
    store,
    select,
    fleetPrevalence: false,
    diagnostics: new Diagnostics(),
  });
  assert.deepEqual(
    local.findings.filter((f) => f.viewpoint === "history"),
    [],
  );

  // WS-5 runs only svchost: nothing; WS-6 and a time window that leaves out everything: no events
  const none = await analyzeStoredEvents({
    store,
    select: { hosts: ["WS-6"], from: Date.parse("2030-01-01") },
    diagnostics: new Diagnostics(),
  });
  assert.equal(none.summary.events, 0);
}

describe("fleet prevalence from the store", () => {
  it("DuckDB: analysing one host, the history viewpoint counts the hosts and first sighting of the whole store", async () => {
    const store = await openStore(":memory:");
    try {
      await fleetScenario(store);
      const r = await analyzeStoredEvents({ store, diagnostics: new Diagnostics() });
      assert.ok(r.incidents.length > 0);
      const runId = await saveAnalysis(store, r, "R-test-1");
      assert.equal(runId, "R-test-1");
      assert.deepEqual(ids(await store.findings({ runId, limit: 10_000 })).sort(), ids(r.findings).sort());
      assert.deepEqual(ids((await store.incidents({ sort: "id" })).incidents), ids(r.incidents).sort());
    } finally {
      await store.close();
    }
  });

  it("a store that fails the lookups: a warning located at the store, the run's own prevalence", async () => {
    const store = await openStore(":memory:");
    try {
      await store.ingestEvents(fleetEvents(), { name: "fleet" });
      const failing: Store = Object.create(store, {
        prevalence: {
          value: () => Promise.reject(new Error("connection reset")),
        },
      });
      const diagnostics = new Diagnostics();
      const r = await analyzeStoredEvents({
        store: failing,
        label: "/data/fleet.duckdb",
        select: { hosts: ["WS-1"] },
        diagnostics,
      });
      const warned = diagnostics.list().filter((d) => d.code === "E_STORE");
      assert.equal(warned.length, 1);
      assert.equal(warned[0]?.severity, "warning");
      assert.equal(warned[0]?.location?.file, "/data/fleet.duckdb");
      assert.match(warned[0]?.message ?? "", /fleet prevalence unavailable.*connection reset/);
      assert.deepEqual(
        r.findings.filter((f) => f.viewpoint === "history"),
        [],
      );
    } finally {
      await store.close();
    }
  });

  it("bounded: keys beyond maxValues are not looked up, and counted", async () => {
    const store = await openStore(":memory:");
    try {
      const events = fleetEvents();
      await store.ingestEvents(events, { name: "fleet" });
      const fleet = new StoreFleetPrevalence({ maxValues: 1 });
      for (const e of events) fleet.note(e);
      await fleet.load(store, new Diagnostics());
      assert.deepEqual(fleet.stats(), {
        queries: 3,
        // the four upd.exe starts: their keys came after the first (svchost) filled each kind
        imageSightingsNotLooked: 4,
        pathSightingsNotLooked: 4,
        commandLineSightingsNotLooked: 4,
      });
      assert.equal(fleet.population(), 10);
      assert.equal(fleet.lookup("image", `sha256:${SHA("A")}`)?.hosts, 10);
      assert.equal(fleet.lookup("image", `sha256:${SHA("B")}`), undefined);
    } finally {
      await store.close();
    }
  });
});

describe("fleet prevalence from ClickHouse", () => {
  const skip = clickhouseSkipReason();
  let ch: TestClickHouse | undefined;
  before(async () => {
    if (skip === undefined) ch = await startTestClickHouse();
  });
  after(async () => {
    await ch?.stop();
  });

  it("the same scenario through the ClickHouse store", async (t) => {
    if (!ch) return t.skip(skip);
    const store = await openStore(`${ch.url}/fleet_history`);
    try {
      await fleetScenario(store);
    } finally {
      await store.close();
    }
  });
});
