/**
 * Security identifiers for the EVTX writer. Input: `S-1-5-21-…`. Output: the binary SID
 * (revision, sub-authority count, 48-bit big-endian authority, 32-bit little-endian
 * sub-authorities) and its canonical string.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";

const SID_RE = /^S-(\d+)-(\d+)((?:-\d+)*)$/i;

/** The binary form of a SID string. */
export function sidToBytes(sid: string): Buffer {
  const m = SID_RE.exec(sid);
  if (!m) throw new MikiwameError("E_EVTX_WRITE", `"${sid}" is not a SID like S-1-5-21-1-2-3-1001`);
  const revision = Number(m[1]);
  const authority = BigInt(m[2]!);
  const subs = m[3] ? m[3].slice(1).split("-").map(Number) : [];
  if (
    revision > 0xff ||
    authority > 0xffffffffffffn ||
    subs.length > 15 ||
    subs.some((s) => s > 0xffffffff)
  ) {
    throw new MikiwameError("E_EVTX_WRITE", `SID "${sid}" has a part out of range`);
  }
  const b = Buffer.alloc(8 + 4 * subs.length);
  b.writeUInt8(revision, 0);
  b.writeUInt8(subs.length, 1);
  b.writeUIntBE(Number(authority), 2, 6);
  subs.forEach((s, i) => {
    b.writeUInt32LE(s, 8 + 4 * i);
  });
  return b;
}

/** The canonical string of a SID (upper-case `S`, decimal parts). */
export function normalizeSid(sid: string): string {
  const b = sidToBytes(sid);
  const parts = [`S-${b[0]}-${b.readUIntBE(2, 6)}`];
  for (let i = 0; i < b[1]!; i++) parts.push(String(b.readUInt32LE(8 + 4 * i)));
  return parts.join("-");
}
