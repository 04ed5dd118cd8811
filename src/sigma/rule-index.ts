/**
 * The rules of one logsource bucket, indexed by their necessary keys: a rule that can only match
 * when, say, the Image basename is `rundll32.exe` or OriginalFileName is `rundll32.exe` is filed
 * under those keys, and an event only runs the rules filed under its own values plus the rules
 * without keys. Candidates are returned in the original rule order, so results do not depend on
 * the index.
 * Input: the bucket's rules; per event, its EventView. Output: the candidate rules.
 */
import { type CompiledRule, SigmaCompiledRule } from "./compiled-rule.js";
import type { EventView } from "./event-view.js";
import { basenameOf, type IndexAtom } from "./index-key.js";
import { SubstringIndex } from "./substring-index.js";

/** Rules with more keys than this are simply always run (their keys would not filter much). */
const MAX_KEYS_PER_RULE = 8_192;

interface FieldIndex {
  readonly exact: Map<string, number[]>;
  readonly basename: Map<string, number[]>;
  /** literals → rule numbers (one payload per rule and literal) */
  readonly contains: SubstringIndex<number>;
  readonly containsSeen: Set<string>;
}

export class RuleIndex {
  private readonly always: number[] = [];
  private alwaysRules: readonly CompiledRule[] = [];
  private readonly fields = new Map<string, FieldIndex>();
  private readonly mark: Uint32Array;
  private generation = 0;

  constructor(readonly rules: readonly CompiledRule[]) {
    this.mark = new Uint32Array(rules.length);
    rules.forEach((r, i) => {
      const needs: readonly IndexAtom[] | undefined = r instanceof SigmaCompiledRule ? r.needs : undefined;
      if (needs === undefined || needs.length === 0 || needs.length > MAX_KEYS_PER_RULE) {
        this.always.push(i);
        return;
      }
      for (const atom of needs) {
        let fi = this.fields.get(atom.field);
        if (fi === undefined) {
          fi = {
            exact: new Map(),
            basename: new Map(),
            contains: new SubstringIndex(),
            containsSeen: new Set(),
          };
          this.fields.set(atom.field, fi);
        }
        if (atom.kind === "contains") {
          const k = `${i}\u0000${atom.key}`;
          if (!fi.containsSeen.has(k)) {
            fi.containsSeen.add(k);
            fi.contains.add(atom.key, i);
          }
          continue;
        }
        const map = atom.kind === "exact" ? fi.exact : fi.basename;
        const list = map.get(atom.key);
        if (list === undefined) map.set(atom.key, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    });
    this.alwaysRules = this.always.map((i) => rules[i]);
    for (const fi of this.fields.values()) {
      fi.contains.build();
      fi.containsSeen.clear();
    }
  }

  /** How many rules are always run (no key), for diagnostics and tests. */
  get unindexed(): number {
    return this.always.length;
  }

  /** The rules that may match this event, in rule order. */
  candidates(view: EventView): readonly CompiledRule[] {
    if (this.fields.size === 0) return this.rules;
    if (++this.generation === 0xffffffff) {
      this.mark.fill(0);
      this.generation = 1;
    }
    const gen = this.generation;
    const picked: number[] = [];
    const add = (list: readonly number[] | undefined): void => {
      if (list === undefined) return;
      for (const i of list) {
        if (this.mark[i] !== gen) {
          this.mark[i] = gen;
          picked.push(i);
        }
      }
    };
    for (const [field, fi] of this.fields) {
      const fs = view.values(field);
      if (fs === undefined) continue;
      for (const v of fs.lower) {
        if (fi.exact.size > 0) add(fi.exact.get(v));
        if (fi.basename.size > 0) add(fi.basename.get(basenameOf(v)));
        if (fi.contains.size > 0) fi.contains.scan(v, add);
      }
    }
    if (picked.length === 0) return this.alwaysRules;
    for (const i of this.always) picked.push(i);
    picked.sort((a, b) => a - b);
    return picked.map((i) => this.rules[i]);
  }
}
