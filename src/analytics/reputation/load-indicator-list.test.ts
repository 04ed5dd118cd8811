import assert from "node:assert/strict";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { type IndicatorListLoadStats, loadIndicatorList, loadIndicatorLists } from "./load-indicator-list.js";
import { hex, writeList } from "./reputation-events.test.support.js";

const SHA = hex("ab", 64);
const MD5 = hex("cd", 32);
const SHA1 = hex("ef", 40);

function problems(d: Diagnostics): [string, number | undefined, string][] {
  return d.list().map((x) => [x.code, x.location.line, x.location.file ?? ""]);
}

test("positional lines: types inferred or given, verdicts, sources, tags, confidence; comments skipped", async () => {
  const text = [
    "\ufeff# test list",
    `${SHA}`,
    "203.0.113.45\tipv4\tmalicious\tfeed-a\tc2;cobalt\t0.7",
    "",
    "  # indented comment",
    "evil.example, suspicious, analyst",
    "hxxp://evil[.]example/gate.php,url,malicious,,,80%",
    "198.51.100.0/24,cidr,benign\r",
    "good.example,domain,-,feed-b",
  ].join("\n");
  const file = writeList("list.txt", text);
  const d = new Diagnostics();
  const list = await loadIndicatorList(file, d);
  assert.deepEqual(problems(d), []);
  assert.equal(list.size, 6);
  const sha = list.lookupHash(SHA);
  assert.equal(sha?.verdict, "malicious");
  assert.equal(sha?.source, "list.txt");
  assert.equal(sha?.origin, `${file}:2`);
  const ip = list.lookupIp("203.0.113.45")?.indicator;
  assert.deepEqual(
    [ip?.verdict, ip?.source, ip?.tags, ip?.confidence],
    ["malicious", "feed-a", ["c2", "cobalt"], 0.7],
  );
  assert.deepEqual(list.lookupDomain("a.evil.example")?.indicator.verdict, "suspicious");
  assert.equal(list.lookupDomain("evil.example")?.indicator.source, "analyst");
  assert.equal(list.lookupUrl("evil.example/gate.php")?.indicator.confidence, 0.8);
  assert.equal(list.lookupIp("198.51.100.9")?.indicator.verdict, "benign");
  assert.equal(list.lookupDomain("good.example")?.indicator.verdict, "malicious");
  assert.deepEqual(list.files, [file]);
});

test("unreadable lines are located diagnostics and skipped; reading continues", async () => {
  const cases: [string, string][] = [
    ["not-a-value!!", "is not a hash"],
    ["evil.example,bogus", "neither an indicator type"],
    ["evil.example,ipv4,malicious", "is not a valid ipv4"],
    ["203.0.113.0/40", "is not a hash"],
    [`${SHA.slice(1)},sha256`, "is not a valid sha256"],
    ["evil.example,domain,malicious,src,tag,150", "confidence"],
    ["evil.example,domain,malicious,src,tag,high", "confidence"],
    ["evil.example,hash", "is not a valid hash"],
  ];
  const text = ["# header comment", ...cases.map((c) => c[0]), "203.0.113.45"].join("\n");
  const file = writeList("bad.csv", text);
  const d = new Diagnostics();
  const stats: IndicatorListLoadStats = {
    lines: 0,
    indicators: 0,
    duplicates: 0,
    skippedLines: 0,
    overLimit: 0,
  };
  const list = await loadIndicatorList(file, d, {}, stats);
  assert.equal(list.size, 1, "the good last line is loaded");
  assert.deepEqual(
    d.list().map((x) => [x.code, x.location.file, x.location.line]),
    cases.map((_, i) => ["E_INDICATOR", file, i + 2]),
  );
  for (const [i, [line, reason]] of cases.entries())
    assert.match(d.list()[i].message, new RegExp(reason), line);
  assert.equal(stats.skippedLines, cases.length);
  assert.equal(stats.lines, cases.length + 2);
});

