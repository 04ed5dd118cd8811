/**
 * End-to-end tests of `mikiwame analyze --db` (analysing a store): the examples ingested into a
 * DuckDB file and analysed from it give the same incidents (ids, verdicts) and findings as `analyze
 * examples/`; `--save` writes them back; `--host` / `--from` / `--to` select events; usage errors.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { repoRoot } from "../../testing/corpus.js";
import { CliFixture } from "../cli-fixture.js";
import { parseInstant } from "./analyze.js";

let cli: CliFixture;
let db = "";
before(async () => {
  cli = await CliFixture.create();
  db = join(cli.work, "examples.duckdb");
  const ingested = await cli.run(["ingest", "--db", db, EXAMPLES]);
  assert.equal(ingested.code, 0, ingested.stderr);
});
after(async () => {
  await cli.dispose();
});

const EXAMPLES = join(repoRoot(), "examples");
const RULES = ["--no-default-rules", "--rules", join(repoRoot(), "rules", "mikiwame")];

interface AnalyzeJson {
  readonly summary: { readonly events: number };
  readonly incidents: readonly { readonly id: string; readonly verdict: { readonly verdict: string } }[];
  readonly findings: readonly { readonly id: string; readonly host: string }[];
}

describe("mikiwame analyze --db", () => {
  it("gives the incidents and findings of `analyze examples/`; --save writes them to the store", async () => {
    const files = await cli.run(["analyze", ...RULES, "--json", EXAMPLES]);
    assert.equal(files.code, 0, files.stderr);
    const stored = await cli.run(["analyze", ...RULES, "--json", "--save", "--db", db]);
    assert.equal(stored.code, 0, stored.stderr);
    const a = JSON.parse(files.stdout) as AnalyzeJson;
    const b = JSON.parse(stored.stdout) as AnalyzeJson;
    const incidents = (r: AnalyzeJson) => r.incidents.map((i) => [i.id, i.verdict.verdict]);
    assert.ok(a.incidents.length > 0);
    assert.deepEqual(incidents(b), incidents(a));
    assert.deepEqual(b.findings.map((f) => f.id).sort(), a.findings.map((f) => f.id).sort());
    assert.equal(b.summary.events, a.summary.events);
    const saved = new RegExp(
      `^saved run R-\\d{8}T\\d{9}Z-[0-9a-f]{6} to ${db.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: ${b.findings.length} findings, ${b.incidents.length} incidents$`,
      "m",
    );
    assert.match(stored.stderr, saved);

    const query = await cli.run([
      "query",
      "--db",
      db,
      "--json",
      "SELECT id, verdict FROM incidents ORDER BY id",
    ]);
    assert.equal(query.code, 0, query.stderr);
    const rows = query.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string; verdict: string });
    assert.deepEqual(
      rows.map((r) => [r.id, r.verdict]),
      incidents(a).sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1)),
    );
  });

  it("--host and --from/--to select the stored events analysed", async () => {
    const count = await cli.run([
      "query",
      "--db",
      db,
      "--csv",
      "SELECT count(*) FROM events WHERE host = 'WS-SALES-08.corp.example' AND time_ms >= epoch_ms(TIMESTAMP '2000-01-01')",
    ]);
    assert.equal(count.code, 0, count.stderr);
    const expected = Number(count.stdout.trim().split("\n")[1]);
    assert.ok(expected > 0);
    const r = await cli.run([
      "analyze",
      "--no-default-rules",
      "--json",
      "--db",
      db,
      "--host",
      "WS-SALES-08.corp.example",
      "--from",
      "2000-01-01",
      "--to",
      "2100-01-01T00:00:00",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as AnalyzeJson;
    assert.equal(out.summary.events, expected);
    assert.ok(out.findings.every((f) => f.host === "" || f.host === "WS-SALES-08.corp.example"));
  });

  const usage: { name: string; args: string[]; code: number; stderr: RegExp }[] = [
    {
      name: "nothing to analyse",
      args: [],
      code: 2,
      stderr: /^error E_USAGE: give the logs to analyse, or --db/m,
    },
    {
      name: "paths and a store",
      args: [EXAMPLES, "--db", "x.duckdb"],
      code: 2,
      stderr: /^error E_USAGE: give either log paths or --db \/ --store, not both/m,
    },
    {
      name: "store options without a store",
      args: [EXAMPLES, "--host", "WS-1", "--save"],
      code: 2,
      stderr: /^error E_USAGE: --host, --save need --db FILE or --store URL$/m,
    },
    {
      name: "--db and --store",
      args: ["--db", "x.duckdb", "--store", "y.duckdb"],
      code: 2,
      stderr: /^error E_USAGE: give --store or --db, not both$/m,
    },
    {
      name: "an empty window",
      args: ["--db", "x.duckdb", "--from", "2024-02-01", "--to", "2024-01-01"],
      code: 2,
      stderr: /^error E_USAGE: --from must be before --to$/m,
    },
    {
      name: "a time that is not ISO-8601",
      args: ["--db", "x.duckdb", "--from", "yesterday"],
      code: 2,
      stderr: /option '--from <time>' argument 'yesterday' is invalid\. expected an ISO-8601 date/,
    },
  ];
  for (const c of usage) {
    it(`usage: ${c.name}`, async () => {
      const r = await cli.run(["analyze", "--no-default-rules", ...c.args]);
      assert.equal(r.code, c.code, r.stderr);
      assert.match(r.stderr, c.stderr);
      assert.equal(r.stdout, "");
    });
  }

  it("a missing database file is E_STORE located at the file, and no file is created", async () => {
    const missing = join(cli.work, "missing.duckdb");
    const r = await cli.run(["analyze", "--no-default-rules", "--db", missing]);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.stderr.includes(`error E_STORE ${missing}: no database here`), r.stderr);
    const ls = await cli.run(["query", "--db", missing, "SELECT 1"]);
    assert.match(ls.stderr, /no database here/);
  });
});

describe("parseInstant (--from / --to)", () => {
  const cases: [string, number | undefined][] = [
    ["2024-05-01", Date.UTC(2024, 4, 1)],
    ["2024-05-01T12:00:00", Date.UTC(2024, 4, 1, 12)],
    ["2024-05-01 12:00:00", Date.UTC(2024, 4, 1, 12)],
    ["2024-05-01T12:00:00.5Z", Date.UTC(2024, 4, 1, 12, 0, 0, 500)],
    ["2024-05-01T12:00:00+09:00", Date.UTC(2024, 4, 1, 3)],
    ["yesterday", undefined],
    ["1714564800000", undefined],
    ["2024-13-01", undefined],
    ["2024-05-01T12:00:00 junk", undefined],
  ];
  for (const [text, want] of cases) {
    it(`${text} → ${want ?? "refused"}`, () => {
      if (want === undefined) assert.throws(() => parseInstant(text), /expected an ISO-8601 date/);
      else assert.equal(parseInstant(text), want);
    });
  }
});
