import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { buildResponsePlans } from "../../respond/build-plan.js";
import { EXAMPLE_INCIDENTS } from "../../respond/incident-fixtures.js";
import { EXPORT_FILES, renderExports, writeExports } from "./write-exports.js";

const PLANS = buildResponsePlans(EXAMPLE_INCIDENTS);

test("writeExports creates the directory and writes every file by its fixed name", async () => {
  const root = mkdtempSync(join(tmpdir(), "mikiwame-t2-"));
  try {
    const dir = join(root, "out", "exports");
    const written = await writeExports(dir, EXAMPLE_INCIDENTS, PLANS);
    assert.deepEqual(
      written.map((w) => w.file),
      [...EXPORT_FILES],
    );
    const rendered = renderExports(EXAMPLE_INCIDENTS, PLANS);
    for (const w of written) {
      assert.equal(w.path, join(dir, w.file));
      const text = readFileSync(w.path, "utf8");
      assert.equal(text, rendered.find((r) => r.file === w.file)?.text);
      assert.equal(w.bytes, Buffer.byteLength(text));
    }
    const again = await writeExports(dir, EXAMPLE_INCIDENTS, PLANS, { files: ["blocklist.txt"] });
    assert.deepEqual(
      again.map((w) => w.file),
      ["blocklist.txt"],
      "a subset, and overwriting our own files is fine",
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a symbolic link planted under an export name is refused (E_OUTPUT, located), the target untouched", async () => {
  const root = mkdtempSync(join(tmpdir(), "mikiwame-t2-"));
  try {
    const dir = join(root, "exports");
    const outside = join(root, "victim.txt");
    writeFileSync(outside, "keep me");
    await writeExports(dir, EXAMPLE_INCIDENTS, PLANS, { files: ["blocklist.csv"] });
    symlinkSync(outside, join(dir, "iptables.sh"));
    await assert.rejects(writeExports(dir, EXAMPLE_INCIDENTS, PLANS), (e: unknown) => {
      assert.ok(e instanceof MikiwameError);
      assert.equal(e.code, "E_OUTPUT");
      assert.equal(e.location?.file, join(dir, "iptables.sh"));
      assert.match(e.message, /symbolic link/);
      return true;
    });
    assert.equal(readFileSync(outside, "utf8"), "keep me");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a directory that cannot be created is E_OUTPUT located at the directory", async () => {
  const root = mkdtempSync(join(tmpdir(), "mikiwame-t2-"));
  try {
    const file = join(root, "a-file");
    writeFileSync(file, "");
    const dir = join(file, "exports");
    await assert.rejects(writeExports(dir, EXAMPLE_INCIDENTS, PLANS), (e: unknown) => {
      assert.ok(e instanceof MikiwameError);
      assert.equal(e.code, "E_OUTPUT");
      assert.equal(e.location?.file, dir);
      return true;
    });
    assert.ok(!existsSync(dir));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
