/**
 * Durability: `mikiwame serve` runs as a child process; NDJSON batches of uniquely numbered events are
 * streamed to it from four parallel clients; after some batches are acknowledged the server is killed
 * with SIGKILL in the middle of the stream. After a restart on the same database every acknowledged
 * event is there; the unacknowledged batches are then retried, and in the end every event is stored
 * exactly once (counted by its number, reading the database directly).
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { openDuckDBStore } from "../store/duckdb-store.js";

const BATCHES = 40;
const PER_BATCH = 250;
const KILL_AFTER_ACKS = 10;
const CLIENTS = 4;

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mikiwame-crash-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  readonly token: string | undefined;
}

/** Starts `mikiwame serve` (the CLI compiled beside this test) and waits for its `listening on` line. */
async function serve(expectToken = false): Promise<Child> {
  const main = pathToFileURL(join(import.meta.dirname, "..", "cli", "main.js")).href;
  const child = spawn(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import(${JSON.stringify(main)}).then((m) => m.runMain(process.argv.slice(1)))`,
      "serve",
      "--port",
      "0",
      "--db",
      join(dir, "crash.duckdb"),
      "--no-analysis",
      "--no-default-rules",
    ],
    { env: { PATH: process.env.PATH, MIKIWAME_HOME: dir }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stderr?.setEncoding("utf8").on("data", (s: string) => {
    err += s;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 20 s: ${err}`)), 20_000);
    child.on("exit", (code) => reject(new Error(`serve exited (${code}) before listening: ${err}`)));
    child.stdout?.setEncoding("utf8").on("data", (s: string) => {
      out += s;
      const url = /listening on (\S+)/.exec(out)?.[1];
      const token = /^\s+(mkw_\S+)$/m.exec(out)?.[1];
      if (url === undefined || (expectToken && token === undefined)) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      resolve({ process: child, url, token });
    });
  });
}

/** Stops a child with SIGTERM and waits for it. */
function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

function batchBody(b: number): string {
  let body = "";
  for (let i = 0; i < PER_BATCH; i++) {
    const seq = b * PER_BATCH + i;
    body += `${JSON.stringify({ "@timestamp": new Date(Date.UTC(2026, 2, 2, 10) + seq).toISOString(), host: `h${b % 7}`, seq, message: `event ${seq}` })}\n`;
  }
  return body;
}

async function post(url: string, token: string, b: number): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" },
      body: batchBody(b),
    });
    await res.text();
    return res.ok;
  } catch {
    return false; // connection reset by the kill: not acknowledged
  }
}

/** Counts stored events by their `seq` field, reading the database file directly. */
async function storedCounts(): Promise<Map<number, number>> {
  const store = await openDuckDBStore(join(dir, "crash.duckdb"));
  const counts = new Map<number, number>();
  try {
    for await (const e of store.events()) {
      const seq = Number(e.fields.seq);
      counts.set(seq, (counts.get(seq) ?? 0) + 1);
    }
  } finally {
    await store.close();
  }
  return counts;
}

describe("crash during ingest (kill -9)", () => {
  it("loses nothing acknowledged and duplicates nothing on retry", async () => {
    const first = await serve(true);
    const token = first.token;
    assert.ok(token, "the first start printed the admin token");
    const acked = new Set<number>();
    let next = 0;
    let killed = false;
    const client = async () => {
      // bounded: each round takes one batch number, up to BATCHES
      while (next < BATCHES && !killed) {
        const b = next++;
        if (await post(first.url, token, b)) acked.add(b);
        if (acked.size >= KILL_AFTER_ACKS && !killed) {
          killed = true;
          first.process.kill("SIGKILL");
        }
      }
    };
    const exited = new Promise((r) => first.process.once("exit", r));
    await Promise.all(Array.from({ length: CLIENTS }, client));
    await exited;
    assert.ok(
      acked.size >= KILL_AFTER_ACKS && acked.size < BATCHES,
      `${acked.size} batches acknowledged before the kill`,
    );

    // after the restart, every acknowledged event is there
    const second = await serve();
    assert.equal(await stop(second.process), 0);
    const afterCrash = await storedCounts();
    for (const b of acked)
      for (let i = 0; i < PER_BATCH; i++)
        assert.equal(afterCrash.get(b * PER_BATCH + i), 1, `acknowledged event ${b * PER_BATCH + i}`);

    // retry what was not acknowledged (some of it may be stored already: the retry must not double it)
    const third = await serve();
    for (let b = 0; b < BATCHES; b++)
      if (!acked.has(b)) assert.ok(await post(third.url, token, b), `retry of batch ${b}`);
    assert.equal(await stop(third.process), 0);
    const final = await storedCounts();
    assert.equal(final.size, BATCHES * PER_BATCH);
    for (const [seq, n] of final) assert.equal(n, 1, `event ${seq} stored ${n} times`);
  });
});
