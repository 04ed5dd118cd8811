/**
 * Decodes BinXML typed values (substitution values and in-stream value tokens) into field values,
 * rendered the way Windows renders them: GUIDs `{UPPER}`, hex types `0x…` without padding,
 * binary as upper-case hex, SIDs `S-1-…`, times ISO-8601 with 7 fractional digits.
 * 64-bit integers stay exact: numbers when ≤ 2^53, bigint above.
 */
import type { FieldValue } from "../../events/field-value.js";
import { ARRAY_FLAG, VALUE_TYPE } from "./binxml-tokens.js";
import { decodeUtf16Trimmed } from "./utf16.js";
import { filetimeToIso, systemtimeToIso } from "./windows-time.js";

/** "00".."FF" by byte value */
const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).toUpperCase().padStart(2, "0"),
);

export function hexUpper(buf: Buffer, off: number, len: number): string {
  let s = "";
  for (let i = 0; i < len; i++) s += HEX_BYTE[buf[off + i]!]!;
  return s;
}

/** GUID in Windows' rendering `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}` (first three groups little-endian). */
export function decodeGuid(buf: Buffer, off: number): string {
  const h = HEX_BYTE;
  return (
    "{" +
    h[buf[off + 3]!]! +
    h[buf[off + 2]!]! +
    h[buf[off + 1]!]! +
    h[buf[off]!]! +
    "-" +
    h[buf[off + 5]!]! +
    h[buf[off + 4]!]! +
    "-" +
    h[buf[off + 7]!]! +
    h[buf[off + 6]!]! +
    "-" +
    hexUpper(buf, off + 8, 2) +
    "-" +
    hexUpper(buf, off + 10, 6) +
    "}"
  );
}

/**
 * GUIDs, SIDs and 64-bit hex values repeat from record to record (provider GUIDs, the same few accounts,
 * keywords): their rendering is cached by their raw bytes. Bounded: the cache is dropped when full.
 */
const RENDER_CACHE_MAX = 4096;
let renderCache = new Map<string, string | undefined>();

function renderCached(
  buf: Buffer,
  off: number,
  len: number,
  render: (buf: Buffer, off: number, len: number) => string | undefined,
): string | undefined {
  const key = buf.toString("latin1", off, off + len);
  let v = renderCache.get(key);
  if (v === undefined && !renderCache.has(key)) {
    v = render(buf, off, len);
    if (renderCache.size >= RENDER_CACHE_MAX) renderCache = new Map();
    renderCache.set(key, v);
  }
  return v;
}

function sidOfSize(buf: Buffer, off: number, len: number): string | undefined {
  return decodeSid(buf, off, len);
}

/** Decodes a SID; returns undefined when `len` is too short for what the SID header claims. */
export function decodeSid(buf: Buffer, off: number, len: number): string | undefined {
  if (len < 8) return undefined;
  const rev = buf[off]!;
  const count = buf[off + 1]!;
  if (8 + count * 4 > len) return undefined;
  // 48-bit big-endian authority
  const auth = buf.readUIntBE(off + 2, 6);
  let s = `S-${rev}-${auth}`;
  for (let i = 0; i < count; i++) s += `-${buf.readUInt32LE(off + 8 + i * 4)}`;
  return s;
}

export function hex64(buf: Buffer, off: number): string {
  const lo = buf.readUInt32LE(off);
  const hi = buf.readUInt32LE(off + 4);
  return hi === 0 ? `0x${lo.toString(16)}` : `0x${hi.toString(16)}${lo.toString(16).padStart(8, "0")}`;
}

function int64(buf: Buffer, off: number, signed: boolean): number | bigint {
  const lo = buf.readUInt32LE(off);
  const hi = signed ? buf.readInt32LE(off + 4) : buf.readUInt32LE(off + 4);
  // exact when |hi| < 2^21
  if (hi >= -0x200000 && hi < 0x200000) return hi * 4294967296 + lo;
  return signed ? buf.readBigInt64LE(off) : buf.readBigUInt64LE(off);
}

/** The fixed byte size of a scalar type, or 0 for variable-size types. */
export function fixedSize(type: number): number {
  switch (type) {
    case VALUE_TYPE.INT8:
    case VALUE_TYPE.UINT8:
      return 1;
    case VALUE_TYPE.INT16:
    case VALUE_TYPE.UINT16:
      return 2;
    case VALUE_TYPE.INT32:
    case VALUE_TYPE.UINT32:
    case VALUE_TYPE.REAL32:
    case VALUE_TYPE.BOOL:
    case VALUE_TYPE.HEX_INT32:
      return 4;
    case VALUE_TYPE.INT64:
    case VALUE_TYPE.UINT64:
    case VALUE_TYPE.REAL64:
    case VALUE_TYPE.FILETIME:
    case VALUE_TYPE.HEX_INT64:
      return 8;
    case VALUE_TYPE.GUID:
    case VALUE_TYPE.SYSTEMTIME:
      return 16;
    default:
      return 0;
  }
}

/**
 * Decodes one scalar value of `type` occupying `size` bytes at `off`.
 * Returns undefined when the bytes cannot hold a value of that type (the caller reports it).
 * BinXml (0x21) is not handled here: the caller parses nested fragments itself.
 */
