/**
 * The DuckDB store: the shared conformance suite on a real file in a temp directory, then what is
 * DuckDB's own — migration from schema v1, a newer or foreign file, the lock, the read-only query's
 * layers, the example logs read back exactly, and a crash (kill -9) during ingest.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import { analyze } from "../pipeline/analyze.js";
import { repoRoot } from "../testing/corpus.js";
import { type DuckDBStore, openDuckDBStore } from "./duckdb-store.js";
import { SCHEMA_VERSION } from "./duckdb-schema.js";
import { rowIngestOf, toEventRow } from "./event-row.js";
import { runStoreConformance } from "./store-conformance.js";
import { asStored, sysmonEvent } from "./store-test-data.js";
import { collect, rejectsWith } from "./store-test-harness.js";

let dir: string;
let n = 0;
const nextFile = () => join(dir, `store-${++n}.duckdb`);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mikiwame-store-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

runStoreConformance("DuckDB file", () => openDuckDBStore(nextFile()), {
  reopen: (closed) => openDuckDBStore((closed as DuckDBStore).file),
});

/** The v1 schema as released: frozen here on purpose, so the migration from it stays tested. */
const V1 = [
  "CREATE TABLE schema_version (version INTEGER NOT NULL, description VARCHAR NOT NULL, applied_ms BIGINT NOT NULL)",
  `CREATE TABLE events ("id" UHUGEINT PRIMARY KEY, "seq" BIGINT NOT NULL, "ingested_ms" BIGINT NOT NULL,
    "time_ms" DOUBLE, "time_iso" VARCHAR, "host" VARCHAR NOT NULL, "channel" VARCHAR NOT NULL,
    "provider" VARCHAR NOT NULL, "event_id" INTEGER NOT NULL, "record_id" HUGEINT, "record_id_big" BOOLEAN NOT NULL,
    "kind" VARCHAR NOT NULL, "image" VARCHAR, "command_line" VARCHAR, "user" VARCHAR, "src_ip" VARCHAR,
    "dst_ip" VARCHAR, "dst_port" INTEGER, "sha256" VARCHAR, "source_file" VARCHAR NOT NULL,
    "fields" VARCHAR NOT NULL, "origins" VARCHAR, "logsource" VARCHAR NOT NULL, "provenance" VARCHAR NOT NULL,
    "raw" VARCHAR)`,
  `CREATE TABLE ingested_files (path VARCHAR NOT NULL, size BIGINT NOT NULL, mtime_ms DOUBLE NOT NULL,
    sha256 VARCHAR, events BIGINT NOT NULL, at_ms BIGINT NOT NULL)`,
  "INSERT INTO schema_version VALUES (1, 'events and ingest bookkeeping', 0)",
  `INSERT INTO events VALUES (42, 1, 0, 1772442843214, '2026-03-02T09:14:03.214Z', 'WS-OLD',
    'Microsoft-Windows-Sysmon/Operational', 'Microsoft-Windows-Sysmon', 1, 9, false, 'windows',
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'old.evtx', '{"EventID":1,"big":{"$b":"18446744073709551616"}}',
    NULL, '{"product":"windows"}', '{"file":"old.evtx","format":"evtx","recordId":9}', NULL)`,
];

async function createRawDb(file: string, statements: readonly string[]): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const conn = await instance.connect();
  for (const sql of statements) await conn.run(sql);
  conn.closeSync();
  instance.closeSync();
}

