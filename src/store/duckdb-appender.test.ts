/**
 * A refused Appender must not abort a later transaction when the garbage collector finalizes it
 * (duckdb-appender.ts): refused flush → ROLLBACK → BEGIN → GC → the connection still works.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { DuckDBInstance } from "@duckdb/node-api";
import { appendWith } from "./duckdb-appender.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

it("a refused append leaves nothing behind that a later garbage collection could flush", async () => {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    await conn.run("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
    await conn.run("INSERT INTO t SELECT range, 0 FROM range(5000)");
    await conn.run("BEGIN TRANSACTION");
    await assert.rejects(
      appendWith(conn, { name: "t" }, (a) => {
        for (let i = 0; i < 5000; i++) {
          a.appendInteger(i);
          a.appendInteger(1);
          a.endRow();
        }
      }),
      /Duplicate key "id: 0" violates primary key constraint/,
    );
    await conn.run("ROLLBACK");
    await conn.run("BEGIN TRANSACTION");
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 20));
    }
    await appendWith(conn, { name: "t" }, (a) => {
      a.appendInteger(9999);
      a.appendInteger(2);
      a.endRow();
    });
    await conn.run("COMMIT");
    const reader = await conn.runAndReadAll("SELECT count(*), max(v) FROM t");
    assert.deepEqual(reader.getRows()[0], [5001n, 2]);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
});
