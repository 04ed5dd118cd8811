/**
 * Sigma value modifiers (the 2.1 appendix, plus pySigma's long aliases): parsing a `field|a|b`
 * chain and applying it, in order, to each value of a detection item. A value may expand into
 * several alternatives (windash, base64offset, expand), which match as OR. `all` and `neq` act on
 * the whole item; every other modifier transforms or types the value. Any misuse (unknown
 * modifier, wrong value type, wildcards before base64, …) is a RuleError, never a silent no-op.
 * Input: modifier names, a YAML scalar, placeholder values. Output: SigmaValue alternatives.
 */
import { parseCidr } from "./ip-cidr.js";
import { compileSafeRegex } from "./regex/safe-regex.js";
import { RuleError } from "./rule-error.js";
import {
  hasSpecial,
  literalPattern,
  normalizePattern,
  type PatternPart,
  parseSigmaString,
  patternText,
  renderPattern,
  type SigmaPattern,
  WINDASH_CHARS,
} from "./sigma-string.js";
import type { CompareOp, SigmaValue } from "./sigma-value.js";
import { TIME_PARTS, type TimePart } from "./time-part.js";
import { encodeBase64, encodeBase64Offsets, encodeUtf16 } from "./value-encoding.js";
import type { YScalar } from "./yaml-tree.js";

export const SIGMA_MODIFIERS = [
  "contains",
  "startswith",
  "endswith",
  "all",
  "base64",
  "base64offset",
  "utf16le",
  "utf16be",
  "utf16",
  "wide",
  "windash",
  "re",
  "i",
  "m",
  "s",
  "ignorecase",
  "multiline",
  "dotall",
  "cidr",
  "cased",
  "exists",
  "expand",
  "fieldref",
  "gt",
  "gte",
  "lt",
  "lte",
  "neq",
  ...TIME_PARTS,
] as const;
export type SigmaModifier = (typeof SIGMA_MODIFIERS)[number];

const MODIFIER_SET: ReadonlySet<string> = new Set(SIGMA_MODIFIERS);

/** A parsed modifier chain: item-level flags plus the value modifiers in order. */
export interface ModifierChain {
  readonly all: boolean;
  readonly neq: boolean;
  readonly chain: readonly SigmaModifier[];
}

/** Values one detection value may expand to (windash × base64offset × placeholders …). */
export const MAX_ALTERNATIVES = 10_000;

/** Where placeholder values come from (`expand`). Throws RuleError for an unknown placeholder. */
export interface PlaceholderSource {
  values(name: string, line: number): readonly string[];
}

/** Parses `a|b|c` (the part after the field name). Throws RuleError. */
export function parseModifierChain(names: readonly string[], line: number): ModifierChain {
  let all = false;
  let neq = false;
  const chain: SigmaModifier[] = [];
  for (const name of names) {
    if (!MODIFIER_SET.has(name)) {
      throw new RuleError(`unknown modifier '${name}' (known: ${SIGMA_MODIFIERS.join(", ")})`, line);
    }
    const m = name as SigmaModifier;
    if (m === "all") all = true;
    else if (m === "neq") neq = true;
    else chain.push(m);
  }
  return { all, neq, chain };
}

/** The initial value of a YAML scalar, before modifiers. */
function initialValue(scalar: YScalar, placeholders: boolean): SigmaValue {
  const v = scalar.value;
  if (v === null) return { kind: "null" };
  if (typeof v === "boolean") return { kind: "bool", value: v };
  if (typeof v === "number" || typeof v === "bigint") {
    const text = scalar.source ?? String(v);
    return { kind: "number", value: Number(v), text };
  }
  try {
    return { kind: "string", pattern: parseSigmaString(v, { placeholders }), cased: false, original: v };
  } catch (e) {
    throw new RuleError(e instanceof Error ? e.message : String(e), scalar.line);
  }
}

/** A number or boolean used where a string is needed becomes its text (e.g. `EventID|startswith: 46`). */
function asString(v: SigmaValue, placeholders: boolean): SigmaValue {
  if (v.kind === "number") {
    return { kind: "string", pattern: literalPattern(v.text), cased: false, original: v.text };
  }
  if (v.kind === "bool") {
    const text = String(v.value);
    return {
      kind: "string",
      pattern: parseSigmaString(text, { placeholders }),
      cased: false,
      original: text,
    };
  }
  return v;
}

