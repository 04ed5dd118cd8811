/**
 * Runs compiled rules over events. Rules are indexed by logsource: for each distinct event
 * logsource (product, service, categories) the list of rules that can apply is computed once and
 * cached, so an event only runs the rules whose logsource fits it. One EventView per event is
 * shared by all those rules.
 * Input: compiled rules, then events. Output: the matches of each event.
 */
import type { Event } from "../events/event.js";
import type { Logsource } from "../events/logsource.js";
import { type CompiledRule, SigmaCompiledRule } from "./compiled-rule.js";
import { EventView } from "./event-view.js";
import { RuleIndex } from "./rule-index.js";
import type { SigmaRule } from "./rule-model.js";

export interface RuleMatch {
  readonly rule: SigmaRule;
  readonly event: Event;
}

/** Distinct event logsources remembered; past it the cache starts over (real data has a few dozen). */
const MAX_CACHED_LOGSOURCES = 4_096;

/** Does a rule's logsource fit an event's? Each field the rule sets must equal the event's. */
export function logsourceFits(rule: SigmaRule["logsource"], event: Logsource): boolean {
  if (rule.product !== undefined && rule.product !== event.product) return false;
  if (rule.service !== undefined && rule.service !== event.service) return false;
  if (rule.category !== undefined) {
    const categories = event.categories ?? (event.category === undefined ? [] : [event.category]);
    if (!categories.includes(rule.category)) return false;
  }
  return true;
}

export class SigmaEngine {
  private readonly rules: readonly CompiledRule[];
  private readonly byLogsource = new Map<string, RuleIndex>();

  constructor(rules: readonly CompiledRule[]) {
    this.rules = [...rules];
  }

  /** The rules whose logsource fits the event and whose detection matches it. */
  match(event: Event): RuleMatch[] {
    const bucket = this.bucket(event.logsource);
    if (bucket.rules.length === 0) return [];
    const view = new EventView(event);
    const out: RuleMatch[] = [];
    for (const r of bucket.candidates(view)) {
      const hit = r instanceof SigmaCompiledRule ? r.matchesView(view) : r.matches(event);
      if (hit) out.push({ rule: r.rule, event });
    }
    return out;
  }

  /** The rules that can apply to events of this logsource. */
  rulesFor(logsource: Logsource): readonly CompiledRule[] {
    return this.bucket(logsource).rules;
  }

  /** The indexed rules of a logsource (computed once per distinct logsource). */
  private bucket(logsource: Logsource): RuleIndex {
    const key = `${logsource.product ?? ""}\u0000${logsource.service ?? ""}\u0000${
      logsource.categories?.join("\u0001") ?? logsource.category ?? ""
    }`;
    let bucket = this.byLogsource.get(key);
    if (bucket === undefined) {
      if (this.byLogsource.size >= MAX_CACHED_LOGSOURCES) this.byLogsource.clear();
      bucket = new RuleIndex(this.rules.filter((r) => logsourceFits(r.rule.logsource, logsource)));
      this.byLogsource.set(key, bucket);
    }
    return bucket;
  }
}
