/**
 * The streaming correlation engine. Input: detection-rule matches in time order (`push`), then `flush`
 * at the end of the input. Output: correlation matches (the correlation, its group-by values, the
 * events that prove it, first and last time). State is bounded: sliding windows per group, a cap on
 * groups and on entries, least-recently-used eviction, and every dropped entry is counted.
 *
 * Two evaluation modes (docs/sigma-correlation.md):
 * - threshold: a count (or sum) that is only bounded from below (`gt`/`gte`) is tested over the window
 *   ending at each new entry and reported as soon as it holds; the group then starts afresh;
 * - windowed: every other condition (upper bounds, `eq`/`neq`, averages, percentiles) is tested once per
 *   window, opened by a group's first entry and closed when the input time passes its end (or at flush).
 */
import type { Event, EventTime } from "../../events/event.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { conditionHolds } from "./correlation-condition.js";
import { CorrelationGroup, type DedupeKey, type WindowEntry } from "./correlation-group.js";
import { correlationRefs, standaloneRuleFilter } from "./correlation-references.js";
import type { CorrelationRule } from "./correlation-rule.js";
import { evaluationPlan } from "./evaluation-mode.js";
import { chainedOccurrence, type Occurrence, ruleOccurrence } from "./occurrence.js";
import { entryValue, groupValues } from "./occurrence-values.js";
import { measureWindow } from "./window-measure.js";

/** A detection-rule match, as fed to the engine. */
export interface CorrelationInput {
  readonly ruleId?: string | undefined;
  readonly ruleName?: string | undefined;
  readonly event: Event;
}

/** One correlation hit. */
export interface CorrelationMatch {
  readonly rule: CorrelationRule;
  /** The events of the window that met the condition, in time order (those of chained matches included) */
  readonly events: Event[];
  /** Group-by name (as written in `group-by`, aliases included) → value */
  readonly group: Record<string, string>;
  readonly firstTime: EventTime;
  readonly lastTime: EventTime;
  /** The measured value that met the condition: count, distinct values, rules, sum, average or percentile */
  readonly value: number;
}

export interface CorrelationEngineOptions {
  /** Most groups kept at once, over all correlations (default 10,000) */
  readonly maxGroups?: number;
  /** Most entries kept per group (default 1,000; raised to a count threshold that needs more) */
  readonly maxEventsPerGroup?: number;
  /** Most entries kept at once, over all groups (default 100,000) */
  readonly maxEvents?: number;
}

/** Counters of what the engine dropped or could not use; the caller reports them. */
export interface CorrelationStats {
  readonly groups: number;
  readonly entries: number;
  /** Groups dropped by the group or entry cap (least recently used first) */
  readonly evictedGroups: number;
  /** Entries dropped by a cap before their window completed (those of evicted groups included) */
  readonly evictedEntries: number;
  /** Matches of referenced rules whose event has no time (they cannot be placed in a window) */
  readonly untimed: number;
  /** Occurrences skipped because a group-by field was absent or empty */
  readonly ungrouped: number;
  /** Occurrences skipped because the aggregated field was absent (or not a number for sum/avg/percentile) */
  readonly noValue: number;
  /** Matches older than one already pushed (accepted, placed in time order) */
  readonly late: number;
}

const DEFAULTS = { maxGroups: 10_000, maxEventsPerGroup: 1_000, maxEvents: 100_000 } as const;

interface Compiled {
  readonly rule: CorrelationRule;
  /** threshold mode (see the header) */
  readonly early: boolean;
  readonly dedupe: DedupeKey | undefined;
  readonly entryCap: number;
  /** Whether its matches are returned (false for building blocks of another correlation) */
  readonly reported: boolean;
  /** Least recently used first (re-inserted on every touch) */
  readonly groups: Map<string, CorrelationGroup>;
  /** Windowed mode: windows by close time, oldest first (stale items skipped by token) */
  closing: { at: number; group: CorrelationGroup; token: number }[];
  closingHead: number;
  /** Correlations that reference this one, with the index of this one in their `rules` */
  readonly downstream: Target[];
}

