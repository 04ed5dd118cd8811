/** End-to-end tests of `mikiwame token`: create prints the token once, list hides secrets, revoke, usage errors. */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CliFixture } from "../cli-fixture.js";

let cli: CliFixture;
before(async () => {
  cli = await CliFixture.create();
});
after(async () => {
  await cli.dispose();
});

describe("mikiwame token", () => {
  it("creates (token on stdout only), lists without secrets, revokes", async () => {
    const made = await cli.run(["token", "create", "--role", "ingest", "--name", "winlogbeat dc01"]);
    assert.equal(made.code, 0, made.stderr);
    const token = made.stdout.trim();
    assert.match(token, /^mkw_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const id = token.slice(4, 16);
    assert.match(
      made.stderr,
      new RegExp(`created ingest token ${id} \\(winlogbeat dc01\\); it is shown only this once`),
    );

    const list = await cli.run(["token", "list"]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`^${id}\\s+ingest\\s+winlogbeat dc01\\s+\\S+\\s+active$`, "m"));
    assert.ok(!list.stdout.includes(token.slice(17)));
    const file = await readFile(join(cli.home, "tokens.json"), "utf8");
    assert.ok(!file.includes(token.slice(17)), "the file holds only the hash");

    const revoked = await cli.run(["token", "revoke", id]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, new RegExp(`^revoked ingest token ${id} \\(winlogbeat dc01\\) at `));
    const json = JSON.parse((await cli.run(["token", "list", "--json"])).stdout) as {
      id: string;
      revoked?: { by: string };
    }[];
    assert.match(json.find((t) => t.id === id)?.revoked?.by ?? "", /^cli/);
  });

  it("refuses an unknown role, an unknown id and a malformed id (exit 2)", async () => {
    const role = await cli.run(["token", "create", "--role", "root", "--name", "x"]);
    assert.equal(role.code, 2);
    assert.match(role.stderr, /role must be one of viewer, analyst, admin, ingest/);
    const unknown = await cli.run(["token", "revoke", "0123456789ab"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /error E_USAGE: no token 0123456789ab/);
    const bad = await cli.run(["token", "revoke", "nope"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /error E_USAGE: nope is not a token id/);
  });
});
