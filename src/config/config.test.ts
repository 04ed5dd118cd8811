import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import { DEFAULT_CONFIG, loadConfig, parseConfig } from "./config.js";

const FILE = "/home/analyst/.local/share/mikiwame/config.yaml";

describe("parseConfig", () => {
  const valid: readonly { name: string; text: string; expect: Partial<typeof DEFAULT_CONFIG> }[] = [
    { name: "empty file", text: "", expect: {} },
    { name: "comment only", text: "# nothing set\n", expect: {} },
    { name: "language ja", text: "language: ja\n", expect: { language: "ja" } },
    { name: "IANA time zone", text: "timezone: Asia/Tokyo\n", expect: { timezone: "Asia/Tokyo" } },
    { name: "local time zone", text: "timezone: local\n", expect: { timezone: "local" } },
    { name: "workers number", text: "workers: 4\n", expect: { workers: 4 } },
    { name: "workers auto", text: "workers: auto\n", expect: { workers: "auto" } },
    { name: "null value keeps the default", text: "language:\n", expect: {} },
    {
      name: "relative mapping resolved against the config's folder",
      text: "mapping: edr/map.yaml\n",
      expect: { mapping: "/home/analyst/.local/share/mikiwame/edr/map.yaml" },
    },
    { name: "absolute mapping kept", text: "mapping: /etc/map.yaml\n", expect: { mapping: "/etc/map.yaml" } },
  ];
  for (const row of valid) {
    it(`accepts ${row.name}`, () => {
      const diagnostics = new Diagnostics();
      assert.deepEqual(parseConfig(row.text, FILE, diagnostics), { ...DEFAULT_CONFIG, ...row.expect });
      assert.equal(diagnostics.total, 0);
    });
  }

  const invalid: readonly { name: string; text: string; line: number; message: RegExp }[] = [
    { name: "unknown language", text: "language: fr\n", line: 1, message: /language must be one of en, ja/ },
    { name: "bad time zone", text: "# tz\ntimezone: Mars/Olympus\n", line: 2, message: /timezone must be/ },
    { name: "zero workers", text: "language: en\nworkers: 0\n", line: 2, message: /workers must be auto or/ },
    { name: "fractional workers", text: "workers: 1.5\n", line: 1, message: /workers must be/ },
    { name: "empty mapping", text: 'mapping: ""\n', line: 1, message: /mapping must be the path/ },
    { name: "list as a value", text: "language:\n  - ja\n", line: 2, message: /language must be/ },
    { name: "not a mapping", text: "- language\n", line: 1, message: /must be a mapping/ },
    {
      name: "YAML syntax",
      text: "language: en\nbad line\n",
      line: 2,
      message: /invalid YAML: Implicit map keys/,
    },
    { name: "duplicate key", text: "language: en\nlanguage: ja\n", line: 2, message: /invalid YAML/ },
  ];
  for (const row of invalid) {
    it(`rejects ${row.name} with E_CONFIG at file:${row.line}`, () => {
      assert.throws(
        () => parseConfig(row.text, FILE, new Diagnostics()),
        (e: unknown) => {
          assert.ok(e instanceof MikiwameError);
          assert.equal(e.code, "E_CONFIG");
          assert.deepEqual(e.location, { file: FILE, line: row.line });
          assert.match(e.message, row.message);
          return true;
        },
      );
    });
  }

  it("warns about unknown keys with their line and keeps the known ones", () => {
    const diagnostics = new Diagnostics();
    const config = parseConfig("language: ja\ncolour: blue\n", FILE, diagnostics);
    assert.equal(config.language, "ja");
    assert.equal(diagnostics.warnings, 1);
    const [d] = diagnostics.list();
    assert.equal(d.code, "E_CONFIG");
    assert.deepEqual(d.location, { file: FILE, line: 2 });
    assert.match(d.message, /unknown key "colour"/);
  });
});

describe("loadConfig", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "mikiwame-config-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("gives the defaults when there is no config file", async () => {
    const result = await loadConfig(join(dir, "absent.yaml"), new Diagnostics());
    assert.deepEqual(result, { config: DEFAULT_CONFIG, found: false });
  });

  it("reads a config file", async () => {
    const file = join(dir, "config.yaml");
    await writeFile(file, "language: ja\nworkers: 2\n");
    const result = await loadConfig(file, new Diagnostics());
    assert.equal(result.found, true);
    assert.equal(result.config.language, "ja");
    assert.equal(result.config.workers, 2);
  });

  it("rejects a directory in place of the file with E_CONFIG located at it", async () => {
    await assert.rejects(loadConfig(dir, new Diagnostics()), (e: unknown) => {
      assert.ok(e instanceof MikiwameError);
      assert.equal(e.code, "E_CONFIG");
      assert.equal(e.location?.file, dir);
      return true;
    });
  });
});
