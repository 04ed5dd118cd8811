/** Golden tests of `mikiwame hunt`: formats, order, selection, load report, escaping, exit codes. */
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CliFixture } from "../cli-fixture.js";
import { writeRules } from "./hunt-fixtures.js";

let cli: CliFixture;
before(async () => {
  cli = await CliFixture.create();
  await writeRules(cli);
});
after(async () => {
  await cli.dispose();
});

const GOOD = ["--rules", "../rules/good"];
const SUMMARY_TAIL = [
  "2 matches of 2 rules on 2 hosts",
  "",
  "Hits per rule:",
  "  Level  Hits  Hosts  Rule                      RuleID",
  "  high      1      1  =Formula In Command Line  22222222-2222-4222-8222-222222222222",
  "  med       1      1  Whoami Execution          11111111-1111-4111-8111-111111111111",
  "",
  "ATT&CK tactics per host:",
  "  Host            Matches  Tactics (matches)",
  "  WS1.corp.local        1  discovery 1",
  "  WS2.corp.local        1  execution 1",
  "2 events scanned, 2 matches",
];

describe("mikiwame hunt", { concurrency: true }, () => {
  it("prints one JSON object per match with RuleID, in time order", async () => {
    const r = await cli.run([
      "hunt",
      "--rules",
      "../rules/good/whoami.yml",
      "--rules",
      "../rules/good/formula.yml",
      "--format",
      "jsonl",
      "sysmon.json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      rows.map((o) => [o.Timestamp, o.RuleID, o.Level, o.Computer, o.EventID]),
      [
        [
          "2020-05-02 03:40:19.123 +00:00",
          "11111111-1111-4111-8111-111111111111",
          "med",
          "WS1.corp.local",
          1,
        ],
        [
          "2020-05-02 03:41:00.000 +00:00",
          "22222222-2222-4222-8222-222222222222",
          "high",
          "WS2.corp.local",
          4688,
        ],
      ],
    );
    assert.deepEqual(rows[0].Details, {
      Image: "C:\\Windows\\System32\\cmd.exe",
      CommandLine: "cmd.exe /c whoami",
      ProcessId: "4242",
    });
    // the load report and the summary go to stderr, the data stream stays clean
    const err = r.stderr.trimEnd().split("\n");
    assert.equal(err[0], "rules: 2 loaded from 2 files, 0 rejected, 2 selected");
    assert.deepEqual(err.slice(1), SUMMARY_TAIL);
  });

  it("prints the CSV timeline with Hayabusa's header and neutralised formulas (golden)", async () => {
    const r = await cli.run(["hunt", ...GOOD, "-f", "csv", "--quiet", "sysmon.json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        "Timestamp,RuleTitle,Level,Computer,Channel,EventID,RecordID,Details,ExtraFieldInfo,RuleID",
        "2020-05-02 03:40:19.123 +00:00,Whoami Execution,med,WS1.corp.local,Microsoft-Windows-Sysmon/Operational,1,," +
          "Image: C:\\Windows\\System32\\cmd.exe ¦ CommandLine: cmd.exe /c whoami ¦ ProcessId: 4242," +
          "'@timestamp: 2020-05-02T03:40:19.123Z,11111111-1111-4111-8111-111111111111",
        "2020-05-02 03:41:00.000 +00:00,'=Formula In Command Line,high,WS2.corp.local,Security,4688,," +
          "Image: C:\\Windows\\System32\\whoami.exe ¦ CommandLine: =cmd|' /C calc'!A0," +
          "'@timestamp: 2020-05-02T03:41:00.000Z ¦ NewProcessName: C:\\Windows\\System32\\whoami.exe," +
          "22222222-2222-4222-8222-222222222222",
        "",
      ].join("\r\n"),
    );
    assert.equal(r.stderr, "rules: 2 loaded from 2 files, 0 rejected, 2 selected\n", "--quiet: no summary");
  });

  it("prints a terminal table followed by the summary (golden)", async () => {
    const r = await cli.run(["hunt", ...GOOD, "sysmon.json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        "Timestamp                       Level  Computer        Channel                   EventID  RecordID  RuleTitle                 Details",
        "2020-05-02 03:40:19.123 +00:00  med    WS1.corp.local  …dows-Sysmon/Operational        1            Whoami Execution          Image: C:\\Windows\\System32\\cmd.exe ¦ CommandLine: cmd.exe /c whoami ¦ ProcessId: 4242",
        "2020-05-02 03:41:00.000 +00:00  high   WS2.corp.local  Security                     4688            =Formula In Command Line  Image: C:\\Windows\\System32\\whoami.exe ¦ CommandLine: =cmd|' /C calc'!A0",
        "",
        ...SUMMARY_TAIL,
        "",
      ].join("\n"),
    );
  });

  it("writes Timesketch JSON lines", async () => {
    const r = await cli.run(["hunt", ...GOOD, "-f", "timesketch", "-q", "sysmon.json"]);
    assert.equal(r.code, 0, r.stderr);
    const first = JSON.parse(r.stdout.split("\n")[0]);
    assert.equal(first.message, "Whoami Execution");
    assert.equal(first.datetime, "2020-05-02T03:40:19.123Z");
    assert.equal(first.timestamp_desc, "Event Time");
    assert.equal(first.RuleID, "11111111-1111-4111-8111-111111111111");
  });

  it("shows times in another zone with --timezone, and --utc overrides it", async () => {
    const tokyo = await cli.run([
      "--timezone",
      "Asia/Tokyo",
      "hunt",
      ...GOOD,
      "-f",
      "jsonl",
      "-q",
      "sysmon.json",
    ]);
    assert.equal(JSON.parse(tokyo.stdout.split("\n")[0]).Timestamp, "2020-05-02 12:40:19.123 +09:00");
    const utc = await cli.run([
      "--timezone",
      "Asia/Tokyo",
      "hunt",
      "--utc",
      ...GOOD,
      "-f",
      "jsonl",
      "-q",
      "sysmon.json",
    ]);
    assert.equal(JSON.parse(utc.stdout.split("\n")[0]).Timestamp, "2020-05-02 03:40:19.123 +00:00");
  });

  it("writes the timeline to -o FILE and the summary to stdout", async () => {
    const out = join(cli.work, "timeline.csv");
    const r = await cli.run(["hunt", ...GOOD, "-f", "csv", "-o", out, "sysmon.json"]);
    assert.equal(r.code, 0, r.stderr);
    const csv = await readFile(out, "utf8");
    assert.equal(csv.split("\r\n").length, 4);
    assert.equal(r.stdout, `${SUMMARY_TAIL.join("\n")}\n`);
  });

  it("reports the rejected rules: a count, and with --verbose file:line and reason", async () => {
    const quiet = await cli.run(["hunt", "--rules", "../rules", "-f", "jsonl", "-q", "sysmon.json"]);
    assert.equal(quiet.code, 0, "a rejected rule does not change hunt's exit code");
    assert.equal(
      quiet.stderr,
      "rules: 2 loaded from 3 files, 1 rejected, 2 selected (--verbose lists them)\n",
    );
    const verbose = await cli.run(["hunt", "--rules", "../rules", "-f", "jsonl", "-v", "sysmon.json"]);
    assert.match(
      verbose.stderr,
      /^ {2}rejected \.\.\/rules\/bad\/broken\.yml:1 \(33333333-3333-4333-8333-333333333333\): line 7: unknown modifier 'nosuchmodifier'/m,
    );
  });

  it("selects rules by level, status, tags and an exclusion list", async () => {
    const run = async (...args: string[]) => {
      const r = await cli.run(["hunt", ...GOOD, "-f", "jsonl", "-q", ...args, "sysmon.json"]);
      assert.equal(r.code, 0, r.stderr);
      return {
        ids: r.stdout
          .trimEnd()
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l).RuleID),
        report: r.stderr,
      };
    };
    const high = await run("--min-level", "high");
    assert.deepEqual(high.ids, ["22222222-2222-4222-8222-222222222222"]);
    assert.equal(high.report, "rules: 2 loaded from 2 files, 0 rejected, 1 selected (left out: level 1)\n");
    assert.deepEqual((await run("--status", "test")).ids, ["11111111-1111-4111-8111-111111111111"]);
    assert.deepEqual((await run("--tags", "attack.execution")).ids, ["22222222-2222-4222-8222-222222222222"]);
    const list = join(cli.work, "exclude.txt");
    await writeFile(list, "# noisy\n22222222-2222-4222-8222-222222222222 formula\n");
    assert.deepEqual((await run("--exclude-ids", list)).ids, ["11111111-1111-4111-8111-111111111111"]);
  });

  it("escapes hostile values in the table and neutralises them in CSV", async () => {
    const table = await cli.run(["hunt", ...GOOD, "../hostile.json"]);
    assert.equal(table.code, 0, table.stderr);
    assert.doesNotMatch(table.stdout, /[\u001b\u202e]/);
    assert.ok(table.stdout.includes("EVIL\\x1b[2J\\u202eHOST"));
    const csv = await cli.run(["hunt", ...GOOD, "-f", "csv", "-q", "../hostile.json"]);
    const cells = csv.stdout.split("\r\n")[1].split(",");
    assert.equal(cells[1], "'=Formula In Command Line");
    assert.equal(
      cells[3],
      "EVIL\u001b[2J\u202eHOST",
      "raw in a file (CSV is data), escaped only on a terminal",
    );
    assert.ok(cells[7].includes("CommandLine: @SUM(1+1)"));
  });

  it("keeps going past bad input: the matches are printed, exit code 1", async () => {
    const r = await cli.run(["hunt", ...GOOD, "-f", "jsonl", "-q", "../bad.json"]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout.trimEnd().split("\n").length, 1);
    assert.match(r.stderr, /1 error, 0 warnings/);
  });

  const usage: readonly [string, string[], RegExp][] = [
    [
      "a missing --rules path",
      ["--rules", "nope"],
      /^error E_USAGE: --rules nope: no such file or directory$/m,
    ],
    [
      "no rule loadable",
      ["--rules", "../rules/bad"],
      /^error E_USAGE: no rule could be loaded from \.\.\/rules\/bad$/m,
    ],
    ["every rule left out", [...GOOD, "--min-level", "critical"], /^error E_USAGE: no rule is left after/m],
    ["a bad status", [...GOOD, "--status", "bogus"], /unknown status "bogus"/],
    ["a bad format", [...GOOD, "-f", "xml"], /argument 'xml' is invalid/],
    ["--utc with --local", [...GOOD, "--utc", "--local"], /cannot be used with/],
    [
      "an unwritable -o",
      [...GOOD, "-o", "/nonexistent/dir/x.csv"],
      /^error E_USAGE \/nonexistent\/dir\/x\.csv: -o /m,
    ],
  ];
  for (const [name, args, message] of usage) {
    it(`exits 2 on ${name}`, async () => {
      const r = await cli.run(["hunt", ...args, "sysmon.json"]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, "");
    });
  }

  it("without --rules uses the built-in pack, or says --rules is needed", async () => {
    const r = await cli.run(["hunt", "-f", "jsonl", "-q", "sysmon.json"]);
    if (cli.usesBin) {
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /^rules: \d+ loaded from \d+ files/);
    } else {
      assert.equal(r.code, 2);
      assert.match(
        r.stderr,
        /no rules to run: the built-in pack rules\/mikiwame\/ is not installed; give --rules/,
      );
    }
  });
});
