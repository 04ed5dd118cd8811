/**
 * Ingest over real HTTP into a real DuckDB file: NDJSON with a bad line (located problem, the rest
 * committed), Elasticsearch `_bulk` (the answer's shape, per-item status for a bad document, a retried
 * bulk gives 409 / noop and no doubles), gzip bodies, uploads of the example files, the body limit
 * (413), the ingest rate limit (429), the Elasticsearch banner for shippers and the UI page for browsers.
 */
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { after, before, describe, it } from "node:test";
import { EXAMPLE_FILES, TestServer } from "./test-server.test.support.js";

let t: TestServer;
before(async () => {
  t = await TestServer.start();
});
after(async () => {
  await t.stop();
});

const doc = (i: number, extra: object = {}) =>
  JSON.stringify({
    "@timestamp": `2026-03-02T10:00:${String(i % 60).padStart(2, "0")}Z`,
    host: "web1",
    seq: i,
    ...extra,
  });

interface BulkAnswer {
  took: number;
  errors: boolean;
  items: Record<
    string,
    { _index: string; _id: string; status: number; result?: string; error?: { type: string } }
  >[];
}

describe("POST /api/ingest (NDJSON)", () => {
  it("commits the good lines and reports the bad one with its line number", async () => {
    const before = await t.store.countEvents();
    const body = `${doc(1)}\n\n{"broken": \n${doc(2)}\n[1,2]\n`;
    const a = await t.request("POST", "/api/ingest", {
      token: t.tokens.ingest,
      body,
      headers: { "content-type": "application/x-ndjson" },
    });
    assert.equal(a.status, 200, a.text);
    const r = a.json<{ accepted: number; rejected: number; duplicates: number; problems: string[] }>();
    assert.deepEqual([r.accepted, r.duplicates, r.rejected], [2, 0, 2]);
    assert.equal(r.problems.length, 2);
    assert.match(r.problems[0], /^error E_JSON_SYNTAX http:ingest:3: not valid JSON/);
    assert.match(r.problems[1], /^error E_JSON_SHAPE http:ingest:5: an array, not a JSON object/);
    assert.equal(await t.store.countEvents(), before + 2);
  });

  it("takes a gzip body; a retried identical body gives duplicates, not doubles", async () => {
    const body = gzipSync(`${doc(10)}\n${doc(11)}\n`);
    const send = () =>
      t.request("POST", "/api/ingest", {
        token: t.tokens.ingest,
        body: new Uint8Array(body),
        headers: { "content-type": "application/x-ndjson", "content-encoding": "gzip" },
      });
    const first = (await send()).json<{ accepted: number; duplicates: number }>();
    const second = (await send()).json<{ accepted: number; duplicates: number }>();
    assert.deepEqual([first.accepted, first.duplicates], [2, 0]);
    assert.deepEqual([second.accepted, second.duplicates], [0, 2]);
  });

  it("collapses two identical documents of one batch into one event (documented: no record id, same content)", async () => {
    const a = await t.request("POST", "/api/ingest", {
      token: t.tokens.ingest,
      body: `${doc(20)}\n${doc(20)}\n`,
    });
    const r = a.json<{ accepted: number; duplicates: number }>();
    assert.deepEqual([r.accepted, r.duplicates], [1, 1]);
  });
});

describe("POST /_bulk (Elasticsearch bulk API)", () => {
  const bulk = [
    JSON.stringify({ index: { _index: "rsyslog" } }),
    doc(30),
    JSON.stringify({ create: { _id: "given-id" } }),
    "{not json",
    JSON.stringify({ create: {} }),
    doc(31),
    JSON.stringify({ delete: { _id: "x" } }),
    "",
  ].join("\n");

  it("answers like Elasticsearch: took, errors, per-item status; a retry gives 409 (create) / noop (index)", async () => {
    const before = await t.store.countEvents();
    const first = await t.request("POST", "/logs-2026/_bulk", {
      token: t.tokens.ingest,
      scheme: "basic",
      body: bulk,
      headers: { "content-type": "application/x-ndjson" },
    });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.headers.get("x-elastic-product"), "Elasticsearch");
    const a = first.json<BulkAnswer>();
    assert.equal(typeof a.took, "number");
    assert.equal(a.errors, true);
    assert.deepEqual(
      a.items.map((it) => Object.keys(it)[0]),
      ["index", "create", "create", "delete"],
    );
    const [indexed, bad, created, deleted] = a.items.map((it) => Object.values(it)[0]);
    assert.deepEqual([indexed.status, indexed.result, indexed._index], [201, "created", "rsyslog"]);
    assert.deepEqual(
      [bad.status, bad._id, bad._index, bad.error?.type],
      [400, "given-id", "logs-2026", "document_parsing_exception"],
    );
    assert.equal(created.status, 201);
    assert.equal(deleted.status, 400);
    assert.equal(await t.store.countEvents(), before + 2);

    const retry = (
      await t.request("POST", "/logs-2026/_bulk", { token: t.tokens.ingest, scheme: "basic", body: bulk })
    ).json<BulkAnswer>();
    const [i2, , c2] = retry.items.map((it) => Object.values(it)[0]);
    assert.deepEqual([i2.status, i2.result], [200, "noop"]);
    assert.deepEqual([c2.status, c2.error?.type], [409, "version_conflict_engine_exception"]);
    assert.equal(await t.store.countEvents(), before + 2, "no doubles");
  });

  it("refuses a malformed action line with Elasticsearch's 400", async () => {
    const a = await t.request("POST", "/api/_bulk", {
      token: t.tokens.ingest,
      body: `"just a string"\n${doc(40)}\n`,
    });
    assert.equal(a.status, 400);
    const e = a.json<{ status: number; error: { type: string; reason: string } }>();
    assert.equal(e.status, 400);
    assert.equal(e.error.type, "illegal_argument_exception");
    assert.match(e.error.reason, /Malformed action\/metadata line \[1\]/);
  });
});

