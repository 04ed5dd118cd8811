/**
 * A rule's `detection` section → one predicate over an EventView, built from closures (no generated
 * source). Search identifiers: maps (AND of field items), lists of maps (OR), value lists (keyword
 * search over every field value, substring semantics). The condition is parsed, checked against the
 * identifiers (a missing one is an error) and compiled with the cheapest operands first.
 * Input: the detection map (located YAML), placeholder values. Output: a CompiledDetection.
 */
import { type ConditionNode, identifierMatches, parseCondition } from "./condition-parser.js";
import type { EventView } from "./event-view.js";
import { type IndexAtom, smallestKeys, unionKeys } from "./index-key.js";
import { applyModifiers, parseModifierChain, type PlaceholderSource } from "./modifiers.js";
import { RuleError } from "./rule-error.js";
import type { SigmaValue } from "./sigma-value.js";
import { compileContainsSet, compileValueTest, containsLiterals, type ValueTest } from "./value-matcher.js";
import { describeNode, type YMap, type YNode, type YScalar } from "./yaml-tree.js";

/** A compiled test over one event, with a relative cost. */
export interface Predicate {
  readonly cost: number;
  /** Atoms one of which holds whenever the predicate does (for the engine's index); undefined: none known */
  readonly needs?: readonly IndexAtom[];
  readonly run: (view: EventView) => boolean;
}

export interface CompiledDetection {
  readonly predicate: Predicate;
  /** Legacy aggregation (`| count() by X > 5`), when the condition had one */
  readonly aggregation: string | undefined;
  /** The `timeframe` key of the detection (legacy aggregations) */
  readonly timeframe: string | undefined;
}

/** Value lists with at least this many plain `contains` literals are matched in one Aho–Corasick pass. */
const CONTAINS_SET_MIN = 8;

/** Keys of `detection` that are not search identifiers. */
const RESERVED_KEYS = new Set(["condition", "timeframe"]);

function and(args: Predicate[]): Predicate {
  if (args.length === 1) return args[0];
  const sorted = [...args].sort((a, b) => a.cost - b.cost);
  const cost = sorted.reduce((s, p) => s + p.cost, 0);
  const needs = smallestKeys(args.map((a) => a.needs));
  if (sorted.length === 2) {
    const [a, b] = sorted;
    return { cost, needs, run: (v) => a.run(v) && b.run(v) };
  }
  return {
    cost,
    needs,
    run: (v) => {
      for (const p of sorted) if (!p.run(v)) return false;
      return true;
    },
  };
}

function or(args: Predicate[]): Predicate {
  if (args.length === 1) return args[0];
  const sorted = [...args].sort((a, b) => a.cost - b.cost);
  const cost = sorted.reduce((s, p) => s + p.cost, 0);
  return {
    cost,
    needs: unionKeys(args.map((a) => a.needs)),
    run: (v) => {
      for (const p of sorted) if (p.run(v)) return true;
      return false;
    },
  };
}

function not(p: Predicate): Predicate {
  return { cost: p.cost, run: (v) => !p.run(v) };
}

