import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { ZeekRecord } from "../record.js";
import { diagnosticKeys, FixtureDir, readAll } from "../text/fixture-files.test.support.js";
import { createZeekReader, zeekReader } from "./zeek-reader.js";

const fixtures = new FixtureDir();
after(() => fixtures.remove());

function read(file: string, reader = zeekReader) {
  return readAll<ZeekRecord>(reader, file, "zeek");
}

/** A Zeek TSV header for `path` with the given columns (`name:type`). */
function header(path: string, columns: string[], separator = "\t"): string {
  const s = separator;
  const names = columns.map((c) => c.split(":")[0]);
  const types = columns.map((c) => c.split(":")[1]);
  return [
    `#separator ${s === "\t" ? "\\x09" : s}`,
    `#set_separator${s},`,
    `#empty_field${s}(empty)`,
    `#unset_field${s}-`,
    `#path${s}${path}`,
    `#open${s}2024-04-21-00-00-00`,
    `#fields${s}${names.join(s)}`,
    `#types${s}${types.join(s)}`,
  ].join("\n");
}

const CONN_COLUMNS = [
  "ts:time",
  "uid:string",
  "id.orig_h:addr",
  "id.orig_p:port",
  "id.resp_h:addr",
  "id.resp_p:port",
  "proto:enum",
  "service:string",
  "duration:interval",
  "orig_bytes:count",
  "local_orig:bool",
  "tunnel_parents:set[string]",
];
const CONN_ROW_1 =
  "1517336042.090842\tCi85EB2YjUI9a2eql6\t10.55.182.100\t14291\t10.233.233.5\t80\ttcp\t-\t3.000158\t0\tT\t(empty)";
const CONN_ROW_2 =
  "1517336042.279652\tCVvreZ2AGtqjnP3nnl\t192.168.88.2\t55638\t165.227.88.15\t53\tudp\tdns\t0.069982\t61\tF\tCa,Cb";
const CONN = `${header("conn", CONN_COLUMNS)}\n${CONN_ROW_1}\n${CONN_ROW_2}\n#close\t2024-04-21-01-00-00\n`;

const CONN_FIELDS_1 = {
  ts: 1517336042.090842,
  uid: "Ci85EB2YjUI9a2eql6",
  "id.orig_h": "10.55.182.100",
  "id.orig_p": 14291,
  "id.resp_h": "10.233.233.5",
  "id.resp_p": 80,
  proto: "tcp",
  service: null,
  duration: 3.000158,
  orig_bytes: 0,
  local_orig: true,
  tunnel_parents: [],
};

