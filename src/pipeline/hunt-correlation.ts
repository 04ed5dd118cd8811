/**
 * Correlations in a hunt. Input: the detection-rule matches of a run as they stream out (files one
 * after another, each roughly in time order), and the correlation rules to run. Output: the correlation
 * matches the user selected and the run's correlation figures (matches fed, duplicates, overflow, the
 * engine's stats). The matches of referenced rules are collected (bounded, de-duplicated like the
 * timeline), sorted by event time, then fed to the CorrelationEngine and flushed.
 */
import { createHash } from "node:crypto";
import type { Event } from "../events/event.js";
import { fieldToString } from "../events/field-value.js";
import {
  type CorrelationEngineOptions,
  type CorrelationMatch,
  CorrelationEngine,
  type CorrelationStats,
} from "../sigma/correlation/correlation-engine.js";
import type { CorrelationRule } from "../sigma/correlation/correlation-rule.js";
import type { SigmaRule } from "../sigma/rule-model.js";
import type { RuleMatch } from "../sigma/sigma-engine.js";

/** Detection-rule matches held for correlation by default; matches past this are counted, not used. */
export const DEFAULT_MAX_PENDING_MATCHES = 200_000;

export interface HuntCorrelationOptions {
  /** The correlations to run (resolved: references known, no loops), chained ones included */
  readonly rules: readonly CorrelationRule[];
  /** Whether a correlation's matches are reported (default: all) */
  readonly reports?: (rule: CorrelationRule) => boolean;
  /** The engine's state bounds */
  readonly engine?: CorrelationEngineOptions;
  /** Most detection-rule matches held until the end of the input (default 200,000) */
  readonly maxPending?: number;
}

/** What the correlation step of a run did. */
export interface HuntCorrelationResult {
  /** Correlations run */
  readonly rules: number;
  /** Detection-rule matches fed to the engine */
  readonly fed: number;
  /** Matches that repeated one already held (the same rule on the same event content, read twice) */
  readonly duplicates: number;
  /** Matches left out because `maxPending` were already held */
  readonly overflow: number;
  /** Correlation matches reported */
  readonly matches: number;
  /** The engine's counters (evictions, untimed, ungrouped, late …) */
  readonly stats: CorrelationStats;
}

interface Pending {
  readonly ruleId: string | undefined;
  readonly ruleName: string | undefined;
  readonly event: Event;
  readonly ms: number;
}

/** The identity of a match for de-duplication: rule and the event's whole content (not its file). */
function matchDigest(rule: SigmaRule, event: Event): string {
  const h = createHash("sha1");
  const parts = [
    rule.id ?? "",
    rule.name ?? "",
    rule.title,
    event.time?.iso ?? "",
    event.host,
    event.identity.channel,
    String(event.identity.eventId),
    event.identity.recordId === undefined ? "" : String(event.identity.recordId),
  ];
  for (const p of parts) h.update(p).update("\u0000");
  for (const [k, v] of Object.entries(event.fields))
    h.update(k).update("\u0001").update(fieldToString(v)).update("\u0000");
  return h.digest("base64");
}

/** Collects the matches correlations need during a run, then correlates them at the end. */
export class HuntCorrelator {
  private readonly refs = new Set<string>();
  private readonly pending: Pending[] = [];
  private readonly seen = new Set<string>();
  private duplicateCount = 0;
  private overflowCount = 0;
  private readonly maxPending: number;

  constructor(private readonly options: HuntCorrelationOptions) {
    for (const c of options.rules) for (const r of c.rules) this.refs.add(r);
    const max = options.maxPending;
    this.maxPending =
      max !== undefined && Number.isFinite(max) && max >= 0 ? Math.floor(max) : DEFAULT_MAX_PENDING_MATCHES;
  }

  /** Whether matches of `rule` feed some correlation (by its id or name). */
  wants(rule: SigmaRule): boolean {
    return (
      (rule.id !== undefined && this.refs.has(rule.id)) ||
      (rule.name !== undefined && this.refs.has(rule.name))
    );
  }

  /** Holds one match if a correlation needs it; returns false when it was not needed, a duplicate or past the limit. */
  add(match: RuleMatch): boolean {
    if (!this.wants(match.rule)) return false;
    const digest = matchDigest(match.rule, match.event);
    if (this.seen.has(digest)) {
      this.duplicateCount++;
      return false;
    }
    if (this.pending.length >= this.maxPending) {
      this.overflowCount++;
      return false;
    }
    this.seen.add(digest);
    this.pending.push({
      ruleId: match.rule.id,
      ruleName: match.rule.name,
      event: match.event,
      ms: match.event.time?.ms ?? Number.POSITIVE_INFINITY,
    });
    return true;
  }

  /** Matches held so far. */
  get size(): number {
    return this.pending.length;
  }

  /**
   * Sorts the held matches by event time (ties keep reading order; matches without a time last, where
   * the engine counts them as untimed), feeds them to a fresh engine, flushes it and returns the
   * reported correlation matches in the order the engine completed them. The held matches are released.
   */
  finish(): { readonly matches: CorrelationMatch[]; readonly result: HuntCorrelationResult } {
    const engine = new CorrelationEngine(this.options.rules, this.options.engine);
    const reports = this.options.reports ?? (() => true);
    const held = this.pending.splice(0, this.pending.length);
    this.seen.clear();
    held.sort((a, b) => (a.ms === b.ms ? 0 : a.ms < b.ms ? -1 : 1));
    const out: CorrelationMatch[] = [];
    const keep = (ms: readonly CorrelationMatch[]) => {
      for (const m of ms) if (reports(m.rule)) out.push(m);
    };
    for (const p of held) keep(engine.push({ ruleId: p.ruleId, ruleName: p.ruleName, event: p.event }));
    keep(engine.flush());
    return {
      matches: out,
      result: {
        rules: this.options.rules.length,
        fed: held.length,
        duplicates: this.duplicateCount,
        overflow: this.overflowCount,
        matches: out.length,
        stats: engine.stats(),
      },
    };
  }
}
