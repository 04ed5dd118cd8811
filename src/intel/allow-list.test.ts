/** Tests of the allow-list: matching per kind and scope, the JSONL file, and known-good hash imports. */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { corpusPath, corpusSkipReason } from "../testing/corpus.js";
import { type AllowEntry, AllowList } from "./allow-list.js";
import { allowListFile, appendAllowEntries, loadAllowList, readKnownGoodHashes } from "./allow-list-file.js";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mikiwame-allow-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const base = { reason: "r", author: "a", added: "2026-01-01T00:00:00Z" };

describe("AllowList.match", () => {
  const list = new AllowList();
  const entries: AllowEntry[] = [
    { ...base, kind: "hash", value: "d41d8cd98f00b204e9800998ecf8427e", scope: "global" },
    { ...base, kind: "signer", value: "Microsoft Windows", scope: "global" },
    { ...base, kind: "path", value: "C:\\Program Files\\Vendor\\*", scope: "host", scopeValue: "WS1" },
    { ...base, kind: "destination", value: "update.example", scope: "user", scopeValue: "alice" },
    { ...base, kind: "destination", value: "10.0.0.0/8", scope: "global" },
  ];
  for (const e of entries) list.add(e);
  const cases: [Parameters<AllowList["match"]>, number | undefined][] = [
    [["hash", "D41D8CD98F00B204E9800998ECF8427E"], 0],
    [["signer", "microsoft windows"], 1],
    [["path", "c:/program files/vendor/sub/x.exe", { host: "ws1" }], 2],
    [["path", "c:/program files/vendor/x.exe", { host: "ws2" }], undefined],
    [["destination", "cdn.update.example", { user: "ALICE" }], 3],
    [["destination", "cdn.update.example", { user: "bob" }], undefined],
    [["destination", "10.9.8.7"], 4],
    [["destination", "11.0.0.1"], undefined],
  ];
  for (const [args, want] of cases)
    it(`${args[0]} ${args[1]} ${JSON.stringify(args[2] ?? {})}`, () => {
      assert.equal(list.match(...args), want === undefined ? undefined : entries[want]);
    });
});

describe("allow-list file", () => {
  it("round-trips entries and reports bad lines with E_ALLOWLIST at file:line", async () => {
    const file = allowListFile(dir);
    assert.equal(file, join(dir, "intel", "allowlist.jsonl"));
    await appendAllowEntries(file, [
      { ...base, kind: "hash", value: "da39a3ee5e6b4b0d3255bfef95601890afd80709", scope: "global" },
    ]);
    await writeFile(
      file,
      [
        JSON.stringify({
          ...base,
          kind: "hash",
          value: "da39a3ee5e6b4b0d3255bfef95601890afd80709",
          scope: "global",
        }),
        JSON.stringify({ ...base, kind: "signer", value: "X", scope: "host" }),
        "{not json",
        JSON.stringify({ kind: "path", value: "C:\\x", scope: "global", author: "a" }),
        "",
      ].join("\n"),
    );
    const d = new Diagnostics();
    const list = await loadAllowList(file, d);
    assert.equal(list.size, 1);
    assert.deepEqual(
      d.list().map((x) => [x.code, x.location.file, x.location.line]),
      [
        ["E_ALLOWLIST", file, 2],
        ["E_ALLOWLIST", file, 3],
        ["E_ALLOWLIST", file, 4],
      ],
    );
    assert.match(d.list()[0]?.message ?? "", /scopeValue/);
    assert.match(d.list()[2]?.message ?? "", /reason is required/);
  });
  it("reads a known-good list written here; bad hash at its line", async () => {
    const f = join(dir, "kg.csv");
    await writeFile(f, 'md5,sha256,path\nd41d8cd98f00b204e9800998ecf8427e,,"C:\\a b.exe"\nzz,,x\n');
    const d = new Diagnostics();
    const entries = await readKnownGoodHashes(f, base, d);
    assert.deepEqual(
      entries.map((e) => [e.value, e.reason]),
      [["d41d8cd98f00b204e9800998ecf8427e", "r (C:\\a b.exe)"]],
    );
    assert.deepEqual(
      d.list().map((x) => [x.code, x.location.line]),
      [["E_ALLOWLIST", 3]],
    );
  });
  it("imports DeepBlueCLI's win10-x64 safelist (corpus, read in place)", async (t) => {
    const f = corpusPath("deepbluecli", "safelists", "win10-x64.csv");
    if (!f) return t.skip(corpusSkipReason("deepbluecli/safelists/win10-x64.csv"));
    const d = new Diagnostics();
    const entries = await readKnownGoodHashes(f, { ...base, reason: "DeepBlueCLI win10-x64 safelist" }, d);
    assert.equal(d.errors, 0);
    assert.ok(entries.length > 40_000, `${entries.length} entries`);
    const list = new AllowList();
    for (const e of entries) list.add(e);
    // the first data row of the file
    const hit = list.match("hash", "A88C62F9305F93186FC646C8F0205751");
    assert.match(hit?.reason ?? "", /FlickLearn/);
    assert.equal(list.match("hash", "0".repeat(64)), undefined);
  });
});
