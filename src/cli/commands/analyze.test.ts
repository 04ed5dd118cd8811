/** Golden tests of `mikiwame analyze`: the text summary and --json. */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
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

describe("mikiwame analyze", { concurrency: true }, () => {
  it("analyze prints the summary; diagnostics grouped on stderr", async () => {
    const r = await cli.run(["analyze", "sysmon.json", "more"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
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
        "Event IDs (3 distinct)",
        "  channel                               event id  events",
        "  Microsoft-Windows-Sysmon/Operational         1       1",
        "  Security                                  4688       1",
        "  conn                                         0       1",
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
    const r = await cli.run(["analyze", "--json", "--top", "1", "sysmon.json", "../hostile.json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.doesNotMatch(r.stdout, /[\u001b\u202e]/);
    const s = JSON.parse(r.stdout);
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
      cli.run(["analyze", "--json", "--mapping", "../edr-map.yaml", "../edr.json"]),
      cli.run(["analyze", "--json", "../edr.json"], { env: { MIKIWAME_HOME: home } }),
    ]);
    for (const r of [byOption, byConfig]) {
      assert.equal(r.code, 0, r.stderr);
      const s = JSON.parse(r.stdout);
      assert.deepEqual(s.hosts.top, [{ key: "LAPTOP-7", count: 1 }]);
      assert.deepEqual(s.eventIds.top, [{ channel: "Acme/Events", eventId: 1, count: 1 }]);
      assert.match(s.timeRange.first, /^2020-05-02T03:40:19\.123(000)?Z$/);
    }
  });
});
