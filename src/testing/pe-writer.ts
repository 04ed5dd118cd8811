/**
 * Test support: writes small, valid PE32 files for the file-triage tests (no third-party binaries), and
 * signs them with Authenticode using a certificate the test creates. Input: PeSpec (code bytes, imports,
 * version strings, timestamp, file name of nothing). Output: the file's bytes. `createTestCertificate`
 * makes an RSA key pair (WebCrypto) and a self-signed — or CA-issued — X.509 certificate with pkijs;
 * `signPe` appends a WIN_CERTIFICATE with a PKCS#7 SignedData over SpcIndirectDataContent.
 */
import { createHash, webcrypto } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

/** One imported DLL: functions by name (string) or ordinal (number). */
export interface ImportSpec {
  readonly dll: string;
  readonly functions: readonly (string | number)[];
}

/** What to put in the PE. */
export interface PeSpec {
  readonly timestamp?: number;
  /** Raw bytes of .text (default: a `ret` and padding) */
  readonly code?: Buffer;
  readonly imports?: readonly ImportSpec[];
  /** Strings of the version resource's string table (040904b0) */
  readonly versionInfo?: Readonly<Record<string, string>>;
  readonly dll?: boolean;
}

const FILE_ALIGN = 0x200;
const SECTION_ALIGN = 0x1000;
const PE_OFFSET = 0x80;
const OPTIONAL_SIZE = 224;

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

function utf16z(s: string): Buffer {
  return Buffer.from(`${s}\0`, "utf16le");
}

function pad4(b: Buffer): Buffer {
  return Buffer.concat([b, Buffer.alloc(alignUp(b.length, 4) - b.length)]);
}

/** A VS_VERSIONINFO-style block: header, key, value, children (each 4-aligned). */
function versionBlock(
  key: string,
  value: Buffer,
  valueLength: number,
  text: boolean,
  children: Buffer[],
): Buffer {
  const body = Buffer.concat([
    pad4(Buffer.concat([Buffer.alloc(6), utf16z(key)])),
    pad4(value),
    ...children.map(pad4),
  ]);
  body.writeUInt16LE(body.length, 0);
  body.writeUInt16LE(valueLength, 2);
  body.writeUInt16LE(text ? 1 : 0, 4);
  return body;
}

function versionResource(strings: Readonly<Record<string, string>>): Buffer {
  const fixed = Buffer.alloc(52);
  fixed.writeUInt32LE(0xfeef04bd, 0);
  fixed.writeUInt32LE(0x00010000, 4);
  const entries = Object.entries(strings).map(([k, v]) => versionBlock(k, utf16z(v), v.length + 1, true, []));
  const table = versionBlock("040904b0", Buffer.alloc(0), 0, true, entries);
  const fileInfo = versionBlock("StringFileInfo", Buffer.alloc(0), 0, true, [table]);
  return versionBlock("VS_VERSION_INFO", fixed, 52, false, [fileInfo]);
}

/** .rsrc with one RT_VERSION/1/0x409 entry, at section RVA `rva`. */
function resourceSection(rva: number, strings: Readonly<Record<string, string>>): Buffer {
  const data = versionResource(strings);
  const head = Buffer.alloc(88);
  const dir = (at: number, id: number, target: number) => {
    head.writeUInt16LE(1, at + 14);
    head.writeUInt32LE(id, at + 16);
    head.writeUInt32LE(target >>> 0, at + 20);
  };
  dir(0, 16, 0x80000000 | 24);
  dir(24, 1, 0x80000000 | 48);
  dir(48, 0x409, 72);
  head.writeUInt32LE(rva + 88, 72);
  head.writeUInt32LE(data.length, 76);
  return Buffer.concat([head, data]);
}

