/**
 * Event times: turns the time values found in records (EVTX TimeCreated, ISO-8601 strings with or
 * without a zone, epoch numbers in s/ms/µs/ns, Zeek `ts`) into an `EventTime` — an ISO-8601 UTC
 * string with the source's full precision and a fractional millisecond count.
 * Input: an unknown value. Output: an EventTime, or undefined when the value is not a usable time
 * (the caller reports it; a missing time is never replaced by "now").
 */
import type { EventTime } from "../events/event.js";

/** Years we accept; anything else is a decoding error upstream, not a real event time. */
const MIN_YEAR = 1601;
const MAX_YEAR = 9999;
const MIN_MS = Date.UTC(MIN_YEAR, 0, 1);
const MAX_MS = Date.UTC(MAX_YEAR, 11, 31, 23, 59, 59, 999);
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
/** 10^n for fraction scaling, n = 0..9 */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9] as const;
const MAX_FRACTION_DIGITS = 9;

/**
 * Parses any supported time value: ISO-8601 strings (`T` or space separator, optional fraction of up
 * to 9 digits, `Z`, `±HH:MM`, `±HHMM` or no zone = UTC), epoch numbers or digit strings (seconds,
 * milliseconds, microseconds or nanoseconds, chosen by magnitude) and bigints (same).
 */
export function parseTime(value: unknown): EventTime | undefined {
  if (typeof value === "string") return parseTimeString(value);
  if (typeof value === "number") return fromEpochNumber(value);
  if (typeof value === "bigint") return fromEpochNumber(Number(value));
  return undefined;
}

/** Parses a time string (ISO-8601, or an epoch number written as digits). */
export function parseTimeString(s: string): EventTime | undefined {
  const n = s.length;
  if (n === 0 || n > 64) return undefined;
  const c0 = s.charCodeAt(0);
  if (n >= 19 && s.charCodeAt(4) === 45 /* - */) return parseIso(s);
  if ((c0 >= 48 && c0 <= 57) || c0 === 45) {
    const num = Number(s);
    if (Number.isFinite(num)) return fromEpochNumber(num);
  }
  return undefined;
}

/**
 * Epoch seconds as Zeek writes them (`1258531221.486539`): the ISO string keeps microseconds,
 * which is Zeek's precision. Non-numbers and strings go through `parseTime`.
 */
export function parseZeekTime(value: unknown): EventTime | undefined {
  let seconds: number;
  if (typeof value === "number") seconds = value;
  else if (typeof value === "string") {
    const num = Number(value);
    if (value === "" || !Number.isFinite(num)) return parseTimeString(value);
    seconds = num;
  } else return parseTime(value);
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
  return fromEpochSeconds(seconds, 6);
}

/** Picks the unit of an epoch number by magnitude: s (< 1e11), ms (< 1e14), µs (< 1e17), else ns. */
function fromEpochNumber(num: number): EventTime | undefined {
  if (!Number.isFinite(num) || num <= 0) return undefined;
  if (num < 1e11) return fromEpochSeconds(num, 6);
  if (num < 1e14) return fromEpochSeconds(num / 1e3, 6);
  if (num < 1e17) return fromEpochSeconds(num / 1e6, 6);
  return fromEpochSeconds(num / 1e9, 6);
}

function fromEpochSeconds(seconds: number, digits: number): EventTime | undefined {
  let whole = Math.floor(seconds);
  const scale = POW10[digits];
  let frac = Math.round((seconds - whole) * scale);
  if (frac >= scale) {
    whole += 1;
    frac -= scale;
  }
  const wholeMs = whole * 1000;
  if (wholeMs < MIN_MS || wholeMs > MAX_MS) return undefined;
  const base = new Date(wholeMs).toISOString().slice(0, 19);
  const fracText = String(frac).padStart(digits, "0");
  return { iso: `${base}.${fracText}Z`, ms: wholeMs + (frac * 1000) / scale };
}