describe("zeekReader: TSV logs", () => {
  it("types every column by #types and locates each row", async () => {
    const file = fixtures.write("conn.log", CONN);
    const { records, diagnostics } = await read(file);
    assert.deepEqual(diagnosticKeys(diagnostics), []);
    assert.equal(records.length, 2);
    assert.deepEqual(records[0].fields, CONN_FIELDS_1);
    assert.equal(records[0].path, "conn");
    assert.deepEqual(records[0].provenance, {
      file,
      line: 9,
      offset: CONN.indexOf(CONN_ROW_1),
      format: "zeek",
    });
    assert.deepEqual(records[1].fields.tunnel_parents, ["Ca", "Cb"]);
    assert.equal(records[1].fields.local_orig, false);
  });

  it("reads a gzipped log (by magic bytes) with a rotated name; no byte offsets then", async () => {
    const file = fixtures.write("conn.00:00:00-01:00:00.log.gz", CONN, true);
    const { records, diagnostics } = await read(file);
    assert.deepEqual(diagnosticKeys(diagnostics), []);
    assert.deepEqual(records[0].fields, CONN_FIELDS_1);
    assert.deepEqual(records[0].provenance, { file, line: 9, format: "zeek" });
  });

  it("follows headers that repeat mid-file (concatenated logs) and a missing #close", async () => {
    const dns = `${header("dns", ["ts:time", "query:string", "answers:vector[string]", "TTLs:vector[interval]"])}\n1.5\texample.com\ta,b\t60.0,120.0\n`;
    const file = fixtures.write("mixed.log", CONN + dns);
    const { records, diagnostics } = await read(file);
    assert.deepEqual(diagnosticKeys(diagnostics), []);
    assert.deepEqual(
      records.map((r) => r.path),
      ["conn", "conn", "dns"],
    );
    assert.deepEqual(records[2].fields, {
      ts: 1.5,
      query: "example.com",
      answers: ["a", "b"],
      TTLs: [60, 120],
    });
  });

  it("reads the label columns of Stratosphere *.labeled files as plain columns", async () => {
    const columns = [...CONN_COLUMNS, "label:string", "detailedlabel:string"];
    const content = `${header("conn", columns)}\n${CONN_ROW_1}\tMalicious\tC&C-HeartBeat\n${CONN_ROW_2}\tBenign\t(empty)\n`;
    const file = fixtures.write("conn.log.labeled", content);
    const { records, diagnostics } = await read(file);
    assert.deepEqual(diagnosticKeys(diagnostics), []);
    assert.deepEqual(
      records.map((r) => [r.fields.label, r.fields.detailedlabel]),
      [
        ["Malicious", "C&C-HeartBeat"],
        ["Benign", ""],
      ],
    );
  });

  it("splits label columns joined with spaces instead of tabs (IoT-23 conn.log.labeled)", async () => {
    const content = [
      "#separator \\x09",
      "#path\tconn",
      "#fields\tts\tuid\ttunnel_parents   label   detailedlabel",
      "#types\ttime\tstring\tset[string]   string   string",
      "1.0\tC1\t(empty)   Malicious   PartOfAHorizontalPortScan",
      "2.0\tC2\t-   Benign   -",
      "3.0\tC3\t(empty)\tBenign\t-",
    ].join("\n");
    const { records, diagnostics } = await read(fixtures.write("iot23.conn.log.labeled", content));
    assert.deepEqual(diagnosticKeys(diagnostics), []);
    assert.deepEqual(
      records.map((r) => [r.fields.tunnel_parents, r.fields.label, r.fields.detailedlabel]),
      [
        [[], "Malicious", "PartOfAHorizontalPortScan"],
        [null, "Benign", null],
        [[], "Benign", null],
      ],
    );
  });

  it("reads another separator with escapes, and a header rewritten with spaces", async () => {
    const content = [
      "#separator |",
      "#set_separator|,",
      "#path|ssh",
      "#open XXXX-XX-XX-XX-XX-XX",
      "#fields|data|data2",
      "#types|string|string",
      "abc\\x0a\\xffdef|DATA2",
      "abc\\x7c\\x2ddef|-",
      "#close XXXX-XX-XX-XX-XX-XX",
    ].join("\n");
    const { records, diagnostics } = await read(fixtures.write("ssh.log", content));
    assert.deepEqual(diagnosticKeys(diagnostics), []);
    assert.deepEqual(
      records.map((r) => r.fields),
      [
        { data: "abc\n\\xffdef", data2: "DATA2" },
        { data: "abc|-def", data2: null },
      ],
    );
  });

  it("takes the path from the file name when there is no #path", async () => {
    const content = "#separator \\x09\n#fields\tts\tuid\n#types\ttime\tstring\n1.0\tC1\n";
    const { records } = await read(fixtures.write("NASHUA_dce_rpc.log", content));
    assert.equal(records[0].path, "dce_rpc");
  });

  it("btest baselines: skips the banner, masks XXXXXXXXXX.XXXXXX to null with one warning per column", async () => {
    const content = [
      '### BTest baseline data generated by btest-diff. Do not edit. Use "btest -U/-u" to update. Requires BTest >= 0.63.',
      header("weird", ["ts:time", "name:string", "first:time"]),
      "XXXXXXXXXX.XXXXXX\tone\tXXXXXXXXXX.XXXXXX",
      "XXXXXXXXXX.XXXXXX\ttwo\t1.0",
      "XXXXXXXXXX.XXXXXX\tthree\tXXXXXXXXXX.XXXXXX",
      "#close XXXX-XX-XX-XX-XX-XX",
    ].join("\n");
    const { records, diagnostics } = await read(fixtures.write("weird.log", content));
    assert.deepEqual(
      records.map((r) => [r.fields.ts, r.fields.name, r.fields.first]),
      [
        [null, "one", null],
        [null, "two", 1],
        [null, "three", null],
      ],
    );
    assert.deepEqual(diagnosticKeys(diagnostics), ["E_ZEEK_ROW@10", "E_ZEEK_ROW@10"]);
    assert.ok(diagnostics.list().every((d) => d.severity === "warning" && /masked value/.test(d.message)));
    assert.match(diagnostics.list()[0].message, /column 1 'ts'/);
    assert.match(diagnostics.list()[1].message, /column 3 'first'/);
  });

  it("reads a one-line column-names header (zeek-cut -m, tsv=T), typing well-known columns", async () => {
    const content = [
      '### BTest baseline data generated by btest-diff. Do not edit. Use "btest -U/-u" to update. Requires BTest >= 0.63.',
      "ts\tuid\tid.orig_p\tname\tnotice",
      "45.000000\t-\t0\texcessively_large_fragment\tF",
    ].join("\n");
    const { records, diagnostics } = await read(fixtures.write("weird.log", content));
    assert.deepEqual(diagnosticKeys(diagnostics), []);
    assert.deepEqual(records[0].fields, {
      ts: 45,
      uid: null,
      "id.orig_p": 0,
      name: "excessively_large_fragment",
      notice: "F",
    });
    assert.equal(records[0].provenance.line, 3);
  });
});

