/** Golden tests of `mikiwame search`: keyword, regex, field terms; formats; escaping; usage errors. */
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

describe("mikiwame search", { concurrency: true }, () => {
  it("prints matching events as terminal lines (golden) and a count on stderr", async () => {
    const r = await cli.run(["search", "--keyword", "WHOAMI", "--field", "EventID=1", "sysmon.json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      "Timestamp                       Computer              Channel                   EventID    RecordID  Fields\n" +
        "2020-05-02 03:40:19.123 +00:00  WS1.corp.local        …dows-Sysmon/Operational        1              " +
        "@timestamp: 2020-05-02T03:40:19.123Z ¦ Image: C:\\Windows\\System32\\cmd.exe ¦ CommandLine: cmd.exe /c whoami ¦ ProcessId: 4242\n",
    );
    assert.equal(r.stderr, "1 of 2 events matched\n");
  });

  it("prints JSON lines as dump --normalized does", async () => {
    const [search, dump] = await Promise.all([
      cli.run(["search", "-e", "^=cmd\\|", "-f", "jsonl", "sysmon.json"]),
      cli.run(["dump", "--normalized", "sysmon.json"]),
    ]);
    assert.equal(search.code, 0, search.stderr);
    assert.equal(search.stdout, `${dump.stdout.split("\n")[1]}\n`);
  });

  it("ANDs the terms and finds nothing when one fails", async () => {
    const r = await cli.run([
      "search",
      "-k",
      "whoami",
      "--field",
      "Channel=Security",
      "-e",
      "nomatch",
      "sysmon.json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, "0 of 2 events matched\n");
  });

  it("escapes hostile values on the table", async () => {
    const r = await cli.run(["search", "-k", "evil", "../hostile.json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /[\u001b\u202e]/);
    assert.ok(r.stdout.includes("EVIL\\x1b[2J\\u202e"), "the host, escaped (and cut to its column)");
  });

  const usage: readonly [string, string[], RegExp][] = [
    ["no term", [], /^error E_USAGE: give at least one of --keyword, --regex or --field$/m],
    ["a backreference", ["-e", "(a)\\1"], /^error E_USAGE: --regex "\(a\)\\\\1": backreference/m],
    ["a field without =", ["--field", "Image"], /^error E_USAGE: --field "Image": expected name=value$/m],
  ];
  for (const [name, args, message] of usage) {
    it(`exits 2 on ${name}`, async () => {
      const r = await cli.run(["search", ...args, "sysmon.json"]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
    });
  }
});
