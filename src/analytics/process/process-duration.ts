/**
 * Duration viewpoint: how long a process lived (start → end, or → last activity while it runs), the
 * dwell time of a process tree (first to last event of the root cause and everything it started or
 * dropped), and the gaps between stages of a chain (written → executed, parent start → child start).
 * Input: processes and the graph. Output: figures, and hits for flagged processes.
 */
import type { EventTime } from "../../events/event.js";
import { formatDuration } from "./format-duration.js";
import type { ProcessHit } from "./process-detector.js";
import type { ProcessGraph } from "./process-graph.js";
import { type ProcessInfo, processName } from "./process-node.js";
import type { ChainLink } from "./root-cause.js";

export interface ProcessLifetime {
  readonly start: EventTime | undefined;
  /** The end, or the last activity while the process has not ended */
  readonly until: EventTime | undefined;
  /** `until - start`; a lower bound when `ended` is false */
  readonly lifetimeMs: number | undefined;
  readonly ended: boolean;
}

/** Start → end (or last activity) of one process; placeholders measure from their first sighting. */
export function processLifetime(p: ProcessInfo): ProcessLifetime {
  const start = p.start ?? p.firstSeen;
  const until = p.end ?? p.lastSeen;
  const lifetimeMs = start && until ? Math.max(0, until.ms - start.ms) : undefined;
  return { start, until, lifetimeMs, ended: p.end !== undefined };
}

export interface TreeDwell {
  readonly rootKey: string;
  readonly first: EventTime | undefined;
  readonly last: EventTime | undefined;
  readonly dwellMs: number | undefined;
  /** Processes in the tree (the root, its descendants and what they dropped) */
  readonly processes: number;
  /** True when the walk stopped at `maxNodes` */
  readonly truncated: boolean;
}

/** First to last event of `rootKey` and every process it started or dropped, transitively. */
export function treeDwell(graph: ProcessGraph, rootKey: string, maxNodes: number): TreeDwell | undefined {
  const root = graph.processByKey(rootKey);
  if (!root) return undefined;
  const seen = new Set<string>([root.key]);
  const queue: ProcessInfo[] = [root];
  let first = root.start ?? root.firstSeen;
  let last = root.lastSeen;
  let truncated = false;
  for (let i = 0; i < queue.length; i++) {
    const p = queue[i];
    const t0 = p.start ?? p.firstSeen;
    if (t0 && (!first || t0.ms < first.ms)) first = t0;
    if (p.lastSeen && (!last || p.lastSeen.ms > last.ms)) last = p.lastSeen;
    for (const next of [...graph.children(p.key), ...graph.dropped(p.key)]) {
      if (seen.has(next.key)) continue;
      if (seen.size >= maxNodes) {
        truncated = true;
        break;
      }
      seen.add(next.key);
      queue.push(next);
    }
  }
  const dwellMs = first && last ? Math.max(0, last.ms - first.ms) : undefined;
  return { rootKey: root.key, first, last, dwellMs, processes: seen.size, truncated };
}

export const STAGE_GAP_KINDS = ["written-to-executed", "parent-to-child"] as const;
export type StageGapKind = (typeof STAGE_GAP_KINDS)[number];

export interface StageGap {
  readonly fromKey: string;
  readonly toKey: string;
  readonly kind: StageGapKind;
  readonly gapMs: number;
}

/** The gaps along a root-cause chain: for each link, written → executed (dropper) or parent → child start. */
export function stageGaps(chain: readonly ChainLink[]): StageGap[] {
  const gaps: StageGap[] = [];
  for (let i = 1; i < chain.length; i++) {
    const from = chain[i - 1].process;
    const to = chain[i].process;
    const via = chain[i].via;
    if (!to.start) continue;
    if ((via === "dropper" || via === "parent+dropper") && to.dropper?.time)
      gaps.push({
        fromKey: from.key,
        toKey: to.key,
        kind: "written-to-executed",
        gapMs: to.start.ms - to.dropper.time.ms,
      });
    else if (from.start)
      gaps.push({
        fromKey: from.key,
        toKey: to.key,
        kind: "parent-to-child",
        gapMs: to.start.ms - from.start.ms,
      });
  }
  return gaps;
}

