/** Golden tests of correlations in `mikiwame hunt`: the correlation row in every format, hidden building blocks, stats. */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  at,
  BRUTE_FORCE_RULES,
  failedLogonLine,
  MACRO_CHAIN_RULES,
  type ProcessStep,
  sysmonProcessFields,
} from "../../pipeline/hunt-correlation-fixtures.js";
import { writeEvtxFile } from "../../writers/evtx/evtx-writer.js";
import { sysmonEvent } from "../../writers/evtx/sysmon-event.js";
import { CliFixture } from "../cli-fixture.js";

let cli: CliFixture;
before(async () => {
  cli = await CliFixture.create();
  await mkdir(join(cli.work, "rules", "corr"), { recursive: true });
  await writeFile(join(cli.work, "rules", "corr", "brute.yml"), BRUTE_FORCE_RULES);
  await writeFile(join(cli.work, "rules", "corr", "macro.yml"), MACRO_CHAIN_RULES);
  await writeFile(
    join(cli.work, "logs", "logons.json"),
    failedLogonLine(0, "admin") +
      failedLogonLine(20, "admin") +
      failedLogonLine(25, "guest") +
      failedLogonLine(40, "admin") +
      failedLogonLine(41, undefined),
  );
  await writeSysmonProcesses(join(cli.work, "logs", "sysmon.evtx"), [
    {
      seconds: 100,
      host: "WS1",
      parent: "C:\\Office\\WINWORD.EXE",
      image: "C:\\Windows\\System32\\cmd.exe",
      commandLine: "cmd.exe /c whoami",
    },
    {
      seconds: 130,
      host: "WS1",
      parent: "C:\\Windows\\System32\\cmd.exe",
      image: "C:\\Windows\\System32\\whoami.exe",
      commandLine: "whoami",
    },
  ]);
});
after(async () => {
  await cli.dispose();
});

const RULES = ["--rules", "../rules/corr"];
const BRUTE_ID = "0b7f9a3e-0000-4000-8000-000000000002";
const CHAIN_ID = "0b7f9a3e-0000-4000-8000-000000000013";

describe("mikiwame hunt with correlations", { concurrency: true }, () => {
  it("jsonl: a correlation row with its group, count and time span; building blocks hidden", async () => {
    const r = await cli.run(["hunt", ...RULES, "--format", "jsonl", "logons.json", "sysmon.evtx"]);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      rows.map((o) => [o.Timestamp, o.RuleTitle, o.Level, o.RuleID]),
      [
        ["2020-05-02 03:40:00.000 +00:00", "Brute Force On One Account", "high", BRUTE_ID],
        ["2020-05-02 03:41:40.000 +00:00", "Macro Shell Then Discovery", "crit", CHAIN_ID],
        [
          "2020-05-02 03:41:40.000 +00:00",
          "Office Spawns Shell",
          "med",
          "0b7f9a3e-0000-4000-8000-000000000011",
        ],
        ["2020-05-02 03:42:10.000 +00:00", "Whoami Run", "low", "0b7f9a3e-0000-4000-8000-000000000012"],
      ],
    );
    const brute = rows[0];
    assert.equal(brute.Computer, "DC1.corp.local");
    assert.equal(brute.Channel, "Security");
    assert.equal(brute.EventID, 4625);
    assert.equal(brute.RecordID, null);
    assert.deepEqual(brute.Details, {
      TargetUserName: "admin",
      Count: "3",
      Events: "3",
      Duration: "40s",
      FirstTime: "2020-05-02 03:40:00.000 +00:00",
      LastTime: "2020-05-02 03:40:40.000 +00:00",
    });
    assert.deepEqual(brute.ExtraFieldInfo, { Timespan: "5m" });
    assert.deepEqual(rows[1].Details.Computer, "WS1");
    assert.deepEqual(rows[1].ExtraFieldInfo, { Timespan: "2m", RecordIDs: "1, 2" });
    const err = r.stderr.trimEnd().split("\n");
    assert.equal(
      err[0],
      "rules: 3 loaded from 2 files (2 correlations), 0 rejected, 3 selected, 2 correlations selected",
    );
    assert.ok(err.includes("7 events scanned, 2 matches (+5 building-block matches, not shown)"), r.stderr);
    assert.ok(
      err.includes(
        "correlations: 2 run over 7 matches, 2 matches; evicted 0 matches (0 groups), 0 untimed, 1 without a group-by value, 0 without a value, 0 late",
      ),
      r.stderr,
    );
    assert.ok(!r.stderr.includes("not run"), "no more 'loaded but not run' note");
  });

  it("csv and table show the correlation row; --min-level keeps the building block running", async () => {
    const csv = await cli.run(["hunt", ...RULES, "--min-level", "high", "--format", "csv", "logons.json"]);
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.split("\r\n");
    assert.equal(
      lines[1],
      `2020-05-02 03:40:00.000 +00:00,Brute Force On One Account,high,DC1.corp.local,Security,4625,,TargetUserName: admin ¦ Count: 3 ¦ Events: 3 ¦ Duration: 40s ¦ FirstTime: 2020-05-02 03:40:00.000 +00:00 ¦ LastTime: 2020-05-02 03:40:40.000 +00:00,Timespan: 5m,${BRUTE_ID}`,
    );
    assert.equal(lines.length, 3, csv.stdout);
    assert.match(
      csv.stderr,
      /0 selected \(left out: level 3\), 2 correlations selected \(\+3 building-block rules\)/,
    );

    const table = await cli.run(["hunt", ...RULES, "logons.json"]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /Brute Force On One Account +TargetUserName: admin ¦ Count: 3/);
    assert.match(table.stdout, /high +1 +1 +Brute Force On One Account/);
    assert.match(table.stdout, /correlations: 2 run over 5 matches, 1 match;/);
  });

  it("lists a rejected correlation with --verbose and still runs the rest", async () => {
    await mkdir(join(cli.work, "rules", "badcorr"), { recursive: true });
    await writeFile(
      join(cli.work, "rules", "badcorr", "bad.yml"),
      "title: Bad\nid: 0b7f9a3e-0000-4000-8000-000000000099\ncorrelation:\n  type: event_count\n  rules: [nope]\n  timespan: 1m\n  condition: {gte: 2}\n",
    );
    const r = await cli.run([
      "hunt",
      ...RULES,
      "--rules",
      "../rules/badcorr",
      "--verbose",
      "--format",
      "jsonl",
      "logons.json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /rejected \.\.\/rules\/badcorr\/bad\.yml:1 \(0b7f9a3e-0000-4000-8000-000000000099\): references "nope", but no loaded rule or correlation has this id or name/,
    );
    assert.match(r.stderr, /3 correlations\), 1 rejected/);
    assert.equal(r.stdout.trimEnd().split("\n").length, 1);
  });
});

/** Writes the steps as Sysmon 1 records (record ids 1, 2, …) into an EVTX file at `path`. */
async function writeSysmonProcesses(path: string, steps: readonly ProcessStep[]): Promise<void> {
  await writeEvtxFile(
    path,
    steps.map((s, i) =>
      sysmonEvent(1, at(s.seconds), sysmonProcessFields(s, i), { computer: s.host, recordId: i + 1 }),
    ),
  );
}
