/** End-to-end tests of `mikiwame decisions`: list, revoke, audit, a broken log line. */
import assert from "node:assert/strict";
import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CliFixture } from "../cli-fixture.js";

let cli: CliFixture;
before(async () => {
  cli = await CliFixture.create();
});
after(async () => {
  await cli.dispose();
});

async function decide(args: readonly string[], analyst: string): Promise<string> {
  const r = await cli.run(["decide", ...args, "--analyst", analyst]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.split(" ")[0];
}

interface JsonDecision {
  readonly id: string;
  readonly verdict: string;
  readonly revoked: { readonly analyst: string; readonly reason: string } | null;
}

describe("mikiwame decisions", () => {
  let outlook = "";
  let dropper = "";

  it("lists the decisions in force as a table (list is the default)", async () => {
    const empty = await cli.run(["decisions"]);
    assert.deepEqual([empty.code, empty.stdout], [0, "0 decision(s) in force, 0 revoked\n"]);
    outlook = await decide(
      [
        "benign",
        "--all-hosts",
        "--rule",
        "network.beacon",
        "--image",
        "OUTLOOK.EXE",
        "--reason",
        "Exchange sync",
      ],
      "alice",
    );
    dropper = await decide(
      ["malicious", "--host", "WS-SALES-07", "--path", "C:\\Temp\\invoice.pdf.exe", "--reason", "dropper"],
      "bob",
    );
    const runs = await Promise.all([cli.run(["decisions"]), cli.run(["decisions", "list"])]);
    for (const r of runs) {
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trimEnd().split("\n");
      assert.match(lines[0], /^id\s+verdict\s+hosts\s+match\s+analyst\s+at\s+reason$/);
      assert.match(
        lines[1],
        new RegExp(
          `^${outlook}\\s+benign\\s+all\\s+network\\.beacon on OUTLOOK\\.EXE\\s+alice\\s+\\S+ \\S+Z\\s+Exchange sync$`,
        ),
      );
      assert.match(
        lines[2],
        new RegExp(
          `^${dropper}\\s+malicious\\s+WS-SALES-07\\s+path C:\\\\Temp\\\\invoice\\.pdf\\.exe\\s+bob\\s+.*dropper$`,
        ),
      );
      assert.equal(lines[3], "2 decision(s) in force, 0 revoked");
    }
  });

  it("revokes: gone from the list, shown with --all, kept in the audit", async () => {
    const r = await cli.run([
      "decisions",
      "revoke",
      outlook,
      "--reason",
      "it was the carrier",
      "--analyst",
      "carol",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^revoked ${outlook} \\(benign \\(over-detection\\) · all hosts`));

    const list = await cli.run(["decisions", "--json"]);
    assert.deepEqual(
      list.stdout
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as JsonDecision).id),
      [dropper],
    );
    const all = await cli.run(["decisions", "list", "--all", "--json"]);
    const rows = all.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as JsonDecision);
    assert.deepEqual(
      rows.map((d) => [d.id, d.revoked?.analyst ?? null, d.revoked?.reason ?? null]),
      [
        [outlook, "carol", "it was the carrier"],
        [dropper, null, null],
      ],
    );
    const table = await cli.run(["decisions", "--all"]);
    assert.match(table.stdout, /revoked\n/);
    assert.match(table.stdout, /by carol: it was the carrier/);
    assert.match(table.stdout, /1 decision\(s\) in force, 1 revoked\n$/);
    const plain = await cli.run(["decisions"]);
    assert.match(plain.stdout, /1 decision\(s\) in force, 1 revoked \(--all shows them\)\n$/);

    const audit = await cli.run(["decisions", "audit"]);
    assert.equal(audit.code, 0, audit.stderr);
    const lines = audit.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 4);
    assert.match(
      lines[0],
      new RegExp(
        `  alice  decide ${outlook}  benign \\(over-detection\\) · all hosts · rule network\\.beacon on OUTLOOK\\.EXE · Exchange sync$`,
      ),
    );
    assert.match(
      lines[1],
      new RegExp(
        `  bob  decide ${dropper}  malicious \\(confirmed\\) · host WS-SALES-07 · path C:\\\\Temp\\\\invoice\\.pdf\\.exe · dropper$`,
      ),
    );
    assert.match(lines[2], new RegExp(`  carol  revoke ${outlook}  it was the carrier$`));
    assert.equal(lines[3], "3 entries");
    const json = await cli.run(["decisions", "audit", "--json"]);
    assert.deepEqual(
      json.stdout
        .trim()
        .split("\n")
        .map((l) => {
          const e = JSON.parse(l) as { op: string; id?: string; decision?: { id: string } };
          return `${e.op} ${e.decision?.id ?? e.id}`;
        }),
      [`decide ${outlook}`, `decide ${dropper}`, `revoke ${outlook}`],
    );
  });

  it("revoking an unknown or revoked id is E_USAGE with the log file, exit 2", async () => {
    const file = join(cli.home, "decisions.jsonl");
    const [unknown, again, noReason] = await Promise.all([
      cli.run(["decisions", "revoke", "D-000000000000", "--reason", "x", "--analyst", "a"]),
      cli.run(["decisions", "revoke", outlook, "--reason", "x", "--analyst", "a"]),
      cli.run(["decisions", "revoke", dropper]),
    ]);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, `error E_USAGE ${file}: no decision D-000000000000 in the log\n`);
    assert.equal(again.code, 2);
    assert.match(
      again.stderr,
      new RegExp(
        `^error E_USAGE ${file.replaceAll("/", "\\/")}: ${outlook} was already revoked by carol at `,
      ),
    );
    assert.equal(noReason.code, 2);
    assert.match(noReason.stderr, /required option '--reason <text>' not specified/);
  });

  it("a broken log line is a located warning; the rest still lists", async () => {
    const file = join(cli.home, "decisions.jsonl");
    await appendFile(file, '{"op":"decide","decision":{"id":"oops"}}\n');
    const r = await cli.run(["decisions", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim().split("\n").length, 1);
    assert.match(
      r.stderr,
      new RegExp(
        `warning E_DECISION ${file.replaceAll("/", "\\/")}:4: decision log line: invalid decision: id must look like D-`,
      ),
    );
  });
});
