/**
 * A loaded rule ready to run: its metadata plus the compiled detection predicate. `matches` builds
 * a fresh EventView; the engine shares one view per event across all rules (`matchesView`), so
 * field values are stringified and lower-cased once per event.
 * Input: a SigmaRule and its compiled predicate. Output: CompiledRule.
 */
import type { Event } from "../events/event.js";
import type { Predicate } from "./detection-compiler.js";
import { EventView } from "./event-view.js";
import type { IndexAtom } from "./index-key.js";
import type { SigmaRule } from "./rule-model.js";

export interface CompiledRule {
  readonly rule: SigmaRule;
  matches(event: Event): boolean;
}

/** The engine's implementation of CompiledRule. */
export class SigmaCompiledRule implements CompiledRule {
  constructor(
    readonly rule: SigmaRule,
    private readonly predicate: Predicate,
  ) {}

  /** Relative cost of the detection (for ordering; not a time) */
  get cost(): number {
    return this.predicate.cost;
  }

  /** Index atoms one of which holds whenever the rule matches; undefined when none is known */
  get needs(): readonly IndexAtom[] | undefined {
    return this.predicate.needs;
  }

  matches(event: Event): boolean {
    return this.predicate.run(new EventView(event));
  }

  /** Matches against a view shared with other rules. */
  matchesView(view: EventView): boolean {
    return this.predicate.run(view);
  }

  /** This rule with a meta-filter applied: `rule and not (filter condition)`. */
  withFilter(filter: Predicate): SigmaCompiledRule {
    const base = this.predicate;
    return new SigmaCompiledRule(this.rule, {
      cost: base.cost + filter.cost,
      needs: base.needs,
      run: (v) => base.run(v) && !filter.run(v),
    });
  }
}
