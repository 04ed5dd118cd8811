/**
 * GUIDs for the EVTX writer. Input: a GUID string, or a seed to derive a stable GUID from.
 * Output: the 16 bytes Windows writes (Data1–Data3 little-endian, Data4 as is), the canonical
 * `{UPPER-CASE}` rendering, and deterministic name-based GUIDs (SHA-1, version 5 layout) so
 * that generated files are byte-for-byte reproducible.
 */
import { createHash } from "node:crypto";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";

const GUID_RE =
  /^\{?([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})\}?$/;

/** The 16 bytes of a GUID as stored in EVTX (mixed endian). */
export function guidToBytes(guid: string): Buffer {
  const m = GUID_RE.exec(guid);
  if (!m)
    throw new MikiwameError(
      "E_EVTX_WRITE",
      `"${guid}" is not a GUID like {01234567-89AB-CDEF-0123-456789ABCDEF}`,
    );
  const b = Buffer.alloc(16);
  b.writeUInt32LE(Number.parseInt(m[1]!, 16), 0);
  b.writeUInt16LE(Number.parseInt(m[2]!, 16), 4);
  b.writeUInt16LE(Number.parseInt(m[3]!, 16), 6);
  Buffer.from(m[4]! + m[5]!, "hex").copy(b, 8);
  return b;
}

/** `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}` in upper case, from the stored bytes. */
export function guidFromBytes(b: Uint8Array): string {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const h = (n: number, w: number) => n.toString(16).padStart(w, "0");
  const d1 = h(buf.readUInt32LE(0), 8);
  const d2 = h(buf.readUInt16LE(4), 4);
  const d3 = h(buf.readUInt16LE(6), 4);
  const d4 = buf.subarray(8, 10).toString("hex");
  const d5 = buf.subarray(10, 16).toString("hex");
  return `{${d1}-${d2}-${d3}-${d4}-${d5}}`.toUpperCase();
}

/** The canonical rendering of a GUID string: braces, upper case. */
export function normalizeGuid(guid: string): string {
  return guidFromBytes(guidToBytes(guid));
}

/** A stable GUID derived from `seed` (SHA-1, RFC 4122 version 5 bits), in canonical form. */
export function guidFromSeed(seed: string): string {
  const d = createHash("sha1").update(seed, "utf8").digest().subarray(0, 16);
  d[6] = (d[6]! & 0x0f) | 0x50;
  d[8] = (d[8]! & 0x3f) | 0x80;
  const hex = d.toString("hex");
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`.toUpperCase();
}
