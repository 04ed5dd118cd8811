/**
 * The Authenticode hash of a PE file and its certificate table. Input: a ByteSource, its PeHeaders and
 * a hash algorithm. Output: the digest over the file minus the three ranges the spec excludes — the
 * optional header's CheckSum, the security data-directory entry and the certificate table itself — and
 * the WIN_CERTIFICATE entries. This "whole file minus three ranges" form equals the spec's section-by-
 * section form for files whose sections follow the headers contiguously (what linkers and signtool
 * write); bytes after the last section are hashed as the spec's "extra data".
 */
import { createHash } from "node:crypto";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import { type ByteSource, forEachChunk } from "./byte-source.js";
import { DATA_DIRECTORY, type PeHeaders } from "./pe-headers.js";

/** WIN_CERTIFICATE wCertificateType of a PKCS#7 SignedData. */
export const WIN_CERT_TYPE_PKCS_SIGNED_DATA = 0x0002;
/** Bounds on the certificate table. */
export const CERTIFICATE_LIMITS = { entries: 8, tableSize: 16 * 1024 * 1024 } as const;

/** One WIN_CERTIFICATE entry. */
export interface WinCertificate {
  readonly offset: number;
  readonly revision: number;
  readonly type: number;
  readonly data: Buffer;
}

/** Where the certificate table is (a file offset and size), or undefined when the file is unsigned. */
export function certificateTableOf(headers: PeHeaders): { offset: number; size: number } | undefined {
  const dir = headers.directories[DATA_DIRECTORY.security];
  return dir && dir.address !== 0 && dir.size !== 0 ? { offset: dir.address, size: dir.size } : undefined;
}

/** Reads the WIN_CERTIFICATE entries; E_FILE_TRIAGE when the table is out of the file or malformed. */
export async function readWinCertificates(
  source: ByteSource,
  headers: PeHeaders,
  file?: string,
): Promise<WinCertificate[]> {
  const table = certificateTableOf(headers);
  if (!table) return [];
  if (table.offset + table.size > source.size || table.size > CERTIFICATE_LIMITS.tableSize) {
    throw new MikiwameError(
      "E_FILE_TRIAGE",
      `certificate table (${table.size} bytes at 0x${table.offset.toString(16)}) lies outside the file or over the limit`,
      { file, offset: headers.securityEntryOffset },
    );
  }
  const bytes = await source.read(table.offset, table.size);
  const out: WinCertificate[] = [];
  let p = 0;
  for (let i = 0; i < CERTIFICATE_LIMITS.entries && p + 8 <= bytes.length; i++) {
    const length = bytes.readUInt32LE(p);
    if (length < 8 || p + length > bytes.length) {
      throw new MikiwameError("E_FILE_TRIAGE", `WIN_CERTIFICATE length ${length} does not fit the table`, {
        file,
        offset: table.offset + p,
      });
    }
    out.push({
      offset: table.offset + p,
      revision: bytes.readUInt16LE(p + 4),
      type: bytes.readUInt16LE(p + 6),
      data: bytes.subarray(p + 8, p + length),
    });
    p += (length + 7) & ~7;
  }
  return out;
}

/** Computes the Authenticode digest (`algorithm` is a node:crypto name: sha1, sha256, …). */
export async function computeAuthenticodeHash(
  source: ByteSource,
  headers: PeHeaders,
  algorithm: string,
): Promise<Buffer> {
  const hash = createHash(algorithm);
  const update = (chunk: Buffer) => hash.update(chunk);
  const table = certificateTableOf(headers);
  const end = source.size;
  const ranges: [number, number][] = [[0, headers.checksumOffset]];
  if (headers.securityEntryOffset === -1) ranges.push([headers.checksumOffset + 4, end]);
  else {
    ranges.push([headers.checksumOffset + 4, headers.securityEntryOffset]);
    if (table && table.offset >= headers.securityEntryOffset + 8 && table.offset <= end) {
      ranges.push([headers.securityEntryOffset + 8, table.offset], [table.offset + table.size, end]);
    } else ranges.push([headers.securityEntryOffset + 8, end]);
  }
  for (const [start, stop] of ranges) await forEachChunk(source, start, stop, update);
  return hash.digest();
}
