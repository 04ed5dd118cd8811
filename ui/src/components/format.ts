/**
 * How the UI writes times, durations, percentages and sizes. Times are shown in UTC (the logs' own
 * clock, the same in every analyst's browser). Input: API values. Output: short display strings.
 */

/** `2026-03-02 09:14:03Z` from an ISO time (milliseconds dropped); "" when absent or unreadable. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return "";
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")}Z`;
}

/** A duration in the largest fitting unit: `45 s`, `12 min`, `3 h`, `5 d`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `${min} min`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.round(h / 24)} d`;
}

/** How long ago an ISO time was, relative to `now`; "" when absent. */
export function formatAge(iso: string | undefined, now: number = Date.now()): string {
  if (!iso) return "";
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? formatDuration(now - ms) : "";
}

/** 0.874 → `87%`. */
export function formatPercent(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? "" : `${Math.round(x * 100)}%`;
}

/** 248832 → `243 KiB`. */
export function formatBytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return "";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** The file name of a Windows or POSIX path. */
export function baseName(path: string | undefined): string {
  if (!path) return "";
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** A value of unknown JSON type as one line (objects as JSON), bounded. */
export function displayValue(v: unknown, max = 300): string {
  const s = typeof v === "string" ? v : v === undefined ? "" : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
