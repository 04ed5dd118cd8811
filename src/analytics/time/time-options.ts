/**
 * Options of the time (時刻) analysis: the zone baselines are kept in, what counts as activity, the
 * minimum data below which no baseline is claimed, the rarity thresholds and the state bounds —
 * each documented with its default (`DEFAULT_TIME_OPTIONS`); the config file overrides any of them.
 * Input: a partial options object. Output: complete, checked options (`E_CONFIG` on a bad value).
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { MAX_EVIDENCE } from "../../findings/finding.js";
import { ACTIVITY_KINDS, type ActivityKind } from "./activity.js";
import { ZoneClock } from "./zone-clock.js";

/** Whose baselines are kept. */
export const BASELINE_SUBJECTS = ["host", "user"] as const;
export type BaselineSubject = (typeof BASELINE_SUBJECTS)[number];

export interface TimeOptions {
  /** IANA zone the hours and weekdays are counted in (default `UTC`; set the organisation's zone) */
  readonly timeZone: string;
  /** Activity the baselines are built from (default process creation and logons; `network` is opt-in) */
  readonly activities: readonly ActivityKind[];
  /** Baselines kept: per host, per user, or both (default both) */
  readonly subjects: readonly BaselineSubject[];
  /** Security 4624 logon types counted (default interactive, network, unlock, cleartext, new credentials, RDP, cached) */
  readonly logonTypes: readonly number[];
  /** Accounts left out (case-insensitive globs on the name without domain): machine and service accounts */
  readonly ignoreAccounts: readonly string[];
  /** A baseline needs at least this many activity events … */
  readonly minEvents: number;
  /** … on at least this many distinct local days */
  readonly minDays: number;
  /** An hour is unusual when it and its `hourSmoothing` neighbours on each side hold less than this share of the activity */
  readonly rareHourShare: number;
  /** Neighbouring hours counted with an hour (1: 07:00 is usual when 08:00 is busy) */
  readonly hourSmoothing: number;
  /** A weekday is unusual when it holds less than this share of the activity … */
  readonly rareWeekdayShare: number;
  /** … and the data spans at least this many days (so every weekday had its chance) … */
  readonly weekdayMinSpanDays: number;
  /** … with activity on at least this many distinct days (two working weeks) */
  readonly weekdayMinActiveDays: number;
  /** Hosts + users tracked; more are dropped and counted */
  readonly maxSubjects: number;
  /** Evidence kept per (subject, hour) and (subject, weekday) slot, at most MAX_EVIDENCE */
  readonly evidencePerSlot: number;
}

export const DEFAULT_TIME_OPTIONS: TimeOptions = {
  timeZone: "UTC",
  activities: ["process", "logon"],
  subjects: ["host", "user"],
  logonTypes: [2, 3, 7, 8, 9, 10, 11],
  ignoreAccounts: [
    "system",
    "local service",
    "network service",
    "anonymous logon",
    "localsystem",
    "dwm-*",
    "umfd-*",
    "*$",
  ],
  minEvents: 50,
  minDays: 3,
  rareHourShare: 0.01,
  hourSmoothing: 1,
  rareWeekdayShare: 0.02,
  weekdayMinSpanDays: 14,
  weekdayMinActiveDays: 10,
  maxSubjects: 5_000,
  evidencePerSlot: 10,
};

function bad(name: string, value: unknown, expected: string): MikiwameError {
  return new MikiwameError("E_CONFIG", `time option ${name}: ${JSON.stringify(value)} is not ${expected}`);
}

function check(name: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max)
    throw bad(name, value, `a number in ${min}..${max}`);
  return value;
}

/** Defaults overlaid with `options`, checked. Throws `E_CONFIG` naming the option on a bad value. */
export function resolveTimeOptions(options: Partial<TimeOptions> = {}): TimeOptions {
  const o: TimeOptions = { ...DEFAULT_TIME_OPTIONS, ...options };
  new ZoneClock(o.timeZone); // throws E_CONFIG for an unknown zone
  for (const a of o.activities)
    if (!(ACTIVITY_KINDS as readonly string[]).includes(a))
      throw bad("activities", a, `one of ${ACTIVITY_KINDS.join(", ")}`);
  for (const s of o.subjects)
    if (!(BASELINE_SUBJECTS as readonly string[]).includes(s))
      throw bad("subjects", s, `one of ${BASELINE_SUBJECTS.join(", ")}`);
  for (const t of o.logonTypes) if (!Number.isInteger(t) || t < 0) throw bad("logonTypes", t, "a logon type");
  for (const p of o.ignoreAccounts) if (typeof p !== "string") throw bad("ignoreAccounts", p, "a pattern");
  return {
    ...o,
    minEvents: check("minEvents", o.minEvents, 1, Number.MAX_SAFE_INTEGER),
    minDays: check("minDays", o.minDays, 1, 366),
    rareHourShare: check("rareHourShare", o.rareHourShare, 0, 1),
    hourSmoothing: check("hourSmoothing", o.hourSmoothing, 0, 11),
    rareWeekdayShare: check("rareWeekdayShare", o.rareWeekdayShare, 0, 1),
    weekdayMinSpanDays: check("weekdayMinSpanDays", o.weekdayMinSpanDays, 7, Number.MAX_SAFE_INTEGER),
    weekdayMinActiveDays: check("weekdayMinActiveDays", o.weekdayMinActiveDays, 1, 64),
    maxSubjects: check("maxSubjects", o.maxSubjects, 0, Number.MAX_SAFE_INTEGER),
    evidencePerSlot: check("evidencePerSlot", o.evidencePerSlot, 0, MAX_EVIDENCE),
  };
}
