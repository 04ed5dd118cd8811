/**
 * Quick pivots over normalized events (`mikiwame search`): read → normalize → keep the events that
 * satisfy every search term. Input: paths, terms (keyword, regular expression, field = value) and the
 * analyze options. Output: the matching events, batch by batch in reading order, and the counts.
 * Terms combine with AND. Regular expressions come from the user: they run on the same linear-time
 * matcher as Sigma's `|re` (src/sigma/regex/safe-regex.ts).
 */
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { Event } from "../events/event.js";
import { fieldToString } from "../events/field-value.js";
import { compileSafeRegex } from "../sigma/regex/safe-regex.js";
import type { AnalyzeSummary } from "./analyze-summary.js";
import { type AnalyzeOptions, analyze } from "./analyze.js";

export const SEARCH_TERM_KINDS = ["keyword", "regex", "field"] as const;
export type SearchTermKind = (typeof SEARCH_TERM_KINDS)[number];

/** One condition an event must satisfy. */
export type SearchTerm =
  /** Some field value (or the host) contains `text`, case-insensitive */
  | { readonly kind: "keyword"; readonly text: string; readonly lower: string }
  /** Some field value (or the host) matches the pattern */
  | { readonly kind: "regex"; readonly source: string; readonly test: (text: string) => boolean }
  /** The field (name case-insensitive) equals `value`, case-insensitive; `*` in `value` matches any text */
  | {
      readonly kind: "field";
      readonly field: string;
      readonly value: string;
      readonly test: (v: string) => boolean;
    };

/** Longest keyword or field value accepted. */
export const MAX_TERM_LENGTH = 4096;

function checkLength(what: string, text: string): void {
  if (text.length === 0) throw new MikiwameError("E_USAGE", `${what} is empty`);
  if (text.length > MAX_TERM_LENGTH) {
    throw new MikiwameError("E_USAGE", `${what} is longer than ${MAX_TERM_LENGTH} characters`);
  }
}

/** `--keyword K`. */
export function keywordTerm(text: string): SearchTerm {
  checkLength("--keyword", text);
  return { kind: "keyword", text, lower: text.toLowerCase() };
}

/**
 * `--regex R` (case-sensitive; `(?i)` makes it case-insensitive): compiled by the Sigma engine's
 * linear-time regex (no backtracking, so no pattern can hang the search). Throws MikiwameError E_USAGE
 * when R is not valid or uses a feature that needs backtracking.
 */
export function regexTerm(source: string): SearchTerm {
  checkLength("--regex", source);
  const compiled = compileSafeRegex(source);
  if (!compiled.ok)
    throw new MikiwameError("E_USAGE", `--regex ${JSON.stringify(source)}: ${compiled.reason}`);
  const { regex } = compiled;
  return { kind: "regex", source, test: (text) => regex.test(text) };
}

/** `--field name=value`: throws MikiwameError E_USAGE without `=` or a name. */
export function fieldTerm(text: string): SearchTerm {
  checkLength("--field", text);
  const eq = text.indexOf("=");
  if (eq <= 0) throw new MikiwameError("E_USAGE", `--field "${text}": expected name=value`);
  const field = text.slice(0, eq).trim();
  const value = text.slice(eq + 1);
  if (field === "") throw new MikiwameError("E_USAGE", `--field "${text}": expected name=value`);
  const lower = value.toLowerCase();
  let test: (v: string) => boolean;
  if (!value.includes("*")) test = (v) => v.toLowerCase() === lower;
  else {
    // `*` is the only wildcard; everything else is literal (no user regex here, so no backtracking risk
    // beyond a linear scan per star)
    const parts = lower.split("*");
    test = (v) => wildcardMatch(v.toLowerCase(), parts);
  }
  return { kind: "field", field, value, test };
}

/** `text` matches `parts` joined by `*` wildcards (greedy scan, linear per part). */
function wildcardMatch(text: string, parts: readonly string[]): boolean {
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!text.startsWith(first)) return false;
  let pos = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const at = text.indexOf(parts[i], pos);
    if (at < 0) return false;
    pos = at + parts[i].length;
  }
  return text.length - last.length >= pos && text.endsWith(last);
}

/** Every value of the event as text: the host, then each field (arrays item by item). */
function* eventTexts(event: Event): Generator<string> {
  if (event.host !== "") yield event.host;
  for (const key in event.fields) {
    const v = event.fields[key];
    if (Array.isArray(v)) for (const item of v) yield fieldToString(item);
    else yield fieldToString(v);
  }
}

function fieldValue(event: Event, name: string): string | undefined {
  if (Object.hasOwn(event.fields, name)) return fieldToString(event.fields[name]);
  const lower = name.toLowerCase();
  for (const key in event.fields) if (key.toLowerCase() === lower) return fieldToString(event.fields[key]);
  return undefined;
}

function termMatches(event: Event, term: SearchTerm): boolean {
  switch (term.kind) {
    case "keyword":
      for (const t of eventTexts(event)) if (t.toLowerCase().includes(term.lower)) return true;
      return false;
    case "regex":
      for (const t of eventTexts(event)) if (term.test(t)) return true;
      return false;
    case "field": {
      const v = fieldValue(event, term.field);
      return v !== undefined && term.test(v);
    }
  }
}

/** True when `event` satisfies every term (and there is at least one term). */
export function eventMatchesAll(event: Event, terms: readonly SearchTerm[]): boolean {
  return terms.length > 0 && terms.every((t) => termMatches(event, t));
}

export interface SearchOptions extends Omit<AnalyzeOptions, "onEvents"> {
  /** Called with each batch's matching events; awaited. Not called for batches without one. */
  readonly onFound?: (events: readonly Event[]) => void | Promise<void>;
}

export interface SearchResult {
  readonly summary: AnalyzeSummary;
  /** Events looked at */
  readonly events: number;
  /** Events that satisfied every term */
  readonly found: number;
}

/** Runs the search over every event under `paths`; throws MikiwameError E_USAGE when `terms` is empty. */
export async function searchEvents(
  paths: readonly string[],
  terms: readonly SearchTerm[],
  options: SearchOptions,
): Promise<SearchResult> {
  if (terms.length === 0) {
    throw new MikiwameError("E_USAGE", "give at least one of --keyword, --regex or --field");
  }
  let events = 0;
  let found = 0;
  const summary = await analyze(paths, {
    ...options,
    onEvents: async (batch) => {
      events += batch.length;
      const hits = batch.filter((e) => eventMatchesAll(e, terms));
      found += hits.length;
      if (hits.length > 0 && options.onFound) await options.onFound(hits);
    },
  });
  return { summary, events, found };
}
