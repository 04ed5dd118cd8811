/**
 * Windows time values for the EVTX writer: FILETIME (100 ns ticks since 1601-01-01 UTC) and
 * SYSTEMTIME (calendar fields, millisecond precision). Input: ISO-8601 UTC strings or ticks.
 * Output: ticks, SYSTEMTIME fields, and the ISO rendering decoders are expected to produce
 * (`2024-01-02T03:04:05.1234567Z`, always 7 fractional digits).
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";

/** A time given to the writer: ISO-8601 UTC (`…Z`, up to 7 fractional digits) or FILETIME ticks. */
export type WindowsTime = string | bigint;

/** FILETIME ticks between 1601-01-01 and 1970-01-01. */
export const FILETIME_UNIX_EPOCH = 116444736000000000n;

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?Z$/;

interface IsoParts {
  readonly ms: number;
  /** 100 ns ticks below the millisecond (0–9999) */
  readonly subMsTicks: number;
  readonly fraction7: string;
}

function parseIso(iso: string): IsoParts {
  const m = ISO_UTC.exec(iso);
  if (!m) {
    throw new MikiwameError(
      "E_EVTX_WRITE",
      `time "${iso}" is not ISO-8601 UTC like 2024-01-02T03:04:05.1234567Z`,
    );
  }
  const [, y, mo, d, h, mi, s, frac = ""] = m;
  const ms0 = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(ms0);
  if (
    Number.isNaN(ms0) ||
    check.getUTCDate() !== Number(d) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCHours() !== Number(h)
  ) {
    throw new MikiwameError("E_EVTX_WRITE", `time "${iso}" is not a valid calendar time`);
  }
  const fraction7 = frac.padEnd(7, "0");
  const ms = ms0 + Number(fraction7.slice(0, 3));
  return { ms, subMsTicks: Number(fraction7.slice(3)), fraction7 };
}

/** FILETIME ticks of an ISO-8601 UTC time (exact to 100 ns). */
export function fileTimeFromIso(iso: string): bigint {
  const p = parseIso(iso);
  const ticks = BigInt(p.ms) * 10000n + BigInt(p.subMsTicks) + FILETIME_UNIX_EPOCH;
  if (ticks < 0n) throw new MikiwameError("E_EVTX_WRITE", `time "${iso}" is before 1601`);
  return ticks;
}

/** FILETIME ticks of a WindowsTime. */
export function toFileTime(t: WindowsTime): bigint {
  if (typeof t === "bigint") {
    if (t < 0n || t > 0xffffffffffffffffn) {
      throw new MikiwameError("E_EVTX_WRITE", `FILETIME ${t} is out of the unsigned 64-bit range`);
    }
    return t;
  }
  return fileTimeFromIso(t);
}

/** ISO-8601 UTC with 7 fractional digits, the rendering decoders give a FILETIME. */
export function isoFromFileTime(ticks: bigint): string {
  const sinceUnix = ticks - FILETIME_UNIX_EPOCH;
  let ms = sinceUnix / 10000n;
  let sub = sinceUnix % 10000n;
  if (sub < 0n) {
    sub += 10000n;
    ms -= 1n;
  }
  const d = new Date(Number(ms));
  const base = d.toISOString().slice(0, 19);
  const frac = String(d.getUTCMilliseconds()).padStart(3, "0") + String(sub).padStart(4, "0");
  return `${base}.${frac}Z`;
}

/** A WindowsTime rendered as decoders should: ISO-8601 UTC with 7 fractional digits. */
export function normalizeWindowsTime(t: WindowsTime): string {
  return isoFromFileTime(toFileTime(t));
}

/** The eight 16-bit fields of a SYSTEMTIME, in file order. */
export interface SystemTimeFields {
  readonly year: number;
  readonly month: number;
  readonly dayOfWeek: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly milliseconds: number;
}

/** SYSTEMTIME fields of an ISO-8601 UTC time; sub-millisecond digits must be zero. */
export function systemTimeFromIso(iso: string): SystemTimeFields {
  const p = parseIso(iso);
  if (p.subMsTicks !== 0) {
    throw new MikiwameError("E_EVTX_WRITE", `SYSTEMTIME "${iso}" has sub-millisecond digits it cannot hold`);
  }
  const d = new Date(p.ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    dayOfWeek: d.getUTCDay(),
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    milliseconds: d.getUTCMilliseconds(),
  };
}
