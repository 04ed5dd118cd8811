/**
 * The ClickHouse store: the shared conformance suite on a real clickhouse-server (a fresh database per
 * store), then what is ClickHouse's own — the URL parser, the single-statement check, and the
 * read-only guarantee against ClickHouse-specific escapes (table functions, SETTINGS). Skips with a
 * printed reason when the server binary is absent.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runStoreConformance } from "../store-conformance.js";
import { everyTypeEvents } from "../store-test-data.js";
import { rejectsWith, withStore } from "../store-test-harness.js";
import { singleStatement } from "./clickhouse-read-only-query.js";
import {
  type TestClickHouse,
  clickhouseSkipReason,
  startTestClickHouse,
} from "./clickhouse-server.test.support.js";
import { type ClickHouseStore, openClickHouseStore } from "./clickhouse-store.js";
import { parseClickHouseUrl } from "./clickhouse-target.js";

const skip = clickhouseSkipReason();
let server: TestClickHouse | undefined;
let n = 0;

before(async () => {
  if (skip === undefined) server = await startTestClickHouse();
});
after(async () => {
  await server?.stop();
});

function open(): Promise<ClickHouseStore> {
  if (server === undefined) throw new Error("no server");
  return openClickHouseStore(`${server.url}/conf_${process.pid}_${++n}`);
}

if (skip !== undefined) {
  it("ClickHouse store", (t) => t.skip(skip));
} else {
  runStoreConformance("ClickHouse", open, {
    reopen: (closed) => openClickHouseStore((closed as ClickHouseStore).target),
  });

  describe("ClickHouse store: its own", () => {
    it("refuses ClickHouse-specific escapes from the read-only query", async () => {
      await withStore(open, async (store) => {
        await store.ingestEvents(everyTypeEvents(), { name: "q" });
        const refused = [
          "SELECT * FROM file('/etc/passwd', 'TSV', 'a String')",
          "SELECT * FROM url('http://127.0.0.1:1/', 'TSV', 'a String')",
          "SELECT * FROM remote('127.0.0.1', system.one)",
          "SELECT 1 SETTINGS readonly = 0",
          "OPTIMIZE TABLE events FINAL",
          "ALTER TABLE events DELETE WHERE 1",
          "TRUNCATE TABLE events",
          "SELECT 1 /* ; */ ; SELECT 2",
          "KILL QUERY WHERE 1",
          "SYSTEM SHUTDOWN",
        ];
        for (const sql of refused) await rejectsWith(store.query(sql), "E_STORE");
        assert.equal(await store.countEvents(), 5);
        const ok = await store.query("SELECT count() AS n FROM events; -- trailing");
        assert.deepEqual(ok.rows, [["5"]]);
      });
    });
  });
}

describe("ClickHouse store: URL and statement checks", () => {
  it("parses clickhouse:// URLs and refuses bad ones with E_USAGE", () => {
    assert.deepEqual(parseClickHouseUrl("clickhouse://db1:8123/soc?cluster=fleet"), {
      nodes: [{ host: "db1", port: 8123 }],
      database: "soc",
      cluster: "fleet",
      final: true,
    });
    assert.deepEqual(parseClickHouseUrl("clickhouse://u:p%40ss@h"), {
      nodes: [{ host: "h", port: 8123 }],
      database: "mikiwame",
      username: "u",
      password: "p@ss",
      final: true,
    });
    const bad = [
      "clickhouse://",
      "clickhouse://h:99999",
      "clickhouse://h/bad-name",
      "clickhouse://h1,h2/db",
      "clickhouse://h/db?cluster=a;b",
      "clickhouse://h/db?what=1",
      "http://h:8123",
    ];
    for (const url of bad) assert.throws(() => parseClickHouseUrl(url), { code: "E_USAGE" }, url);
  });

  it("accepts exactly one read-only statement", () => {
    const cases: [string, boolean][] = [
      ["SELECT 1", true],
      ["  with x AS (SELECT 1) SELECT * FROM x", true],
      ["SELECT ';' AS s;", true],
      ["SELECT 1 -- ; DROP", true],
      ["/* c */ SHOW TABLES", true],
      ["SELECT 1; SELECT 2", false],
      ["SELECT 1;;", false],
      ["INSERT INTO events VALUES (1)", false],
      ["DROP TABLE events", false],
      ["SELECT 'unterminated", false],
      ["", false],
    ];
    for (const [sql, ok] of cases) assert.equal("text" in singleStatement(sql), ok, sql);
  });
});