/** Lifetime of a flagged process as a duration finding. */
export function lifetimeHit(p: ProcessInfo, longMs: number): ProcessHit | undefined {
  const life = processLifetime(p);
  if (life.lifetimeMs === undefined) return undefined;
  const shown = processName(p);
  const ms = life.lifetimeMs;
  return {
    detector: "duration.process-lifetime",
    viewpoint: "duration",
    severity: ms >= longMs ? "low" : "info",
    confidence: 0.3,
    stage: undefined,
    attack: [],
    evidence: [p.created, p.end ? p.terminated : p.lastEvent].filter((e) => e !== undefined),
    first: life.start,
    last: life.until,
    message: {
      en: `${shown} was active for ${life.ended ? "" : "at least "}${formatDuration(ms, "en")} (${life.start?.iso ?? "?"} → ${life.until?.iso ?? "?"}${life.ended ? "" : ", still going"}).`,
      ja: `${shown} の活動期間は${life.ended ? "" : "少なくとも"} ${formatDuration(ms, "ja")}です（${life.start?.iso ?? "?"} → ${life.until?.iso ?? "?"}${life.ended ? "" : "、継続中"}）。`,
    },
    details: {
      lifetimeMs: ms,
      ended: life.ended,
      start: life.start?.iso ?? null,
      until: life.until?.iso ?? null,
    },
  };
}

/** Dwell time of the tree under a root cause as a duration finding. */
export function dwellHit(root: ProcessInfo, dwell: TreeDwell, longMs: number): ProcessHit | undefined {
  if (dwell.dwellMs === undefined) return undefined;
  const shown = processName(root);
  return {
    detector: "duration.dwell-time",
    viewpoint: "duration",
    severity: dwell.dwellMs >= longMs ? "medium" : "low",
    confidence: 0.4,
    stage: undefined,
    attack: [],
    evidence: [root.created, root.lastEvent].filter((e) => e !== undefined),
    first: dwell.first,
    last: dwell.last,
    message: {
      en: `The activity started by ${shown} spans ${formatDuration(dwell.dwellMs, "en")} over ${dwell.processes} process(es) (${dwell.first?.iso ?? "?"} → ${dwell.last?.iso ?? "?"}).`,
      ja: `${shown} を起点とする活動は ${dwell.processes} プロセスにわたり ${formatDuration(dwell.dwellMs, "ja")}続いています（${dwell.first?.iso ?? "?"} → ${dwell.last?.iso ?? "?"}）。`,
    },
    details: {
      dwellMs: dwell.dwellMs,
      processes: dwell.processes,
      truncated: dwell.truncated,
      first: dwell.first?.iso ?? null,
      last: dwell.last?.iso ?? null,
    },
  };
}

/**
 * Written → executed latency of a dropped process as a duration finding. A short latency means a
 * program started it — unless the writer delivers files to a person (`byUser`: browser, shell …),
 * who may simply be quick.
 */
export function dropLatencyHit(p: ProcessInfo, automatedMs: number, byUser: boolean): ProcessHit | undefined {
  const written = p.dropper?.time;
  if (!p.dropper || !written || !p.start || !p.created) return undefined;
  const gap = Math.max(0, p.start.ms - written.ms);
  const automated = !byUser && gap <= automatedMs;
  const shown = processName(p);
  return {
    detector: "duration.drop-latency",
    viewpoint: "duration",
    severity: automated ? "medium" : "info",
    confidence: automated ? 0.5 : 0.2,
    stage: "installation",
    attack: [],
    evidence: [p.dropper.evidence, p.created],
    first: written,
    last: p.start,
    message: automated
      ? {
          en: `${shown} was started ${formatDuration(gap, "en")} after its file was written: a program, not a person, started it.`,
          ja: `${shown} はファイル作成の ${formatDuration(gap, "ja")}後に起動されました。人ではなくプログラムによる起動です。`,
        }
      : {
          en: `${shown} was started ${formatDuration(gap, "en")} after its file was written.`,
          ja: `${shown} はファイル作成の ${formatDuration(gap, "ja")}後に起動されました。`,
        },
    details: { latencyMs: gap, automated, writerKey: p.dropper.writerKey, path: p.dropper.path },
  };
}
