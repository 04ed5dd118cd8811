/**
 * The conformance suite, second part: findings, incidents, the decision audit trail, caches with
 * expiry, ingest bookkeeping, the read-only query, stats, close and reopen. Test support: defines
 * node:test blocks; store-conformance.ts calls it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Store } from "./store.js";
import type { ConformanceOptions } from "./store-conformance.js";
import { asStored, everyTypeEvents, testFinding, testIncident, withoutUndefined } from "./store-test-data.js";
import { collect, inStoreOrder, rejectsWith, withStore } from "./store-test-harness.js";

const INCIDENTS = [
  testIncident("INC-0000000001", {
    verdict: "malicious",
    severity: "critical",
    confidence: 0.9,
    state: "active",
    hosts: ["WS-SALES-07", "WS-SALES-08"],
    firstOffsetMs: 0,
    lastOffsetMs: 9000,
  }),
  testIncident("INC-0000000002", {
    verdict: "benign",
    severity: "low",
    confidence: 0.95,
    state: "inactive",
    hosts: ["WS-SALES-08"],
    firstOffsetMs: 5000,
    lastOffsetMs: 6000,
  }),
  testIncident("INC-0000000003", {
    verdict: "suspicious",
    severity: "high",
    confidence: 0.5,
    state: "inactive",
    hosts: ["WS-SALES-09"],
    firstOffsetMs: 2000,
    lastOffsetMs: 20_000,
  }),
  testIncident("INC-0000000004", {
    verdict: "malicious",
    severity: "critical",
    confidence: 0.7,
    state: "inactive",
    hosts: ["WS-SALES-07"],
    firstOffsetMs: 1000,
    lastOffsetMs: 3000,
  }),
];

const ids = (page: { readonly incidents: readonly { readonly id: string }[] }): string[] =>
  page.incidents.map((i) => i.id);

function runTriageConformance(open: () => Promise<Store>): void {
  it("stores findings per run, lists them strongest first, filters, and replaces a re-put finding", async () => {
    await withStore(open, async (store) => {
      const a = testFinding("sigma:a", "WS-1", "medium", { score: 0.5, big: 2n ** 64n, list: ["x", 1] });
      const b = testFinding("sigma:b", "WS-1", "critical");
      const c = testFinding("network.beacon:c", "WS-2", "low");
      await store.putFindings("run-1", [a, b, c]);
      assert.deepStrictEqual(await store.findings({ runId: "run-1" }), withoutUndefined([b, a, c]));
      assert.deepEqual(
        (await store.findings({ host: "WS-1" })).map((f) => f.id),
        ["sigma:b", "sigma:a"],
      );
      assert.deepEqual(
        (await store.findings({ minSeverity: "medium" })).map((f) => f.id),
        ["sigma:b", "sigma:a"],
      );
      assert.deepEqual(
        (await store.findings({ detector: "network.beacon" })).map((f) => f.id),
        ["network.beacon:c"],
      );
      assert.deepEqual(
        (await store.findings({ runId: "run-1", limit: 1, offset: 1 })).map((f) => f.id),
        ["sigma:a"],
      );
      const changed = { ...a, severity: "high" as const };
      await store.putFindings("run-1", [changed]);
      const after = await store.findings({ runId: "run-1" });
      assert.equal(after.length, 3);
      assert.equal(after.find((f) => f.id === "sigma:a")?.severity, "high");
      await store.putFindings("run-2", [a]);
      assert.equal((await store.findings()).length, 4);
      assert.deepEqual(await store.findings({ runId: "no-such-run" }), []);
    });
  });

  it("stores incidents, filters by verdict, state and host, sorts, pages and gets one", async () => {
    await withStore(open, async (store) => {
      await store.putIncidents("run-1", INCIDENTS);
      const all = await store.incidents();
      assert.equal(all.total, 4);
      assert.deepEqual(ids(all), ["INC-0000000001", "INC-0000000004", "INC-0000000003", "INC-0000000002"]);
      const cases = [
        { q: { verdict: "malicious" as const }, want: ["INC-0000000001", "INC-0000000004"] },
        { q: { state: "active" as const }, want: ["INC-0000000001"] },
        { q: { host: "WS-SALES-08" }, want: ["INC-0000000001", "INC-0000000002"] },
        { q: { host: "WS-SALES-08", verdict: "benign" as const }, want: ["INC-0000000002"] },
        {
          q: { sort: "confidence" as const },
          want: ["INC-0000000002", "INC-0000000001", "INC-0000000004", "INC-0000000003"],
        },
        {
          q: { sort: "first" as const },
          want: ["INC-0000000002", "INC-0000000003", "INC-0000000004", "INC-0000000001"],
        },
        {
          q: { sort: "last" as const },
          want: ["INC-0000000003", "INC-0000000001", "INC-0000000002", "INC-0000000004"],
        },
        {
          q: { sort: "id" as const },
          want: ["INC-0000000001", "INC-0000000002", "INC-0000000003", "INC-0000000004"],
        },
        { q: { sort: "id" as const, limit: 2, offset: 1 }, want: ["INC-0000000002", "INC-0000000003"] },
        { q: { host: "nobody" }, want: [] },
      ];
      for (const { q, want } of cases)
        assert.deepEqual(ids(await store.incidents(q)), want, JSON.stringify(q));
      const paged = await store.incidents({ sort: "id", limit: 1, offset: 3 });
      assert.equal(paged.total, 4);
      assert.deepStrictEqual(await store.incident("INC-0000000003"), withoutUndefined(INCIDENTS[2]));
      assert.equal(await store.incident("INC-ffffffffff"), undefined);
      // a later run replaces the incident with the same id
      const updated = { ...INCIDENTS[2], state: "active" as const };
      await store.putIncidents("run-2", [updated]);
      assert.equal((await store.incidents()).total, 4);
      assert.equal((await store.incident("INC-0000000003"))?.state, "active");
      await rejectsWith(store.incidents({ limit: 100_001 }), "E_STORE", /limit/);
      const badSort = { sort: "constructor" } as unknown as { sort: "id" }; // e.g. from an HTTP query string
      await rejectsWith(store.incidents(badSort), "E_STORE", /unknown incident sort constructor/);
    });
  });
}

function runStateConformance(open: () => Promise<Store>): void {
  it("appends decision entries and reads them back in order, never rewriting", async () => {
    await withStore(open, async (store) => {
      const entries = [
        {
          op: "decide",
          id: "D-000000000001",
          at: "2026-03-02T10:00:00.000Z",
          analyst: "sato",
          payload: { verdict: "benign", n: 2n ** 65n },
        },
        {
          op: "decide",
          id: "D-000000000002",
          at: "2026-03-02T10:05:00.000Z",
          analyst: "sato",
          payload: ["a", null],
        },
        {
          op: "revoke",
          id: "D-000000000001",
          at: "2026-03-02T11:00:00.000Z",
          analyst: "suzuki",
          payload: "mistake",
        },
      ];
      const stored = [];
      for (const e of entries) stored.push(await store.appendDecisionEntry(e));
      assert.deepEqual(
        stored.map((s) => s.seq),
        [1, 2, 3],
      );
      assert.deepStrictEqual(
        await store.decisionEntries(),
        entries.map((e, i) => ({ ...e, seq: i + 1 })),
      );
      await rejectsWith(store.appendDecisionEntry({ ...entries[0], analyst: "" }), "E_STORE", /analyst/);
      assert.equal((await store.decisionEntries()).length, 3);
    });
  });

  it("caches values with expiry, lists, replaces and purges them", async () => {
    await withStore(open, async (store) => {
      const now = Date.UTC(2026, 2, 2);
      await store.putCache("intel:vt", "hash:abc", { verdict: "malicious", positives: 60 }, now + 1000);
      await store.putCache("intel:vt", "hash:def", { verdict: "clean" }, now - 1);
      await store.putCache("allow-list", "sha256:123", { reason: "signed updater" });
      assert.deepEqual(await store.getCache("intel:vt", "hash:abc", now), {
        verdict: "malicious",
        positives: 60,
      });
      assert.equal(await store.getCache("intel:vt", "hash:abc", now + 1000), undefined);
      assert.equal(await store.getCache("intel:vt", "hash:def", now), undefined);
      assert.equal(await store.getCache("intel:vt", "no-such-key", now), undefined);
      assert.deepEqual(await store.getCache("allow-list", "sha256:123", now + 10 ** 12), {
        reason: "signed updater",
      });
      const listed = await store.listCache("intel:vt", now);
      assert.deepEqual(
        listed.map((e) => [e.ns, e.key, e.expiresAt]),
        [["intel:vt", "hash:abc", now + 1000]],
      );
      await store.putCache("intel:vt", "hash:abc", 7n, undefined);
      assert.equal(await store.getCache("intel:vt", "hash:abc", now + 10 ** 9), 7n);
      assert.equal(await store.purgeCache(now), 1);
      assert.equal((await store.stats()).tables.cache, 2);
    });
  });

  it("notes ingested files, replacing the note of the same path", async () => {
    await withStore(open, async (store) => {
      const first = {
        path: "/logs/a.evtx",
        size: 69_632,
        mtime: 1_772_441_000_123.5,
        sha256: "ab".repeat(32),
        events: 442,
        at: 1_772_500_000_000,
      };
      const other = { path: "/logs/b.jsonl", size: 10, mtime: 1, events: 2, at: 3 };
      await store.recordIngest(first);
      await store.recordIngest(other);
      assert.deepStrictEqual(await store.ingestedFiles(), [first, other]);
      const again = { ...first, size: 70_000, events: 450, at: 1_772_600_000_000 };
      await store.recordIngest(again);
      assert.deepStrictEqual(await store.ingestedFiles(), [again, other]);
    });
  });
}

/** Statements a read-only query must refuse (each would write, or reach outside the store). */
const REFUSED = [
  "INSERT INTO events (host) VALUES ('x')",
  "DELETE FROM events",
  "UPDATE events SET host = 'x'",
  "DROP TABLE events",
  "CREATE TABLE x (a INTEGER)",
  "ATTACH 'other.db' AS other",
  "COPY events TO 'events.csv'",
  "SELECT 1; DROP TABLE events",
  "SELECT 1; SELECT 2",
  "PRAGMA memory_limit = '1GB'",
  "SET threads = 1",
  "",
];

