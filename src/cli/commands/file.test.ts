/** `mikiwame file`: the verdict line and signature lines in text, the report shape in --json. */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createTestCertificate, signPe, writePe } from "../../testing/pe-writer.js";
import { CliFixture } from "../cli-fixture.js";

let cli: CliFixture;
before(async () => {
  cli = await CliFixture.create();
  const root = await createTestCertificate("Mikiwame Test Root", 1);
  const pe = writePe({ versionInfo: { CompanyName: "Microsoft Corporation" } });
  await writeFile(join(cli.work, "logs", "signed.exe"), await signPe(pe, root));
  await writeFile(join(cli.work, "logs", "invoice.pdf\u202e.exe"), pe);
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
    assert.match(lines[0] ?? "", /^signed\.exe: LIKELY-BENIGN — valid signature by CN=Mikiwame Test Root$/);
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
});
