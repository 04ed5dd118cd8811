import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Fields } from "../events/field-value.js";
import type { ZeekRecord } from "../readers/record.js";
import { createNormalizer } from "./normalizer.js";

function zeek(path: string, fields: Fields, line = 9): ZeekRecord {
  return { kind: "zeek", provenance: { file: `/logs/${path}.log`, format: "zeek", line }, path, fields };
}

const id = { "id.orig_h": "10.0.0.5", "id.orig_p": 49152, "id.resp_h": "93.184.216.34", "id.resp_p": 443 };

const rows: readonly {
  name: string;
  record: ZeekRecord;
  category: string | undefined;
  expect: Fields;
}[] = [
  {
    name: "conn",
    record: zeek("conn", {
      ts: 1258531221.486539,
      uid: "CHhAvVGS1DHFjwGM9",
      ...id,
      proto: "tcp",
      service: "ssl",
      duration: 1.5,
      orig_bytes: 100,
      resp_bytes: 2000,
      conn_state: "SF",
      _node: "sensor-1",
    }),
    category: "firewall",
    expect: {
      SourceIp: "10.0.0.5",
      SourcePort: 49152,
      DestinationIp: "93.184.216.34",
      DestinationPort: 443,
      Protocol: "tcp",
      SourceBytes: 100,
      DestinationBytes: 2000,
      Duration: 1.5,
      ConnState: "SF",
      uid: "CHhAvVGS1DHFjwGM9",
      src_ip: "10.0.0.5",
      dst_port: 443,
      "id.orig_h": "10.0.0.5",
      orig_bytes: 100,
    },
  },
  {
    name: "dns",
    record: zeek("dns", {
      ts: 1258531221.5,
      uid: "C1",
      ...id,
      proto: "udp",
      query: "evil.example",
      qtype_name: "A",
      rcode_name: "NOERROR",
      answers: ["1.2.3.4", "5.6.7.8"],
    }),
    category: "dns",
    expect: {
      QueryName: "evil.example",
      QueryType: "A",
      QueryResults: "1.2.3.4;5.6.7.8",
      answer: ["1.2.3.4", "5.6.7.8"],
      record_type: "A",
      query: "evil.example",
      answers: ["1.2.3.4", "5.6.7.8"],
    },
  },
  {
    name: "http",
    record: zeek("http", {
      ts: 1258531221.5,
      uid: "C2",
      ...id,
      method: "GET",
      host: "evil.example",
      uri: "/a.exe",
      user_agent: "curl/8.0",
      status_code: 200,
      referrer: null,
    }),
    category: "proxy",
    expect: {
      Host: "evil.example",
      Uri: "/a.exe",
      UserAgent: "curl/8.0",
      Method: "GET",
      StatusCode: 200,
      "c-uri": "/a.exe",
      "c-useragent": "curl/8.0",
      "cs-method": "GET",
      "cs-host": "evil.example",
      "sc-status": 200,
      user_agent: "curl/8.0",
    },
  },
  {
    name: "a log path without a table (files)",
    record: zeek("files", { ts: 1258531221.5, fuid: "F1", mime_type: "application/x-dosexec" }),
    category: undefined,
    expect: { fuid: "F1", mime_type: "application/x-dosexec" },
  },
];

describe("Zeek records", () => {
  for (const row of rows) {
    test(row.name, () => {
      const diagnostics = new Diagnostics();
      const e = createNormalizer().normalize(row.record, diagnostics);
      assert.ok(e);
      assert.equal(diagnostics.total, 0);
      assert.equal(e.kind, "network");
      assert.equal(e.logsource.product, "zeek");
      assert.equal(e.logsource.service, row.record.path);
      assert.equal(e.logsource.category, row.category);
      assert.deepEqual(e.identity, { provider: "zeek", channel: row.record.path, eventId: 0 });
      for (const [k, v] of Object.entries(row.expect)) assert.deepEqual(e.fields[k], v, k);
      assert.equal(e.provenance, row.record.provenance);
    });
  }

  test("host is the sensor (_node), else empty", () => {
    const n = createNormalizer();
    assert.equal(n.normalize(rows[0].record, new Diagnostics())?.host, "sensor-1");
    assert.equal(n.normalize(rows[1].record, new Diagnostics())?.host, "");
  });

  test("time from ts to the microsecond", () => {
    const e = createNormalizer().normalize(rows[0].record, new Diagnostics());
    assert.equal(e?.time?.iso, "2009-11-18T08:00:21.486539Z");
  });

  test("a null referrer is not copied to Referrer", () => {
    const e = createNormalizer().normalize(rows[2].record, new Diagnostics());
    assert.equal(e?.fields.Referrer, undefined);
    assert.equal(e?.fields.referrer, null);
  });

  test("a masked or missing ts leaves the time empty with a located warning", () => {
    for (const ts of ["XXXXXXXXXX.XXXXXX", null]) {
      const diagnostics = new Diagnostics();
      const e = createNormalizer().normalize(zeek("conn", { ts, uid: "C3" }, 4), diagnostics);
      assert.equal(e?.time, undefined);
      const d = diagnostics.list()[0];
      assert.equal(d.code, "E_NORMALIZE");
      assert.equal(d.severity, "warning");
      assert.match(d.message, /no usable ts/);
      assert.deepEqual(d.location, { file: "/logs/conn.log", line: 4 });
    }
  });

  test("logsource and origins are shared per path", () => {
    const n = createNormalizer();
    const a = n.normalize(rows[0].record, new Diagnostics());
    const b = n.normalize(rows[0].record, new Diagnostics());
    assert.equal(a?.logsource, b?.logsource);
    assert.equal(a?.origins, b?.origins);
    assert.deepEqual(a?.origins?.SourceIp, { from: "id.orig_h", conversion: "rename" });
  });
});