/** Compiles a detection section. Throws RuleError. */
export function compileDetection(detection: YMap, placeholders: PlaceholderSource): CompiledDetection {
  const identifiers = new Map<string, Predicate>();
  const conditions: { text: string; line: number }[] = [];
  let timeframe: string | undefined;
  const errors: RuleError[] = [];
  for (const e of detection.entries) {
    if (e.key === "condition") {
      if (e.value.kind === "scalar" && typeof e.value.value === "string") {
        conditions.push({ text: e.value.value, line: e.value.line });
      } else if (e.value.kind === "seq" && e.value.items.length > 0) {
        for (const item of e.value.items) {
          if (item.kind !== "scalar" || typeof item.value !== "string") {
            throw new RuleError(
              `detection.condition list items must be strings, got ${describeNode(item)}`,
              item.line,
            );
          }
          conditions.push({ text: item.value, line: item.line });
        }
      } else {
        throw new RuleError(
          `detection.condition must be a string or a list of strings, got ${describeNode(e.value)}`,
          e.keyLine,
        );
      }
    } else if (e.key === "timeframe") {
      if (e.value.kind !== "scalar" || e.value.value === null) {
        throw new RuleError("detection.timeframe must be a duration such as 5m", e.keyLine);
      }
      timeframe = String(e.value.value);
    } else {
      // every identifier is compiled, so that one rule reports all its broken identifiers at once
      try {
        identifiers.set(e.key, compileSearch(e.key, e.value, e.keyLine, placeholders));
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        errors.push(err);
        identifiers.set(e.key, BROKEN);
      }
    }
  }
  if (conditions.length === 0) errors.push(new RuleError("detection has no condition", detection.line));
  if (identifiers.size === 0)
    errors.push(new RuleError("detection has no search identifier", detection.line));

  const compiled: Predicate[] = [];
  let aggregation: string | undefined;
  for (const c of conditions) {
    try {
      let parsed: ReturnType<typeof parseCondition>;
      try {
        parsed = parseCondition(c.text);
      } catch (e) {
        throw new RuleError(`condition '${c.text}': ${e instanceof Error ? e.message : String(e)}`, c.line);
      }
      if (parsed.aggregation !== undefined) {
        if (aggregation !== undefined) {
          throw new RuleError("only one legacy aggregation per rule is supported", c.line);
        }
        aggregation = parsed.aggregation;
      }
      if (identifiers.size > 0) compiled.push(compileCondition(parsed.node, identifiers, c.line));
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      errors.push(err);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new RuleError(errors.map((e) => e.describe()).join("; "), undefined);
  return { predicate: or(compiled), aggregation, timeframe };
}

/** Stands for an identifier that failed to compile (the rule is rejected; it never runs). */
const BROKEN: Predicate = { cost: 0, run: () => false };

/** Compiles a parsed condition against the compiled identifiers. Throws RuleError. */
export function compileCondition(
  node: ConditionNode,
  identifiers: ReadonlyMap<string, Predicate>,
  line: number,
): Predicate {
  switch (node.t) {
    case "id": {
      const p = identifiers.get(node.name);
      if (!p) {
        const known = [...identifiers.keys()].join(", ");
        throw new RuleError(
          `condition references '${node.name}', which is not defined (defined: ${known})`,
          line,
        );
      }
      return p;
    }
    case "and":
      return and(node.args.map((a) => compileCondition(a, identifiers, line)));
    case "or":
      return or(node.args.map((a) => compileCondition(a, identifiers, line)));
    case "not":
      return not(compileCondition(node.arg, identifiers, line));
    case "of": {
      const names = [...identifiers.keys()].filter(
        (n) => identifierMatches(node.pattern, n) && !(node.them && n.startsWith("_")),
      );
      const what = node.them ? "them" : node.pattern;
      if (names.length === 0)
        throw new RuleError(`'${node.count} of ${what}' matches no search identifier`, line);
      const preds = names.map((n) => identifiers.get(n) as Predicate);
      if (node.count === "all") return and(preds);
      if (node.count === 1) return or(preds);
      const need = node.count;
      if (need > preds.length) {
        throw new RuleError(`'${need} of ${what}' but only ${preds.length} identifiers match`, line);
      }
      const sorted = [...preds].sort((a, b) => a.cost - b.cost);
      return {
        cost: sorted.reduce((s, p) => s + p.cost, 0),
        needs: unionKeys(preds.map((p) => p.needs)),
        run: (v) => {
          let hits = 0;
          for (const p of sorted) if (p.run(v) && ++hits >= need) return true;
          return false;
        },
      };
    }
  }
}

/** Compiles one search identifier. */
export function compileSearch(
  name: string,
  node: YNode,
  line: number,
  placeholders: PlaceholderSource,
): Predicate {
  if (RESERVED_KEYS.has(name)) throw new RuleError(`'${name}' cannot be a search identifier`, line);
  switch (node.kind) {
    case "map":
      return compileMap(node, placeholders);
    case "seq": {
      if (node.items.length === 0) throw new RuleError(`search identifier '${name}' is an empty list`, line);
      const keywords: YScalar[] = [];
      const alternatives: Predicate[] = [];
      for (const item of node.items) {
        if (item.kind === "map") alternatives.push(compileMap(item, placeholders));
        else if (item.kind === "scalar") keywords.push(item);
        else throw new RuleError(`search identifier '${name}' has a nested list`, item.line);
      }
      if (keywords.length > 0) alternatives.push(compileItem(undefined, [], keywords, line, placeholders));
      return or(alternatives);
    }
    case "scalar":
      if (node.value === null) throw new RuleError(`search identifier '${name}' is empty`, line);
      return compileItem(undefined, [], [node], line, placeholders);
  }
}

function compileMap(map: YMap, placeholders: PlaceholderSource): Predicate {
  if (map.entries.length === 0) throw new RuleError("a selection map is empty", map.line);
  const items: Predicate[] = [];
  for (const e of map.entries) {
    const [field, ...mods] = e.key.split("|");
    let values: YScalar[];
    if (e.value.kind === "scalar") values = [e.value];
    else if (e.value.kind === "seq") {
      if (e.value.items.length === 0)
        throw new RuleError(`'${e.key}' has an empty list of values`, e.keyLine);
      values = e.value.items.map((v) => {
        if (v.kind !== "scalar")
          throw new RuleError(`'${e.key}' values must be scalars, got ${describeNode(v)}`, v.line);
        return v;
      });
    } else {
      throw new RuleError(`'${e.key}' must have a value or a list of values, got a map`, e.keyLine);
    }
    items.push(compileItem(field === "" ? undefined : field, mods, values, e.keyLine, placeholders));
  }
  return and(items);
}

/** One `field|mods: values` item; field undefined for keyword searches. */
function compileItem(
  field: string | undefined,
  modNames: readonly string[],
  values: readonly YScalar[],
  line: number,
  placeholders: PlaceholderSource,
): Predicate {
  const mods = parseModifierChain(modNames, line);
  const perValueSigma: SigmaValue[][] = values.map((scalar) =>
    applyModifiers(scalar, mods, field, placeholders).map((v) =>
      field === undefined ? keywordValue(v, scalar.line) : v,
    ),
  );
  let combined: ValueTest;
  const literals = mods.all ? undefined : containsLiterals(perValueSigma.flat());
  if (literals !== undefined && literals.length >= CONTAINS_SET_MIN) {
    combined = compileContainsSet(literals);
  } else {
    const perValue = perValueSigma.map((alternatives, i) =>
      anyTest(alternatives.map((v) => compileValueTest(v, field, values[i].line))),
    );
    combined = mods.all ? allTests(perValue) : anyTest(perValue);
  }
  if (field === undefined) {
    if (mods.neq) throw new RuleError("modifier 'neq' needs a field", line);
    return { cost: combined.cost + 30, run: (v) => combined.test(v.allValues(), v) };
  }
  if (mods.neq) {
    return {
      cost: combined.cost,
      run: (v) => {
        const fs = v.values(field);
        return fs !== undefined && !combined.test(fs, v);
      },
    };
  }
  const needs = combined.keys?.map((k) => ({ field, kind: k.kind, key: k.key }));
  return { cost: combined.cost, needs, run: (v) => combined.test(v.values(field), v) };
}

/** Keyword values are searched anywhere in a field value (substring semantics, like full-text search). */
function keywordValue(v: SigmaValue, line: number): SigmaValue {
  if (v.kind === "number") {
    return {
      kind: "string",
      pattern: { parts: [{ t: "star" }, { t: "lit", s: v.text }, { t: "star" }], binary: false },
      cased: false,
      original: v.text,
    };
  }
  if (v.kind === "string") {
    const parts = [...v.pattern.parts];
    if (parts[0]?.t !== "star") parts.unshift({ t: "star" });
    if (parts[parts.length - 1]?.t !== "star") parts.push({ t: "star" });
    return { ...v, pattern: { parts, binary: v.pattern.binary } };
  }
  if (v.kind === "regex") return v;
  throw new RuleError(
    `a keyword (value-only) search cannot use ${v.kind === "null" ? "null" : `a ${v.kind} value`}`,
    line,
  );
}

function anyTest(tests: readonly ValueTest[]): ValueTest {
  if (tests.length === 1) return tests[0];
  const sorted = [...tests].sort((a, b) => a.cost - b.cost);
  return {
    cost: sorted.reduce((s, t) => s + t.cost, 0),
    keys: unionKeys(tests.map((t) => t.keys)),
    test: (fs, view) => {
      for (const t of sorted) if (t.test(fs, view)) return true;
      return false;
    },
  };
}

function allTests(tests: readonly ValueTest[]): ValueTest {
  if (tests.length === 1) return tests[0];
  const sorted = [...tests].sort((a, b) => a.cost - b.cost);
  return {
    cost: sorted.reduce((s, t) => s + t.cost, 0),
    keys: smallestKeys(tests.map((t) => t.keys)),
    test: (fs, view) => {
      for (const t of sorted) if (!t.test(fs, view)) return false;
      return true;
    },
  };
}
