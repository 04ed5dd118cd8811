/** The token file: create, list, check, revoke, the first admin, changes by another process, unreadable files. */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { TokenFile, tokenFilePath } from "./token-file.js";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mikiwame-tokens-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("TokenFile", () => {
  it("creates the first admin once, then tokens of each role, and checks them", async () => {
    const file = new TokenFile(tokenFilePath(dir));
    const first = await file.ensureFirstAdmin();
    assert.equal(first?.info.role, "admin");
    assert.equal(await file.ensureFirstAdmin(), undefined, "not twice");
    const viewer = await file.create("  soc viewer ", "viewer", "test");
    assert.equal(viewer.info.name, "soc viewer");
    const check = await file.check(viewer.token);
    assert.equal(check.kind, "valid");
    assert.equal(check.kind === "valid" && check.token.role, "viewer");
    assert.equal((await file.check(`${viewer.token.slice(0, -1)}x`)).kind, "invalid");
    const text = await readFile(tokenFilePath(dir), "utf8");
    assert.ok(!text.includes(viewer.token.slice(17)), "no secret on disk");
    assert.match(text, /"hash": "sha256:[0-9a-f]{64}"/);
  });

  it("sees another instance's revocation (another process) on the next check", async () => {
    const mine = new TokenFile(tokenFilePath(dir));
    const made = await mine.create("shipper", "ingest", "test");
    assert.equal((await mine.check(made.token)).kind, "valid");
    const theirs = new TokenFile(tokenFilePath(dir));
    assert.equal((await theirs.revoke(made.info.id, "cli:test"))?.revoked?.by, "cli:test");
    assert.equal((await mine.check(made.token)).kind, "revoked");
    assert.equal(await theirs.revoke("ffffffffffff", "cli:test"), undefined);
  });

  it("refuses bad names and roles (E_USAGE)", async () => {
    const file = new TokenFile(tokenFilePath(dir));
    await assert.rejects(file.create("", "viewer", "t"), (e: MikiwameError) => e.code === "E_USAGE");
    await assert.rejects(file.create("a\u001bb", "viewer", "t"), (e: MikiwameError) => e.code === "E_USAGE");
    await assert.rejects(
      file.create("x", "root" as "admin", "t"),
      (e: MikiwameError) => e.code === "E_USAGE",
    );
  });

  it("reports an unreadable entry (skipped) and an unreadable file (E_AUTH), both located at the file", async () => {
    const path = join(dir, "broken.json");
    await writeFile(path, JSON.stringify({ tokens: [{ id: "nothex", role: "admin" }] }));
    const diagnostics = new Diagnostics();
    assert.deepEqual(await new TokenFile(path, diagnostics).list(), []);
    assert.equal(diagnostics.list()[0].code, "E_AUTH");
    assert.equal(diagnostics.list()[0].location.file, path);
    assert.match(diagnostics.list()[0].message, /token entry 1 is unreadable \(id must be 12 hex digits\)/);
    await writeFile(path, "{not json");
    await assert.rejects(
      new TokenFile(path).list(),
      (e: MikiwameError) => e.code === "E_AUTH" && e.location?.file === path,
    );
  });
});
