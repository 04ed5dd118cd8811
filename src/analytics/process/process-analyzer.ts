/**
 * The process analyzer: builds the process graph from the event stream and, at the end, turns it into
 * findings — the process viewpoint (every detector of process-detectors.ts on every process), and for
 * the processes those flag, the state viewpoint (running / terminated / unknown) and the duration
 * viewpoint (lifetime, written → executed latency, dwell time of the tree under each root cause).
 * Processes evicted from the bounded graph are analysed just before they go. It is also the query API
 * later stages (incidents) use: processes, parents, children, dropper edges, root causes, state.
 * Input: normalized events (`observe`). Output: findings (`finish`), queries, bounded-state counters.
 */
import type { Event } from "../../events/event.js";
import type { Analyzer, Finding } from "../../findings/finding.js";
import { type Severity, severityRank } from "../../findings/severity.js";
import { writerClass } from "./executable-drop.js";
import { PROCESS_DETECTORS } from "./process-detectors.js";
import {
  type DetectionContext,
  type ProcessDetector,
  type ProcessHit,
  toFinding,
} from "./process-detector.js";
import {
  dropLatencyHit,
  dwellHit,
  lifetimeHit,
  type ProcessLifetime,
  processLifetime,
  type StageGap,
  stageGaps,
  type TreeDwell,
  treeDwell,
} from "./process-duration.js";
import { ProcessGraph } from "./process-graph.js";
import type { DropEdge, ProcessInfo } from "./process-node.js";
import { type ProcessOptions, processOptions } from "./process-options.js";
import { type ProcessStateInfo, processState, stateHit } from "./process-state.js";
import { findRootCause, type RootCause } from "./root-cause.js";

export class ProcessAnalyzer implements Analyzer {
  readonly name = "process";
  readonly options: ProcessOptions;
  /** The graph itself, for callers that need more than the methods below */
  readonly graph: ProcessGraph;
  private readonly detectors: readonly ProcessDetector[];
  private readonly context: DetectionContext;
  private readonly hitCache = new Map<string, readonly ProcessHit[]>();
  /** Findings of processes evicted before the end */
  private readonly evictedFindings: Finding[] = [];
  private findingsNotKept = 0;
  private detectorErrors = 0;

  /**
   * @param options overrides of DEFAULT_PROCESS_OPTIONS
   * @param detectors the process-viewpoint detectors to run (default: all of them)
   */
  constructor(
    options: Partial<ProcessOptions> = {},
    detectors: readonly ProcessDetector[] = PROCESS_DETECTORS,
  ) {
    this.options = processOptions(options);
    this.detectors = detectors;
    this.graph = new ProcessGraph(this.options, (p) => this.onEvict(p));
    this.context = { graph: this.graph, options: this.options };
  }

  observe(event: Event): void {
    if (this.hitCache.size > 0) this.hitCache.clear();
    this.graph.observe(event);
  }

