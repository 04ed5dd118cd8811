import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { reportFixture } from "./report-fixtures.js";
import { REPORT_FILE_NAMES, REPORT_KINDS, writeReports } from "./write-reports.js";

const root = await mkdtemp(join(tmpdir(), "mikiwame-reports-"));
after(() => rm(root, { recursive: true, force: true }));

test("writes the six reports with fixed names into a new nested directory", async () => {
  const dir = join(root, "a", "b");
  const written = await writeReports(dir, reportFixture());
  assert.deepEqual(
    written.map((w) => w.kind),
    [...REPORT_KINDS],
  );
  assert.deepEqual(
    written.map((w) => w.path),
    REPORT_KINDS.map((k) => join(dir, REPORT_FILE_NAMES[k])),
  );
  assert.deepEqual(
    (await readdir(dir)).sort(),
    Object.values(REPORT_FILE_NAMES).sort(),
    "no temporary file left",
  );
  assert.ok((await readFile(join(dir, "report.html"), "utf8")).startsWith("<!DOCTYPE html>"));
  assert.ok((await readFile(join(dir, "summary.ja.md"), "utf8")).startsWith("# 管理者向け要約"));
  assert.ok((await readFile(join(dir, "summary.en.md"), "utf8")).startsWith("# Summary for management"));
  assert.equal(
    JSON.parse(await readFile(join(dir, "incidents.json"), "utf8")).schema,
    "mikiwame.incidents/1",
  );
  assert.ok((await readFile(join(dir, "timeline.csv"), "utf8")).startsWith("time,host,incident,"));
});

test("overwrites earlier reports; `kinds` limits what is written", async () => {
  const dir = join(root, "again");
  await writeReports(dir, reportFixture());
  const written = await writeReports(dir, { ...reportFixture(), lang: "ja" }, { kinds: ["markdown"] });
  assert.deepEqual(written, [{ path: join(dir, "report.md"), kind: "markdown" }]);
  assert.ok((await readFile(join(dir, "report.md"), "utf8")).startsWith("# mikiwame インシデントレポート"));
});

test("refuses to write through a symbolic link (E_OUTPUT, located at the link); the target is untouched", async () => {
  const dir = join(root, "link");
  await mkdir(dir);
  const outside = join(root, "outside.txt");
  await writeFile(outside, "keep");
  const link = join(dir, "report.md");
  await symlink(outside, link);
  await assert.rejects(writeReports(dir, reportFixture()), (e: unknown) => {
    assert.ok(e instanceof MikiwameError);
    assert.equal(e.code, "E_OUTPUT");
    assert.equal(e.location?.file, link);
    assert.match(e.message, /symbolic link/);
    return true;
  });
  assert.equal(await readFile(outside, "utf8"), "keep");
});

test("refuses a report path that is a directory (E_OUTPUT, located)", async () => {
  const dir = join(root, "dir-in-the-way");
  await mkdir(join(dir, "timeline.csv"), { recursive: true });
  await assert.rejects(writeReports(dir, reportFixture(), { kinds: ["timeline-csv"] }), (e: unknown) => {
    assert.ok(e instanceof MikiwameError);
    assert.equal(e.code, "E_OUTPUT");
    assert.equal(e.location?.file, join(dir, "timeline.csv"));
    return true;
  });
});

test("an output directory that is a file is E_OUTPUT, located at the directory", async () => {
  const file = join(root, "a-file");
  await writeFile(file, "x");
  await assert.rejects(writeReports(file, reportFixture()), (e: unknown) => {
    assert.ok(e instanceof MikiwameError);
    assert.equal(e.code, "E_OUTPUT");
    assert.equal(e.location?.file, file);
    return true;
  });
});