describe("zeekReader: JSON logs", () => {
  it("reads one object per line; path from _path, else the file name", async () => {
    const content = [
      '{"_path":"conn","ts":1704738946.055436,"uid":"A9f","id.orig_h":"10.50.200.10","id.orig_p":5545}',
      '{"ts":1704738946.17,"uid":"Lof","id.orig_h":"10.50.200.11","id.orig_p":62387}',
    ].join("\n");
    const file = fixtures.write("dns.log", content);
    const { records, diagnostics } = await read(file);
    assert.deepEqual(diagnosticKeys(diagnostics), []);
    assert.deepEqual(
      records.map((r) => r.path),
      ["conn", "dns"],
    );
    assert.deepEqual(records[0].fields, {
      ts: 1704738946.055436,
      uid: "A9f",
      "id.orig_h": "10.50.200.10",
      "id.orig_p": 5545,
    });
    assert.deepEqual(records[1].provenance, {
      file,
      line: 2,
      offset: content.indexOf('{"ts"'),
      format: "zeek",
    });
  });

  it("reads the APT29 Kafka-writer shape (@stream, id_orig_h) and ISO timestamps", async () => {
    const content = [
      '{"@stream":"ssl","@system":"bobs","ts":1588207244.736422,"uid":"Cp","id_orig_h":"10.0.1.6","cert_chain_fuids":["F1"]}',
      '{"@stream":"ssl","ts":"2020-04-30T00:40:44.736422Z","uid":"Cq"}',
    ].join("\n");
    const { records, diagnostics } = await read(fixtures.write("NASHUA_ssl.log.gz", content, true));
    assert.deepEqual(diagnosticKeys(diagnostics), []);
    assert.deepEqual(
      records.map((r) => r.path),
      ["ssl", "ssl"],
    );
    assert.deepEqual(records[0].fields.cert_chain_fuids, ["F1"]);
    assert.ok(Math.abs((records[1].fields.ts as number) - 1588207244.736422) < 1e-6);
  });

  it("a truncated last line → E_JSON_SYNTAX at its line; a non-object → E_JSON_SHAPE; bad ts → E_ZEEK_ROW", async () => {
    const content = [
      '{"ts":1.0,"uid":"a"}',
      "[1,2]",
      '{"ts":"soon","uid":"b"}',
      '{"ts":2.0,"uid":"c","hist',
    ].join("\n");
    const file = fixtures.write("conn_json.log", content);
    const { records, diagnostics } = await read(file);
    assert.deepEqual(
      records.map((r) => [r.fields.uid, r.fields.ts]),
      [
        ["a", 1],
        ["b", null],
      ],
    );
    assert.deepEqual(diagnosticKeys(diagnostics), ["E_JSON_SHAPE@2", "E_ZEEK_ROW@3", "E_JSON_SYNTAX@4"]);
    assert.ok(diagnostics.list().every((d) => d.location.file === file));
    assert.match(diagnostics.list()[2].message, /Unterminated string/);
  });
});

