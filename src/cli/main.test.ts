/** Golden tests of the `mikiwame` command line: usage errors, exit codes, diagnostics output, config. */
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { repoRoot } from "../testing/corpus.js";
import { CliFixture } from "./cli-fixture.js";

let cli: CliFixture;
before(async () => {
  cli = await CliFixture.create();
});
after(async () => {
  await cli.dispose();
});

describe("mikiwame CLI: usage and exit codes", { concurrency: true }, () => {
  it("--help lists the commands and the exit codes, exit 0", async () => {
    const r = await cli.run(["--help"]);
    assert.equal(r.code, 0);
    for (const word of ["analyze", "metrics", "dump", "config", "--quiet", "--verbose", "Exit codes:"]) {
      assert.ok(r.stdout.includes(word), `help mentions ${word}`);
    }
  });

  it("--version prints the package version, exit 0", async () => {
    const r = await cli.run(["--version"]);
    assert.equal(r.code, 0);
    const pkg = JSON.parse(await readFile(join(repoRoot(), "package.json"), "utf8")) as { version: string };
    if (cli.usesBin) assert.equal(r.stdout, `${pkg.version}\n`);
    else assert.match(r.stdout, /^(\d+\.\d+\.\d+\S*|unknown)\n$/);
  });

  const usage: readonly [string, readonly string[], RegExp][] = [
    ["an unknown option", ["dump", "--bogus", "x.json"], /unknown option '--bogus'/],
    ["a missing path", ["dump"], /missing required argument 'paths'/],
    ["a bad --format", ["dump", "--format", "yaml", "x.json"], /Allowed choices are jsonl, xml, csv/],
    [
      "--normalized with xml",
      ["dump", "--normalized", "--format", "xml", "x.json"],
      /^error E_USAGE: --format xml/m,
    ],
    [
      "--mapping without --normalized",
      ["dump", "--mapping", "m.yaml", "x.json"],
      /^error E_USAGE: --mapping/m,
    ],
    ["a bad --top", ["metrics", "--top", "0", "x.json"], /expected a whole number from 1 to 1000/],
    [
      "--quiet with --verbose",
      ["-q", "-v", "analyze", "x.json"],
      /cannot be used with option '-v, --verbose'/,
    ],
    ["an unknown command", ["frobnicate"], /unknown command 'frobnicate'/],
    ["a bad --timezone", ["--timezone", "Mars/Base", "analyze", "x.json"], /expected UTC, local or an IANA/],
  ];
  for (const [name, args, message] of usage) {
    it(`exits 2 on ${name}`, async () => {
      const r = await cli.run(args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, "");
    });
  }

  it("exits 2 with E_MAPPING on an invalid mapping file, before reading", async () => {
    await writeFile(join(cli.work, "bad-mapping.yaml"), "fields: [unclosed\n");
    const r = await cli.run(["analyze", "--mapping", "../bad-mapping.yaml", "sysmon.json"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error E_MAPPING .*bad-mapping\.yaml/m);
    assert.equal(r.stdout, "");
  });
});

describe("mikiwame diagnostics output and configuration", { concurrency: true }, () => {
  it("lists the first 10 diagnostics of a code and counts the rest; --verbose prints all; --quiet one line", async () => {
    const grouped = await cli.run(["dump", "../many-bad.json"]);
    assert.equal(grouped.code, 1);
    const lines = grouped.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 12);
    assert.match(lines[0], /^error E_JSON_SYNTAX \.\.\/many-bad\.json:1@0x0: not valid JSON/);
    assert.match(lines[9], /^error E_JSON_SYNTAX \.\.\/many-bad\.json:10@/);
    assert.equal(lines[10], "  … 5 more E_JSON_SYNTAX (--verbose lists all)");
    assert.equal(lines[11], "15 errors, 0 warnings");
    assert.equal(grouped.stdout.trimEnd().split("\n").length, 1, "the good line after the bad ones is read");

    const verbose = await cli.run(["--verbose", "dump", "../many-bad.json"]);
    const all = verbose.stderr.trimEnd().split("\n");
    assert.equal(all.length, 16);
    assert.match(all[14], /^error E_JSON_SYNTAX \.\.\/many-bad\.json:15@/);
    assert.equal(all[15], "15 errors, 0 warnings");

    const quiet = await cli.run(["--quiet", "dump", "../many-bad.json"]);
    assert.equal(quiet.code, 1);
    assert.equal(quiet.stderr, "15 errors, 0 warnings (run without --quiet to see them)\n");
  });

  it("escapes control characters in diagnostics on stderr", async () => {
    const name = "evil\u001b[2J\u202e.txt";
    await writeFile(join(cli.work, name), "plain text");
    const r = await cli.run(["dump", `../${name}`]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^error E_FORMAT_UNKNOWN \.\.\/evil\\x1b\[2J\\u202e\.txt: not a supported log format/m,
    );
    assert.doesNotMatch(r.stderr, /[\u001b\u202e]/);
  });

  it("reads config.yaml from $MIKIWAME_HOME: language, unknown keys, bad values", async () => {
    const ja = join(cli.work, "home-ja");
    await mkdir(ja);
    await writeFile(join(ja, "config.yaml"), "language: ja\ntimezone: Asia/Tokyo\ncolour: blue\n");
    const r = await cli.run(["analyze", "sysmon.json"], { env: { MIKIWAME_HOME: ja } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^概要\n {2}ファイル数 {2}1 \(json 1\)\n/m);
    assert.match(r.stdout, /期間 {8}2020-05-02 12:40:19\.123 \+09:00 → 2020-05-02 12:41:00\.000 \+09:00/);
    assert.equal(
      r.stderr,
      `warning E_CONFIG ${join(ja, "config.yaml")}:3: unknown key "colour": ignored\n0 errors, 1 warning\n`,
    );

    const bad = join(cli.work, "home-bad");
    await mkdir(bad);
    await writeFile(join(bad, "config.yaml"), "# settings\nworkers: 0\n");
    const b = await cli.run(["analyze", "sysmon.json"], { env: { MIKIWAME_HOME: bad } });
    assert.equal(b.code, 2);
    assert.equal(b.stdout, "");
    assert.equal(
      b.stderr,
      `error E_CONFIG ${join(bad, "config.yaml")}:2: workers must be auto or a whole number from 1 to 256\n`,
    );
  });

  it("config --json shows the data directory and the settings in effect", async () => {
    const r = await cli.run(["--lang", "ja", "config", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const shown = JSON.parse(r.stdout) as Record<string, unknown>;
    const { analytics, ...rest } = shown;
    assert.deepEqual(rest, {
      dataDir: cli.home,
      configFile: join(cli.home, "config.yaml"),
      configFound: false,
      language: "ja",
      timezone: "UTC",
      mapping: null,
      workers: "auto",
    });
    // the analytics settings in effect: every section, with the modules' defaults
    const a = analytics as Record<string, Record<string, unknown>>;
    for (const section of ["process", "history", "location", "time", "reputation", "network"])
      assert.ok(a[section], section);
    assert.equal(
      (a["network"]!["port"] as Record<string, unknown>)["vertical_min_ports"] !== undefined,
      true,
    );
  });
});