function describe(v: SigmaValue): string {
  switch (v.kind) {
    case "string":
      return `'${renderPattern(v.pattern)}'`;
    case "number":
      return v.text;
    case "bool":
      return String(v.value);
    case "null":
      return "null";
    default:
      return `a ${v.kind} value`;
  }
}

/**
 * Applies the chain to one YAML value. Returns the alternatives (OR). Throws RuleError.
 * `field` is undefined for keyword (value-only) items.
 */
export function applyModifiers(
  scalar: YScalar,
  mods: ModifierChain,
  field: string | undefined,
  placeholders: PlaceholderSource,
): SigmaValue[] {
  const line = scalar.line;
  const usesExpand = mods.chain.includes("expand");
  let values: SigmaValue[] = [initialValue(scalar, usesExpand)];
  const applied: SigmaModifier[] = [];
  for (const m of mods.chain) {
    const next: SigmaValue[] = [];
    for (const v of values) {
      for (const out of applyOne(m, v, applied, field, placeholders, line, usesExpand)) next.push(out);
      if (next.length > MAX_ALTERNATIVES) {
        throw new RuleError(`value expands to more than ${MAX_ALTERNATIVES} alternatives`, line);
      }
    }
    values = next;
    applied.push(m);
  }
  for (const v of values) {
    if (v.kind === "string" && v.pattern.parts.some((p) => p.t === "placeholder")) {
      throw new RuleError(`placeholder in ${describe(v)} was not expanded`, line);
    }
    if (v.kind === "regex") {
      const r = compileSafeRegex(v.source, v.flags);
      if (!r.ok) throw new RuleError(`regex '${v.source}' rejected: ${r.reason}`, line);
    }
  }
  return values;
}

function applyOne(
  m: SigmaModifier,
  input: SigmaValue,
  applied: readonly SigmaModifier[],
  field: string | undefined,
  placeholders: PlaceholderSource,
  line: number,
  usesExpand: boolean,
): SigmaValue[] {
  const fail = (why: string): never => {
    throw new RuleError(`modifier '${m}' ${why}`, line);
  };
  const v = input;
  switch (m) {
    case "contains":
    case "startswith":
    case "endswith": {
      const s = asString(v, usesExpand);
      if (s.kind === "regex") return [s]; // regexes are searched anywhere already: nothing to add
      if (s.kind === "fieldref") {
        return [
          { ...s, startsWith: s.startsWith || m !== "endswith", endsWith: s.endsWith || m !== "startswith" },
        ];
      }
      if (s.kind !== "string") return fail(`cannot apply to ${describe(s)}`);
      const parts: PatternPart[] = [...s.pattern.parts];
      if (m !== "startswith" && parts[0]?.t !== "star") parts.unshift({ t: "star" });
      if (m !== "endswith" && parts[parts.length - 1]?.t !== "star") parts.push({ t: "star" });
      return [{ ...s, pattern: { parts, binary: s.pattern.binary } }];
    }
    case "base64":
    case "base64offset": {
      const s = asString(v, usesExpand);
      if (s.kind !== "string") return fail(`cannot apply to ${describe(s)}`);
      try {
        const encoded = m === "base64" ? [encodeBase64(s.pattern)] : encodeBase64Offsets(s.pattern);
        return encoded.map((pattern) => ({ ...s, pattern }));
      } catch (e) {
        return fail(e instanceof Error ? e.message : String(e));
      }
    }
    case "wide":
    case "utf16le":
    case "utf16be":
    case "utf16": {
      const s = asString(v, usesExpand);
      if (s.kind !== "string") return fail(`cannot apply to ${describe(s)}`);
      const enc = m === "wide" ? "utf16le" : m;
      return [{ ...s, pattern: encodeUtf16(s.pattern, enc) }];
    }
    case "windash": {
      const s = asString(v, usesExpand);
      if (s.kind !== "string") return fail(`cannot apply to ${describe(s)}`);
      return [{ ...s, pattern: windash(s.pattern) }];
    }
    case "re": {
      if (applied.length > 0 && !applied.every((a) => a === "expand")) {
        return fail(`must come first in the chain (found after '${applied.join("|")}')`);
      }
      const s = asString(v, usesExpand);
      if (s.kind !== "string") return fail(`needs a string value, got ${describe(s)}`);
      return [{ kind: "regex", source: s.original, flags: { i: false, m: false, s: false } }];
    }
    case "i":
    case "ignorecase":
    case "m":
    case "multiline":
    case "s":
    case "dotall": {
      if (v.kind !== "regex") return fail("only applies after 're'");
      const flag = m === "ignorecase" ? "i" : m === "multiline" ? "m" : m === "dotall" ? "s" : m;
      return [{ ...v, flags: { ...v.flags, [flag]: true } }];
    }
    case "cased": {
      const s = asString(v, usesExpand);
      if (s.kind === "fieldref") return [{ ...s, cased: true }];
      if (s.kind !== "string") return fail(`cannot apply to ${describe(s)}`);
      return [{ ...s, cased: true }];
    }
    case "cidr": {
      if (applied.length > 0) return fail("only applies to an unmodified value");
      if (v.kind !== "string" || hasSpecial(v.pattern))
        return fail(`needs a network such as 10.0.0.0/8, got ${describe(v)}`);
      try {
        return [{ kind: "cidr", cidr: parseCidr(patternText(v.pattern)) }];
      } catch (e) {
        return fail(e instanceof Error ? e.message : String(e));
      }
    }
    case "exists": {
      if (field === undefined) return fail("needs a field");
      if (applied.length > 0) return fail("only applies to an unmodified value");
      if (v.kind !== "bool") return fail(`needs true or false, got ${describe(v)}`);
      return [{ kind: "exists", value: v.value }];
    }
    case "expand":
      return expand(v, placeholders, line, fail);
    case "fieldref": {
      if (field === undefined) return fail("needs a field");
      const s = asString(v, false);
      if (s.kind !== "string" || hasSpecial(s.pattern))
        return fail(`needs a plain field name, got ${describe(s)}`);
      return [
        { kind: "fieldref", field: patternText(s.pattern), startsWith: false, endsWith: false, cased: false },
      ];
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const n = numberOf(v);
      if (n === undefined) return fail(`needs a number, got ${describe(v)}`);
      return [{ kind: "compare", op: m as CompareOp, value: n }];
    }
    default: {
      const part = m as TimePart;
      const n = numberOf(v);
      if (n === undefined || !Number.isInteger(n)) return fail(`needs an integer, got ${describe(v)}`);
      return [{ kind: "timepart", part, value: n }];
    }
  }
}

