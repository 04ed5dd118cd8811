/** End-to-end tests of `mikiwame decide`: each scope, the log on disk, the analyst, usage errors. */
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

const SHA = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855";

async function logLines(): Promise<{ op: string; decision: Record<string, unknown> }[]> {
  const text = await readFile(join(cli.home, "decisions.jsonl"), "utf8");
  return text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { op: string; decision: Record<string, unknown> });
}

describe("mikiwame decide", () => {
  it("records each scope kind and prints the id first", async () => {
    const CASES: readonly (readonly [args: readonly string[], line: RegExp, scope: unknown])[] = [
      [
        ["benign", "--all-hosts", "--rule", "network.beacon", "--image", "OUTLOOK.EXE"],
        /^D-[0-9a-f]{12} benign \(over-detection\) · all hosts · rule network\.beacon on OUTLOOK\.EXE · why\n$/,
        {
          hosts: { kind: "all" },
          match: { kind: "rule-on-image", detector: "network.beacon", image: "OUTLOOK.EXE" },
        },
      ],
      [
        ["malicious", "--host", "WS1", "--sha256", SHA],
        /^D-[0-9a-f]{12} malicious \(confirmed\) · host WS1 · sha256 e3b0c4/,
        { hosts: { kind: "host", host: "WS1" }, match: { kind: "sha256", sha256: SHA.toLowerCase() } },
      ],
      [
        ["benign", "--all-hosts", "--path", "C:\\Tools\\agent.exe", "--rule", "sigma:abc"],
        /· path C:\\Tools\\agent\.exe \(only sigma:abc\) ·/,
        {
          hosts: { kind: "all" },
          match: { kind: "path", path: "C:\\Tools\\agent.exe", detector: "sigma:abc" },
        },
      ],
      [
        ["benign", "--host", "WS2", "--command-line", "backup.exe /job:* /quiet"],
        /· host WS2 · command line backup\.exe \/job:\* \/quiet ·/,
        {
          hosts: { kind: "host", host: "WS2" },
          match: { kind: "command-line", pattern: "backup.exe /job:* /quiet" },
        },
      ],
    ];
    for (const [i, [args, line, scope]] of CASES.entries()) {
      const r = await cli.run(["decide", ...args, "--reason", "why", "--analyst", "alice"]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, line);
      const entries = await logLines();
      assert.equal(entries.length, i + 1);
      const last = entries[i];
      assert.equal(last.op, "decide");
      assert.equal(last.decision.id, r.stdout.split(" ")[0]);
      assert.deepEqual(last.decision.scope, scope);
      assert.equal(last.decision.analyst, "alice");
      assert.equal(last.decision.reason, "why");
    }
  });

  it("--json prints the decision; the analyst defaults to $USER", async () => {
    const r = await cli.run(
      ["decide", "malicious", "--all-hosts", "--sha256", SHA, "--reason", "sandbox", "--json"],
      { env: { USER: "dana" } },
    );
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout) as { id: string; verdict: string; analyst: string; at: string };
    assert.deepEqual([d.verdict, d.analyst], ["malicious", "dana"]);
    assert.ok(Number.isFinite(Date.parse(d.at)));
  });

  it("escapes control characters in what it prints", async () => {
    const r = await cli.run([
      "decide",
      "benign",
      "--all-hosts",
      "--path",
      "C:\\x\u001b[2J.exe",
      "--reason",
      "ok\u202e",
      "--analyst",
      "a",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /path C:\\x\\x1b\[2J\.exe · ok\\u202e\n$/);
  });

  it("usage errors exit 2 with E_USAGE and write nothing", async () => {
    const before = (await logLines()).length;
    const CASES: readonly (readonly [args: readonly string[], stderr: RegExp])[] = [
      [["benign", "--sha256", SHA, "--reason", "r"], /E_USAGE: give either --host NAME or --all-hosts/],
      [["benign", "--host", "a", "--all-hosts", "--sha256", SHA, "--reason", "r"], /give either --host/],
      [["benign", "--all-hosts", "--reason", "r"], /E_USAGE: give exactly one of --sha256, --path/],
      [["benign", "--all-hosts", "--sha256", SHA, "--path", "C:\\a", "--reason", "r"], /give exactly one of/],
      [
        ["benign", "--all-hosts", "--image", "a.exe", "--reason", "r"],
        /E_USAGE: --image needs --rule DETECTOR/,
      ],
      [
        ["benign", "--all-hosts", "--sha256", "abc", "--reason", "r"],
        /E_USAGE: invalid decision: sha256 must be 64/,
      ],
      [
        ["benign", "--all-hosts", "--path", "a.exe", "--reason", "r"],
        /E_USAGE: invalid decision: path must be a full path/,
      ],
      [
        ["benign", "--all-hosts", "--sha256", SHA, "--reason", "  "],
        /E_USAGE: invalid decision: reason is required/,
      ],
      [["benign", "--all-hosts", "--sha256", SHA], /required option '--reason <text>' not specified/],
      [["maybe", "--all-hosts", "--sha256", SHA, "--reason", "r"], /must be one of benign, malicious/],
    ];
    // nothing is written on a usage error, so the cases can run at once
    const runs = await Promise.all(CASES.map(([args]) => cli.run(["decide", ...args, "--analyst", "a"])));
    for (const [i, [args, stderr]] of CASES.entries()) {
      const r = runs[i];
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, stderr);
      assert.equal(r.stdout, "");
    }
    assert.equal((await logLines()).length, before);
  });
});
