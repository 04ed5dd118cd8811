/** Golden tests of `mikiwame analyze` on the CLI fixture: the text report, --json, rules and options. */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
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

describe("mikiwame analyze", { concurrency: true }, () => {
  it("analyze prints the incident and process tables, the rule line and the short summary; diagnostics on stderr", async () => {
    const r = await cli.run(["analyze", "--no-default-rules", "sysmon.json", "more"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        "No incident",
        "",
        "No suspicious process (0 with findings)",
        "",
        "no Sigma rules run",
        "skipped: reputation (not checked: no indicator list given (--indicators))",
        "",
        "Summary",
        "  files       3 (json 1, zeek 1; unknown format 1)",
        "  records     3",
        "  events      3",
        "  time range  2020-05-02 03:40:19.123Z → 2020-05-02 03:41:00.000Z",
        "",
        "Hosts (3 distinct)",
        "  host            events",
        "  (unknown)            1",
        "  WS1.corp.local       1",
        "  WS2.corp.local       1",
        "",
        "Problems (errors: 0, warnings: 1)",
        "",
      ].join("\n"),
    );
    assert.equal(
      r.stderr,
      "warning E_FORMAT_UNKNOWN more/README.txt: not a supported log format (EVTX, JSON/NDJSON, Zeek): skipped\n0 errors, 1 warning\n",
    );
  });

  it("analyze --json prints the summary object; no progress bar when stderr is not a terminal", async () => {
    const r = await cli.run([
      "analyze",
      "--json",
      "--no-default-rules",
      "--top",
      "1",
      "sysmon.json",
      "../hostile.json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.doesNotMatch(r.stdout, /[\u001b\u202e]/);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json), [
      "summary",
      "rules",
      "analyzers",
      "skipped",
      "timings",
      "incidents",
      "processes",
      "findings",
    ]);
    assert.deepEqual(json.incidents, []);
    assert.equal(json.rules, null);
    assert.deepEqual(json.skipped, {
      sigma: "no rules",
      reputation: "not checked: no indicator list given (--indicators)",
    });
    const s = json.summary;
    assert.deepEqual(s.files, {
      total: 2,
      byFormat: { evtx: 0, json: 2, zeek: 0 },
      unknownFormat: 0,
      failed: 0,
      bytes: 697,
    });
    assert.deepEqual(s.eventIds.top, [{ channel: "Security", eventId: 4688, count: 2 }]);
    assert.equal(s.eventIds.others, 1);
    assert.equal(s.hosts.distinct, 3);
    assert.ok(s.hosts.top.length === 1);
    assert.deepEqual(s.diagnostics, { errors: 0, warnings: 0, byCode: {}, problems: [] });
  });

  it("applies a field-mapping file from --mapping or from config `mapping`", async () => {
    const mapping = [
      "version: 1",
      "name: acme-edr",
      "logsource:",
      "  product: windows",
      "  category: process_creation",
      "identity:",
      "  channel: Acme/Events",
      "  eventId: 1",
      "host: device.name",
      "time: { field: ts, format: epoch-millis }",
      "fields:",
      "  proc.path: Image",
      "",
    ].join("\n");
    const record = { ts: 1588390819123, device: { name: "LAPTOP-7" }, proc: { path: "C:\\Temp\\a.exe" } };
    await writeFile(join(cli.work, "edr.json"), `${JSON.stringify(record)}\n`);
    await writeFile(join(cli.work, "edr-map.yaml"), mapping);
    const home = join(cli.work, "home-mapping");
    await mkdir(home);
    await writeFile(join(home, "map.yaml"), mapping);
    await writeFile(join(home, "config.yaml"), "mapping: map.yaml\n");

    const [byOption, byConfig] = await Promise.all([
      cli.run(["analyze", "--json", "--no-default-rules", "--mapping", "../edr-map.yaml", "../edr.json"]),
      cli.run(["analyze", "--json", "--no-default-rules", "../edr.json"], { env: { MIKIWAME_HOME: home } }),
    ]);
    for (const r of [byOption, byConfig]) {
      assert.equal(r.code, 0, r.stderr);
      const s = JSON.parse(r.stdout).summary;
      assert.deepEqual(s.hosts.top, [{ key: "LAPTOP-7", count: 1 }]);
      assert.deepEqual(s.eventIds.top, [{ channel: "Acme/Events", eventId: 1, count: 1 }]);
      assert.match(s.timeRange.first, /^2020-05-02T03:40:19\.123(000)?Z$/);
    }
  });
  it("a rule hit makes a row: host, image, stage, severity and the viewpoint marks; top findings below", async () => {
    const rule = [
      "title: Whoami From Cmd",
      "id: 0a0a0a0a-0000-4000-8000-000000000001",
      "level: high",
      "kill_chain: reconnaissance",
      "tags: [attack.discovery, attack.t1033]",
      "logsource:",
      "  product: windows",
      "  category: process_creation",
      "detection:",
      "  sel:",
      "    CommandLine|contains: whoami",
      "    Image|endswith: '\\cmd.exe'",
      "  condition: sel",
      "",
    ].join("\n");
    await mkdir(join(cli.work, "rules-whoami"), { recursive: true });
    await writeFile(join(cli.work, "rules-whoami", "whoami.yml"), rule);
    const r = await cli.run(["analyze", "--no-default-rules", "--rules", "../rules-whoami", "sysmon.json"]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split("\n");
    // the incident verdict table leads: one incident around cmd.exe, with its reasons
    assert.equal(lines[0], "Incidents (1)");
    assert.match(lines[1], /^ {2}incident {8}hosts {11}root cause {2}verdict {9}stage {2}state$/);
    assert.match(
      lines[2],
      /^ {2}INC-[0-9a-f]{10} {2}WS1\.corp\.local {2}cmd\.exe {5}suspicious 92% {2}recon {2}active$/,
    );
    assert.equal(lines[4], "Why (top reasons per incident)");
    assert.match(lines[5], /^ {2}INC-[0-9a-f]{10} cmd\.exe on WS1\.corp\.local$/);
    assert.equal(
      lines[6],
      '    - [proc] Sigma rule "Whoami From Cmd" (high) matched cmd.exe on WS1.corp.local.',
    );
    const at = lines.indexOf("Suspicious processes (1 of 1 with findings)");
    assert.equal(at, 8);
    assert.deepEqual(lines.slice(at, at + 4), [
      "Suspicious processes (1 of 1 with findings)",
      "  host            image    verdict         root cause  now      stage  severity  loc  time  dur  dir  port  vol  freq  rep  hist  proc  state",
      "  WS1.corp.local  cmd.exe  suspicious 92%  -           running  recon  high      .    .     .    .    .     .    .     .    .     H     .",
      "  marks: C critical, H high, M medium, L low, . none",
    ]);
    // the verdict explains itself: one strong process finding, one viewpoint → suspicious, not malicious
    assert.deepEqual(lines.slice(at + 5, at + 8), [
      "Why (top reasons per process)",
      "  WS1.corp.local cmd.exe: suspicious (92%, score 0.51)",
      '    - [proc] Sigma rule "Whoami From Cmd" (high) matched cmd.exe on WS1.corp.local.',
    ]);
    // cmd.exe is a dual-use tool: its path and signature are no counter-evidence (docs/verdict.md §2)
    assert.ok(!lines.some((l) => l.includes("+ [proc] runs from its normal install folder")));
    assert.equal(lines[at + 9], "Top findings (1 of 1)");
    assert.match(
      lines[at + 11],
      /^ {2}high {6}WS1\.corp\.local {2}cmd\.exe {2}proc {7}Sigma rule "Whoami From Cmd" \(high\) matched cmd\.exe on WS1\.corp\.local\.$/,
    );
    assert.ok(lines.includes("rules: 1 loaded, 0 rejected; 1 matched (1 matches)"));

    const ja = await cli.run([
      "--lang",
      "ja",
      "analyze",
      "--no-default-rules",
      "--rules",
      "../rules-whoami",
      "sysmon.json",
    ]);
    assert.equal(ja.code, 0, ja.stderr);
    const jaLines = ja.stdout.split("\n");
    assert.equal(jaLines[0], "インシデント (1 件)");
    assert.match(jaLines[2], / 要注意 92% {2}偵察 {2}活動中$/);
    assert.equal(jaLines[4], "判定の理由（インシデントごとの主な理由）");
    assert.equal(jaLines[8], "疑わしいプロセス (所見のある 1 件中 1 件)");
    assert.equal(
      jaLines[9],
      "  ホスト          イメージ  判定        根本原因  現在    段階  深刻度  場所  時刻  期間  方向  ポート  量  頻度  評価  履歴  プロセス  状態",
    );
    assert.match(jaLines[10], / 偵察 {2}高 /);
    assert.match(jaLines[10], / 要注意 92% /);
    assert.equal(jaLines[13], "判定の理由（プロセスごとの主な理由）");
    assert.equal(jaLines[17], "主な所見 (1 件中 1 件)");
  });

  it("a rule that does not load is counted on stderr; --verbose lists it with file:line and reason", async () => {
    await mkdir(join(cli.work, "rules-bad"), { recursive: true });
    await writeFile(
      join(cli.work, "rules-bad", "bad.yml"),
      "title: Bad\nlogsource:\n  product: windows\ndetection:\n  sel:\n    Image|nosuchmodifier: x\n  condition: sel\n",
    );
    const r = await cli.run(["analyze", "--no-default-rules", "--rules", "../rules-bad", "sysmon.json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^rules: 0 loaded from 1 file, 1 rejected \(--verbose lists them\)$/m);
    assert.match(r.stdout, /^rules: 0 loaded, 1 rejected; 0 matched \(0 matches\)$/m);
    const v = await cli.run([
      "-v",
      "analyze",
      "--no-default-rules",
      "--rules",
      "../rules-bad",
      "sysmon.json",
    ]);
    assert.match(
      v.stderr,
      /^ {2}rejected \.\.\/rules-bad\/bad\.yml:1 \(Bad\): line 6: unknown modifier 'nosuchmodifier'/m,
    );
  });

  const usage: readonly [string, readonly string[], RegExp][] = [
    [
      "a missing --rules path",
      ["--rules", "nope"],
      /^error E_USAGE: --rules nope: no such file or directory$/m,
    ],
    ["a malformed --internal network", ["--internal", "10.0.0.0/99"], /^error E_CONFIG: .*10\.0\.0\.0\/99/m],
  ];
  for (const [name, args, message] of usage) {
    it(`exits 2 on ${name}, before reading`, async () => {
      const r = await cli.run(["analyze", "--no-default-rules", ...args, "sysmon.json"]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, "");
    });
  }

  it("a --geoip file that cannot be opened: a located E_GEOIP error, no location analysis, the report still prints", async () => {
    const r = await cli.run(["analyze", "--no-default-rules", "--geoip", "../none.mmdb", "sysmon.json"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error E_GEOIP .*none\.mmdb.*: location analysis skipped: /m);
    assert.match(r.stdout, /^skipped: location \(/m);
    assert.match(r.stdout, /^Summary$/m);
  });

  it("runs the built-in rule pack of the installed package by default", async () => {
    const r = await cli.run(["analyze", "sysmon.json"]);
    assert.equal(r.code, 0, r.stderr);
    if (cli.usesBin) {
      assert.match(r.stdout, /^rules: \d+ loaded, 0 rejected; 0 matched \(0 matches\)$/m);
      assert.equal(r.stderr, "");
    } else {
      // built outside the package (a helper's own outDir): no pack beside the code, said so, analytics still run
      assert.match(r.stderr, /^warning E_USAGE: the built-in rule pack rules\/mikiwame\/ is not installed/m);
      assert.match(r.stdout, /^no Sigma rules run$/m);
    }
    const own = await cli.run([
      "analyze",
      "--no-default-rules",
      "--rules",
      join(repoRoot(), "rules", "mikiwame"),
      "sysmon.json",
    ]);
    assert.match(own.stdout, /^rules: \d+ loaded, 0 rejected; 0 matched \(0 matches\)$/m);
  });
});