describe("DuckDB store: schema", () => {
  it("migrates a v1 file to the current version and keeps its events", async () => {
    const file = nextFile();
    await createRawDb(file, V1);
    const store = await openDuckDBStore(file);
    try {
      assert.equal((await store.stats()).schemaVersion, SCHEMA_VERSION);
      const versions = await store.query("SELECT version FROM schema_version ORDER BY version");
      assert.deepEqual(
        versions.rows.map((r) => r[0]),
        Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1),
      );
      assert.deepStrictEqual(await collect(store.events()), [
        {
          kind: "windows",
          time: { iso: "2026-03-02T09:14:03.214Z", ms: 1772442843214 },
          host: "WS-OLD",
          identity: {
            provider: "Microsoft-Windows-Sysmon",
            channel: "Microsoft-Windows-Sysmon/Operational",
            eventId: 1,
            recordId: 9,
          },
          logsource: { product: "windows" },
          fields: { EventID: 1, big: 2n ** 64n },
          provenance: { file: "old.evtx", format: "evtx", recordId: 9 },
        },
      ]);
      // the tables of v2 work, and new events continue the arrival numbering
      await store.appendDecisionEntry({
        op: "decide",
        id: "D-1",
        at: "2026-03-02T00:00:00Z",
        analyst: "a",
        payload: 1,
      });
      await store.ingestEvents([sysmonEvent("WS-NEW", 1, 0)], { name: "new" });
      const seqs = await store.query("SELECT seq FROM events ORDER BY seq");
      assert.deepEqual(seqs.rows, [["1"], ["2"]]);
    } finally {
      await store.close();
    }
  });

  it("refuses a file newer than this code, and a database that is not a store, without changing them", async () => {
    const newer = nextFile();
    await createRawDb(newer, [
      ...V1.slice(0, 3),
      `INSERT INTO schema_version VALUES (${SCHEMA_VERSION + 7}, 'future', 0)`,
    ]);
    const err = await rejectsWith(
      openDuckDBStore(newer),
      "E_STORE",
      new RegExp(`schema version ${SCHEMA_VERSION + 7}, newer than .*upgrade mikiwame`),
    );
    assert.deepEqual(err.location, { file: newer });
    const foreign = nextFile();
    await createRawDb(foreign, ["CREATE TABLE customers (name VARCHAR)"]);
    const err2 = await rejectsWith(openDuckDBStore(foreign), "E_STORE", /not a mikiwame store/);
    assert.deepEqual(err2.location, { file: foreign });
    // refused opens release the file: it can be opened again (and is still refused the same way)
    await rejectsWith(openDuckDBStore(foreign), "E_STORE", /not a mikiwame store/);
  });

  it("refuses a second open of the same file in one process", async () => {
    const file = nextFile();
    const store = await openDuckDBStore(file);
    try {
      const sameFile = `${dir}/./store-${n}.duckdb`; // another spelling of the same path
      const err = await rejectsWith(openDuckDBStore(sameFile), "E_STORE", /already open/);
      assert.deepEqual(err.location, { file: sameFile });
    } finally {
      await store.close();
    }
    const again = await openDuckDBStore(file);
    await again.close();
  });
});

describe("DuckDB store: read-only query layers", () => {
  it("locates refusals at the database and relies on a read-only transaction and no external access", async () => {
    const file = nextFile();
    const store = await openDuckDBStore(file);
    try {
      await store.ingestEvents([sysmonEvent("WS-Q", 1, 0)], { name: "q" });
      const cases: [string, RegExp][] = [
        ["INSERT INTO events SELECT * FROM events", /only read-only statements .*type INSERT/],
        ["EXPLAIN ANALYZE DELETE FROM events", /read-only mode/], // an EXPLAIN, stopped by the transaction
        ["SELECT * FROM read_csv('/etc/hostname')", /disabled by configuration/],
        ["CHECKPOINT", /type CALL/],
        ["PRAGMA enable_profiling", /type PRAGMA/],
        ["SELECT * FROM no_such_table", /cannot be run: Catalog Error/],
      ];
      for (const [sql, message] of cases) {
        const err = await rejectsWith(store.query(sql), "E_STORE", message);
        assert.deepEqual(err.location, { file }, sql);
      }
      assert.equal(await store.countEvents(), 1);
      const reads = [
        "SHOW TABLES",
        "DESCRIBE events",
        "PRAGMA table_info('events')",
        "FROM events SELECT host",
        "SUMMARIZE events",
      ];
      for (const sql of reads) assert.ok((await store.query(sql)).rows.length > 0, sql);
    } finally {
      await store.close();
    }
  });
});

