/** Golden tests of `mikiwame rules lint|test|update` (update against a local HTTP server, never the network). */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { strToU8, zipSync } from "fflate";
import { CliFixture, SYSMON_1 } from "../cli-fixture.js";
import { WHOAMI_RULE, writeRules } from "./hunt-fixtures.js";

let cli: CliFixture;
let server: Server;
let base: string;
before(async () => {
  cli = await CliFixture.create();
  await writeRules(cli);
  // regression data: <work>/regression_data/rules/whoami/{info.yml, sample.json}, a second case whose
  // match_count is wrong, and an info.yml without tests
  const data = join(cli.work, "regression_data", "rules", "whoami");
  await mkdir(data, { recursive: true });
  await writeFile(join(data, "sample.json"), `${JSON.stringify(SYSMON_1)}\n`);
  const info = (count: number) =>
    [
      "rule_metadata:",
      "    - id: 11111111-1111-4111-8111-111111111111",
      "      title: Whoami Execution",
      "regression_tests_info:",
      "    - name: Positive Detection Test",
      "      type: evtx",
      "      path: regression_data/rules/whoami/sample.json",
      `      match_count: ${count}`,
      "",
    ].join("\n");
  await writeFile(join(data, "info.yml"), info(1));
  await mkdir(join(data, "twice"));
  await writeFile(join(data, "twice", "info.yml"), info(2));
  server = createServer((req, res) => {
    if (req.url === "/sigma.zip") {
      res
        .writeHead(200)
        .end(zipSync({ "rules/windows/whoami.yml": strToU8(WHOAMI_RULE), LICENSE: strToU8("DRL") }));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await cli.dispose();
});

describe("mikiwame rules", { concurrency: true }, () => {
  it("lint: the load report on stdout, exit 0 when every rule loads", async () => {
    const r = await cli.run(["rules", "lint", "../rules/good"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "rules: 2 loaded from 2 files, 0 rejected\n");
    assert.equal(r.stderr, "");
  });

  it("lint: each rejected rule with file:line, id and reason; exit 1", async () => {
    const r = await cli.run(["rules", "lint", "../rules"]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines[0], "rules: 2 loaded from 3 files, 1 rejected");
    assert.match(
      lines[1],
      /^ {2}rejected \.\.\/rules\/bad\/broken\.yml:1 \(33333333-3333-4333-8333-333333333333\): line 7: unknown modifier 'nosuchmodifier'/,
    );
    assert.equal(r.stderr, "error E_RULE_TEST: 1 rule was rejected\n");
    const json = await cli.run(["rules", "lint", "--json", "../rules"]);
    const o = JSON.parse(json.stdout);
    assert.equal(o.rejected[0].source.line, 1);
    assert.equal(o.rejected[0].id, "33333333-3333-4333-8333-333333333333");
  });

  it("test: prints the failed tests and ends with `N passed, N failed`; exit 1", async () => {
    const r = await cli.run(["rules", "test", "../regression_data", "--rules", "../rules/good"]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 2);
    assert.equal(
      lines[0],
      'FAIL 11111111-1111-4111-8111-111111111111 "Whoami Execution" ' +
        `${join(cli.work, "regression_data", "rules", "whoami", "twice", "info.yml")}:5 ` +
        `${join(cli.work, "regression_data", "rules", "whoami", "sample.json")}: expected 2 match(es), got 1 of 1 event(s)`,
    );
    assert.equal(lines[1], "1 passed, 1 failed");
    assert.match(r.stderr, /^error E_RULE_TEST: 1 of 2 regression tests failed$/m);
  });

  it("test --any-count passes whatever match_count says; --verbose lists the passed tests", async () => {
    const r = await cli.run([
      "rules",
      "test",
      "../regression_data",
      "-r",
      "../rules/good",
      "--any-count",
      "-v",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 3);
    assert.match(
      lines[0],
      /^ok {3}11111111-1111-4111-8111-111111111111 "Whoami Execution" .*: 1 of 1 events matched$/,
    );
    assert.equal(lines[2], "2 passed, 0 failed");
  });

  it("test: a rule missing from --rules fails its tests", async () => {
    const r = await cli.run(["rules", "test", "../regression_data", "--rules", "../rules/bad"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /rule 11111111-1111-4111-8111-111111111111 is not among the loaded rules/);
    assert.match(r.stdout, /\n0 passed, 2 failed\n$/);
  });

  it("test: --rules is required", async () => {
    const r = await cli.run(["rules", "test", "../regression_data"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /required option '-r, --rules <path>' not specified/);
  });

  it("update: downloads the zip into <data dir>/rules/sigmahq", async () => {
    const r = await cli.run(["rules", "update", "--url", `${base}/sigma.zip`]);
    assert.equal(r.code, 0, r.stderr);
    const dir = join(cli.home, "rules", "sigmahq");
    assert.match(
      r.stdout,
      new RegExp(
        `^1 rules \\(2 files, 0\\.0 MB downloaded\\) installed in ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\n`,
      ),
    );
    assert.equal(await readFile(join(dir, "rules", "windows", "whoami.yml"), "utf8"), WHOAMI_RULE);
    assert.equal(r.stderr, `downloading ${base}/sigma.zip\n`);
  });

  it("update: an HTTP error or no connection is E_DOWNLOAD, exit 1, nothing installed", async () => {
    const home = join(cli.work, "home-fail");
    await mkdir(home);
    const r = await cli.run(["rules", "update", "--url", `${base}/missing.zip`], {
      env: { MIKIWAME_HOME: home },
    });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^error E_DOWNLOAD: cannot update the rules from .*\/missing\.zip: the server answered HTTP 404 Not Found$/m,
    );
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = await cli.run(["rules", "update", "--url", `http://127.0.0.1:${port}/x.zip`], {
      env: { MIKIWAME_HOME: home },
    });
    assert.equal(down.code, 1);
    assert.match(down.stderr, /no connection \(ECONNREFUSED\); check the network or give another --url/);
    assert.equal(existsSync(join(home, "rules", "sigmahq")), false);
  });

  it("update: a URL that is not http(s) is a usage error", async () => {
    const r = await cli.run(["rules", "update", "--url", "ftp://example.org/x.zip"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error E_USAGE: --url must be an http or https URL, not ftp:$/m);
  });
});