  finish(): Finding[] {
    const out: Finding[] = [...this.evictedFindings];
    const flagged: { readonly p: ProcessInfo; readonly severity: Severity }[] = [];
    for (const p of this.graph.processes()) {
      const hits = this.hitsOf(p);
      for (const h of hits) this.add(out, toFinding(p, h));
      const severity = strongest(hits);
      if (severity && severityRank(severity) >= severityRank(this.options.flagSeverity))
        flagged.push({ p, severity });
    }
    const roots = new Map<string, ProcessInfo>();
    for (const { p, severity } of flagged) {
      for (const h of this.timeHits(p, severity)) this.add(out, toFinding(p, h));
      const rc = this.rootCause(p.key);
      if (rc) roots.set(rc.root.key, rc.root);
    }
    for (const root of roots.values()) {
      const dwell = treeDwell(this.graph, root.key, this.options.maxTreeNodes);
      const hit = dwell ? dwellHit(root, dwell, this.options.longDwellMs) : undefined;
      if (hit) this.add(out, toFinding(root, hit));
    }
    return out.sort(
      (a, b) => (a.first?.ms ?? 0) - (b.first?.ms ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  stats(): Readonly<Record<string, number>> {
    return {
      ...this.graph.stats(),
      findingsNotKept: this.findingsNotKept,
      detectorErrors: this.detectorErrors,
    };
  }

  // ── query API ──

  processByKey(key: string): ProcessInfo | undefined {
    return this.graph.processByKey(key);
  }

  processes(): IterableIterator<ProcessInfo> {
    return this.graph.processes();
  }

  parentOf(key: string): ProcessInfo | undefined {
    return this.graph.parentOf(key);
  }

  children(key: string): ProcessInfo[] {
    return this.graph.children(key);
  }

  ancestors(key: string): ProcessInfo[] {
    return this.graph.ancestors(key);
  }

  /** Who wrote this process's image (the dropper edge), when known. */
  droppedBy(key: string): { readonly edge: DropEdge; readonly writer: ProcessInfo | undefined } | undefined {
    return this.graph.droppedBy(key);
  }

  /** The processes this one dropped (wrote the image of, before they ran). */
  dropped(key: string): ProcessInfo[] {
    return this.graph.dropped(key);
  }

  /** The root cause of a process and the chain from its launcher down to it (see root-cause.ts). */
  rootCause(key: string): RootCause | undefined {
    return findRootCause(this.graph, key, (p) => this.isSuspicious(p), this.options.maxChainDepth);
  }

  /** True when a process has a process-viewpoint hit at least as severe as `flagSeverity`. */
  isSuspicious(p: ProcessInfo): boolean {
    const s = strongest(this.hitsOf(p));
    return s !== undefined && severityRank(s) >= severityRank(this.options.flagSeverity);
  }

  /** The process-viewpoint findings of one process. */
  findingsOf(key: string): Finding[] {
    const p = this.graph.processByKey(key);
    return p ? this.hitsOf(p).map((h) => toFinding(p, h)) : [];
  }

  state(key: string): ProcessStateInfo | undefined {
    const p = this.graph.processByKey(key);
    return p ? processState(p, this.graph.hostSpan(p.hostId), this.options.runningWindowMs) : undefined;
  }

  lifetime(key: string): ProcessLifetime | undefined {
    const p = this.graph.processByKey(key);
    return p ? processLifetime(p) : undefined;
  }

  /** Dwell time of the tree under `key` (pass a root cause's key for the whole incident tree). */
  dwell(key: string): TreeDwell | undefined {
    return treeDwell(this.graph, key, this.options.maxTreeNodes);
  }

  /** Gaps between the stages of the chain from the root cause down to `key`. */
  stageGaps(key: string): StageGap[] {
    const rc = this.rootCause(key);
    return rc ? stageGaps(rc.chain) : [];
  }

  // ── internals ──

  private hitsOf(p: ProcessInfo): readonly ProcessHit[] {
    const cached = this.hitCache.get(p.key);
    if (cached) return cached;
    const hits: ProcessHit[] = [];
    for (const d of this.detectors) {
      try {
        hits.push(...d.detect(p, this.context));
      } catch {
        // a detector bug must not end the run; it is counted in the stats
        this.detectorErrors++;
      }
    }
    this.hitCache.set(p.key, hits);
    return hits;
  }

  /** State, lifetime and drop-latency hits of a flagged process. */
  private timeHits(p: ProcessInfo, severity: Severity): ProcessHit[] {
    const out: ProcessHit[] = [];
    const state = processState(p, this.graph.hostSpan(p.hostId), this.options.runningWindowMs);
    out.push(stateHit(p, state, severity, this.options.runningWindowMs));
    const life = lifetimeHit(p, this.options.longDwellMs);
    if (life) out.push(life);
    const edge = this.graph.droppedBy(p.key);
    if (edge) {
      const byUser = writerClass(edge.writer?.image, edge.writer?.pid) === "delivery";
      const gap = dropLatencyHit(p, this.options.automatedDropLatencyMs, byUser);
      if (gap) out.push(gap);
    }
    return out;
  }

  private onEvict(p: ProcessInfo): void {
    const hits = this.hitsOf(p);
    for (const h of hits) this.add(this.evictedFindings, toFinding(p, h));
    const severity = strongest(hits);
    if (severity && severityRank(severity) >= severityRank(this.options.flagSeverity))
      for (const h of this.timeHits(p, severity)) this.add(this.evictedFindings, toFinding(p, h));
    this.hitCache.delete(p.key);
  }

  private add(list: Finding[], f: Finding): void {
    if (list.length >= this.options.maxFindings) this.findingsNotKept++;
    else list.push(f);
  }
}

/** The strongest severity among hits, or undefined for none. */
function strongest(hits: readonly ProcessHit[]): Severity | undefined {
  let best: Severity | undefined;
  for (const h of hits) if (!best || severityRank(h.severity) > severityRank(best)) best = h.severity;
  return best;
}

/** A process analyzer with the given option overrides. */
export function createProcessAnalyzer(options: Partial<ProcessOptions> = {}): ProcessAnalyzer {
  return new ProcessAnalyzer(options);
}
