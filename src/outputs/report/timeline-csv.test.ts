import assert from "node:assert/strict";
import { test } from "node:test";
import { reportFixture } from "./report-fixtures.js";
import { renderTimelineCsv, TIMELINE_COLUMNS } from "./timeline-csv.js";

/** RFC 4180 records (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  assert.equal(cell + row.join(""), "", "the text ends with CRLF");
  return rows;
}

test("one row per finding in time order, with incident, verdict, evidence and the suppressing decision", () => {
  const input = reportFixture();
  const rows = parseCsv(renderTimelineCsv(input));
  assert.deepEqual(rows[0], [...TIMELINE_COLUMNS]);
  assert.equal(rows.length, input.findings.length + 1);
  const col = (name: (typeof TIMELINE_COLUMNS)[number]) => TIMELINE_COLUMNS.indexOf(name);
  const times = rows.slice(1).map((r) => r[col("time")]!);
  assert.deepEqual(times, [...times].sort());
  const beacon = rows.find((r) => r[col("finding_id")] === "F-beacon")!;
  assert.equal(beacon[col("incident")], "INC-3f9a1c0b7e");
  assert.equal(beacon[col("verdict")], "malicious");
  assert.equal(beacon[col("stage")], "command_and_control");
  assert.equal(beacon[col("subject")], "10.1.2.37 -> 203.0.113.45:443/tcp");
  assert.equal(beacon[col("evidence_file")], "logs/zeek/conn.log");
  assert.equal(beacon[col("evidence_location")], "line 233");
  const suppressed = rows.find((r) => r[col("finding_id")] === "F-outlook-suppressed")!;
  assert.equal(suppressed[col("suppressed_by")], "DEC-0001");
  assert.equal(suppressed[col("evidence_location")], "record 88210");
  const ja = parseCsv(renderTimelineCsv({ ...input, lang: "ja" }));
  assert.ok(ja.some((r) => r[col("message")] === "203.0.113.45 へ 300 秒ごとの定期通信"));
});

test("formula cells from the logs are neutralised; quotes and line breaks stay inside their cell", () => {
  const input = reportFixture({
    host: "-2+3",
    dropperImage: '=HYPERLINK("http://evil.example/x","click")',
    payloadImage: "+cmd|' /C calc'!A0",
    evidenceFile: "@SUM(1+1)*cmd|' /C calc'!A0",
    messageTail: '\n=1+1, "quoted"',
  });
  const rows = parseCsv(renderTimelineCsv(input));
  const width = TIMELINE_COLUMNS.length;
  for (const r of rows) {
    assert.equal(r.length, width);
    for (const cell of r) assert.ok(!/^[=+\-@\t\r]/.test(cell), `formula cell: ${cell}`);
  }
  const cells = rows.flat();
  assert.ok(cells.includes(`'=HYPERLINK("http://evil.example/x","click")`));
  assert.ok(cells.includes("'+cmd|' /C calc'!A0"));
  assert.ok(cells.includes("'-2+3"));
  assert.ok(cells.includes("'@SUM(1+1)*cmd|' /C calc'!A0"));
  assert.ok(cells.some((c) => c.endsWith('every 300 s\n=1+1, "quoted"')));
});
