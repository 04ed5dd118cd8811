import assert from "node:assert/strict";
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { walkPaths } from "./walk.js";

let root: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), "mikiwame-walk-"));
  // root/
  //   b.json, a.log, sub/{z.json, y/x.json}, empty/, loop -> ., dangling -> nowhere, alias.json -> b.json
  await writeFile(join(root, "b.json"), "{}\n");
  await writeFile(join(root, "a.log"), "x");
  await mkdir(join(root, "sub", "y"), { recursive: true });
  await writeFile(join(root, "sub", "z.json"), "{}\n{}\n");
  await writeFile(join(root, "sub", "y", "x.json"), "[]");
  await mkdir(join(root, "empty"));
  await symlink(root, join(root, "sub", "loop"));
  await symlink(join(root, "nowhere"), join(root, "dangling"));
  await symlink(join(root, "b.json"), join(root, "alias.json"));
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("walkPaths", () => {
  it("lists files depth first in sorted order, follows links once, reports loops, duplicates and dangling links", async () => {
    const diagnostics = new Diagnostics();
    const files = await walkPaths([root], { diagnostics });
    assert.deepEqual(
      files.map((f) => f.path.slice(root.length + 1)),
      ["a.log", "alias.json", "sub/y/x.json", "sub/z.json"],
    );
    assert.deepEqual(
      files.map((f) => f.size),
      [1, 3, 2, 6],
    );
    assert.ok(files.every((f) => !f.explicit));
    const byFile = diagnostics
      .list()
      .map((d) => [d.severity, d.code, d.location.file?.slice(root.length + 1)]);
    assert.deepEqual(byFile, [
      // alias.json → b.json sorts first, so b.json is the duplicate
      ["warning", "E_IO", "b.json"],
      ["warning", "E_IO", "dangling"],
      ["warning", "E_IO", "sub/loop"],
    ]);
    assert.match(diagnostics.list()[0].message, /same file as .*alias\.json/);
    assert.match(diagnostics.list()[1].message, /no such file/);
    assert.match(diagnostics.list()[2].message, /same directory as .*link loop/);
  });

  it("keeps the order of the given paths and marks them explicit", async () => {
    const diagnostics = new Diagnostics();
    const files = await walkPaths([join(root, "sub", "z.json"), join(root, "a.log")], { diagnostics });
    assert.deepEqual(
      files.map((f) => [f.path.slice(root.length + 1), f.explicit]),
      [
        ["sub/z.json", true],
        ["a.log", true],
      ],
    );
    assert.equal(diagnostics.total, 0);
  });

  it("reports a missing path as an error located at that path and goes on", async () => {
    const diagnostics = new Diagnostics();
    const missing = join(root, "missing.evtx");
    const files = await walkPaths([missing, join(root, "a.log")], { diagnostics });
    assert.equal(files.length, 1);
    assert.equal(diagnostics.errors, 1);
    const [d] = diagnostics.list();
    assert.equal(d.code, "E_IO");
    assert.equal(d.location.file, missing);
    assert.match(d.message, /no such file or directory/);
  });

  it("reports a special file (FIFO, device) instead of reading it", async () => {
    const diagnostics = new Diagnostics();
    const files = await walkPaths(["/dev/null"], { diagnostics });
    assert.equal(files.length, 0);
    assert.equal(diagnostics.errors, 1);
    assert.equal(diagnostics.list()[0].code, "E_IO");
    assert.equal(diagnostics.list()[0].location.file, "/dev/null");
  });

  it("bounds depth and file count, with a diagnostic for each limit", async () => {
    const deep = new Diagnostics();
    const shallow = await walkPaths([root], { diagnostics: deep, maxDepth: 1 });
    assert.deepEqual(
      shallow.map((f) => f.path.slice(root.length + 1)),
      ["a.log", "alias.json", "sub/z.json"],
    );
    const depthNote = deep.list().find((d) => d.location.file === join(root, "sub", "y"));
    assert.equal(depthNote?.code, "E_IO");
    assert.match(depthNote?.message ?? "", /deeper than 1/);

    const many = new Diagnostics();
    const two = await walkPaths([root], { diagnostics: many, maxFiles: 2 });
    assert.equal(two.length, 2);
    const cap = many.list().find((d) => d.severity === "error");
    assert.equal(cap?.code, "E_IO");
    assert.equal(cap?.location.file, join(root, "sub", "y", "x.json"));
    assert.match(cap?.message ?? "", /more than 2 files/);
  });

  it("reports a path through a file (ENOTDIR) as an E_IO error at that path", async () => {
    const diagnostics = new Diagnostics();
    const through = join(root, "a.log", "x.json");
    assert.deepEqual(await walkPaths([through], { diagnostics }), []);
    const [d] = diagnostics.list();
    assert.deepEqual([d.severity, d.code, d.location.file], ["error", "E_IO", through]);
    assert.match(d.message, /^cannot read: .*not a directory/);
  });

  it("reports a directory it may not list as an E_IO error", {
    skip: process.getuid?.() === 0 && "root can list any directory",
  }, async () => {
    const locked = join(root, "locked");
    await mkdir(locked);
    await writeFile(join(locked, "secret.json"), "{}");
    await chmod(locked, 0o000);
    try {
      const diagnostics = new Diagnostics();
      assert.deepEqual(await walkPaths([locked], { diagnostics }), []);
      const [d] = diagnostics.list();
      assert.deepEqual([d.severity, d.code, d.location.file], ["error", "E_IO", locked]);
      assert.match(d.message, /cannot list directory: permission denied/);
    } finally {
      await chmod(locked, 0o755);
      await rm(locked, { recursive: true });
    }
  });
});
