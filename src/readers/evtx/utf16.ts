/**
 * UTF-16LE decoding for EVTX. Node's internal `ucs2Slice` (what `toString("utf16le")` calls after its
 * argument checks) measured fastest here even for short strings (names, numbers), ahead of a JS loop.
 */

interface Ucs2Buffer extends Buffer {
  ucs2Slice(start: number, end: number): string;
}

const hasUcs2Slice = typeof (Buffer.prototype as Partial<Ucs2Buffer>).ucs2Slice === "function";

/** Decodes `chars` UTF-16LE code units at `off`. Unpaired surrogates are kept as-is (like Windows). */
export function decodeUtf16(buf: Buffer, off: number, chars: number): string {
  if (chars <= 0) return "";
  return hasUcs2Slice
    ? (buf as Ucs2Buffer).ucs2Slice(off, off + chars * 2)
    : buf.toString("utf16le", off, off + chars * 2);
}

/** Decodes a UTF-16LE byte range and drops trailing NUL characters (substitution strings often end in one). */
export function decodeUtf16Trimmed(buf: Buffer, off: number, byteLen: number): string {
  let chars = byteLen >>> 1;
  while (chars > 0 && buf[off + chars * 2 - 2] === 0 && buf[off + chars * 2 - 1] === 0) chars--;
  return decodeUtf16(buf, off, chars);
}