test("a header line names the columns: hash safelists (md5,sha1,sha256,path) give one indicator per hash", async () => {
  const text = [
    "md5,sha1,sha256,path",
    `${MD5},${SHA1},${SHA},"C:\\Program Files\\a, b\\tool.exe"`,
    `${hex("12", 32)},,-,C:\\Windows\\x.dll`,
    `zz,${hex("34", 40)},,C:\\Windows\\y.dll`,
  ].join("\n");
  const file = writeList("win10-x64.csv", text);
  const d = new Diagnostics();
  const list = await loadIndicatorList(file, d, { defaultVerdict: "benign" });
  assert.equal(list.size, 5);
  const s = list.lookupHash(SHA);
  assert.deepEqual([s?.verdict, s?.type, s?.note], ["benign", "sha256", "C:\\Program Files\\a, b\\tool.exe"]);
  assert.equal(list.lookupHash(MD5)?.type, "md5");
  assert.equal(list.lookupHash(SHA1)?.note, "C:\\Program Files\\a, b\\tool.exe");
  assert.deepEqual(problems(d), [["E_INDICATOR", 4, file]]);
  assert.match(d.list()[0].message, /^md5: 'zz' is not a valid md5/);
});

test("a header with value/type/verdict columns", async () => {
  const file = writeList(
    "h.tsv",
    "value\tverdict\ttype\n203.0.113.45\tsuspicious\t\nevil.example\tmalicious\tdomain\nx\tnope\t",
  );
  const d = new Diagnostics();
  const list = await loadIndicatorList(file, d);
  assert.equal(list.lookupIp("203.0.113.45")?.indicator.verdict, "suspicious");
  assert.equal(list.lookupDomain("evil.example")?.indicator.verdict, "malicious");
  assert.deepEqual(problems(d), [["E_INDICATOR", 4, file]]);
  assert.match(d.list()[0].message, /unknown verdict 'nope'/);
});

test("over-long lines (E_LIMIT) and the indicator cap (E_LIMIT once) are located and counted", async () => {
  const file = writeList(
    "long.txt",
    ["203.0.113.1", `${"a".repeat(200)}.example`, "203.0.113.2", "203.0.113.3", "203.0.113.4"].join("\n"),
  );
  const d = new Diagnostics();
  const stats: IndicatorListLoadStats = {
    lines: 0,
    indicators: 0,
    duplicates: 0,
    skippedLines: 0,
    overLimit: 0,
  };
  const list = await loadIndicatorList(file, d, { maxLineBytes: 100, maxIndicators: 2 }, stats);
  assert.equal(list.size, 2);
  assert.deepEqual(problems(d), [
    ["E_LIMIT", 2, file],
    ["E_LIMIT", 4, file],
  ]);
  assert.equal(stats.overLimit, 2);
  assert.equal(stats.skippedLines, 1);
});

test("a conflicting duplicate is reported; the stronger verdict is kept", async () => {
  const file = writeList("dup.txt", "evil.example,benign\nevil.example,malicious\nevil.example,malicious\n");
  const d = new Diagnostics();
  const stats: IndicatorListLoadStats = {
    lines: 0,
    indicators: 0,
    duplicates: 0,
    skippedLines: 0,
    overLimit: 0,
  };
  const list = await loadIndicatorList(file, d, {}, stats);
  assert.equal(list.lookupDomain("evil.example")?.indicator.verdict, "malicious");
  assert.deepEqual(problems(d), [["E_INDICATOR", 2, file]]);
  assert.equal(stats.duplicates, 2);
});

test("gzip lists are read; several lists merge into one", async () => {
  const gz = writeList("feed.txt.gz", gzipSync("203.0.113.45\n# c\nevil.example\n"));
  const plain = writeList("more.txt", "198.51.100.7,suspicious\n");
  const d = new Diagnostics();
  const list = await loadIndicatorLists([gz, plain], d);
  assert.deepEqual(problems(d), []);
  assert.equal(list.size, 3);
  assert.equal(list.lookupIp("198.51.100.7")?.indicator.source, "more.txt");
  assert.deepEqual(list.files, [gz, plain]);
});

test("a list that cannot be opened rejects with E_IO naming the file", async () => {
  const missing = `${writeList("x.txt", "")}.missing`;
  await assert.rejects(loadIndicatorList(missing, new Diagnostics()), (e: unknown) => {
    assert.ok(e instanceof MikiwameError);
    assert.equal(e.code, "E_IO");
    assert.equal(e.location?.file, missing);
    return true;
  });
});
