/** `mikiwame serve` command-line checks that need no running server: the binding rule and the TLS flags. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CliFixture } from "../cli-fixture.js";

let cli: CliFixture;
before(async () => {
  cli = await CliFixture.create();
});
after(async () => {
  await cli.dispose();
});

describe("mikiwame serve", () => {
  it("refuses a non-loopback address without TLS or --insecure-remote (exit 2, E_USAGE), before opening anything", async () => {
    const r = await cli.run(["serve", "--host", "0.0.0.0", "--port", "0", "--no-default-rules"]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /error E_USAGE: refusing to listen on 0\.0\.0\.0 without TLS/);
    assert.equal(r.stdout, "");
  });

  it("wants --tls-cert and --tls-key together, and readable", async () => {
    const half = await cli.run(["serve", "--tls-cert", "cert.pem", "--no-default-rules"]);
    assert.equal(half.code, 2);
    assert.match(half.stderr, /error E_USAGE: --tls-cert and --tls-key go together/);
    const missing = await cli.run([
      "serve",
      "--tls-cert",
      "nope.pem",
      "--tls-key",
      "nope.key",
      "--no-default-rules",
    ]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /error E_SERVER nope\.pem: --tls-cert nope\.pem: ENOENT/);
  });
});
