/** Golden tests of `mikiwame dump`: JSON lines, CSV, XML, bad input, a closed stdout. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { corpusPath, corpusSkipReason } from "../../testing/corpus.js";
import { CliFixture, SECURITY_4688, SYSMON_1 } from "../cli-fixture.js";

let cli: CliFixture;
before(async () => {
  cli = await CliFixture.create();
});
after(async () => {
  await cli.dispose();
});

describe("mikiwame dump", { concurrency: true }, () => {
  it("prints raw records as JSON lines, directories walked in sorted order", async () => {
    const r = await cli.run(["dump", "sysmon.json", "more"]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 3);
    const [a, b, c] = lines.map((l) => JSON.parse(l));
    assert.deepEqual(a, {
      kind: "json",
      provenance: { file: "sysmon.json", format: "json", line: 1, offset: 0 },
      value: SYSMON_1,
    });
    assert.equal(b.provenance.line, 2);
    assert.deepEqual(b.value, SECURITY_4688);
    assert.equal(c.kind, "zeek");
    assert.equal(c.path, "conn");
    assert.deepEqual(c.provenance, {
      file: "more/conn.log",
      format: "zeek",
      line: 9,
      offset: c.provenance.offset,
    });
    assert.deepEqual(c.fields, {
      ts: 1588390820.5,
      uid: "Cabc1",
      "id.orig_h": "10.0.0.5",
      "id.orig_p": 49152,
      "id.resp_h": "203.0.113.7",
      "id.resp_p": 443,
      proto: "tcp",
    });
    // the README in the directory is reported, not read, and not an error
    assert.equal(
      r.stderr,
      "warning E_FORMAT_UNKNOWN more/README.txt: not a supported log format (EVTX, JSON/NDJSON, Zeek): skipped\n0 errors, 1 warning\n",
    );
  });

  it("prints CSV with fixed columns and neutralised formulas", async () => {
    const r = await cli.run(["dump", "--format", "csv", "sysmon.json", "../hostile.json"]);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.split("\r\n");
    assert.equal(
      rows[0],
      "time,host,provider,channel,event_id,record_id,product,service,category,format,file,line,offset,fields",
    );
    assert.equal(rows.length, 5); // header, 3 records, "" after the last CRLF
    assert.ok(
      rows[2].includes('""CommandLine"":""=cmd|\' /C calc\'!A0""'),
      "formula inside the JSON cell is inert",
    );
    assert.equal(rows[3].split(",")[9], "json");
    // normalized CSV: the hostile host lands in a cell of its own and its formula start is neutralised
    const n = await cli.run(["dump", "--normalized", "--format", "csv", "../hostile.json"]);
    assert.equal(n.code, 0, n.stderr);
    const cells = n.stdout.split("\r\n")[1].split(",");
    assert.equal(cells[1], "EVIL\u001b[2J\u202eHOST");
    assert.equal(cells[6], "windows");
  });

  it("prints normalized events as JSON lines with terminal-unsafe characters escaped", async () => {
    const r = await cli.run(["dump", "--normalized", "sysmon.json", "../hostile.json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /[\u001b\u202e]/);
    const events = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      events.map((e) => [
        e.host,
        e.identity.channel,
        e.identity.eventId,
        e.logsource.category,
        e.fields.Image ?? null,
      ]),
      [
        [
          "WS1.corp.local",
          "Microsoft-Windows-Sysmon/Operational",
          1,
          "process_creation",
          "C:\\Windows\\System32\\cmd.exe",
        ],
        ["WS2.corp.local", "Security", 4688, "process_creation", "C:\\Windows\\System32\\whoami.exe"],
        ["EVIL\u001b[2J\u202eHOST", "Security", 4688, "process_creation", null],
      ],
    );
  });

  it("skips non-EVTX files for --format xml with a warning", async () => {
    const r = await cli.run(["dump", "--format", "xml", "sysmon.json"]);
    assert.equal(r.stdout, "");
    assert.match(
      r.stderr,
      /^warning E_USAGE sysmon\.json: json file skipped: XML output exists for EVTX records only$/m,
    );
    assert.match(r.stderr, /^error E_IO: none of the 1 file\(s\) found could be read as a log$/m);
    assert.equal(r.code, 1);
  });

  it("keeps going past a bad file and a missing path, reports both located, exit 1", async () => {
    const r = await cli.run(["dump", "../bad.json", "missing.json", "more/conn.log"]);
    assert.equal(r.code, 1);
    const kinds = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l).kind);
    assert.deepEqual(kinds, ["json", "zeek"]);
    const lines = r.stderr.trimEnd().split("\n");
    // paths are walked before files are read, so the missing path comes first
    assert.equal(lines[0], "error E_IO missing.json: cannot read: no such file or directory");
    assert.match(lines[1], /^error E_JSON_SYNTAX \.\.\/bad\.json:2@0x[0-9a-f]+: not valid JSON/);
    assert.equal(lines.at(-1), "2 errors, 0 warnings");
  });

  it("makes a named file of unknown format an error", async () => {
    const r = await cli.run(["dump", "more/README.txt", "sysmon.json"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error E_FORMAT_UNKNOWN more\/README\.txt: /m);
    assert.equal(r.stdout.trimEnd().split("\n").length, 2);
  });

  it("stops quietly when the reader of stdout goes away", async () => {
    const child = cli.spawn(["dump", "../big.json"]);
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      stderr += s;
    });
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((r) => child.on("close", r));
    assert.equal(stderr, "");
    assert.equal(code, 0);
  });

  const evtx = corpusPath(
    "evtx-parser-samples",
    "omerbenamram-evtx",
    "samples",
    "Security_short_selected.evtx",
  );

  it("dump prints every record as JSON lines, XML and CSV", async (t) => {
    if (!evtx) return t.skip(corpusSkipReason("evtx-parser-samples/…/Security_short_selected.evtx"));
    const [jsonl, xml, csv] = await Promise.all([
      cli.run(["dump", evtx]),
      cli.run(["dump", "--format", "xml", evtx]),
      cli.run(["dump", "--format", "csv", evtx]),
    ]);
    for (const r of [jsonl, xml, csv]) assert.equal(r.code, 0, r.stderr);
    const records = jsonl.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.equal(records.length, 7);
    assert.deepEqual(
      records.map((r) => [r.kind, r.system.channel, r.provenance.chunk]),
      Array.from({ length: 7 }, () => ["evtx", "Security", 0]),
    );
    assert.equal(xml.stdout.match(/^<Event xmlns=/gm)?.length, 7);
    assert.equal(xml.stdout.match(/^<\/Event>$/gm)?.length, 7);
    const rows = csv.stdout.trimEnd().split("\r\n");
    assert.equal(rows.length, 8);
    assert.match(
      rows[1],
      /^2016-06-29T15:24:34\.3460000Z,temporal,Microsoft-Windows-Security-Auditing,Security,5152,319457771,/,
    );
  });
});