interface Target {
  readonly c: Compiled;
  readonly ruleIndex: number;
}

export class CorrelationEngine {
  private readonly compiled: Compiled[];
  private readonly byRef = new Map<string, Target[]>();
  private readonly maxGroups: number;
  private readonly maxEvents: number;
  private watermark = Number.NEGATIVE_INFINITY;
  private seq = 0;
  private groupCount = 0;
  private entryCount = 0;
  private counters = { evictedGroups: 0, evictedEntries: 0, untimed: 0, ungrouped: 0, noValue: 0, late: 0 };

  /**
   * `rules` must have passed `resolveCorrelationRules` (references resolve, no loops); a loop throws
   * `E_INTERNAL`.
   */
  constructor(rules: readonly CorrelationRule[], options: CorrelationEngineOptions = {}) {
    const perGroup = positive(options.maxEventsPerGroup, DEFAULTS.maxEventsPerGroup);
    const standalone = standaloneRuleFilter(rules);
    const compiled = rules.map((rule): Compiled => {
      const plan = evaluationPlan(rule);
      return {
        rule,
        early: plan.mode === "threshold",
        dedupe: plan.dedupe,
        entryCap: Math.max(perGroup, plan.entriesNeeded),
        reported: rule.legacy || standalone(rule),
        groups: new Map(),
        closing: [],
        closingHead: 0,
        downstream: [],
      };
    });
    for (const c of compiled) {
      c.rule.rules.forEach((ref, ruleIndex) => {
        const list = this.byRef.get(ref) ?? [];
        if (!list.some((t) => t.c === c)) list.push({ c, ruleIndex });
        this.byRef.set(ref, list);
      });
    }
    for (const c of compiled) {
      for (const ref of correlationRefs(c.rule))
        for (const t of this.byRef.get(ref) ?? []) c.downstream.push(t);
    }
    this.compiled = upstreamFirst(compiled);
    this.maxGroups = positive(options.maxGroups, DEFAULTS.maxGroups);
    this.maxEvents = Math.max(
      positive(options.maxEvents, DEFAULTS.maxEvents),
      ...compiled.map((c) => c.entryCap),
    );
  }

  /** How many entries the caps dropped before their window completed. */
  get evicted(): number {
    return this.counters.evictedEntries;
  }

  stats(): CorrelationStats {
    return { groups: this.groupCount, entries: this.entryCount, ...this.counters };
  }

  /**
   * Feeds one detection-rule match (matches must come in time order; a late one is accepted and placed
   * in order). Returns the correlation matches completed by it or by the time it advanced to.
   */
  push(input: CorrelationInput): CorrelationMatch[] {
    const out: CorrelationMatch[] = [];
    const refs = [input.ruleId, input.ruleName].filter((r): r is string => r !== undefined);
    const referenced = refs.some((r) => this.byRef.has(r));
    const time = input.event.time;
    if (time === undefined || !Number.isFinite(time.ms)) {
      if (referenced) this.counters.untimed++;
      return out;
    }
    if (time.ms < this.watermark) {
      if (referenced) this.counters.late++;
    } else {
      this.watermark = time.ms;
      this.advance(out, false);
    }
    if (referenced) this.dispatch(ruleOccurrence(refs, input.event, time), out, 0);
    return out;
  }

  /** Ends the input: closes every open window and returns what matched; the engine is then empty. */
  flush(): CorrelationMatch[] {
    const out: CorrelationMatch[] = [];
    this.advance(out, true);
    this.watermark = Number.NEGATIVE_INFINITY;
    for (const c of this.compiled) {
      for (const g of c.groups.values()) this.entryCount -= g.entries.length;
      this.groupCount -= c.groups.size;
      c.groups.clear();
      c.closing = [];
      c.closingHead = 0;
    }
    return out;
  }

  private dispatch(occ: Occurrence, out: CorrelationMatch[], depth: number): void {
    const seen = new Set<Compiled>();
    for (const ref of occ.refs) {
      for (const t of this.byRef.get(ref) ?? []) {
        if (seen.has(t.c)) continue;
        seen.add(t.c);
        this.add(t.c, t.ruleIndex, occ, out, depth);
      }
    }
  }

