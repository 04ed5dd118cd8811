/**
 * The time (時刻) analyzer: builds per-host and per-user activity baselines (hour-of-day × weekday,
 * in a configurable zone) from the data itself and reports activity outside them — process creation
 * or logons at 03:00 on a host only active 08–19, or on a Sunday on a host only active on weekdays.
 * Events arrive in file order only, so judgement waits for `finish`: meanwhile each subject keeps
 * counters and the earliest evidence per hour and weekday slot. State is bounded by `maxSubjects`
 * (later subjects are dropped and counted) and `evidencePerSlot`.
 * Input: events. Output: `time.*` findings.
 */
import type { Event } from "../../events/event.js";
import type { Analyzer, Finding } from "../../findings/finding.js";
import { ACTIVITY_KINDS, type Activity, type ActivityKind, classifyActivity } from "./activity.js";
import { AccountFilter } from "./account-filter.js";
import { ActivityBaseline, formatHourRanges } from "./activity-baseline.js";
import { EarliestEvidence } from "./earliest-evidence.js";
import { unusualSlotFinding } from "./time-findings.js";
import { type BaselineSubject, resolveTimeOptions, type TimeOptions } from "./time-options.js";
import { type LocalTime, ZoneClock } from "./zone-clock.js";

/** The evidence of one hour or weekday slot, and the host of its earliest event. */
interface Slot {
  readonly evidence: EarliestEvidence;
  host: string;
  hostMs: number;
}

interface SubjectState {
  readonly subject: BaselineSubject;
  readonly name: string;
  readonly baseline: ActivityBaseline;
  /** counts[kindIndex * 168 + weekday * 24 + hour] */
  readonly counts: Uint32Array;
  readonly hourSlots: Array<Slot | undefined>;
  readonly weekdaySlots: Array<Slot | undefined>;
}

const CELLS = 7 * 24;

/** One subject's baseline as reports show it. */
export interface BaselineSummary {
  readonly subject: BaselineSubject;
  readonly name: string;
  /** Enough data (`minEvents` on `minDays`); when false nothing about this subject is called unusual */
  readonly claimed: boolean;
  readonly events: number;
  /** Distinct local days with activity (counted up to at least 64) */
  readonly activeDays: number;
  readonly spanDays: number;
  /** `08:00–20:00` when claimed */
  readonly usualHours: string | undefined;
  /** Usual weekdays (0 = Sunday) when the data spans enough days to judge them */
  readonly usualWeekdays: readonly number[] | undefined;
}

/** Time analysis over the event stream (see the module header). */
export class TimeAnalyzer implements Analyzer {
  readonly name = "time";
  readonly options: TimeOptions;
  private readonly clock: ZoneClock;
  private readonly accounts: AccountFilter;
  private readonly logonTypes: ReadonlySet<number>;
  private readonly kinds: ReadonlySet<ActivityKind>;
  private readonly subjects = new Map<string, SubjectState>();
  private readonly counts = {
    events: 0,
    activities: 0,
    untimed: 0,
    ignoredAccounts: 0,
    subjectsDropped: 0,
  };

  /** `options` override `DEFAULT_TIME_OPTIONS`; throws `E_CONFIG` on a bad value (e.g. an unknown zone). */
  constructor(options: Partial<TimeOptions> = {}) {
    this.options = resolveTimeOptions(options);
    this.clock = new ZoneClock(this.options.timeZone);
    this.accounts = new AccountFilter(this.options.ignoreAccounts);
    this.logonTypes = new Set(this.options.logonTypes);
    this.kinds = new Set(this.options.activities);
  }

  observe(event: Event): void {
    this.counts.events++;
    const activity = classifyActivity(event, this.logonTypes, this.kinds);
    if (!activity) return;
    this.counts.activities++;
    if (!event.time) {
      this.counts.untimed++;
      return;
    }
    if (activity.user !== undefined && this.accounts.ignores(activity.user)) {
      this.counts.ignoredAccounts++;
      return;
    }
    const local = this.clock.local(event.time.ms);
    const wanted = this.options.subjects;
    if (wanted.includes("host") && activity.host !== "")
      this.record(this.subject("host", activity.host), activity, local, event);
    if (wanted.includes("user") && activity.user !== undefined)
      this.record(this.subject("user", activity.user), activity, local, event);
  }

  finish(): Finding[] {
    const findings: Finding[] = [];
    for (const state of this.subjects.values()) findings.push(...this.judge(state));
    return findings;
  }

  stats(): Readonly<Record<string, number>> {
    let claimed = 0;
    for (const s of this.subjects.values()) if (s.baseline.claimed(this.options)) claimed++;
    return { ...this.counts, subjects: this.subjects.size, baselinesClaimed: claimed };
  }