describe("zeekReader: bad input is located, reported once where it would repeat, and reading continues", () => {
  it("a row with the wrong column count → E_ZEEK_ROW (row skipped)", async () => {
    const content = `${header("conn", CONN_COLUMNS)}\n${CONN_ROW_1}\n1517336042.2\tCx\t10.0.0.1\n${CONN_ROW_2}\n`;
    const file = fixtures.write("cols.log", content);
    const { records, diagnostics } = await read(file);
    assert.equal(records.length, 2);
    assert.deepEqual(diagnosticKeys(diagnostics), ["E_ZEEK_ROW@10"]);
    const d = diagnostics.list()[0];
    assert.equal(d.location.file, file);
    assert.equal(d.location.offset, content.indexOf("1517336042.2\t"));
    assert.match(d.message, /row has 3 columns but the #fields header has 12; row skipped/);
  });

  it("a bad typed value → E_ZEEK_ROW naming the column; the value is null, the row kept", async () => {
    const bad = CONN_ROW_1.replace("\t14291\t", "\tnot-a-port\t").replace("\tT\t", "\tmaybe\t");
    const { records, diagnostics } = await read(
      fixtures.write("values.log", `${header("conn", CONN_COLUMNS)}\n${bad}\n`),
    );
    assert.equal(records.length, 1);
    assert.equal(records[0].fields["id.orig_p"], null);
    assert.equal(records[0].fields.local_orig, null);
    assert.equal(records[0].fields.uid, "Ci85EB2YjUI9a2eql6");
    assert.deepEqual(diagnosticKeys(diagnostics), ["E_ZEEK_ROW@9", "E_ZEEK_ROW@9"]);
    assert.match(
      diagnostics.list()[0].message,
      /column 4 'id.orig_p' \(port\): 'not-a-port' is not a valid count; value set to null/,
    );
    assert.match(diagnostics.list()[1].message, /column 11 'local_orig' \(bool\)/);
  });

  it("rows without any header → one E_ZEEK_HEADER, rows skipped until a header comes", async () => {
    const content = `${CONN_ROW_1}\n${CONN_ROW_2}\n${header("conn", CONN_COLUMNS)}\n${CONN_ROW_1}\n`;
    const file = fixtures.write("conn_top.log", content);
    const { records, diagnostics } = await read(file);
    assert.equal(records.length, 1);
    assert.equal(records[0].provenance.line, 11);
    assert.deepEqual(diagnosticKeys(diagnostics), ["E_ZEEK_HEADER@1"]);
    assert.equal(diagnostics.list()[0].location.file, file);
  });

  it("a text file that is not a log (RITA's text_file, conn-summary) → one located E_ZEEK_HEADER", async () => {
    const content =
      "\n>== Total === 2024-04-19-10-00-45 - 2024-04-19-10-48-57\n   - Connections 1.0k\n\nLorem ipsum\n";
    const { records, diagnostics } = await read(
      fixtures.write("conn-summary.10:00:00-11:00:00.log.gz", content, true),
    );
    assert.equal(records.length, 0);
    assert.deepEqual(diagnosticKeys(diagnostics), ["E_ZEEK_HEADER@2"]);
  });

  it("binary garbage → a located diagnostic, no crash", async () => {
    const garbage = Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x0a, 0x7f, 0x80, 0x09, 0x81, 0x0a]);
    const { records, diagnostics } = await read(fixtures.write("garbage.log", garbage));
    assert.equal(records.length, 0);
    assert.deepEqual(diagnosticKeys(diagnostics), ["E_ZEEK_HEADER@1"]);
  });

  it("#types of another length than #fields → one E_ZEEK_HEADER; unmatched columns read as text", async () => {
    const content =
      "#separator \\x09\n#path\tconn\n#fields\tts\tuid\torig_bytes\n#types\ttime\tstring\n1.0\tC1\t5\n2.0\tC2\t6\n";
    const { records, diagnostics } = await read(fixtures.write("mismatch.log", content));
    assert.deepEqual(
      records.map((r) => r.fields),
      [
        { ts: 1, uid: "C1", orig_bytes: "5" },
        { ts: 2, uid: "C2", orig_bytes: "6" },
      ],
    );
    assert.deepEqual(diagnosticKeys(diagnostics), ["E_ZEEK_HEADER@5"]);
    assert.match(diagnostics.list()[0].message, /#types lists 2 types for 3 #fields columns/);
  });

  it("an unknown type → one E_ZEEK_HEADER warning; #fields without #types → one warning", async () => {
    const unknown = "#separator \\x09\n#fields\tts\ti_dont_exist\n#types\ttime\tint64\n1.0\t42\n2.0\t43\n";
    const a = await read(fixtures.write("unknown.log", unknown));
    assert.deepEqual(
      a.records.map((r) => r.fields.i_dont_exist),
      ["42", "43"],
    );
    assert.deepEqual(diagnosticKeys(a.diagnostics), ["E_ZEEK_HEADER@4"]);
    assert.equal(a.diagnostics.list()[0].severity, "warning");
    assert.match(a.diagnostics.list()[0].message, /column 2 'i_dont_exist' has unknown type 'int64'/);

    const untyped = "#separator \\x09\n#fields\tts\thistory\n1.0\tShAD\n";
    const b = await read(fixtures.write("untyped.log", untyped));
    assert.deepEqual(b.records[0].fields, { ts: 1, history: "ShAD" });
    assert.deepEqual(diagnosticKeys(b.diagnostics), ["E_ZEEK_HEADER@3"]);
    assert.equal(b.diagnostics.list()[0].severity, "warning");
  });

  it("an empty #separator or #set_separator → E_ZEEK_HEADER, Zeek's defaults are used", async () => {
    const content = "#separator \n#set_separator\t\n#fields\tts\ttags\n#types\ttime\tset[string]\n1.0\ta,b\n";
    const { records, diagnostics } = await read(fixtures.write("empty-sep.log", content));
    assert.deepEqual(records[0].fields, { ts: 1, tags: ["a", "b"] });
    assert.deepEqual(diagnosticKeys(diagnostics), ["E_ZEEK_HEADER@1", "E_ZEEK_HEADER@2"]);
  });

  it("a line over the size limit → E_LIMIT, the rows after it are read", async () => {
    const long = CONN_ROW_1.replace("Ci85EB2YjUI9a2eql6", "U".repeat(3000));
    const content = `${header("conn", CONN_COLUMNS)}\n${long}\n${CONN_ROW_2}\n`;
    const reader = createZeekReader({ maxLineBytes: 1000, chunkBytes: 256 });
    const { records, diagnostics } = await read(fixtures.write("long.log", content), reader);
    assert.equal(records.length, 1);
    assert.equal(records[0].provenance.line, 10);
    assert.deepEqual(diagnosticKeys(diagnostics), ["E_LIMIT@9"]);
  });

  it("a truncated gzip log → E_IO after the rows that could be read", async () => {
    const rows = Array.from({ length: 4000 }, (_, i) =>
      CONN_ROW_1.replace("Ci85EB2YjUI9a2eql6", `C${i}`),
    ).join("\n");
    const gz = gzipSync(Buffer.from(`${header("conn", CONN_COLUMNS)}\n${rows}\n`));
    const file = fixtures.write("cut.log.gz", gz.subarray(0, Math.floor(gz.length * 0.6)));
    const { records, diagnostics } = await read(file);
    assert.ok(records.length > 0 && records.length < 4000, `${records.length} rows`);
    assert.deepEqual(
      diagnostics.list().map((d) => d.code),
      ["E_IO"],
    );
    assert.equal(diagnostics.list()[0].location.file, file);
    assert.match(diagnostics.list()[0].message, /gzip data is truncated or corrupt/);
  });

  it("a file that cannot be opened throws E_IO", async () => {
    const missing = `${fixtures.dir}/missing.log`;
    await assert.rejects(read(missing), (e: unknown) => {
      assert.ok(e instanceof MikiwameError);
      assert.equal(e.code, "E_IO");
      assert.equal(e.location?.file, missing);
      return true;
    });
  });
});