async function exampleEvents(): Promise<Event[]> {
  const events: Event[] = [];
  const diagnostics = new Diagnostics();
  await analyze([join(repoRoot(), "examples")], {
    diagnostics,
    onEvents: (batch) => {
      events.push(...batch);
    },
  });
  assert.equal(
    diagnostics.errors,
    0,
    diagnostics
      .list()
      .map((d) => d.message)
      .join("; "),
  );
  return events;
}

describe("DuckDB store: the example logs", () => {
  it("reads every example event back exactly, and a second ingest adds nothing", async () => {
    const events = await exampleEvents();
    assert.equal(events.length, 1143);
    const store = await openDuckDBStore(nextFile());
    try {
      assert.deepEqual(await store.ingestEvents(events, { name: "examples" }), {
        inserted: 1143,
        duplicates: 0,
      });
      assert.deepEqual(await store.ingestEvents(events, { name: "examples" }), {
        inserted: 0,
        duplicates: 1143,
      });
      const byPlace = new Map(
        events.map((e) => [`${e.provenance.file}@${e.provenance.offset}:${e.provenance.line}`, e]),
      );
      const back = await collect(store.events());
      assert.equal(back.length, events.length);
      for (const e of back) {
        const original = byPlace.get(`${e.provenance.file}@${e.provenance.offset}:${e.provenance.line}`);
        assert.ok(original, "an event that was not ingested");
        assert.deepStrictEqual(e, asStored([original])[0]);
      }
      const hot = await store.query(
        "SELECT count(image), count(command_line), count(dst_port), count(sha256) FROM events WHERE host = 'WS-SALES-07'",
      );
      // Image: 442 Sysmon + 27 Security 4688; CommandLine: 27 + 27; DestinationPort: 350 Sysmon 3; Hashes: 27 Sysmon 1 + 10 Sysmon 7
      assert.deepEqual(hot.rows[0]?.map(Number), [469, 54, 350, 37]);
    } finally {
      await store.close();
    }
  });

  it("serialises concurrent ingests: each is one transaction, none is lost", async () => {
    const store = await openDuckDBStore(nextFile());
    try {
      const batches = Array.from({ length: 8 }, (_, b) =>
        Array.from({ length: 50 }, (_, i) => sysmonEvent(`WS-${b % 3}`, b * 1000 + i, i)),
      );
      const results = await Promise.all(
        batches.map((batch, i) => store.ingestEvents(batch, { name: `b${i}` })),
      );
      assert.deepEqual(
        results.map((r) => r.inserted),
        batches.map(() => 50),
      );
      assert.equal(await store.countEvents(), 400);
    } finally {
      await store.close();
    }
  });
});

describe("DuckDB store: rows encoded by the caller (RowIngest)", () => {
  it("tells which positions were duplicates, on the direct and on the staging path", async () => {
    const store = await openDuckDBStore(nextFile());
    try {
      const rowStore = rowIngestOf(store);
      assert.ok(rowStore, "the DuckDB store takes rows");
      const row = (host: string, id: number) => toEventRow(sysmonEvent(host, id, 0), `raw ${host} ${id}`);
      // all new: the direct append
      assert.deepEqual(await rowStore.ingestRows([row("WS-R", 1), row("WS-R", 2)], "a"), {
        inserted: 2,
        duplicates: 0,
        duplicateIndexes: [],
      });
      // one stored, one repeated inside the batch: refused by the direct append, then staging
      const mixed = [row("WS-R", 3), row("WS-R", 1), row("WS-R", 4), row("WS-R", 3), row("WS-S", 1)];
      assert.deepEqual(await rowStore.ingestRows(mixed, "b"), {
        inserted: 3,
        duplicates: 2,
        duplicateIndexes: [1, 3],
      });
      // all already stored (staging again, since the last batch had duplicates)
      assert.deepEqual(await rowStore.ingestRows([row("WS-S", 1), row("WS-R", 2)], "c"), {
        inserted: 0,
        duplicates: 2,
        duplicateIndexes: [0, 1],
      });
      assert.deepEqual(await rowStore.ingestRows([], "d"), {
        inserted: 0,
        duplicates: 0,
        duplicateIndexes: [],
      });
      assert.equal(await store.countEvents(), 5);
      const raw = await store.query("SELECT raw FROM events WHERE host = 'WS-R' ORDER BY seq");
      assert.deepEqual(
        raw.rows.map((r) => r[0]),
        ["raw WS-R 1", "raw WS-R 2", "raw WS-R 3", "raw WS-R 4"],
      );
    } finally {
      await store.close();
    }
  });
});