describe("POST /api/upload", () => {
  it("reads each example file (EVTX, NDJSON, Zeek) into the store; a second upload is all duplicates", async () => {
    const expected: Record<string, number> = {
      "evtx/WS-SALES-07_Sysmon.evtx": 442,
      "evtx/WS-SALES-07_Security.evtx": 31,
      "json/WS-SALES-08_sysmon.jsonl": 134,
      "zeek/conn.log": 473,
      "zeek/dns.log": 63,
    };
    for (const file of EXAMPLE_FILES) {
      const a = await t.upload(file);
      assert.equal(a.status, 200, `${file}: ${a.text}`);
      const r = a.json<{ accepted: number; rejected: number }>();
      assert.deepEqual([r.accepted, r.rejected], [expected[file], 0], file);
    }
    const again = (await t.upload("evtx/WS-SALES-07_Security.evtx")).json<{
      accepted: number;
      duplicates: number;
    }>();
    assert.deepEqual([again.accepted, again.duplicates], [0, 31]);
    const status = (await t.request("GET", "/api/ingest/status", { token: t.tokens.viewer })).json<{
      files: { name: string }[];
    }>();
    assert.ok(status.files.some((f) => f.name === "upload:WS-SALES-07_Sysmon.evtx"));
  });

  it("answers 400 with the reason for a file of no known format", async () => {
    const a = await t.request("POST", "/api/upload?name=notes.txt", {
      token: t.tokens.analyst,
      body: "hello\nworld\n",
    });
    assert.equal(a.status, 400);
    assert.equal(a.json<{ error: { code: string } }>().error.code, "E_FORMAT_UNKNOWN");
  });
});

describe("shipper probes and the UI page", () => {
  it("gives shippers the Elasticsearch banner at GET / and browsers the UI", async () => {
    const banner = await t.request("GET", "/", { headers: { "user-agent": "Go-http-client/1.1" } });
    assert.equal(banner.status, 200);
    assert.equal(banner.headers.get("x-elastic-product"), "Elasticsearch");
    const b = banner.json<{ version: { number: string }; tagline: string }>();
    assert.deepEqual([b.version.number, b.tagline], ["8.11.0", "You Know, for Search"]);
    const page = await t.request("GET", "/", { headers: { accept: "text/html,application/xhtml+xml" } });
    assert.equal(page.status, 200);
    assert.match(page.text, /UI is not built: run <code>npm run build:ui<\/code>/);
    assert.match(page.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    assert.equal((await t.request("HEAD", "/")).status, 200);
  });
});

describe("limits", () => {
  it("answers 413 past the body limit and 429 past the ingest rate", async () => {
    const small = await TestServer.start({ bodyLimit: 1024, ingestRateLimit: { max: 3, windowMs: 60_000 } });
    try {
      const big = `${doc(1, { pad: "x".repeat(2000) })}\n`;
      const a = await small.request("POST", "/api/ingest", { token: small.tokens.ingest, body: big });
      assert.equal(a.status, 413, a.text);
      assert.equal(a.json<{ error: { code: string } }>().error.code, "E_LIMIT");
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (await small.request("POST", "/api/ingest", { token: small.tokens.ingest, body: `${doc(i)}\n` }))
            .status,
        );
      assert.deepEqual(statuses, [200, 200, 429, 429]);
      // another token has its own budget
      assert.equal(
        (await small.request("POST", "/api/ingest", { token: small.tokens.admin, body: `${doc(9)}\n` }))
          .status,
        200,
      );
    } finally {
      await small.stop();
    }
  });
});