  /** Every tracked host's and user's baseline, for reports ("usual hours of WS1: 08:00–20:00"). */
  baselines(): BaselineSummary[] {
    const o = this.options;
    return [...this.subjects.values()].map((s) => {
      const b = s.baseline;
      const weekdays = b.weekdaysClaimed(o) ? b.usualWeekdays(o) : undefined;
      return {
        subject: s.subject,
        name: s.name,
        claimed: b.claimed(o),
        events: b.total,
        activeDays: b.activeDays,
        spanDays: b.spanDays,
        usualHours: b.claimed(o) ? formatHourRanges(b.usualHours(o)) : undefined,
        usualWeekdays: weekdays ? [0, 1, 2, 3, 4, 5, 6].filter((d) => weekdays[d]) : undefined,
      };
    });
  }

  private subject(subject: BaselineSubject, name: string): SubjectState | undefined {
    const key = `${subject}:${name}`;
    const hit = this.subjects.get(key);
    if (hit) return hit;
    if (this.subjects.size >= this.options.maxSubjects) {
      this.counts.subjectsDropped++;
      return undefined;
    }
    const state: SubjectState = {
      subject,
      name,
      baseline: new ActivityBaseline(Math.max(64, this.options.minDays)),
      counts: new Uint32Array(ACTIVITY_KINDS.length * CELLS),
      hourSlots: new Array<Slot | undefined>(24).fill(undefined),
      weekdaySlots: new Array<Slot | undefined>(7).fill(undefined),
    };
    this.subjects.set(key, state);
    return state;
  }

  private record(state: SubjectState | undefined, activity: Activity, local: LocalTime, event: Event): void {
    if (!state) return;
    state.baseline.add(local);
    const cell = local.weekday * 24 + local.hour;
    state.counts[ACTIVITY_KINDS.indexOf(activity.kind) * CELLS + cell]++;
    this.addToSlot(state.hourSlots, local.hour, activity.host, event);
    this.addToSlot(state.weekdaySlots, local.weekday, activity.host, event);
  }

  private addToSlot(slots: Array<Slot | undefined>, index: number, host: string, event: Event): void {
    const ms = event.time?.ms ?? Number.POSITIVE_INFINITY;
    let slot = slots[index];
    if (!slot) {
      slot = { evidence: new EarliestEvidence(this.options.evidencePerSlot), host, hostMs: ms };
      slots[index] = slot;
    } else if (ms < slot.hostMs) {
      slot.host = host;
      slot.hostMs = ms;
    }
    slot.evidence.add(event);
  }

  private kindCounts(state: SubjectState, cells: readonly number[]): Record<ActivityKind, number> {
    const out = { process: 0, logon: 0, network: 0 };
    ACTIVITY_KINDS.forEach((kind, k) => {
      for (const c of cells) out[kind] += state.counts[k * CELLS + c];
    });
    return out;
  }

  private judge(state: SubjectState): Finding[] {
    const o = this.options;
    const b = state.baseline;
    if (!b.claimed(o)) return [];
    const usualHours = b.usualHours(o);
    const usualDays = b.usualWeekdays(o);
    const weekdaysJudged = b.weekdaysClaimed(o);
    const common = {
      subject: state.subject,
      name: state.name,
      timeZone: this.clock.timeZone,
      usualHours: formatHourRanges(usualHours),
      usualWeekdays: weekdaysJudged ? [0, 1, 2, 3, 4, 5, 6].filter((d) => usualDays[d]) : [],
      baselineEvents: b.total,
      baselineDays: b.activeDays,
    };
    const findings: Finding[] = [];
    for (let h = 0; h < 24; h++) {
      const slot = state.hourSlots[h];
      if (usualHours[h] || !slot) continue;
      const cells = [0, 1, 2, 3, 4, 5, 6].map((d) => d * 24 + h);
      findings.push(
        unusualSlotFinding({
          ...common,
          detector: "time.off-hours",
          host: state.subject === "host" ? state.name : slot.host,
          slot: h,
          counts: this.kindCounts(state, cells),
          evidence: slot.evidence.provenances(),
          evidenceCount: slot.evidence.count,
          first: slot.evidence.first,
          last: slot.evidence.last,
        }),
      );
    }
    for (let d = 0; d < 7; d++) {
      const slot = state.weekdaySlots[d];
      if (usualDays[d] || !slot) continue;
      // activity in unusual hours is already reported by hour; this finding is about the day
      const cells: number[] = [];
      for (let h = 0; h < 24; h++) if (usualHours[h]) cells.push(d * 24 + h);
      const counts = this.kindCounts(state, cells);
      const total = counts.process + counts.logon + counts.network;
      if (total === 0) continue;
      const kept = slot.evidence.entries().filter((e) => usualHours[this.clock.local(e.ms).hour]);
      findings.push(
        unusualSlotFinding({
          ...common,
          detector: "time.unusual-weekday",
          host: state.subject === "host" ? state.name : slot.host,
          slot: d,
          counts,
          evidence: kept.map((e) => e.provenance),
          evidenceCount: total,
          first: kept[0]?.time ?? slot.evidence.first,
          last: kept[kept.length - 1]?.time ?? slot.evidence.last,
        }),
      );
    }
    return findings;
  }
}
