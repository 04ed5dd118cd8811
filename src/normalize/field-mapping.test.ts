import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { JsonRecord } from "../readers/record.js";
import { repoRoot } from "../testing/corpus.js";
import { loadFieldMapping, parseFieldMapping } from "./field-mapping.js";
import { createNormalizer } from "./normalizer.js";

const dir = mkdtempSync(join(tmpdir(), "mikiwame-mapping-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const YAML_MAPPING = `# Acme EDR process export
version: 1
name: acme-edr
match:
  field: vendor
  equals: acme
logsource:
  product: windows
  category:
    field: event_type
    values:
      ProcessStart: process_creation
      NetConnect: network_connection
identity:
  provider: AcmeEDR
  channel: Acme/Events
  eventId:
    field: event_type
    values: { ProcessStart: 1, NetConnect: 3 }
host: device.name
time:
  field: ts
  format: epoch-millis
user:
  domain: user_domain
  name: user_name
fields:
  proc.path: Image
  proc.cmd: CommandLine
  proc.pid: { to: ProcessId, conversion: to-int }
  parent_path: ParentImage
`;

function edr(value: Record<string, unknown>, line = 3): JsonRecord {
  return { kind: "json", provenance: { file: "acme.jsonl", format: "json", line }, value };
}

describe("loadFieldMapping", () => {
  test("YAML file → validated mapping", async () => {
    const file = join(dir, "acme.yaml");
    writeFileSync(file, YAML_MAPPING);
    const m = await loadFieldMapping(file);
    assert.equal(m.file, file);
    assert.equal(m.name, "acme-edr");
    assert.equal(m.kind, "windows");
    assert.equal(m.keepUnmapped, true);
    assert.deepEqual(m.fields[2], { from: "proc.pid", to: "ProcessId", conversion: "to-int" });
    assert.deepEqual(m.time, { field: "ts", format: "epoch-millis" });
  });

  test("JSON file works too", async () => {
    const file = join(dir, "m.json");
    writeFileSync(file, JSON.stringify({ version: 1, fields: { a: "Image" }, time: "t" }));
    const m = await loadFieldMapping(file);
    assert.deepEqual(m.fields, [{ from: "a", to: "Image", conversion: "rename" }]);
    assert.deepEqual(m.time, { field: "t", format: "auto" });
  });

  const bad: readonly [string, string, number | undefined, RegExp][] = [
    ["not YAML", "version: 1\nname: a: b\n", 2, /not valid YAML\/JSON: Nested mappings/],
    ["duplicate key", "version: 1\nname: a\nname: b\n", 3, /not valid YAML/],
    ["wrong version", "version: 2\n", 1, /^version: must be 1/],
    ["missing version", "name: x\n", 1, /^version: must be 1/],
    ["unknown top-level key", "version: 1\nfeilds: {}\n", 2, /^feilds: unknown key/],
    [
      "unknown conversion",
      "version: 1\nfields:\n  pid:\n    to: ProcessId\n    conversion: to-hex\n",
      5,
      /^fields\.pid\.conversion: must be one of/,
    ],
    [
      "join-domain-user is not single-source",
      "version: 1\nfields:\n  u: { to: User, conversion: join-domain-user }\n",
      3,
      /^fields\.u\.conversion/,
    ],
    ["empty target", "version: 1\nfields:\n  a: ''\n", 3, /^fields\.a: must be a non-empty string/],
    [
      "bad time format",
      "version: 1\ntime:\n  field: ts\n  format: rfc822\n",
      4,
      /^time\.format: must be one of: auto, iso, epoch-seconds/,
    ],
    ["bad kind", "version: 1\nkind: linux\n", 2, /^kind: must be one of: windows, network/],
    [
      "selector with unknown key",
      "version: 1\nlogsource:\n  category: { fields: x }\n",
      3,
      /^logsource\.category\.fields: unknown key/,
    ],
    [
      "values must be scalars",
      "version: 1\nidentity:\n  eventId:\n    field: t\n    values:\n      A: [1]\n",
      6,
      /^identity\.eventId\.values\.A: must be a string or a number/,
    ],
    [
      "event id constant not a number",
      "version: 1\nidentity:\n  eventId: four\n",
      3,
      /^identity\.eventId: must be a whole number/,
    ],
    ["nothing kept", "version: 1\nkeepUnmapped: false\n", 1, /^fields: maps no field/],
    ["top level not a mapping", "- a\n- b\n", 1, /^\(top level\): must be a mapping/],
  ];
  for (const [name, text, line, message] of bad) {
    test(`E_MAPPING: ${name}`, async () => {
      const file = join(dir, `${name.replace(/\W+/g, "-")}.yaml`);
      writeFileSync(file, text);
      await assert.rejects(loadFieldMapping(file), (e: unknown) => {
        assert.ok(e instanceof MikiwameError);
        assert.equal(e.code, "E_MAPPING");
        assert.equal(e.location?.file, file);
        assert.equal(e.location?.line, line);
        assert.match(e.message, message);
        return true;
      });
    });
  }

  test("the example in docs/field-mappings.md is a valid mapping", (t) => {
    const doc = join(repoRoot(), "docs", "field-mappings.md");
    if (!existsSync(doc)) return t.skip("docs/field-mappings.md not found beside the build");
    const example = /```yaml\n([\s\S]*?)```/.exec(readFileSync(doc, "utf8"))?.[1];
    assert.ok(example, "the doc has a yaml example");
    const m = parseFieldMapping(example, "docs example");
    assert.equal(m.name, "acme-edr");
    assert.ok(m.fields.some((f) => f.to === "Image"));
  });

  test("E_MAPPING for a missing file", async () => {
    const file = join(dir, "absent.yaml");
    await assert.rejects(loadFieldMapping(file), (e: unknown) => {
      assert.ok(e instanceof MikiwameError);
      assert.equal(e.code, "E_MAPPING");
      assert.deepEqual(e.location, { file });
      assert.match(e.message, /cannot read mapping file/);
      return true;
    });
  });
});

describe("normalizing with a user mapping", () => {
  const mapping = parseFieldMapping(YAML_MAPPING, "acme.yaml");
  const normalizer = createNormalizer({ userMapping: mapping });
  const proc = {
    vendor: "acme",
    event_type: "ProcessStart",
    ts: 1677664800123,
    device: { name: "ws42" },
    user_domain: "CORP",
    user_name: "alice",
    proc: { path: "C:\\a.exe", cmd: "a.exe -x", pid: "4242" },
    parent_path: "C:\\Windows\\explorer.exe",
  };

  test("mapped fields, logsource and identity from the value tables, host, time", () => {
    const diagnostics = new Diagnostics();
    const e = normalizer.normalize(edr(proc), diagnostics);
    assert.ok(e);
    assert.equal(diagnostics.total, 0);
    assert.equal(e.fields.Image, "C:\\a.exe");
    assert.equal(e.fields.CommandLine, "a.exe -x");
    assert.equal(e.fields.ProcessId, 4242);
    assert.equal(e.fields.ParentImage, "C:\\Windows\\explorer.exe");
    assert.equal(e.fields.User, "CORP\\alice");
    assert.equal(e.fields["proc.path"], "C:\\a.exe", "unmapped source names kept");
    assert.deepEqual(e.logsource, {
      product: "windows",
      category: "process_creation",
      categories: ["process_creation"],
    });
    assert.deepEqual(e.identity, { provider: "AcmeEDR", channel: "Acme/Events", eventId: 1 });
    assert.equal(e.host, "ws42");
    assert.equal(e.time?.iso, "2023-03-01T10:00:00.123000Z");
    assert.deepEqual(e.origins?.ProcessId, { from: "proc.pid", conversion: "to-int" });
  });

  test("the value table picks the other category", () => {
    const e = normalizer.normalize(edr({ ...proc, event_type: "NetConnect" }), new Diagnostics());
    assert.equal(e?.logsource.category, "network_connection");
    assert.equal(e?.identity.eventId, 3);
  });

  test("objects the mapping does not match go through shape detection", () => {
    const e = normalizer.normalize(
      edr({
        EventID: 1,
        Channel: "Microsoft-Windows-Sysmon/Operational",
        Hostname: "h",
        "@timestamp": "2023-03-01T10:00:00Z",
      }),
      new Diagnostics(),
    );
    assert.equal(e?.logsource.service, "sysmon");
  });

  test("a bad time gives a located warning and no time", () => {
    const diagnostics = new Diagnostics();
    const e = normalizer.normalize(edr({ ...proc, ts: "soon" }, 12), diagnostics);
    assert.equal(e?.time, undefined);
    const d = diagnostics.list()[0];
    assert.equal(d.code, "E_NORMALIZE");
    assert.match(d.message, /ts "soon" is not a epoch-millis time/);
    assert.deepEqual(d.location, { file: "acme.jsonl", line: 12 });
  });
});
