/** Golden tests of `mikiwame metrics`: the text report (escaped, located problems) and --json. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { corpusPath, corpusSkipReason } from "../../testing/corpus.js";
import { CliFixture } from "../cli-fixture.js";

let cli: CliFixture;
before(async () => {
  cli = await CliFixture.create();
});
after(async () => {
  await cli.dispose();
});

const METRICS_GOLDEN = [
  "Files (5)",
  "  file             format  records  events  bytes  first                        last                         status",
  "  sysmon.json      json          2       2    508  2020-05-02 03:40:19.123Z     2020-05-02 03:41:00.000Z     read",
  "  more/README.txt  -             0       0     10  -                            -                            unknown format",
  "  more/conn.log    zeek          1       1    297  2020-05-02 03:40:20.500000Z  2020-05-02 03:40:20.500000Z  read",
  "  ../bad.json      json          1       1    282  2020-05-02 03:40:19.123Z     2020-05-02 03:40:19.123Z     read",
  "  ../hostile.json  json          1       1    189  2020-05-02 03:42:00.000Z     2020-05-02 03:42:00.000Z     read",
  "",
  "Overall",
  "  files       5 (json 3, zeek 1; unknown format 1)",
  "  records     5",
  "  events      5",
  "  time range  2020-05-02 03:40:19.123Z → 2020-05-02 03:42:00.000Z",
  "",
  "Hosts (4 distinct)",
  "  host                   events",
  "  WS1.corp.local              2",
  "  (unknown)                   1",
  "  EVIL\\x1b[2J\\u202eHOST       1",
  "  WS2.corp.local              1",
  "",
  "Channels (3 distinct)",
  "  channel                               events",
  "  Microsoft-Windows-Sysmon/Operational       2",
  "  Security                                   2",
  "  conn                                       1",
  "",
  "Event IDs (3 distinct)",
  "  channel                               event id  events",
  "  Microsoft-Windows-Sysmon/Operational         1       2",
  "  Security                                  4688       2",
  "  conn                                         0       1",
  "",
  "Problems (errors: 1, warnings: 1)",
  "  code              count",
  "  E_FORMAT_UNKNOWN      1",
  "  E_JSON_SYNTAX         1",
  "",
  "  warning E_FORMAT_UNKNOWN more/README.txt: not a supported log format (EVTX, JSON/NDJSON, Zeek): skipped",
];

describe("mikiwame metrics and analyze", { concurrency: true }, () => {
  it("metrics prints per-file rows, top lists (escaped) and located problems; nothing on stderr", async () => {
    const r = await cli.run(["metrics", "sysmon.json", "more", "../bad.json", "../hostile.json"]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "");
    const lines = r.stdout.split("\n");
    assert.equal(lines.pop(), "");
    // the parser's own wording (V8's) is not part of the golden text
    assert.match(
      lines.pop() ?? "",
      /^ {2}error E_JSON_SYNTAX \.\.\/bad\.json:2@0x107: not valid JSON: .*; skipped$/,
    );
    assert.deepEqual(lines, METRICS_GOLDEN);
  });

  it("metrics --json has the numbers", async () => {
    const r = await cli.run(["metrics", "--json", "sysmon.json", "more"]);
    assert.equal(r.code, 0, r.stderr);
    const m = JSON.parse(r.stdout);
    assert.deepEqual(m.files.byFormat, { evtx: 0, json: 1, zeek: 1 });
    assert.equal(m.records, 3);
    assert.equal(m.events, 3);
    assert.deepEqual(m.timeRange, { first: "2020-05-02T03:40:19.123Z", last: "2020-05-02T03:41:00.000Z" });
    assert.deepEqual(m.diagnostics.byCode, { E_FORMAT_UNKNOWN: 1 });
    assert.equal(m.diagnostics.problems[0].location.file, "more/README.txt");
  });

  const evtx = corpusPath(
    "evtx-parser-samples",
    "omerbenamram-evtx",
    "samples",
    "Security_short_selected.evtx",
  );

  it("metrics --json counts its records and events", async (t) => {
    if (!evtx) return t.skip(corpusSkipReason("evtx-parser-samples/…/Security_short_selected.evtx"));
    const r = await cli.run(["metrics", "--json", evtx]);
    assert.equal(r.code, 0, r.stderr);
    const m = JSON.parse(r.stdout);
    assert.deepEqual([m.files.byFormat.evtx, m.records, m.events], [1, 7, 7]);
    assert.deepEqual(m.channels.top, [{ key: "Security", count: 7 }]);
  });
});
