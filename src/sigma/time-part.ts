/**
 * The time modifiers (`minute`, `hour`, `day`, `week`, `month`, `year`): a part of a date, in UTC
 * (the spec says they do no timezone conversion). Dates are read from a field (ISO-8601, or the
 * `YYYY-MM-DD hh:mm:ss.fff` form of Sysmon's UtcTime), or from the event time when the rule names
 * a generic time field the event does not have (see EVENT_TIME_FIELDS).
 * Input: a date string or epoch milliseconds. Output: the number of the requested part.
 */

export const TIME_PARTS = ["minute", "hour", "day", "week", "month", "year"] as const;
export type TimePart = (typeof TIME_PARTS)[number];

/** Generic names a rule may use for "the event's time"; used when the event has no such field. */
export const EVENT_TIME_FIELDS = [
  "timestamp",
  "@timestamp",
  "_time",
  "time",
  "EventTime",
  "UtcTime",
] as const;

const DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Epoch milliseconds of a date string, or undefined when it is not a date we read. */
export function parseDateMs(s: string): number | undefined {
  const m = DATE_RE.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", sec = "0", frac = "", tz] = m;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return undefined;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  // Date.UTC rolls 2026-13-45 over into 2027: reject dates that do not exist
  const check = new Date(ms);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return undefined;
  if (frac) ms += Number(frac.slice(0, 3).padEnd(3, "0"));
  if (tz && tz.toUpperCase() !== "Z") {
    const sign = tz[0] === "-" ? -1 : 1;
    const digits = tz.slice(1).replace(":", "");
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return ms;
}

/** The requested part of a UTC time (week: ISO-8601 week number, 1–53). */
export function timePartOf(ms: number, part: TimePart): number {
  const d = new Date(ms);
  switch (part) {
    case "minute":
      return d.getUTCMinutes();
    case "hour":
      return d.getUTCHours();
    case "day":
      return d.getUTCDate();
    case "month":
      return d.getUTCMonth() + 1;
    case "year":
      return d.getUTCFullYear();
    case "week":
      return isoWeek(d);
  }
}

function isoWeek(d: Date): number {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day); // the Thursday of this week decides the year
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
}
