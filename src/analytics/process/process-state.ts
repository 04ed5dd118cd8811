/**
 * State viewpoint: is a process still running at the end of the data, has it stopped, or can we not
 * tell? Running = no termination seen and its last activity within `runningWindowMs` of its host's
 * last event; terminated = a Sysmon 5 / 4689 / EDR end was seen; unknown = neither.
 * Input: a process and its host's time span. Output: ProcessStateInfo, and a hit for flagged processes.
 */
import type { EventTime } from "../../events/event.js";
import type { Severity } from "../../findings/severity.js";
import { formatDuration } from "./format-duration.js";
import type { ProcessHit } from "./process-detector.js";
import type { HostSpan } from "./host-spans.js";
import { type ProcessInfo, processName } from "./process-node.js";

export const PROCESS_STATES = ["running", "terminated", "unknown"] as const;
export type ProcessState = (typeof PROCESS_STATES)[number];

export interface ProcessStateInfo {
  readonly state: ProcessState;
  /** The last time anything of this process was seen */
  readonly lastActivity: EventTime | undefined;
  /** Termination time, for `terminated` */
  readonly endedAt: EventTime | undefined;
  /** The host's last event time (ms), the "end of the data" the state is judged at */
  readonly dataEndMs: number | undefined;
}

/** The state of `p` at the end of its host's data. */
export function processState(
  p: ProcessInfo,
  host: HostSpan | undefined,
  runningWindowMs: number,
): ProcessStateInfo {
  const base = { lastActivity: p.lastSeen, dataEndMs: host?.lastMs };
  if (p.end || p.terminated) return { ...base, state: "terminated", endedAt: p.end };
  const last = p.lastSeen?.ms;
  const running = last !== undefined && host !== undefined && host.lastMs - last <= runningWindowMs;
  return { ...base, state: running ? "running" : "unknown", endedAt: undefined };
}

/** A state finding for a flagged process; `severity` is the strongest of its process findings. */
export function stateHit(
  p: ProcessInfo,
  info: ProcessStateInfo,
  severity: Severity,
  runningWindowMs: number,
): ProcessHit {
  const shown = processName(p);
  const details = {
    state: info.state,
    lastActivity: info.lastActivity?.iso ?? null,
    endedAt: info.endedAt?.iso ?? null,
    dataEnd: info.dataEndMs === undefined ? null : new Date(info.dataEndMs).toISOString(),
  };
  const base = {
    detector: "state.process" as const,
    viewpoint: "state" as const,
    stage: undefined,
    attack: [],
    details,
  };
  if (info.state === "running")
    return {
      ...base,
      severity,
      confidence: 0.7,
      evidence: [p.created, p.lastEvent].filter((e) => e !== undefined),
      message: {
        en: `${shown} is still running at the end of the data (last activity ${info.lastActivity?.iso ?? "?"}).`,
        ja: `${shown} はデータの終端時点でまだ実行中です（最終活動 ${info.lastActivity?.iso ?? "?"}）。`,
      },
    };
  if (info.state === "terminated")
    return {
      ...base,
      severity: "info",
      confidence: 0.3,
      evidence: [p.created, p.terminated].filter((e) => e !== undefined),
      last: info.endedAt,
      message: {
        en: `${shown} has stopped (${info.endedAt?.iso ?? "time unknown"}).`,
        ja: `${shown} は終了しています（${info.endedAt?.iso ?? "時刻不明"}）。`,
      },
    };
  return {
    ...base,
    severity: "low",
    confidence: 0.4,
    evidence: [p.created, p.lastEvent].filter((e) => e !== undefined),
    message: {
      en: `${shown} was never seen to stop, but shows no activity in the last ${formatDuration(runningWindowMs, "en")} of the data: its state is unknown.`,
      ja: `${shown} の終了は確認されていませんが、データ末尾 ${formatDuration(runningWindowMs, "ja")} に活動がなく、状態は不明です。`,
    },
  };
}
