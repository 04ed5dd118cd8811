import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { JsonRecord } from "../record.js";
import { diagnosticKeys, FixtureDir, readAll } from "../text/fixture-files.test.support.js";
import { createNdjsonReader, ndjsonReader } from "./ndjson-reader.js";

const fixtures = new FixtureDir();
after(() => fixtures.remove());

function read(file: string, reader = ndjsonReader) {
  return readAll<JsonRecord>(reader, file, "json");
}

const WINLOGBEAT = [
  '{"@timestamp":"2020-05-02T03:31:03.540Z","winlog":{"event_id":1,"channel":"Microsoft-Windows-Sysmon/Operational","keywords":-9223372036854775808}}',
  '{"@timestamp":"2020-05-02T03:31:04.000Z","winlog":{"event_id":3}}',
].join("\n");

const EVTX_DUMP = `{
  "Event": {
    "System": {
      "EventID": 1,
      "Channel": "Microsoft-Windows-Sysmon/Operational"
    },
    "EventData": {
      "Image": "C:\\\\Windows\\\\System32\\\\cmd.exe"
    }
  }
}
{
  "Event": {
    "System": {
      "EventID": 11
    }
  }
}
`;

describe("ndjsonReader: input shapes", () => {
  const shapes: { name: string; content: string; gzip?: boolean; lines: number[]; first: unknown }[] = [
    {
      name: "NDJSON (Winlogbeat ECS)",
      content: `${WINLOGBEAT}\n`,
      lines: [1, 2],
      first: {
        "@timestamp": "2020-05-02T03:31:03.540Z",
        winlog: {
          event_id: 1,
          channel: "Microsoft-Windows-Sysmon/Operational",
          keywords: -9223372036854775808n,
        },
      },
    },
    {
      name: "gzipped NDJSON",
      content: `${WINLOGBEAT}\n`,
      gzip: true,
      lines: [1, 2],
      first: {
        "@timestamp": "2020-05-02T03:31:03.540Z",
        winlog: {
          event_id: 1,
          channel: "Microsoft-Windows-Sysmon/Operational",
          keywords: -9223372036854775808n,
        },
      },
    },
    {
      name: "one top-level array of objects",
      content: '[\n  {"EventID": 1},\n  {"EventID": 2},\n  {"EventID": 3}\n]\n',
      lines: [2, 3, 4],
      first: { EventID: 1 },
    },
    {
      name: "a single pretty-printed object",
      content: '{\n  "EventID": 7\n}',
      lines: [1],
      first: { EventID: 7 },
    },
    {
      name: "pretty-printed objects back to back (evtx_dump)",
      content: EVTX_DUMP,
      lines: [1, 12],
      first: {
        Event: {
          System: { EventID: 1, Channel: "Microsoft-Windows-Sysmon/Operational" },
          EventData: { Image: "C:\\Windows\\System32\\cmd.exe" },
        },
      },
    },
    {
      name: "CRLF NDJSON with a UTF-8 BOM and blank lines",
      content: '\ufeff{"a":1}\r\n\r\n{"a":2}\r\n',
      lines: [1, 3],
      first: { a: 1 },
    },
  ];
  for (const s of shapes) {
    it(s.name, async () => {
      const file = fixtures.write(`${s.name.replace(/\W+/g, "-")}.json`, s.content, s.gzip);
      const { records, diagnostics } = await read(file);
      assert.deepEqual(diagnosticKeys(diagnostics), []);
      assert.deepEqual(
        records.map((r) => r.provenance.line),
        s.lines,
      );
      assert.deepEqual(records[0].value, s.first);
      for (const r of records) {
        assert.equal(r.provenance.file, file);
        assert.equal(r.provenance.format, "json");
      }
    });
  }

  it("gives the byte offset of each record in a plain file, none in a gzipped one", async () => {
    const content = '{"a":1}\n  {"a":2}\n';
    const plain = await read(fixtures.write("offsets.json", content));
    assert.deepEqual(
      plain.records.map((r) => r.provenance.offset),
      [0, 10],
    );
    assert.equal(content.slice(10, 17), '{"a":2}');
    const gz = await read(fixtures.write("offsets.json.gz", content, true));
    assert.deepEqual(
      gz.records.map((r) => r.provenance.offset),
      [undefined, undefined],
    );
    const bom = await read(fixtures.write("bom-offsets.json", `\ufeff${content}`));
    assert.deepEqual(
      bom.records.map((r) => r.provenance.offset),
      [3, 13],
    );
  });

  it("yields batches of at most batchSize records, in file order", async () => {
    const lines = Array.from({ length: 10 }, (_, i) => JSON.stringify({ n: i })).join("\n");
    const file = fixtures.write("batches.json", lines);
    const { records, batches } = await readAll<JsonRecord>(
      createNdjsonReader({ batchSize: 3 }),
      file,
      "json",
    );
    assert.equal(batches, 4);
    assert.deepEqual(
      records.map((r) => r.value.n),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
  });

  it("gives the same records whatever the chunk size", async () => {
    const file = fixtures.write("chunks.json", EVTX_DUMP + EVTX_DUMP);
    const whole = await read(file);
    const tiny = await readAll<JsonRecord>(createNdjsonReader({ chunkBytes: 7 }), file, "json");
    assert.deepEqual(tiny.records, whole.records);
    assert.equal(whole.records.length, 4);
  });
});

describe("ndjsonReader: bad input is located, skipped and reading continues", () => {
  it("a line that is not JSON → E_JSON_SYNTAX at its line, with the parser's reason", async () => {
    const file = fixtures.write("syntax.json", '{"a":1}\nnot json at all\n{"b": 2,, "c": 3}\n{"a":4}\n');
    const { records, diagnostics } = await read(file);
    assert.deepEqual(
      records.map((r) => r.value.a),
      [1, 4],
    );
    assert.deepEqual(diagnosticKeys(diagnostics), ["E_JSON_SYNTAX@2", "E_JSON_SYNTAX@3"]);
    const [first, second] = diagnostics.list();
    assert.equal(first.location.file, file);
    assert.equal(first.location.offset, 8);
    assert.match(first.message, /not valid JSON: Unexpected token/);
    assert.match(second.message, /Expected double-quoted property name/);
  });

  it("a parse error inside a pretty-printed object is located at the bad line", async () => {
    const file = fixtures.write("pretty-syntax.json", '{\n  "a": 1\n  "b": 2\n}\n{\n  "c": 3\n}\n');
    const { records, diagnostics } = await read(file);
    assert.deepEqual(
      records.map((r) => r.value),
      [{ c: 3 }],
    );
    assert.deepEqual(diagnosticKeys(diagnostics), ["E_JSON_SYNTAX@3"]);
    assert.match(diagnostics.list()[0].message, /starting at line 1/);
  });

  it("a value that is not an object → E_JSON_SHAPE", async () => {
    const file = fixtures.write("shape.json", '{"ok":true}\n42\n"text"\n[1,2]\nnull\n');
    const { records, diagnostics } = await read(file);
    assert.deepEqual(
      records.map((r) => r.value),
      [{ ok: true }],
    );
    assert.deepEqual(diagnosticKeys(diagnostics), [
      "E_JSON_SHAPE@2",
      "E_JSON_SHAPE@3",
      "E_JSON_SHAPE@4",
      "E_JSON_SHAPE@5",
    ]);
    assert.match(diagnostics.list()[2].message, /found an array/);
    assert.equal(diagnostics.list()[3].location.file, file);
  });

  it("non-object elements of a top-level array → E_JSON_SHAPE at their line", async () => {
    const file = fixtures.write("array-shape.json", '[\n{"a":1},\n2,\n[3],\n{"a":4}\n]');
    const { records, diagnostics } = await read(file);
    assert.deepEqual(
      records.map((r) => r.value.a),
      [1, 4],
    );
    assert.deepEqual(diagnosticKeys(diagnostics), ["E_JSON_SHAPE@3", "E_JSON_SHAPE@4"]);
  });

  it("a value over the size limit → E_LIMIT, skipped, the next line is read", async () => {
    const big = JSON.stringify({ blob: "z".repeat(5000) });
    const file = fixtures.write("oversize.json", `{"a":1}\n${big}\n{"a":3}\n`);
    const reader = createNdjsonReader({ maxValueBytes: 1000, chunkBytes: 256 });
    const { records, diagnostics } = await readAll<JsonRecord>(reader, file, "json");
    assert.deepEqual(
      records.map((r) => r.value.a),
      [1, 3],
    );
    assert.deepEqual(diagnosticKeys(diagnostics), ["E_LIMIT@2"]);
    assert.match(
      diagnostics.list()[0].message,
      new RegExp(`${big.length} bytes is larger than the 1000-byte limit`),
    );
    assert.equal(diagnostics.list()[0].location.offset, 8);
  });

  it("a truncated gzip file → E_IO, and the records before the cut are kept", async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ n: i, pad: "p".repeat(50) })).join(
      "\n",
    );
    const gz = gzipSync(Buffer.from(lines));
    const file = fixtures.write("truncated.json.gz", gz.subarray(0, Math.floor(gz.length / 2)));
    const { records, diagnostics } = await read(file);
    assert.ok(records.length > 0 && records.length < 5000, `got ${records.length} records`);
    assert.deepEqual(
      records.map((r) => r.value.n),
      records.map((_, i) => i),
    );
    assert.deepEqual(
      diagnostics.list().map((d) => d.code),
      ["E_IO"],
    );
    const d = diagnostics.list()[0];
    assert.equal(d.location.file, file);
    assert.ok(d.location.line !== undefined && d.location.line > records.length);
    assert.match(d.message, /gzip data is truncated or corrupt/);
  });

  it("binary garbage → located E_JSON_SYNTAX per line, and the JSON after it is read", async () => {
    const garbage = Buffer.from([0x00, 0xff, 0x13, 0x37, 0x7b, 0x0a, 0xde, 0xad, 0xbe, 0xef, 0x0a]);
    const file = fixtures.write(
      "garbage.json",
      Buffer.concat([Buffer.from('{"a":1}\n'), garbage, Buffer.from('{"a":2}\n')]),
    );
    const { records, diagnostics } = await read(file);
    assert.deepEqual(
      records.map((r) => r.value.a),
      [1, 2],
    );
    assert.deepEqual(diagnosticKeys(diagnostics), ["E_JSON_SYNTAX@2", "E_JSON_SYNTAX@3"]);
  });

  it("a file that cannot be opened throws E_IO (the only thing that throws)", async () => {
    const missing = `${fixtures.dir}/nope.json`;
    await assert.rejects(read(missing), (e: unknown) => {
      assert.ok(e instanceof MikiwameError);
      assert.equal(e.code, "E_IO");
      assert.equal(e.location?.file, missing);
      return true;
    });
  });

  it("stops when the signal is aborted, and reports progress in bytes", async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ n: i })).join("\n");
    const file = fixtures.write("abort.json", lines);
    const controller = new AbortController();
    const progress: number[] = [];
    const reader = createNdjsonReader({ chunkBytes: 1024, batchSize: 10 });
    let seen = 0;
    for await (const batch of reader.read(file, {
      diagnostics: new Diagnostics(),
      signal: controller.signal,
      onProgress: (b) => progress.push(b),
    })) {
      seen += batch.length;
      if (seen >= 100) controller.abort();
    }
    assert.ok(seen >= 100 && seen < 3000, `read ${seen} records before stopping`);
    assert.ok(progress.length > 0 && progress.every((b, i) => i === 0 || b >= progress[i - 1]));
  });
});