/** .idata: descriptors, lookup tables, address tables, hint/name entries, DLL names. */
function importSection(rva: number, imports: readonly ImportSpec[]): Buffer {
  const descriptorsSize = (imports.length + 1) * 20;
  let cursor = descriptorsSize;
  const thunks = imports.map((d) => {
    const lookup = cursor;
    cursor += (d.functions.length + 1) * 4;
    const address = cursor;
    cursor += (d.functions.length + 1) * 4;
    return { lookup, address };
  });
  const names: { at: number; bytes: Buffer }[] = [];
  const place = (bytes: Buffer): number => {
    const at = alignUp(cursor, 2);
    cursor = at + bytes.length;
    names.push({ at, bytes });
    return at;
  };
  const out: { descriptor: number[]; thunkValues: number[]; dllName: number }[] = imports.map((d) => ({
    descriptor: [],
    thunkValues: d.functions.map((f) =>
      typeof f === "number"
        ? 0x80000000 | f
        : rva + place(Buffer.concat([Buffer.alloc(2), Buffer.from(`${f}\0`, "latin1")])),
    ),
    dllName: rva + place(Buffer.from(`${d.dll}\0`, "latin1")),
  }));
  const section = Buffer.alloc(cursor);
  out.forEach((d, i) => {
    const t = thunks[i] as { lookup: number; address: number };
    section.writeUInt32LE(rva + t.lookup, i * 20);
    section.writeUInt32LE(d.dllName, i * 20 + 12);
    section.writeUInt32LE(rva + t.address, i * 20 + 16);
    d.thunkValues.forEach((v, j) => {
      section.writeUInt32LE(v >>> 0, t.lookup + j * 4);
      section.writeUInt32LE(v >>> 0, t.address + j * 4);
    });
  });
  for (const n of names) n.bytes.copy(section, n.at);
  return section;
}

/** Writes a PE32 (i386) file. */
export function writePe(spec: PeSpec = {}): Buffer {
  type Section = { name: string; data: Buffer; characteristics: number; directory?: number };
  const sections: Section[] = [
    { name: ".text", data: spec.code ?? Buffer.from([0xc3, 0x90, 0x90, 0x90]), characteristics: 0x60000020 },
  ];
  const rvaOf = (i: number) => SECTION_ALIGN * (i + 1);
  if (spec.imports && spec.imports.length > 0) {
    sections.push({
      name: ".idata",
      data: importSection(rvaOf(sections.length), spec.imports),
      characteristics: 0xc0000040,
      directory: 1,
    });
  }
  if (spec.versionInfo) {
    sections.push({
      name: ".rsrc",
      data: resourceSection(rvaOf(sections.length), spec.versionInfo),
      characteristics: 0x40000040,
      directory: 2,
    });
  }
  const headersSize = FILE_ALIGN;
  let raw = headersSize;
  const placed = sections.map((s, i) => {
    const rawSize = alignUp(s.data.length, FILE_ALIGN);
    const p = { ...s, rva: rvaOf(i), rawOffset: raw, rawSize };
    raw += rawSize;
    return p;
  });
  const file = Buffer.alloc(raw);
  file.write("MZ", 0, "latin1");
  file.writeUInt32LE(PE_OFFSET, 0x3c);
  file.writeUInt32BE(0x50450000, PE_OFFSET);
  const coff = PE_OFFSET + 4;
  file.writeUInt16LE(0x014c, coff);
  file.writeUInt16LE(placed.length, coff + 2);
  file.writeUInt32LE(spec.timestamp ?? 0x5e8f1a00, coff + 4);
  file.writeUInt16LE(OPTIONAL_SIZE, coff + 16);
  file.writeUInt16LE(0x0102 | (spec.dll ? 0x2000 : 0), coff + 18);
  const opt = coff + 20;
  file.writeUInt16LE(0x10b, opt);
  file.writeUInt32LE(SECTION_ALIGN, opt + 16); // entry point: start of .text
  file.writeUInt32LE(0x400000, opt + 28);
  file.writeUInt32LE(SECTION_ALIGN, opt + 32);
  file.writeUInt32LE(FILE_ALIGN, opt + 36);
  file.writeUInt16LE(6, opt + 40);
  file.writeUInt16LE(6, opt + 48);
  file.writeUInt32LE(rvaOf(placed.length), opt + 56);
  file.writeUInt32LE(headersSize, opt + 60);
  file.writeUInt16LE(3, opt + 68); // windows-cui
  file.writeUInt32LE(16, opt + 92);
  for (const s of placed) {
    if (s.directory !== undefined) {
      file.writeUInt32LE(s.rva, opt + 96 + s.directory * 8);
      file.writeUInt32LE(s.data.length, opt + 96 + s.directory * 8 + 4);
    }
  }
  placed.forEach((s, i) => {
    const h = opt + OPTIONAL_SIZE + i * 40;
    file.write(s.name, h, "latin1");
    file.writeUInt32LE(s.data.length, h + 8);
    file.writeUInt32LE(s.rva, h + 12);
    file.writeUInt32LE(s.rawSize, h + 16);
    file.writeUInt32LE(s.rawOffset, h + 20);
    file.writeUInt32LE(s.characteristics >>> 0, h + 36);
    s.data.copy(file, s.rawOffset);
  });
  return file;
}

/** A key pair and its certificate. */
export interface TestSigner {
  readonly privateKey: webcrypto.CryptoKey;
  readonly certificate: pkijs.Certificate;
}