function digitsAt(s: string, start: number, count: number): number {
  let v = 0;
  for (let i = start; i < start + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** `YYYY-MM-DD[T ]HH:MM:SS[.f{1,}][Z|±HH:MM|±HHMM]` */
function parseIso(s: string): EventTime | undefined {
  const n = s.length;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  const sep = s.charCodeAt(10);
  const hour = digitsAt(s, 11, 2);
  const minute = digitsAt(s, 14, 2);
  const second = digitsAt(s, 17, 2);
  if (
    s.charCodeAt(7) !== 45 ||
    (sep !== 84 /* T */ && sep !== 32 /* space */ && sep !== 116) /* t */ ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58 ||
    year < MIN_YEAR ||
    year > MAX_YEAR ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > DAYS_IN_MONTH[month - 1] ||
    (month === 2 && day === 29 && !isLeapYear(year)) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 60
  ) {
    return undefined;
  }
  let i = 19;
  let fracStart = 0;
  let fracLen = 0;
  if (i < n && s.charCodeAt(i) === 46 /* . */) {
    i++;
    fracStart = i;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      i++;
    }
    fracLen = i - fracStart;
    if (fracLen === 0) return undefined;
  }
  // Zone
  let offsetMinutes = 0;
  let zoneOk = false;
  if (i === n) zoneOk = true;
  else {
    const z = s.charCodeAt(i);
    if ((z === 90 /* Z */ || z === 122) /* z */ && i + 1 === n) zoneOk = true;
    else if (z === 43 /* + */ || z === 45 /* - */) {
      const oh = digitsAt(s, i + 1, 2);
      let om = -1;
      if (n === i + 6 && s.charCodeAt(i + 3) === 58) om = digitsAt(s, i + 4, 2);
      else if (n === i + 5) om = digitsAt(s, i + 3, 2);
      else if (n === i + 3) om = 0;
      if (oh >= 0 && oh <= 23 && om >= 0 && om <= 59) {
        offsetMinutes = (z === 43 ? 1 : -1) * (oh * 60 + om);
        zoneOk = true;
      }
    }
  }
  if (!zoneOk) return undefined;
  const keptLen = Math.min(fracLen, MAX_FRACTION_DIGITS);
  const fracValue = keptLen > 0 ? digitsAt(s, fracStart, keptLen) : 0;
  const wholeMs = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  const ms = wholeMs + (fracValue * 1000) / POW10[keptLen];
  // Already canonical (T separator, Z, at most 9 fraction digits): reuse the input string.
  if (sep === 84 && offsetMinutes === 0 && s.charCodeAt(n - 1) === 90 && fracLen === keptLen) {
    return { iso: s, ms };
  }
  const fracText = keptLen > 0 ? `.${s.slice(fracStart, fracStart + keptLen)}` : "";
  const base =
    offsetMinutes === 0 && second < 60
      ? `${s.slice(0, 10)}T${s.slice(11, 19)}`
      : new Date(wholeMs).toISOString().slice(0, 19);
  return { iso: `${base}${fracText}Z`, ms };
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Units of epoch times, as a field-mapping file names them. */
export const EPOCH_UNITS = ["epoch-seconds", "epoch-millis", "epoch-micros", "epoch-nanos"] as const;
export type EpochUnit = (typeof EPOCH_UNITS)[number];
const UNIT_DIVISOR: Readonly<Record<EpochUnit, number>> = {
  "epoch-seconds": 1,
  "epoch-millis": 1e3,
  "epoch-micros": 1e6,
  "epoch-nanos": 1e9,
};

/** An epoch number (or digit string, or bigint) in a known unit. */
export function parseEpoch(value: unknown, unit: EpochUnit): EventTime | undefined {
  let num: number;
  if (typeof value === "number") num = value;
  else if (typeof value === "bigint") num = Number(value);
  else if (typeof value === "string" && value.length > 0 && value.length <= 32) num = Number(value);
  else return undefined;
  if (!Number.isFinite(num) || num <= 0) return undefined;
  return fromEpochSeconds(num / UNIT_DIVISOR[unit], 6);
}
