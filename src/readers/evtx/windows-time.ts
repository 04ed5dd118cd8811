/**
 * FILETIME and SYSTEMTIME → ISO-8601 UTC with 7 fractional digits (100 ns), exactly.
 * FILETIME counts 100 ns ticks since 1601-01-01; it does not fit a double, so it is split by hand.
 */

const EPOCH_DIFF_MS = 11644473600000;
let lastSecond = Number.NaN;
let lastPrefix = "";

/** FILETIME given as its low and high 32-bit halves. */
export function filetimeToIso(lo: number, hi: number): string {
  // ticks = hi * 2^32 + lo = 10000 * (hi * 429496) + (hi * 7296 + lo)
  const r = hi * 7296 + lo;
  const msSince1601 = hi * 429496 + Math.floor(r / 10000);
  const subMs = r % 10000;
  const unixMs = msSince1601 - EPOCH_DIFF_MS;
  const second = Math.floor(unixMs / 1000);
  if (second !== lastSecond) {
    const d = new Date(second * 1000);
    if (Number.isNaN(d.getTime())) return filetimeFallback(lo, hi);
    lastSecond = second;
    lastPrefix = d.toISOString().slice(0, 20); // "YYYY-MM-DDTHH:MM:SS."
  }
  const frac = (unixMs - second * 1000) * 10000 + subMs; // 0..9999999
  return lastPrefix + pad7(frac) + "Z";
}

/** Milliseconds since the Unix epoch (fractional, 100 ns resolution kept as far as a double allows). */
export function filetimeToUnixMs(lo: number, hi: number): number {
  const r = hi * 7296 + lo;
  return hi * 429496 + Math.floor(r / 10000) - EPOCH_DIFF_MS + (r % 10000) / 10000;
}

function pad7(n: number): string {
  const s = String(n);
  return s.length >= 7 ? s : "0000000".slice(s.length) + s;
}

function filetimeFallback(lo: number, hi: number): string {
  // Out of JavaScript Date range: render the raw tick count, exactly.
  return `FILETIME:${((BigInt(hi) << 32n) | BigInt(lo)).toString()}`;
}

/** SYSTEMTIME (16 bytes: year, month, weekday, day, hour, minute, second, milliseconds). */
export function systemtimeToIso(buf: Buffer, off: number): string {
  const y = buf.readUInt16LE(off);
  const mo = buf.readUInt16LE(off + 2);
  const d = buf.readUInt16LE(off + 6);
  const h = buf.readUInt16LE(off + 8);
  const mi = buf.readUInt16LE(off + 10);
  const s = buf.readUInt16LE(off + 12);
  const ms = buf.readUInt16LE(off + 14);
  return `${p(y, 4)}-${p(mo, 2)}-${p(d, 2)}T${p(h, 2)}:${p(mi, 2)}:${p(s, 2)}.${p(ms, 3)}0000Z`;
}

function p(n: number, w: number): string {
  return String(n).padStart(w, "0");
}