function numberOf(v: SigmaValue): number | undefined {
  if (v.kind === "number") return Number.isFinite(v.value) ? v.value : undefined;
  if (v.kind === "string" && !hasSpecial(v.pattern)) {
    const t = patternText(v.pattern).trim();
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  }
  return undefined;
}

/** Every windash character in the literal text becomes a class matching any of them. */
function windash(p: SigmaPattern): SigmaPattern {
  const parts: PatternPart[] = [];
  const dashes: ReadonlySet<string> = new Set(WINDASH_CHARS);
  for (const part of p.parts) {
    if (part.t !== "lit") {
      parts.push(part);
      continue;
    }
    let lit = "";
    for (const ch of part.s) {
      if (dashes.has(ch)) {
        if (lit) parts.push({ t: "lit", s: lit });
        lit = "";
        parts.push({ t: "dash" });
      } else lit += ch;
    }
    if (lit) parts.push({ t: "lit", s: lit });
  }
  return { parts, binary: p.binary };
}

function expand(
  v: SigmaValue,
  placeholders: PlaceholderSource,
  line: number,
  fail: (why: string) => never,
): SigmaValue[] {
  if (v.kind === "regex") {
    const source = v.source.replace(/(\\*)%([A-Za-z0-9_.-]+)%/g, (whole, slashes: string, name: string) => {
      if (slashes.length % 2 === 1) return whole;
      const alternatives = placeholders.values(name, line).map(escapeRegex);
      return `${slashes}(?:${alternatives.join("|")})`;
    });
    return [{ ...v, source }];
  }
  if (v.kind !== "string") return fail(`cannot apply to ${describe(v)}`);
  let patterns: PatternPart[][] = [[]];
  for (const part of v.pattern.parts) {
    if (part.t !== "placeholder") {
      for (const p of patterns) p.push(part);
      continue;
    }
    const replacements = placeholders
      .values(part.name, line)
      .map((text) => parseSigmaString(text, { placeholders: false }).parts);
    if (replacements.length === 0) return fail(`placeholder %${part.name}% has no values`);
    if (patterns.length * replacements.length > MAX_ALTERNATIVES) {
      return fail(`expands to more than ${MAX_ALTERNATIVES} alternatives`);
    }
    patterns = patterns.flatMap((prefix) => replacements.map((r) => [...prefix, ...r]));
  }
  return patterns.map((parts) => ({ ...v, pattern: normalizePattern({ parts, binary: v.pattern.binary }) }));
}

function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, (c) => `\\${c}`);
}