export function decodeScalar(buf: Buffer, off: number, size: number, type: number): FieldValue | undefined {
  switch (type) {
    case VALUE_TYPE.NULL:
      return null;
    case VALUE_TYPE.STRING:
    case VALUE_TYPE.EVT_XML:
      return decodeUtf16Trimmed(buf, off, size);
    case VALUE_TYPE.ANSI_STRING: {
      let end = off + size;
      while (end > off && buf[end - 1] === 0) end--;
      return buf.toString("latin1", off, end);
    }
    case VALUE_TYPE.INT8:
      return size >= 1 ? buf.readInt8(off) : undefined;
    case VALUE_TYPE.UINT8:
      return size >= 1 ? buf[off]! : undefined;
    case VALUE_TYPE.INT16:
      return size >= 2 ? buf.readInt16LE(off) : undefined;
    case VALUE_TYPE.UINT16:
      return size >= 2 ? buf.readUInt16LE(off) : undefined;
    case VALUE_TYPE.INT32:
      return size >= 4 ? buf.readInt32LE(off) : undefined;
    case VALUE_TYPE.UINT32:
      return size >= 4 ? buf.readUInt32LE(off) : undefined;
    case VALUE_TYPE.INT64:
      return size >= 8 ? int64(buf, off, true) : undefined;
    case VALUE_TYPE.UINT64:
      return size >= 8 ? int64(buf, off, false) : undefined;
    case VALUE_TYPE.REAL32:
      return size >= 4 ? buf.readFloatLE(off) : undefined;
    case VALUE_TYPE.REAL64:
      return size >= 8 ? buf.readDoubleLE(off) : undefined;
    case VALUE_TYPE.BOOL:
      if (size >= 4) return buf.readUInt32LE(off) !== 0;
      if (size >= 1) return buf[off] !== 0;
      return undefined;
    case VALUE_TYPE.BINARY:
      return hexUpper(buf, off, size);
    case VALUE_TYPE.GUID:
      return size >= 16 ? renderCached(buf, off, 16, decodeGuid) : undefined;
    case VALUE_TYPE.SIZE_T:
      if (size === 8) return hex64(buf, off);
      if (size === 4) return `0x${buf.readUInt32LE(off).toString(16)}`;
      return undefined;
    case VALUE_TYPE.FILETIME:
      return size >= 8 ? filetimeToIso(buf.readUInt32LE(off), buf.readUInt32LE(off + 4)) : undefined;
    case VALUE_TYPE.SYSTEMTIME:
      return size >= 16 ? systemtimeToIso(buf, off) : undefined;
    case VALUE_TYPE.SID:
      return size >= 8 && size <= 68 ? renderCached(buf, off, size, sidOfSize) : decodeSid(buf, off, size);
    case VALUE_TYPE.HEX_INT32:
      return size >= 4 ? `0x${buf.readUInt32LE(off).toString(16)}` : undefined;
    case VALUE_TYPE.HEX_INT64:
      return size >= 8 ? renderCached(buf, off, 8, hex64) : undefined;
    case VALUE_TYPE.EVT_HANDLE:
      if (size === 8) return int64(buf, off, false);
      if (size === 4) return buf.readUInt32LE(off);
      return undefined;
    default:
      return undefined;
  }
}

/** Decodes an array value (type | 0x80). Undefined when malformed. */
export function decodeArray(buf: Buffer, off: number, size: number, type: number): FieldValue | undefined {
  const base = type & ~ARRAY_FLAG;
  const out: FieldValue[] = [];
  if (base === VALUE_TYPE.STRING) {
    // NUL-separated UTF-16 strings
    let start = off;
    const end = off + (size & ~1);
    for (let p = off; p < end; p += 2) {
      if (buf[p] === 0 && buf[p + 1] === 0) {
        out.push(decodeUtf16Trimmed(buf, start, p - start));
        start = p + 2;
      }
    }
    if (start < end) out.push(decodeUtf16Trimmed(buf, start, end - start));
    return out;
  }
  if (base === VALUE_TYPE.ANSI_STRING) {
    let start = off;
    const end = off + size;
    for (let p = off; p < end; p++) {
      if (buf[p] === 0) {
        out.push(buf.toString("latin1", start, p));
        start = p + 1;
      }
    }
    if (start < end) out.push(buf.toString("latin1", start, end));
    return out;
  }
  if (base === VALUE_TYPE.SID) {
    let p = off;
    const end = off + size;
    while (p + 8 <= end) {
      const len = 8 + buf[p + 1]! * 4;
      const sid = decodeSid(buf, p, end - p);
      if (sid === undefined) return undefined;
      out.push(sid);
      p += len;
    }
    return out;
  }
  let elem = fixedSize(base);
  if (base === VALUE_TYPE.SIZE_T) elem = size % 8 === 0 ? 8 : 4;
  if (elem === 0 || size % elem !== 0) return undefined;
  for (let p = off; p < off + size; p += elem) {
    const v = decodeScalar(buf, p, elem, base);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

/** Types whose zero-size value is an empty text (string, binary as hex) rather than null. */
const EMPTY_IS_TEXT: ReadonlySet<number> = new Set([
  VALUE_TYPE.STRING,
  VALUE_TYPE.ANSI_STRING,
  VALUE_TYPE.BINARY,
  VALUE_TYPE.EVT_XML,
]);

/**
 * Decodes a substitution value that is not nested BinXML: an empty string for a zero-size string or binary,
 * null for other zero-size values, arrays by the 0x80 flag. Undefined when the bytes cannot hold the type.
 */
export function decodeSubstitution(
  buf: Buffer,
  off: number,
  size: number,
  type: number,
): FieldValue | undefined {
  if (size === 0) return EMPTY_IS_TEXT.has(type) ? "" : null;
  if (type & ARRAY_FLAG) return decodeArray(buf, off, size, type);
  return decodeScalar(buf, off, size, type);
}
