/**
 * SigmaValue → a closure testing one field of an event. A field with several values (arrays)
 * matches when any of them does. A field the event does not have matches only `null` and
 * `exists: false`.
 * Input: a SigmaValue (modifiers applied) and the field name. Output: a ValueTest.
 */
import type { EventView, FieldStrings } from "./event-view.js";
import type { IndexKey } from "./index-key.js";
import { cidrContains, parseIp } from "./ip-cidr.js";
import { compileSafeRegex } from "./regex/safe-regex.js";
import { RuleError } from "./rule-error.js";
import { normalizePattern } from "./sigma-string.js";
import { SubstringIndex } from "./substring-index.js";
import type { SigmaValue } from "./sigma-value.js";
import { compileStringTest } from "./string-matcher.js";
import { EVENT_TIME_FIELDS, parseDateMs, timePartOf } from "./time-part.js";

export interface ValueTest {
  /** Relative cost, to run cheap tests first */
  readonly cost: number;
  /** Keys one of which holds whenever the test does (see index-key.ts); undefined when unknown */
  readonly keys?: readonly IndexKey[];
  /** `fs` is the field's strings, undefined when the event lacks the field */
  test(fs: FieldStrings | undefined, view: EventView): boolean;
}

const EVENT_TIME_FIELD_SET: ReadonlySet<string> = new Set(EVENT_TIME_FIELDS);

/** Does any of the values (none when the field is absent) pass the test? */
function someOf(values: readonly string[] | undefined, test: (s: string) => boolean): boolean {
  if (values === undefined) return false;
  for (const s of values) if (test(s)) return true;
  return false;
}

/** Parses a field string as a number: decimal, or hex with `0x`. */
export function fieldNumber(s: string): number | undefined {
  const t = s.trim();
  if (t === "") return undefined;
  if (/^0x[0-9a-f]+$/i.test(t)) return Number.parseInt(t, 16);
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Compiles one value for `field` (undefined for keyword items). Throws RuleError. */
export function compileValueTest(v: SigmaValue, field: string | undefined, line: number): ValueTest {
  switch (v.kind) {
    case "string": {
      const t = compileStringTest(normalizePattern(v.pattern), v.cased);
      return t.cased
        ? { cost: t.cost, test: (fs) => someOf(fs?.raw, t.test) }
        : { cost: t.cost, keys: t.keys, test: (fs) => someOf(fs?.lower, t.test) };
    }
    case "number": {
      const decimal = String(v.value);
      const text = v.text.toLowerCase();
      return {
        cost: 1,
        keys: [
          { kind: "exact", key: decimal },
          { kind: "exact", key: text },
        ],
        test: (fs) => someOf(fs?.lower, (s) => s === decimal || s === text),
      };
    }
    case "bool": {
      const text = String(v.value);
      return {
        cost: 1,
        keys: [{ kind: "exact", key: text }],
        test: (fs) => someOf(fs?.lower, (s) => s === text),
      };
    }
    case "null":
      return { cost: 1, test: (fs) => fs === undefined || fs.raw.every((s) => s === "") };
    case "exists":
      return { cost: 1, test: (fs) => (fs !== undefined) === v.value };
    case "regex": {
      const r = compileSafeRegex(v.source, v.flags);
      if (!r.ok) throw new RuleError(`regex '${v.source}' rejected: ${r.reason}`, line);
      const re = r.regex;
      return {
        cost: 20,
        keys: re.literals?.map((key) => ({ kind: "contains", key })),
        test: (fs) => someOf(fs?.raw, re.test),
      };
    }
    case "cidr": {
      const cidr = v.cidr;
      return {
        cost: 6,
        test: (fs) =>
          someOf(fs?.raw, (s) => {
            const ip = parseIp(s);
            return ip !== undefined && cidrContains(cidr, ip);
          }),
      };
    }
    case "compare": {
      const { op, value } = v;
      const cmp =
        op === "gt"
          ? (n: number) => n > value
          : op === "gte"
            ? (n: number) => n >= value
            : op === "lt"
              ? (n: number) => n < value
              : (n: number) => n <= value;
      return {
        cost: 2,
        test: (fs) =>
          someOf(fs?.raw, (s) => {
            const n = fieldNumber(s);
            return n !== undefined && cmp(n);
          }),
      };
    }
    case "fieldref":
      return fieldRefTest(v);
    case "timepart": {
      const { part, value } = v;
      const useEventTime = field !== undefined && EVENT_TIME_FIELD_SET.has(field);
      return {
        cost: 4,
        test: (fs, view) => {
          if (fs === undefined) {
            const t = useEventTime ? view.event.time : undefined;
            return t !== undefined && timePartOf(t.ms, part) === value;
          }
          return fs.raw.some((s) => {
            const ms = parseDateMs(s);
            return ms !== undefined && timePartOf(ms, part) === value;
          });
        },
      };
    }
  }
}

function fieldRefTest(v: Extract<SigmaValue, { kind: "fieldref" }>): ValueTest {
  const { field: ref, startsWith, endsWith, cased } = v;
  const compare = (a: string, b: string): boolean => {
    if (startsWith && endsWith) return a.includes(b);
    if (startsWith) return a.startsWith(b);
    if (endsWith) return a.endsWith(b);
    return a === b;
  };
  return {
    cost: 3,
    test: (fs, view) => {
      if (fs === undefined) return false;
      const other = view.values(ref);
      if (other === undefined) return false;
      const mine = cased ? fs.raw : fs.lower;
      const theirs = cased ? other.raw : other.lower;
      return mine.some((a) => theirs.some((b) => compare(a, b)));
    },
  };
}

/**
 * The literals of a list of values that are all case-insensitive `*literal*` patterns, or
 * undefined when any value is something else.
 */
export function containsLiterals(values: readonly SigmaValue[]): string[] | undefined {
  const out: string[] = [];
  for (const v of values) {
    if (v.kind !== "string" || v.cased) return undefined;
    const p = normalizePattern(v.pattern).parts;
    if (p.length !== 3 || p[0].t !== "star" || p[1].t !== "lit" || p[2].t !== "star") return undefined;
    out.push(p[1].s.toLowerCase());
  }
  return out;
}

/** Any of many case-insensitive substrings, found in one pass per value. */
export function compileContainsSet(literals: readonly string[]): ValueTest {
  const index = new SubstringIndex<true>();
  for (const l of literals) index.add(l, true);
  index.build();
  const found = (s: string): boolean => index.occursIn(s);
  return {
    cost: 6,
    keys: literals.map((key) => ({ kind: "contains", key })),
    test: (fs) => someOf(fs?.lower, found),
  };
}
