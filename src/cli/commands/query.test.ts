/** End-to-end tests of `mikiwame query`: counts per channel in each format, refusals, escaping. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CliFixture } from "../cli-fixture.js";

let cli: CliFixture;
let db: string;
before(async () => {
  cli = await CliFixture.create();
  db = join(cli.work, "query.duckdb");
  const r = await cli.run(["ingest", "--db", db, "sysmon.json", "more", join(cli.work, "hostile.json")]);
  assert.equal(r.code, 0, r.stderr);
});
after(async () => {
  await cli.dispose();
});

const PER_CHANNEL = "SELECT channel, count(*) AS n FROM events GROUP BY channel ORDER BY channel";

describe("mikiwame query", () => {
  it("refuses a DELETE with E_STORE and exit 1, changes nothing, and prints a table with hostile text escaped", async () => {
    const del = await cli.run(["query", "--db", db, "DELETE FROM events"]);
    assert.equal(del.code, 1);
    assert.equal(del.stdout, "");
    assert.ok(
      del.stderr.includes(`error E_STORE ${db}: only read-only statements`) && /type DELETE/.test(del.stderr),
      del.stderr,
    );
    const table = await cli.run([
      "query",
      "--db",
      db,
      "SELECT host, channel, count(*) AS n FROM events GROUP BY ALL ORDER BY ALL",
    ]);
    assert.equal(table.code, 0, table.stderr);
    const evil = "EVIL\\x1b[2J\\u202eHOST"; // as printed: the escape and the bidi override made visible
    const row = (host: string, channel: string) => `${host.padEnd(evil.length)}  ${channel.padEnd(36)}  1`;
    assert.deepEqual(table.stdout.split("\n"), [
      `${"host".padEnd(evil.length)}  ${"channel".padEnd(36)}  n`,
      row("", "conn"),
      row(evil, "Security"),
      row("WS1.corp.local", "Microsoft-Windows-Sysmon/Operational"),
      row("WS2.corp.local", "Security"),
      "",
    ]);
    assert.equal(table.stderr, "4 rows\n");
  });

  it("counts events per channel as JSON lines or CSV, within --max-rows", async () => {
    const json = await cli.run(["query", "--db", db, "--json", PER_CHANNEL]);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(
      json.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as unknown),
      [
        { channel: "Microsoft-Windows-Sysmon/Operational", n: "1" },
        { channel: "Security", n: "2" },
        { channel: "conn", n: "1" },
      ],
    );
    const csv = await cli.run(["query", "--db", db, "--csv", "--max-rows", "1", PER_CHANNEL]);
    assert.equal(csv.stdout, "channel,n\r\nMicrosoft-Windows-Sysmon/Operational,1\r\n");
    assert.match(csv.stderr, /1 row \(more rows exist: only the first 1 are shown; --max-rows\)/);
  });

  it("never creates a missing database", async () => {
    const missing = join(cli.work, "nope.duckdb");
    const r = await cli.run(["query", "--db", missing, "SELECT 1"]);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(`error E_STORE ${missing}: no database here`), r.stderr);
  });
});
