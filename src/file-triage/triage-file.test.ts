/** Triage of PE fixtures the suite writes itself: headers, imphash, version info, Authenticode. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { createTestCertificate, signPe, type TestSigner, writePe } from "../testing/pe-writer.js";
import { bufferByteSource } from "./byte-source.js";
import { readPeHeaders } from "./pe-headers.js";
import { type FileReport, triageFile } from "./triage-file.js";

let dir: string;
let root: TestSigner;
let leaf: TestSigner;
const plain = writePe({
  timestamp: 1_600_000_000,
  imports: [
    { dll: "KERNEL32.dll", functions: ["CreateFileA", "WriteFile"] },
    { dll: "mylib.ocx", functions: [17] },
  ],
});
const versioned = writePe({
  versionInfo: { CompanyName: "Microsoft Corporation", OriginalFilename: "notepad.exe" },
});

async function triage(
  name: string,
  bytes: Buffer,
): Promise<{ report: FileReport; diagnostics: Diagnostics }> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  const diagnostics = new Diagnostics();
  const report = await triageFile(path, diagnostics);
  assert.ok(report);
  return { report, diagnostics };
}

function signatureOf(report: FileReport) {
  const sig = report.pe?.signature;
  assert.equal(sig?.status, "signed");
  return sig;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mikiwame-file-"));
  root = await createTestCertificate("Mikiwame Test Root", 1);
  leaf = await createTestCertificate("Mikiwame Test Signer", 2, root);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("triageFile", () => {
  it("reads hashes, headers, sections and the imphash of a minimal PE", async () => {
    const { report, diagnostics } = await triage("tool.exe", plain);
    assert.equal(diagnostics.total, 0);
    assert.equal(report.sha256, createHash("sha256").update(plain).digest("hex"));
    assert.equal(report.md5, createHash("md5").update(plain).digest("hex"));
    assert.equal(report.size, plain.length);
    assert.equal(report.type, "pe");
    assert.equal(report.pe?.machine, "i386");
    assert.equal(report.pe?.subsystem, "windows-cui");
    assert.equal(report.pe?.compileTime, "2020-09-13T12:26:40.000Z");
    assert.deepEqual(
      report.pe?.sections.map((s) => [s.name, s.permissions]),
      [
        [".text", "rx"],
        [".idata", "rw"],
      ],
    );
    const expected = createHash("md5")
      .update("kernel32.createfilea,kernel32.writefile,mylib.ord17")
      .digest("hex");
    assert.equal(report.pe?.imphash, expected);
    assert.equal(report.pe?.signature.status, "unsigned");
    assert.equal(report.verdict.verdict, "unknown");
  });

  it("reads version info; unsigned with a trusted company name is suspicious", async () => {
    const { report } = await triage("notepad.exe", versioned);
    assert.equal(report.pe?.versionInfo?.CompanyName, "Microsoft Corporation");
    assert.equal(report.pe?.versionInfo?.OriginalFilename, "notepad.exe");
    assert.equal(report.verdict.verdict, "suspicious");
    assert.match(
      report.verdict.reasons.join(),
      /unsigned, yet its version info names "Microsoft Corporation"/,
    );
  });

  it("verifies a signature made by a test CA: digest, signer, chain to the bundled root, time", async () => {
    const { report } = await triage("signed.exe", await signPe(versioned, leaf, [root.certificate]));
    const sig = signatureOf(report);
    assert.equal(sig.status === "signed" && sig.valid, true);
    assert.ok(sig.status === "signed");
    assert.equal(sig.digestAlgorithm, "sha256");
    assert.equal(sig.signer?.subject, "CN=Mikiwame Test Signer");
    assert.deepEqual(
      sig.chain.map((c) => c.subject),
      ["CN=Mikiwame Test Signer", "CN=Mikiwame Test Root"],
    );
    assert.equal(sig.chainsToBundleRoot, true);
    assert.equal(sig.signingTime, "2025-03-04T05:06:07.000Z");
    assert.equal(report.verdict.verdict, "likely-benign");
  });

  it("a signature without its root says the chain is incomplete", async () => {
    const { report } = await triage("leaf-only.exe", await signPe(plain, leaf));
    const sig = signatureOf(report);
    assert.ok(sig.status === "signed");
    assert.equal(sig.valid, true);
    assert.equal(sig.chainsToBundleRoot, false);
  });

  it("a body changed after signing makes the signature invalid", async () => {
    const signed = await signPe(plain, root);
    signed[0x200] = (signed[0x200] ?? 0) ^ 0xff; // first byte of .text
    const { report } = await triage("tampered.exe", signed);
    const sig = signatureOf(report);
    assert.ok(sig.status === "signed");
    assert.equal(sig.digestMatches, false);
    assert.equal(sig.signatureValid, true);
    assert.equal(sig.valid, false);
    assert.equal(report.verdict.verdict, "suspicious");
  });

  it("a signature copied from another file is invalid", async () => {
    const donor = await signPe(versioned, leaf, [root.certificate]);
    const headers = await readPeHeaders(bufferByteSource(donor));
    const table = headers.directories[4];
    assert.ok(table);
    const entry = donor.subarray(table.address, table.address + table.size);
    const copied = Buffer.concat([plain, entry]);
    copied.writeUInt32LE(plain.length, headers.securityEntryOffset);
    copied.writeUInt32LE(entry.length, headers.securityEntryOffset + 4);
    const { report } = await triage("copied.exe", copied);
    const sig = signatureOf(report);
    assert.ok(sig.status === "signed");
    assert.equal(sig.digestMatches, false);
    assert.equal(sig.valid, false);
    assert.match(sig.problems[0] ?? "", /copied signature/);
  });

  it("flags a double-extension document-named executable", async () => {
    const { report } = await triage("invoice.pdf.exe", plain);
    assert.deepEqual(
      report.nameFindings.map((f) => f.kind),
      ["double-extension", "document-name-on-executable"],
    );
    assert.equal(report.verdict.verdict, "suspicious");
  });

  it("reports a truncated PE header with its location and still gives hashes", async () => {
    const { report, diagnostics } = await triage("cut.exe", plain.subarray(0, 0x100));
    assert.equal(report.pe, undefined);
    const [d] = diagnostics.list();
    assert.equal(d?.code, "E_FILE_TRIAGE");
    assert.equal(d?.location.file, join(dir, "cut.exe"));
    assert.equal(d?.location.offset, 0x98);
    assert.match(d?.message ?? "", /optional header truncated/);
  });

  it("reports an import table pointing outside every section and keeps the rest", async () => {
    const broken = Buffer.from(plain);
    const headers = await readPeHeaders(bufferByteSource(broken));
    broken.writeUInt32LE(0x7fff0000, headers.checksumOffset - 64 + 96 + 8); // import directory RVA
    const { report, diagnostics } = await triage("badimp.exe", broken);
    assert.deepEqual(report.pe?.imports, []);
    const [d] = diagnostics.list();
    assert.equal(d?.code, "E_FILE_TRIAGE");
    assert.equal(d?.location.file, join(dir, "badimp.exe"));
    assert.match(d?.message ?? "", /import directory RVA 0x7fff0000 is in no section/);
  });

  it("a missing file is E_IO with its path", async () => {
    const diagnostics = new Diagnostics();
    assert.equal(await triageFile(join(dir, "nope.exe"), diagnostics), undefined);
    assert.equal(diagnostics.list()[0]?.code, "E_IO");
    assert.equal(diagnostics.list()[0]?.location.file, join(dir, "nope.exe"));
  });
});