  private add(c: Compiled, ruleIndex: number, occ: Occurrence, out: CorrelationMatch[], depth: number): void {
    const rule = c.rule;
    const values = groupValues(rule, occ);
    if (values === undefined) {
      this.counters.ungrouped++;
      return;
    }
    const value = entryValue(rule, occ);
    if (value === null) {
      this.counters.noValue++;
      return;
    }
    const key = JSON.stringify(values);
    let group = c.groups.get(key);
    if (group) c.groups.delete(key);
    else {
      const named = Object.fromEntries(rule.groupBy.map((g, i) => [g, values[i] as string]));
      group = new CorrelationGroup(key, named, c.dedupe);
      this.groupCount++;
    }
    c.groups.set(key, group);
    const entry: WindowEntry = {
      time: occ.time,
      seq: ++this.seq,
      firstTime: occ.firstTime,
      lastTime: occ.lastTime,
      events: occ.events,
      ruleIndex,
      value,
    };
    group.touched = entry.seq;
    group.insert(entry);
    this.entryCount++;
    this.entryCount -= group.dedupe(entry);
    this.drop(group.trimTo(c.entryCap));
    if (c.early) {
      this.entryCount -= group.expireBefore(group.newest() - rule.timespan.ms);
      this.evaluate(c, group, group.entries, out, depth);
    } else if (group.windowStart === undefined || entry.time < group.windowStart) {
      this.schedule(c, group, (group.entries[0] as WindowEntry).time);
    }
    this.enforceCaps();
  }

  /** Tests a window; on a hit reports it, feeds chained correlations and empties the group. */
  private evaluate(
    c: Compiled,
    group: CorrelationGroup,
    entries: readonly WindowEntry[],
    out: CorrelationMatch[],
    depth: number,
  ): void {
    const rule = c.rule;
    // a de-duplicated group holds one entry per distinct value (or rule): its size is the measure
    const value = c.dedupe
      ? entries.length
      : measureWindow(rule.type, entries, rule.rules.length, rule.condition.percentile);
    if (value === undefined || !conditionHolds(rule.condition, value)) return;
    const match = toMatch(rule, group, entries, value);
    if (c.early) this.remove(c, group);
    if (c.reported) out.push(match);
    if (c.downstream.length > 0 && depth <= this.compiled.length) {
      const occ = chainedOccurrence(correlationRefs(rule), match);
      const seen = new Set<Compiled>();
      for (const t of c.downstream) {
        if (seen.has(t.c)) continue;
        seen.add(t.c);
        this.add(t.c, t.ruleIndex, occ, out, depth + 1);
      }
    }
  }

  /** Closes due windows (all when `final`) and drops idle threshold groups, upstream correlations first. */
  private advance(out: CorrelationMatch[], final: boolean): void {
    for (const c of this.compiled) {
      if (c.early) {
        if (final) continue;
        const horizon = this.watermark - c.rule.timespan.ms;
        for (const g of c.groups.values()) {
          if (g.newest() >= horizon) break; // least recently used first: the rest are newer
          this.remove(c, g);
        }
        continue;
      }
      if (final) {
        const open = [...c.groups.values()].sort((a, b) => (a.windowStart ?? 0) - (b.windowStart ?? 0));
        for (const g of open) this.closeWindows(c, g, out, Number.POSITIVE_INFINITY);
        continue;
      }
      while (c.closingHead < c.closing.length) {
        const item = c.closing[c.closingHead] as { at: number; group: CorrelationGroup; token: number };
        if (item.at >= this.watermark) break;
        c.closingHead++;
        if (item.token === item.group.token && c.groups.get(item.group.key) === item.group) {
          this.closeWindows(c, item.group, out, this.watermark);
        }
      }
    }
  }

