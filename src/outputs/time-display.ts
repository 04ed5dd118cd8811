/**
 * Times as shown in terminal reports. Input: an event time (ISO-8601 UTC) and the configured display
 * zone (`UTC`, `local` or an IANA name). Output: `YYYY-MM-DD HH:MM:SS…`. In UTC the source's full
 * precision is kept (`2019-03-19 23:44:01.1234567Z`); other zones show milliseconds and the offset.
 * JSON output never uses this: it always carries the ISO UTC string.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: timeZone === "local" ? undefined : timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      fractionalSecondDigits: 3,
      hourCycle: "h23",
      timeZoneName: "longOffset",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** `iso` for display in `timeZone`; the input unchanged (with `T` → space) when it cannot be parsed. */
export function formatDisplayTime(iso: string, timeZone: string): string {
  if (timeZone === "UTC") return iso.replace("T", " ");
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso.replace("T", " ");
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  const offset = (parts.timeZoneName ?? "").replace(/^GMT/, "") || "+00:00";
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}.${parts.fractionalSecond} ${offset}`;
}