function runQueryConformance(open: () => Promise<Store>): void {
  it("answers a read-only query and refuses anything that could write", async () => {
    await withStore(open, async (store) => {
      await store.ingestEvents(everyTypeEvents(), { name: "query" });
      const perChannel = await store.query(
        "SELECT channel, count(*) AS n FROM events GROUP BY channel ORDER BY channel",
      );
      assert.deepEqual(perChannel.columns, ["channel", "n"]);
      assert.deepEqual(
        perChannel.rows.map(([channel, n]) => [channel, Number(n)]),
        [
          ["Microsoft-Windows-Sysmon/Operational", 3],
          ["Security", 1],
          ["conn", 1],
        ],
      );
      assert.equal(perChannel.truncated, false);
      const capped = await store.query("SELECT host FROM events ORDER BY host", { maxRows: 2 });
      assert.deepEqual(capped, { columns: ["host"], rows: [[""], ["WS-SALES-07"]], truncated: true });
      for (const sql of REFUSED) await rejectsWith(store.query(sql), "E_STORE");
      assert.equal(await store.countEvents(), 5);
      assert.equal((await store.query("SELECT count(*) AS n FROM events")).rows.length, 1);
    });
  });
}

function runLifecycleConformance(open: () => Promise<Store>, options: ConformanceOptions): void {
  it("counts rows per table and refuses calls after close", async () => {
    const store = await open();
    await store.ingestEvents(everyTypeEvents(), { name: "stats" });
    await store.putIncidents("run", INCIDENTS.slice(0, 2));
    const stats = await store.stats();
    assert.equal(stats.tables.events, 5);
    assert.equal(stats.tables.incidents, 2);
    assert.equal(stats.tables.findings, 0);
    assert.ok(stats.schemaVersion >= 1);
    await store.close();
    await store.close(); // closing twice is harmless
    await rejectsWith(store.countEvents(), "E_STORE", /closed/);
    await rejectsWith(store.ingestEvents(everyTypeEvents(), { name: "late" }), "E_STORE", /closed/);
  });

  const reopen = options.reopen;
  if (reopen) {
    it("keeps everything after close and reopen", async () => {
      const store = await open();
      const input = everyTypeEvents();
      await store.ingestEvents(input, { name: "persist" });
      await store.putFindings("run-1", [testFinding("sigma:a", "WS-1", "high")]);
      await store.putIncidents("run-1", INCIDENTS);
      await store.appendDecisionEntry({
        op: "decide",
        id: "D-1",
        at: "2026-03-02T00:00:00Z",
        analyst: "a",
        payload: {},
      });
      await store.putCache("ns", "k", "v");
      await store.recordIngest({ path: "/x", size: 1, mtime: 2, events: 5, at: 3 });
      await store.close();
      const again = await reopen(store);
      try {
        assert.deepStrictEqual(await collect(again.events()), asStored(inStoreOrder(input)));
        assert.equal((await again.findings()).length, 1);
        assert.equal((await again.incidents()).total, 4);
        assert.equal((await again.decisionEntries()).length, 1);
        assert.equal(await again.getCache("ns", "k"), "v");
        assert.equal((await again.ingestedFiles()).length, 1);
        assert.deepEqual(await again.ingestEvents(input, { name: "persist" }), {
          inserted: 0,
          duplicates: 5,
        });
      } finally {
        await again.close();
      }
    });
  }
}

/** The second half of the suite (see store-conformance.ts). */
export function runRecordConformance(open: () => Promise<Store>, options: ConformanceOptions): void {
  describe("findings and incidents", () => runTriageConformance(open));
  describe("decisions, caches and ingest bookkeeping", () => runStateConformance(open));
  describe("read-only query", () => runQueryConformance(open));
  describe("lifecycle", () => runLifecycleConformance(open, options));
}
