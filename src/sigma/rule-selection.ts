/**
 * Which loaded rules a run uses. Input: compiled rules and a selection (minimum level, statuses, tags,
 * logsource, ids to exclude). Output: the selected rules, in their load order, and how many each
 * criterion left out (so a report can say why a rule did not run). Pure: the exclusion-list file is
 * read by the caller and parsed here with `parseRuleIdList`.
 */
import type { CompiledRule } from "./compiled-rule.js";
import {
  SIGMA_LEVELS,
  SIGMA_STATUSES,
  type SigmaLevel,
  type SigmaRule,
  type SigmaStatus,
} from "./rule-model.js";

/** Statuses used when the selection names none: everything but `deprecated` and `unsupported`. */
export const DEFAULT_STATUSES: readonly SigmaStatus[] = ["stable", "test", "experimental"];

/** Why a rule was left out, in the order the criteria are checked. */
export const EXCLUSION_REASONS = ["excluded-id", "level", "status", "tags", "logsource"] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** A logsource filter: each key that is set must equal the rule's (case-insensitive). */
export interface LogsourceFilter {
  readonly product?: string;
  readonly service?: string;
  readonly category?: string;
}

export interface RuleSelection {
  /** Keep rules at this level or above; a rule without `level` counts as `informational` */
  readonly minLevel?: SigmaLevel;
  /** Keep rules with one of these statuses (default DEFAULT_STATUSES); a rule without `status` is kept */
  readonly statuses?: readonly SigmaStatus[];
  /**
   * Keep rules carrying at least one of these tags (case-insensitive; `attack.t1059` also selects
   * `attack.t1059.001`; `_` and `-` are the same). Empty or absent: no tag filter.
   */
  readonly tags?: readonly string[];
  readonly logsource?: LogsourceFilter;
  /** Rule ids to leave out (case-insensitive) */
  readonly excludeIds?: Iterable<string>;
}

export interface SelectedRules {
  readonly rules: readonly CompiledRule[];
  /** How many rules each criterion left out (a rule is counted once, under the first that applies) */
  readonly excluded: Readonly<Record<ExclusionReason, number>>;
}

function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/_/g, "-");
}

function tagSelected(ruleTags: readonly string[], wanted: readonly string[]): boolean {
  for (const raw of ruleTags) {
    const tag = normalizeTag(raw);
    for (const w of wanted) if (tag === w || tag.startsWith(`${w}.`)) return true;
  }
  return false;
}

function logsourceSelected(rule: SigmaRule, filter: LogsourceFilter): boolean {
  const keys = ["product", "service", "category"] as const;
  return keys.every((k) => {
    const want = filter[k];
    return want === undefined || rule.logsource[k]?.toLowerCase() === want.toLowerCase();
  });
}

/** The reason `rule` is left out by `selection`, or undefined when it is kept. */
export function exclusionReason(
  rule: SigmaRule,
  selection: RuleSelection,
  excludeIds: ReadonlySet<string> = new Set(),
): ExclusionReason | undefined {
  if (rule.id !== undefined && excludeIds.has(rule.id.toLowerCase())) return "excluded-id";
  if (selection.minLevel !== undefined) {
    const level = SIGMA_LEVELS.indexOf(rule.level ?? "informational");
    if (level < SIGMA_LEVELS.indexOf(selection.minLevel)) return "level";
  }
  const statuses = selection.statuses ?? DEFAULT_STATUSES;
  if (rule.status !== undefined && !statuses.includes(rule.status)) return "status";
  const tags = (selection.tags ?? []).map(normalizeTag).filter((t) => t !== "");
  if (tags.length > 0 && !tagSelected(rule.tags, tags)) return "tags";
  if (selection.logsource && !logsourceSelected(rule, selection.logsource)) return "logsource";
  return undefined;
}

/** The rules of `rules` that `selection` keeps, in order, with the counts of those left out. */
export function selectRules(rules: readonly CompiledRule[], selection: RuleSelection): SelectedRules {
  const excludeIds = new Set(Array.from(selection.excludeIds ?? [], (id) => id.toLowerCase()));
  const excluded: Record<ExclusionReason, number> = {
    "excluded-id": 0,
    level: 0,
    status: 0,
    tags: 0,
    logsource: 0,
  };
  const kept: CompiledRule[] = [];
  for (const compiled of rules) {
    const reason = exclusionReason(compiled.rule, selection, excludeIds);
    if (reason === undefined) kept.push(compiled);
    else excluded[reason]++;
  }
  return { rules: kept, excluded };
}

/** A line of a rule-id list that is not an id. */
export interface RuleIdListProblem {
  readonly line: number;
  readonly text: string;
}

/**
 * Parses a list of rule ids (Hayabusa's `exclude_rules.txt` shape): one id per line, the first word of
 * the line; `#` starts a comment; blank lines are ignored. Lines whose first word is not a rule id
 * (letters, digits, `-`, `_`, `.`, at most 200 characters) are returned as problems.
 */
export function parseRuleIdList(text: string): { ids: string[]; problems: RuleIdListProblem[] } {
  const ids: string[] = [];
  const problems: RuleIdListProblem[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const body = lines[i].replace(/#.*$/, "").trim();
    if (body === "") continue;
    const word = body.split(/\s+/)[0];
    if (/^[\w.-]{1,200}$/.test(word)) ids.push(word);
    else problems.push({ line: i + 1, text: word.slice(0, 80) });
  }
  return { ids, problems };
}

/** Parses a comma-separated list of statuses; throws a RangeError naming the accepted ones. */
export function parseStatuses(text: string): SigmaStatus[] {
  const out: SigmaStatus[] = [];
  for (const part of text.split(",")) {
    const s = part.trim().toLowerCase();
    if (s === "") continue;
    const status = SIGMA_STATUSES.find((x) => x === s);
    if (status === undefined)
      throw new RangeError(`unknown status "${s}": expected ${SIGMA_STATUSES.join(", ")}`);
    if (!out.includes(status)) out.push(status);
  }
  return out;
}