  /** Evaluates and removes every window of `group` that ends before `now`; reschedules the rest. */
  private closeWindows(c: Compiled, group: CorrelationGroup, out: CorrelationMatch[], now: number): void {
    const span = c.rule.timespan.ms;
    for (let guard = group.entries.length; guard >= 0 && group.windowStart !== undefined; guard--) {
      const end = group.windowStart + span;
      if (end >= now && now !== Number.POSITIVE_INFINITY) {
        this.schedule(c, group, group.windowStart);
        return;
      }
      const taken = group.takeUntil(end);
      this.entryCount -= taken.length;
      if (taken.length > 0) this.evaluate(c, group, taken, out, 0);
      const next = group.entries[0];
      if (next === undefined) {
        this.remove(c, group);
        return;
      }
      group.windowStart = next.time;
    }
  }

  private schedule(c: Compiled, group: CorrelationGroup, start: number): void {
    group.windowStart = start;
    group.token++;
    c.closing.push({ at: start + c.rule.timespan.ms, group, token: group.token });
    const pending = c.closing.length - c.closingHead;
    if (c.closingHead > 1024 || pending > 2 * c.groups.size + 1024) {
      c.closing = c.closing.slice(c.closingHead).filter((i) => i.token === i.group.token);
      c.closingHead = 0;
    }
  }

  private remove(c: Compiled, group: CorrelationGroup): void {
    if (c.groups.get(group.key) !== group) return;
    c.groups.delete(group.key);
    this.groupCount--;
    this.entryCount -= group.entries.length;
    group.entries = [];
    group.windowStart = undefined;
    group.token++;
  }

  private drop(n: number): void {
    this.entryCount -= n;
    this.counters.evictedEntries += n;
  }

  /** Evicts least-recently-used groups while a cap is exceeded. */
  private enforceCaps(): void {
    while (this.groupCount > this.maxGroups || this.entryCount > this.maxEvents) {
      let victim: { c: Compiled; g: CorrelationGroup } | undefined;
      for (const c of this.compiled) {
        const g = c.groups.values().next().value;
        if (g !== undefined && (victim === undefined || g.touched < victim.g.touched)) victim = { c, g };
      }
      if (victim === undefined) return;
      this.counters.evictedGroups++;
      this.counters.evictedEntries += victim.g.entries.length;
      this.remove(victim.c, victim.g);
    }
  }
}

function positive(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v >= 1 ? Math.floor(v) : fallback;
}

function toMatch(
  rule: CorrelationRule,
  group: CorrelationGroup,
  entries: readonly WindowEntry[],
  value: number,
): CorrelationMatch {
  let first = (entries[0] as WindowEntry).firstTime;
  let last = (entries[0] as WindowEntry).lastTime;
  const events: Event[] = [];
  for (const e of entries) {
    if (e.firstTime.ms < first.ms) first = e.firstTime;
    if (e.lastTime.ms > last.ms) last = e.lastTime;
    for (const ev of e.events) events.push(ev);
  }
  // a chained entry sits at its last event's time, but its events start earlier
  if (entries.length > 1) events.sort((a, b) => (a.time?.ms ?? 0) - (b.time?.ms ?? 0));
  return {
    rule,
    events,
    group: Object.fromEntries(Object.entries(group.values)),
    firstTime: first,
    lastTime: last,
    value,
  };
}

/** Orders correlations so that each comes after those it references; a loop is a caller bug. */
function upstreamFirst(compiled: Compiled[]): Compiled[] {
  const indegree = new Map<Compiled, number>(compiled.map((c) => [c, 0]));
  for (const c of compiled) for (const t of c.downstream) indegree.set(t.c, (indegree.get(t.c) ?? 0) + 1);
  const ready = compiled.filter((c) => indegree.get(c) === 0);
  const order: Compiled[] = [];
  while (ready.length > 0) {
    const c = ready.shift() as Compiled;
    order.push(c);
    for (const t of c.downstream) {
      const d = (indegree.get(t.c) ?? 0) - 1;
      indegree.set(t.c, d);
      if (d === 0) ready.push(t.c);
    }
  }
  if (order.length !== compiled.length) {
    throw new MikiwameError(
      "E_INTERNAL",
      "correlation rules reference each other in a loop; pass them through resolveCorrelationRules first",
    );
  }
  return order;
}
