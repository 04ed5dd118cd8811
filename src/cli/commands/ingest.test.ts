/** End-to-end tests of `mikiwame ingest`: the examples twice, a copied file, bad input, usage errors. */
import assert from "node:assert/strict";
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { repoRoot } from "../../testing/corpus.js";
import { CliFixture } from "../cli-fixture.js";

let cli: CliFixture;
before(async () => {
  cli = await CliFixture.create();
});
after(async () => {
  await cli.dispose();
});

const EXAMPLES = join(repoRoot(), "examples");

/** The per-file lines of the report: file → its cells after the path. */
function reportRows(stdout: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of stdout.split("\n")) {
    const m = /^ {2}(\S+)\s+(ingested|skipped|failed|not-a-log)\b\s*(.*)$/.exec(line);
    if (m) rows.set(m[1]!.split("/").slice(-2).join("/"), [m[2]!, ...m[3]!.split(/\s{2,}/).filter(Boolean)]);
  }
  return rows;
}

describe("mikiwame ingest", () => {
  it("stores the examples in the data directory; a second run skips every file; --force adds no duplicate", async () => {
    const first = await cli.run(["ingest", EXAMPLES]);
    assert.equal(first.code, 0, first.stderr);
    const rows = reportRows(first.stdout);
    assert.deepEqual(rows.get("evtx/WS-SALES-07_Sysmon.evtx"), ["ingested", "442", "442", "0", "0"]);
    assert.deepEqual(rows.get("zeek/conn.log"), ["ingested", "473", "473", "0", "0"]);
    assert.deepEqual(rows.get("examples/README.md"), ["not-a-log", "0", "0", "0", "1"]);
    assert.match(
      first.stdout,
      /^5 files ingested, 0 skipped: 1143 events, 1143 new, 0 duplicates, 1 problem$/m,
    );
    assert.ok(
      first.stdout.includes(`store: ${join(cli.home, "mikiwame.duckdb")} (1143 events)`),
      first.stdout,
    );
    assert.match(first.stderr, /warning E_FORMAT_UNKNOWN .*examples\/README\.md: not a supported log format/);

    const second = await cli.run(["ingest", EXAMPLES]);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(reportRows(second.stdout).get("zeek/dns.log"), [
      "skipped",
      "already ingested (same path, size and modification time)",
    ]);
    assert.match(second.stdout, /^0 files ingested, 5 skipped: 0 events, 0 new, 0 duplicates, 1 problem$/m);

    const forced = await cli.run(["ingest", "--force", "--no-raw", join(EXAMPLES, "zeek")]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(
      forced.stdout,
      /^2 files ingested, 0 skipped: 536 events, 0 new, 536 duplicates, 0 problems$/m,
    );
    assert.match(forced.stdout, /\(1143 events\)$/m);
  });

  it("skips a copy of an ingested file by its content, and keeps bad input located and counted", async () => {
    const db = join(cli.work, "copy.duckdb");
    const first = await cli.run(["ingest", "--db", db, "sysmon.json"]);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(reportRows(first.stdout).get("sysmon.json"), ["ingested", "2", "2", "0", "0"]);
    await copyFile(join(cli.work, "logs", "sysmon.json"), join(cli.work, "renamed.json"));
    const copy = await cli.run(["ingest", "--db", db, join(cli.work, "renamed.json")]);
    assert.equal(copy.code, 0, copy.stderr);
    assert.match(copy.stdout, /skipped\s+already ingested \(same content as .*logs\/sysmon\.json\)/);

    // bad.json: one good event (the same as sysmon.json's first), then a line that is not JSON — the good
    // one is counted as a duplicate, the bad one reported; then retention removes the 2020 events
    const bad = await cli.run(["ingest", "--db", db, "--retention-days", "30", join(cli.work, "bad.json")]);
    assert.equal(bad.code, 1, bad.stderr);
    assert.deepEqual(reportRows(bad.stdout).get(`${cli.work.split("/").at(-1)}/bad.json`), [
      "ingested",
      "1",
      "0",
      "1",
      "1",
    ]);
    assert.match(bad.stderr, /error E_JSON_SYNTAX .*bad\.json:2/);
    assert.match(bad.stdout, /^retention: 2 events older than 30 days deleted$/m);
    assert.match(bad.stdout, /\(0 events\)$/m);
  });

  it("a bad option is a usage error (exit 2)", async () => {
    const days = await cli.run(["ingest", "--retention-days", "ninety", "sysmon.json"]);
    assert.equal(days.code, 2);
    assert.match(days.stderr, /expected a number of days/);
  });
});