/** The child of the crash test: ingests numbered batches and prints `ack <n>` after each commit. */
const CHILD = (storeJs: string, dataJs: string) => `
import { openDuckDBStore } from ${JSON.stringify(storeJs)};
import { sysmonEvent } from ${JSON.stringify(dataJs)};
const [file, batches, size] = process.argv.slice(2).map((v, i) => (i === 0 ? v : Number(v)));
const store = await openDuckDBStore(file);
for (let b = 0; b < batches; b++) {
  const batch = Array.from({ length: size }, (_, i) => sysmonEvent("WS-CRASH-" + (b % 4), b * size + i, i));
  await store.ingestEvents(batch, { name: "batch " + b });
  process.stdout.write("ack " + (b + 1) + "\\n");
}
await store.close();
`;

describe("DuckDB store: crash during ingest", () => {
  it("loses no acknowledged batch after kill -9, keeps no partial batch, and a retry duplicates nothing", async () => {
    const file = nextFile();
    const here = fileURLToPath(new URL(".", import.meta.url));
    const script = join(dir, "crash-child.mjs");
    await writeFile(script, CHILD(join(here, "duckdb-store.js"), join(here, "store-test-data.js")));
    const batches = 24;
    const size = 500;
    const child = spawn(process.execPath, [script, file, String(batches), String(size)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let acked = 0;
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      stderr += s;
    });
    const exited = new Promise<void>((resolveExit) => child.on("close", () => resolveExit()));
    await new Promise<void>((resolveAcks) => {
      child.stdout.setEncoding("utf8").on("data", (s: string) => {
        for (const m of s.matchAll(/ack (\d+)/g)) acked = Math.max(acked, Number(m[1]));
        if (acked >= 3 && child.exitCode === null) {
          child.kill("SIGKILL");
          resolveAcks();
        }
      });
      child.on("close", () => resolveAcks());
    });
    await exited;
    assert.ok(acked >= 3, `the child acknowledged only ${acked} batches: ${stderr}`);
    assert.equal(
      child.signalCode,
      "SIGKILL",
      "the child finished before it was killed: make the test longer",
    );

    const store = await openDuckDBStore(file);
    try {
      const stored = await store.countEvents();
      assert.ok(stored >= acked * size, `${stored} stored, ${acked * size} acknowledged`);
      assert.equal(stored % size, 0, "a batch was stored in part");
      let inserted = 0;
      let duplicates = 0;
      for (let b = 0; b < batches; b++) {
        const batch = Array.from({ length: size }, (_, i) =>
          sysmonEvent(`WS-CRASH-${b % 4}`, b * size + i, i),
        );
        const r = await store.ingestEvents(batch, { name: `retry ${b}` });
        inserted += r.inserted;
        duplicates += r.duplicates;
      }
      assert.equal(duplicates, stored);
      assert.equal(inserted, batches * size - stored);
      assert.equal(await store.countEvents(), batches * size);
    } finally {
      await store.close();
    }
  });
});