const ALGORITHM = {
  name: "RSASSA-PKCS1-v1_5",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: "SHA-256",
};

function commonName(cn: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({ type: "2.5.4.3", value: new asn1js.Utf8String({ value: cn }) }),
    ],
  });
}

/** Makes a certificate for `cn`: self-signed (a root) or issued by `issuer`. */
export async function createTestCertificate(
  cn: string,
  serial: number,
  issuer?: TestSigner,
): Promise<TestSigner> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, [
    "sign",
    "verify",
  ])) as webcrypto.CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: serial });
  cert.subject = commonName(cn);
  cert.issuer = issuer ? issuer.certificate.subject : commonName(cn);
  cert.notBefore.value = new Date("2024-01-01T00:00:00Z");
  cert.notAfter.value = new Date("2034-01-01T00:00:00Z");
  const basic = new pkijs.BasicConstraints({ cA: issuer === undefined });
  cert.extensions = [
    new pkijs.Extension({
      extnID: "2.5.29.19",
      critical: true,
      extnValue: basic.toSchema().toBER(false),
      parsedValue: basic,
    }),
  ];
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  await cert.sign(issuer ? issuer.privateKey : keys.privateKey, "SHA-256");
  return { privateKey: keys.privateKey, certificate: cert };
}

/** The Authenticode SHA-256 of `pe` once a certificate table is appended at its end. */
function authenticodeSha256(pe: Buffer): Buffer {
  const lfanew = pe.readUInt32LE(0x3c);
  const checksum = lfanew + 24 + 64;
  const security = lfanew + 24 + 96 + 32;
  return createHash("sha256")
    .update(pe.subarray(0, checksum))
    .update(pe.subarray(checksum + 4, security))
    .update(pe.subarray(security + 8))
    .digest();
}

/** Appends an Authenticode signature by `signer` (with `chain` certificates in the bundle) to `pe`. */
export async function signPe(
  pe: Buffer,
  signer: TestSigner,
  chain: readonly pkijs.Certificate[] = [],
): Promise<Buffer> {
  const unsigned = Buffer.concat([pe, Buffer.alloc(alignUp(pe.length, 8) - pe.length)]);
  const spc = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.ObjectIdentifier({ value: "1.3.6.1.4.1.311.2.1.15" }), new asn1js.BitString()],
      }),
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [new asn1js.ObjectIdentifier({ value: "2.16.840.1.101.3.4.2.1" }), new asn1js.Null()],
          }),
          new asn1js.OctetString({ valueHex: authenticodeSha256(unsigned) }),
        ],
      }),
    ],
  });
  const spcDer = Buffer.from(spc.toBER(false));
  const header = (spcDer[1] ?? 0) < 0x80 ? 2 : 2 + ((spcDer[1] ?? 0) & 0x7f);
  const messageDigest = createHash("sha256").update(spcDer.subarray(header)).digest();
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: "1.3.6.1.4.1.311.2.1.4",
      // Authenticode puts a SEQUENCE here, not the OCTET STRING pkijs types it as
      eContent: spc as unknown as asn1js.OctetString,
    }),
    certificates: [signer.certificate, ...chain],
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: signer.certificate.issuer,
          serialNumber: signer.certificate.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: "1.2.840.113549.1.9.3",
              values: [new asn1js.ObjectIdentifier({ value: "1.3.6.1.4.1.311.2.1.4" })],
            }),
            new pkijs.Attribute({
              type: "1.2.840.113549.1.9.5",
              values: [new asn1js.UTCTime({ valueDate: new Date("2025-03-04T05:06:07Z") })],
            }),
            new pkijs.Attribute({
              type: "1.2.840.113549.1.9.4",
              values: [new asn1js.OctetString({ valueHex: messageDigest })],
            }),
          ],
        }),
      }),
    ],
  });
  await signed.sign(signer.privateKey, 0, "SHA-256");
  const info = new pkijs.ContentInfo({ contentType: "1.2.840.113549.1.7.2", content: signed.toSchema(true) });
  const der = Buffer.from(info.toSchema().toBER(false));
  const length = 8 + der.length;
  const entry = Buffer.alloc(alignUp(length, 8));
  entry.writeUInt32LE(length, 0);
  entry.writeUInt16LE(0x0200, 4);
  entry.writeUInt16LE(0x0002, 6);
  der.copy(entry, 8);
  const out = Buffer.concat([unsigned, entry]);
  const security = out.readUInt32LE(0x3c) + 24 + 96 + 32;
  out.writeUInt32LE(unsigned.length, security);
  out.writeUInt32LE(entry.length, security + 4);
  return out;
}
