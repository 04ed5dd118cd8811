/**
 * The findings of the time (時刻) analysis, with their sentences in English and Japanese:
 * - `time.off-hours`: a host's or user's activity in an hour outside its usual hours;
 * - `time.unusual-weekday`: activity (in usual hours) on a weekday the subject is normally idle.
 * One finding per (subject, hour) or (subject, weekday), with the activity counted by kind.
 * Input: a summary of the unusual slot. Output: a `Finding`.
 */
import type { EventTime } from "../../events/event.js";
import type { Provenance } from "../../events/provenance.js";
import type { Finding, LocalizedText } from "../../findings/finding.js";
import type { ActivityKind } from "./activity.js";
import type { BaselineSubject } from "./time-options.js";

/** The detectors of this module. */
export const TIME_DETECTORS = ["time.off-hours", "time.unusual-weekday"] as const;
export type TimeDetector = (typeof TIME_DETECTORS)[number];

export const WEEKDAY_NAMES: Readonly<Record<"en" | "ja", readonly string[]>> = {
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  ja: ["日曜日", "月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日"],
};

const KIND_LABELS: Readonly<Record<ActivityKind, { en: [string, string]; ja: string }>> = {
  process: { en: ["process creation", "process creations"], ja: "プロセス生成" },
  logon: { en: ["logon", "logons"], ja: "ログオン" },
  network: { en: ["connection", "connections"], ja: "通信" },
};

/** An unusual hour or weekday of one subject. */
export interface UnusualSlot {
  readonly detector: TimeDetector;
  readonly subject: BaselineSubject;
  /** Host name or `domain\user` */
  readonly name: string;
  /** The host the finding is filed under: the subject itself, or a user's host of the earliest event */
  readonly host: string;
  /** Local hour (off-hours) or weekday 0–6 (unusual weekday) */
  readonly slot: number;
  readonly counts: Readonly<Record<ActivityKind, number>>;
  readonly evidence: readonly Provenance[];
  readonly evidenceCount: number;
  readonly first: EventTime | undefined;
  readonly last: EventTime | undefined;
  readonly timeZone: string;
  /** `08:00–20:00` */
  readonly usualHours: string;
  /** Usual weekdays as 0–6, empty when the weekday baseline was not judged */
  readonly usualWeekdays: readonly number[];
  readonly baselineEvents: number;
  readonly baselineDays: number;
}

function countsText(counts: Readonly<Record<ActivityKind, number>>): LocalizedText {
  const en: string[] = [];
  const ja: string[] = [];
  for (const kind of Object.keys(KIND_LABELS) as ActivityKind[]) {
    const n = counts[kind];
    if (n === 0) continue;
    en.push(`${n} ${KIND_LABELS[kind].en[n === 1 ? 0 : 1]}`);
    ja.push(`${KIND_LABELS[kind].ja} ${n} 件`);
  }
  return { en: en.join(", "), ja: ja.join("、") };
}

function who(s: UnusualSlot): LocalizedText {
  return s.subject === "host"
    ? { en: s.name, ja: s.name }
    : { en: `User ${s.name}`, ja: `ユーザー ${s.name}` };
}

function hourText(h: number): string {
  return `${h < 10 ? "0" : ""}${h}:00–${h + 1 < 10 ? "0" : ""}${h + 1}:00`;
}

/** The finding for one unusual slot. */
export function unusualSlotFinding(s: UnusualSlot): Finding {
  const counts = countsText(s.counts);
  const subject = who(s);
  const on =
    s.subject === "user" && s.host !== "" ? { en: ` on ${s.host}`, ja: `（${s.host}）` } : { en: "", ja: "" };
  const base = {
    en: `Baseline: ${s.baselineEvents} events on ${s.baselineDays} days.`,
    ja: `基準: ${s.baselineDays} 日間の ${s.baselineEvents} 件。`,
  };
  const message: LocalizedText =
    s.detector === "time.off-hours"
      ? {
          en: `${subject.en} was active${on.en} at ${hourText(s.slot)} (${s.timeZone}), outside its usual hours (${s.usualHours}): ${counts.en}. ${base.en}`,
          ja: `${subject.ja}${on.ja}で通常の活動時間帯（${s.usualHours}、${s.timeZone}）外の ${hourText(s.slot)} に活動がありました: ${counts.ja}。${base.ja}`,
        }
      : {
          en: `${subject.en} was active${on.en} on ${WEEKDAY_NAMES.en[s.slot]} (${s.timeZone}), a day it is normally idle (usual days: ${s.usualWeekdays.map((d) => WEEKDAY_NAMES.en[d].slice(0, 3)).join(", ")}): ${counts.en}. ${base.en}`,
          ja: `${subject.ja}${on.ja}で通常は活動のない${WEEKDAY_NAMES.ja[s.slot]}（${s.timeZone}）に活動がありました（通常の曜日: ${s.usualWeekdays.map((d) => WEEKDAY_NAMES.ja[d].slice(0, 1)).join("・")}）: ${counts.ja}。${base.ja}`,
        };
  const key = s.detector === "time.off-hours" ? String(s.slot).padStart(2, "0") : WEEKDAY_NAMES.en[s.slot];
  return {
    id: `${s.detector}:${s.subject}:${s.name}|${key}`,
    detector: s.detector,
    viewpoint: "time",
    severity: "low",
    confidence: 0.3,
    // logons outside the usual hours are the classic sign of a stolen account in use
    attack: s.counts.logon > 0 ? ["T1078"] : [],
    host: s.host,
    subject: s.subject === "host" ? { kind: "host" } : { kind: "user", user: s.name },
    first: s.first,
    last: s.last,
    evidence: s.evidence,
    evidenceCount: s.evidenceCount,
    message,
    details: {
      timeZone: s.timeZone,
      ...(s.detector === "time.off-hours" ? { hour: s.slot } : { weekday: WEEKDAY_NAMES.en[s.slot] }),
      usualHours: s.usualHours,
      usualWeekdays: s.usualWeekdays.map((d) => WEEKDAY_NAMES.en[d].slice(0, 3)).join(","),
      processes: s.counts.process,
      logons: s.counts.logon,
      connections: s.counts.network,
      baselineEvents: s.baselineEvents,
      baselineDays: s.baselineDays,
    },
  };
}
