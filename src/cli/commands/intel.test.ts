/** End-to-end tests of `mikiwame intel`: import → list / lookup / export, allow-list, usage errors. */
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
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

const SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("mikiwame intel", () => {
  it("imports a feed, reports the bad line, persists, looks up, lists and exports", async () => {
    const feed = join(cli.work, "feed.txt");
    await writeFile(feed, `${SHA}\nevil[.]example\n\u001b[31mbad\n`);
    const imp = await cli.run(["intel", "import", feed, "--tag", "Test"]);
    assert.equal(imp.code, 0, imp.stderr);
    assert.match(imp.stdout, /\(plain\): 2 added, 0 merged, 1 skipped/);
    assert.match(imp.stderr, /warning E_INDICATOR .*feed\.txt:3: "\\x1b\[31mbad"/);
    const stored = await readFile(join(cli.home, "intel", "indicators.jsonl"), "utf8");
    assert.equal(stored.trim().split("\n").length, 2);

    const look = await cli.run(["intel", "lookup", "www.evil.example", SHA.toUpperCase(), "192.0.2.1"]);
    assert.equal(look.code, 0, look.stderr);
    assert.deepEqual(
      look.stdout.split("\n").filter((l) => !l.startsWith("  ")),
      ["www.evil.example: 1 match(es)", `${SHA.toUpperCase()}: 1 match(es)`, "192.0.2.1: no match", ""],
    );
    assert.match(
      look.stdout,
      /domain evil\.example \(subdomain\) confidence 75\/75 sources feed\.txt tags test/,
    );

    const list = await cli.run(["intel", "list", "--type", "domain", "--json"]);
    const rows = list.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { value: string; expired: boolean });
    assert.deepEqual(
      rows.map((r) => [r.value, r.expired]),
      [["evil.example", false]],
    );

    const csv = await cli.run(["intel", "export", "--format", "csv"]);
    assert.equal(
      csv.stdout.split("\n")[0],
      "type,value,confidence,sources,first_seen,last_seen,expires,family,threat,kill_chain,tags",
    );
    assert.equal(csv.stdout.trim().split("\n").length, 3);

    // a STIX export imports back into the same store (merged, not duplicated)
    const stix = await cli.run(["intel", "export", "--format", "stix"]);
    const bundleFile = join(cli.work, "export.json");
    await writeFile(bundleFile, stix.stdout);
    const again = await cli.run(["intel", "import", bundleFile, "--json"]);
    assert.equal(again.code, 0, again.stderr);
    const stats = JSON.parse(again.stdout) as {
      format: string;
      added: number;
      merged: number;
      skipped: number;
    };
    assert.deepEqual([stats.format, stats.added, stats.merged, stats.skipped], ["stix", 0, 2, 0]);
  });

  it("allow-lists a destination and a known-good hash list", async () => {
    const add = await cli.run([
      "intel",
      "allow",
      "destination",
      "203.0.113.0/24",
      "--reason",
      "scanner",
      "--author",
      "soc",
      "--host",
      "WS1",
    ]);
    assert.equal(add.code, 0, add.stderr);
    const kg = join(cli.work, "kg.csv");
    await writeFile(kg, `md5,sha256,path\n,${SHA},C:\\x.exe\n`);
    const imp = await cli.run([
      "intel",
      "import",
      "--known-good",
      kg,
      "--reason",
      "golden image",
      "--author",
      "it",
    ]);
    assert.equal(imp.code, 0, imp.stderr);
    const look = await cli.run(["intel", "lookup", SHA]);
    assert.match(look.stdout, /allow-listed \(hash, global\): golden image \(C:\\x\.exe\) — it/);
  });

  it("usage errors exit 2 with E_USAGE or commander's message", async () => {
    const bad = await cli.run(["intel", "allow", "colour", "x", "--reason", "r", "--author", "a"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /must be one of hash, signer, path, destination/);
    const csv = await cli.run(["intel", "import", "--format", "csv", join(cli.work, "feed.txt")]);
    assert.equal(csv.code, 2);
    assert.match(csv.stderr, /error E_USAGE: --format csv needs --map/);
    const kg = await cli.run(["intel", "import", "--known-good", join(cli.work, "feed.txt")]);
    assert.deepEqual(
      [kg.code, /E_USAGE: --known-good needs --reason and --author/.test(kg.stderr)],
      [2, true],
    );
  });

  it("a missing feed is E_IO with its path, exit 1", async () => {
    const missing = join(cli.work, "nope.csv");
    const r = await cli.run(["intel", "import", missing]);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(`error E_IO ${missing}: cannot read feed`), r.stderr);
  });
});
