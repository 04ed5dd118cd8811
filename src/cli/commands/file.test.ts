/**
 * `mikiwame file`: the verdict line and signature lines in text, the report shape in --json, and the
 * reputation part: --indicators, --known-good, the data directory's allow-list, --online without keys.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createTestCertificate, signPe, writePe } from "../../testing/pe-writer.js";
import { CliFixture } from "../cli-fixture.js";

const TOOL = writePe({ timestamp: 1_700_000_000 });
const TOOL_SHA256 = createHash("sha256").update(TOOL).digest("hex");
const TOOL_MD5 = createHash("md5").update(TOOL).digest("hex");

let cli: CliFixture;
before(async () => {
  cli = await CliFixture.create();
  const root = await createTestCertificate("Mikiwame Test Root", 1);
  const pe = writePe({ versionInfo: { CompanyName: "Microsoft Corporation" } });
  await writeFile(join(cli.work, "logs", "signed.exe"), await signPe(pe, root));
  await writeFile(join(cli.work, "logs", "invoice.pdf\u202e.exe"), pe);
  await writeFile(join(cli.work, "logs", "tool.exe"), TOOL);
  await writeFile(join(cli.work, "logs", "feed.txt"), `${TOOL_SHA256}\n`);
  await writeFile(join(cli.work, "logs", "good.txt"), `${TOOL_MD5}\n`);
});
after(async () => {
  await cli.dispose();
});

describe("mikiwame file", { concurrency: true }, () => {
  it("prints a verdict line per file, signature details, escaped names", async () => {
    const r = await cli.run(["file", "signed.exe", "invoice.pdf\u202e.exe"]);
    assert.equal(r.stderr, "");
    assert.equal(r.code, 0);
    const lines = r.stdout.split("\n");
    assert.match(
      lines[0] ?? "",
      /^signed\.exe: LIKELY-BENIGN — valid signature by CN=Mikiwame Test Root; no reputation: no source checked; not checked: intel-store, allow-list, online$/,
    );
    assert.ok(lines.includes("  signature VALID (sha256; digest matches the file)"));
    const other = lines.find((l) => l.startsWith("invoice.pdf"));
    assert.match(other ?? "", /^invoice\.pdf\\u202e\.exe: SUSPICIOUS — name: U\+202E reorders/);
    assert.ok(!r.stdout.includes("\u202e"));
  });

  it("--json gives an array of reports; a missing file is E_IO on stderr with exit 1", async () => {
    const r = await cli.run(["file", "--json", "signed.exe", "missing.exe"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /E_IO missing\.exe: cannot open/);
    const reports = JSON.parse(r.stdout) as { name: string; pe: { signature: { valid: boolean } } }[];
    assert.equal(reports.length, 1);
    assert.equal(reports[0]?.name, "signed.exe");
    assert.equal(reports[0]?.pe.signature.valid, true);
  });

  it("--indicators: a listed hash makes the file MALICIOUS, with a reputation line", async () => {
    const r = await cli.run(["file", "--indicators", "feed.txt", "tool.exe"]);
    assert.equal(r.stderr, "");
    assert.equal(r.code, 0);
    const lines = r.stdout.split("\n");
    assert.match(
      lines[0] ?? "",
      /^tool\.exe: MALICIOUS — intel-store: sha256 malicious, confidence 75 \(listed by feed\.txt/,
    );
    assert.ok(
      lines.some((l) =>
        /^ {2}reputation intel-store sha256: MALICIOUS, confidence 75 — listed by feed\.txt/.test(l),
      ),
    );
    assert.ok(lines.includes("  reputation online sha256: not checked: not asked (use --online)"));
  });

  it("--known-good and the data directory's allow-list count toward benign; --json carries reputation", async () => {
    const r = await cli.run(["file", "--json", "--known-good", "good.txt", "tool.exe"]);
    assert.equal(r.code, 0);
    const [report] = JSON.parse(r.stdout) as {
      verdict: { verdict: string; reasons: string[] };
      reputation: { entries: { source: string; status: string; subject: string; verdict?: string }[] };
    }[];
    assert.equal(report?.verdict.verdict, "likely-benign");
    assert.deepEqual(
      report?.reputation.entries.map((e) => `${e.source} ${e.status} ${e.subject} ${e.verdict ?? "-"}`),
      ["intel-store not-checked hashes -", "allow-list found md5 known-good", "online not-checked sha256 -"],
    );

    const home = await CliFixture.create();
    try {
      await mkdir(join(home.home, "intel"), { recursive: true });
      const entry = { kind: "hash", value: TOOL_SHA256, reason: "golden image", author: "soc" };
      await writeFile(join(home.home, "intel", "allowlist.jsonl"), `${JSON.stringify(entry)}\n`);
      await writeFile(join(home.work, "logs", "tool.exe"), TOOL);
      const h = await home.run(["file", "tool.exe"]);
      assert.equal(h.code, 0);
      assert.match(
        h.stdout,
        /^tool\.exe: LIKELY-BENIGN — allow-list: sha256 known-good \(reason: golden image; author: soc\)/,
      );
    } finally {
      await home.dispose();
    }
  });

  it("--online without keys: every service is 'not checked' with the reason; --offline wins", async () => {
    const r = await cli.run(["file", "--online", "tool.exe"]);
    assert.equal(r.code, 0);
    const lines = r.stdout.split("\n");
    assert.ok(
      lines.some((l) =>
        /^ {2}reputation virustotal sha256: not checked: no VirusTotal API key: set VT_API_KEY/.test(l),
      ),
    );
    assert.ok(lines.some((l) => /^ {2}reputation xforce sha256: not checked: no X-Force API key/.test(l)));
    assert.match(
      lines[0] ?? "",
      /^tool\.exe: UNKNOWN — unsigned executable; no reputation: no source checked; not checked: intel-store, allow-list, virustotal, xforce$/,
    );
    const off = await cli.run(["file", "--online", "--offline", "tool.exe"], { env: { VT_API_KEY: "k" } });
    assert.ok(
      off.stdout.split("\n").some((l) => /^ {2}reputation virustotal sha256: not checked: offline/.test(l)),
    );
  });
});
