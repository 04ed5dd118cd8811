/**
 * One subject's (host's or user's) activity baseline: an hour-of-day × weekday histogram in local
 * time, the distinct active days and the span of the data. A baseline is claimed only with enough
 * data (`minEvents` on `minDays` days); then an hour is unusual when it and its neighbours hold less
 * than `rareHourShare` of the activity, and a weekday when it holds less than `rareWeekdayShare`
 * (judged only when the data spans `weekdayMinSpanDays` with `weekdayMinActiveDays` active days). Outliers count in the histogram too: with
 * the minimum data they cannot make their own hour usual unless they recur.
 * Input: local times of activity events. Output: the judgement per hour and weekday, and text for it.
 */
import type { TimeOptions } from "./time-options.js";
import type { LocalTime } from "./zone-clock.js";

/** Distinct days are counted up to this many (or `minDays` if larger): enough to claim a baseline. */
const DAYS_COUNTED = 64;

/** The thresholds a baseline is judged with. */
export type BaselineThresholds = Pick<
  TimeOptions,
  | "minEvents"
  | "minDays"
  | "rareHourShare"
  | "hourSmoothing"
  | "rareWeekdayShare"
  | "weekdayMinSpanDays"
  | "weekdayMinActiveDays"
>;

/** Hour × weekday histogram of one subject's activity. */
export class ActivityBaseline {
  /** cells[weekday * 24 + hour] */
  readonly cells = new Uint32Array(7 * 24);
  readonly hours = new Uint32Array(24);
  readonly weekdays = new Uint32Array(7);
  private totalEvents = 0;
  private readonly days = new Set<number>();
  private firstDay = Number.POSITIVE_INFINITY;
  private lastDay = Number.NEGATIVE_INFINITY;

  constructor(private readonly daysCounted: number = DAYS_COUNTED) {}

  add(t: LocalTime): void {
    this.cells[t.weekday * 24 + t.hour]++;
    this.hours[t.hour]++;
    this.weekdays[t.weekday]++;
    this.totalEvents++;
    if (this.days.size < this.daysCounted) this.days.add(t.day);
    if (t.day < this.firstDay) this.firstDay = t.day;
    if (t.day > this.lastDay) this.lastDay = t.day;
  }

  get total(): number {
    return this.totalEvents;
  }

  /** Distinct local days with activity (counted up to a bound of at least 64). */
  get activeDays(): number {
    return this.days.size;
  }

  /** Days from the first to the last active day, inclusive (0 when empty). */
  get spanDays(): number {
    return this.totalEvents === 0 ? 0 : this.lastDay - this.firstDay + 1;
  }

  /** Enough data to claim a baseline at all. */
  claimed(t: BaselineThresholds): boolean {
    return this.totalEvents >= t.minEvents && this.days.size >= t.minDays;
  }

  /** Whether the weekday part of the baseline can be judged (every weekday had its chance). */
  weekdaysClaimed(t: BaselineThresholds): boolean {
    return (
      this.claimed(t) && this.spanDays >= t.weekdayMinSpanDays && this.days.size >= t.weekdayMinActiveDays
    );
  }

  /** Usual hours (index = hour), all true when no baseline is claimed (nothing is unusual then). */
  usualHours(t: BaselineThresholds): boolean[] {
    const usual = new Array<boolean>(24).fill(true);
    if (!this.claimed(t)) return usual;
    const w = Math.floor(t.hourSmoothing);
    for (let h = 0; h < 24; h++) {
      let sum = 0;
      for (let d = -w; d <= w; d++) sum += this.hours[(h + d + 24) % 24];
      usual[h] = sum / this.totalEvents >= t.rareHourShare;
    }
    return usual;
  }

  /** Usual weekdays (0 = Sunday), all true when the weekday baseline cannot be judged. */
  usualWeekdays(t: BaselineThresholds): boolean[] {
    const usual = new Array<boolean>(7).fill(true);
    if (!this.weekdaysClaimed(t)) return usual;
    for (let d = 0; d < 7; d++) usual[d] = this.weekdays[d] / this.totalEvents >= t.rareWeekdayShare;
    return usual;
  }
}

function pad(h: number): string {
  return `${h < 10 ? "0" : ""}${h}:00`;
}

/**
 * `[false×8, true×12, false×4]` → `08:00–20:00`; runs that wrap midnight are joined
 * (`22:00–02:00`); all usual → `00:00–24:00`; none → "".
 */
export function formatHourRanges(flags: readonly boolean[]): string {
  const n = flags.length;
  if (flags.every(Boolean)) return "00:00–24:00";
  const start = flags.findIndex((f) => !f);
  if (start < 0) return "";
  const ranges: Array<{ start: number; text: string }> = [];
  // walk once around the clock starting at a non-usual hour, so no run is split at midnight
  let runStart = -1;
  for (let i = 1; i <= n; i++) {
    const h = (start + i) % n;
    if (flags[h] && runStart < 0) runStart = h;
    if (!flags[h] && runStart >= 0) {
      ranges.push({ start: runStart, text: `${pad(runStart)}–${pad(h === 0 ? 24 : h)}` });
      runStart = -1;
    }
  }
  return ranges
    .sort((a, b) => a.start - b.start)
    .map((r) => r.text)
    .join(", ");
}
