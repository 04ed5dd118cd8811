/**
 * `timeline(findings)`: places every finding on a timeline — ordered by the time of its first
 * evidence (then by severity, strongest first, then id), grouped into fixed-width buckets aligned to
 * local time in a zone (default: one hour, UTC). Findings without a time are listed apart, never
 * given an invented one.
 * Input: findings from any detector. Output: a `Timeline` of non-empty buckets, earliest first.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { EventTime } from "../../events/event.js";
import type { Finding } from "../../findings/finding.js";
import { severityRank } from "../../findings/severity.js";
import { ZoneClock } from "./zone-clock.js";

export interface TimelineOptions {
  /** Bucket width in milliseconds (at least one second) */
  readonly bucketMs: number;
  /** IANA zone the buckets are aligned to and labelled in */
  readonly timeZone: string;
}

export const DEFAULT_TIMELINE_OPTIONS: TimelineOptions = { bucketMs: 3_600_000, timeZone: "UTC" };

/** The findings whose first evidence falls in [start, end). */
export interface TimelineBucket {
  readonly start: EventTime;
  readonly end: EventTime;
  /** Local start, `2026-03-02 09:00` */
  readonly label: string;
  readonly findings: readonly Finding[];
}

export interface Timeline {
  readonly timeZone: string;
  readonly bucketMs: number;
  readonly buckets: readonly TimelineBucket[];
  /** Findings with no time, in severity order */
  readonly undated: readonly Finding[];
}

/** Timeline order: first evidence time (undated last), then severity (strongest first), then id. */
export function compareFindingsByTime(a: Finding, b: Finding): number {
  const ta = a.first?.ms ?? Number.POSITIVE_INFINITY;
  const tb = b.first?.ms ?? Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  const s = severityRank(b.severity) - severityRank(a.severity);
  if (s !== 0) return s;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function eventTime(ms: number): EventTime {
  return { iso: new Date(ms).toISOString(), ms };
}

/** Orders `findings` and groups them into buckets. Throws `E_CONFIG` on a bad option. */
export function timeline(findings: readonly Finding[], options: Partial<TimelineOptions> = {}): Timeline {
  const o: TimelineOptions = { ...DEFAULT_TIMELINE_OPTIONS, ...options };
  if (!Number.isFinite(o.bucketMs) || o.bucketMs < 1000)
    throw new MikiwameError(
      "E_CONFIG",
      `timeline bucketMs: ${o.bucketMs} is not a width of at least 1000 ms`,
    );
  const clock = new ZoneClock(o.timeZone);
  const ordered = [...findings].sort(compareFindingsByTime);
  const buckets: Array<{ start: EventTime; end: EventTime; label: string; findings: Finding[] }> = [];
  const undated: Finding[] = [];
  let current: (typeof buckets)[number] | undefined;
  let currentIndex = Number.NaN;
  for (const f of ordered) {
    if (!f.first || !Number.isFinite(f.first.ms)) {
      undated.push(f);
      continue;
    }
    const offset = clock.offsetMs(f.first.ms);
    const index = Math.floor((f.first.ms + offset) / o.bucketMs);
    if (!current || index !== currentIndex) {
      const localStart = index * o.bucketMs;
      current = {
        start: eventTime(localStart - offset),
        end: eventTime(localStart - offset + o.bucketMs),
        label: new Date(localStart).toISOString().slice(0, 16).replace("T", " "),
        findings: [],
      };
      currentIndex = index;
      buckets.push(current);
    }
    current.findings.push(f);
  }
  return { timeZone: clock.timeZone, bucketMs: o.bucketMs, buckets, undated };
}
