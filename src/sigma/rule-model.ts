/**
 * The Sigma rule model shared by the loader, the compiler, the engine and the correlation module:
 * rule metadata (what a rule says about itself), where it came from, and why a rule was rejected.
 * Input: none (types and vocabularies). Output: the types other modules code against.
 */

/** Sigma's rule levels, least to most severe. */
export const SIGMA_LEVELS = ["informational", "low", "medium", "high", "critical"] as const;
export type SigmaLevel = (typeof SIGMA_LEVELS)[number];

/** Sigma's rule statuses. */
export const SIGMA_STATUSES = ["stable", "test", "experimental", "deprecated", "unsupported"] as const;
export type SigmaStatus = (typeof SIGMA_STATUSES)[number];

/** Where a rule comes from. */
export interface RuleSource {
  readonly file: string;
  /** 1-based line of the YAML document start */
  readonly line: number;
}

/** A detection rule's metadata (its detection logic lives in the CompiledRule). */
export interface SigmaRule {
  readonly kind: "rule";
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly title: string;
  readonly status: SigmaStatus | undefined;
  readonly level: SigmaLevel | undefined;
  readonly description: string | undefined;
  readonly author: string | undefined;
  readonly date: string | undefined;
  readonly modified: string | undefined;
  readonly tags: readonly string[];
  readonly references: readonly string[];
  readonly falsepositives: readonly string[];
  readonly fields: readonly string[];
  readonly logsource: {
    readonly product?: string;
    readonly service?: string;
    readonly category?: string;
    readonly definition?: string;
  };
  readonly source: RuleSource;
  /** every other top-level key, kept as parsed (custom attributes such as `kill_chain`) */
  readonly custom: Readonly<Record<string, unknown>>;
}

/** A rule (or filter, or correlation document) that did not load, and why. */
export interface RejectedRule {
  readonly source: RuleSource;
  readonly id?: string;
  readonly title?: string;
  /** What is wrong, with the exact line of the problem when it is not the document start */
  readonly reason: string;
}

/**
 * A YAML document the core loader does not compile itself, kept as parsed for the module that does:
 * correlation rules (`correlation:` key) for `src/sigma/correlation/`.
 */
export interface RawRuleDocument {
  readonly source: RuleSource;
  /** The document as plain JavaScript (after `action: global` merging) */
  readonly document: Readonly<Record<string, unknown>>;
  /**
   * Set for a detection rule written with the legacy aggregation form (`condition: selection | count() by X > 5`
   * with `timeframe`): the base rule loads with the condition part before `|`, and the aggregation is
   * handed to the correlation module here (its `parseLegacyCountCondition(aggregation, timeframe)`).
   */
  readonly legacy?: {
    readonly aggregation: string;
    readonly timeframe: string | undefined;
    /** id (or title when it has no id) of the base rule the aggregation counts */
    readonly ruleId: string | undefined;
    readonly ruleTitle: string;
  };
}

/** A non-fatal, located problem found while loading (e.g. a filter naming a rule that is not loaded). */
export interface LoadWarning {
  readonly source: RuleSource;
  readonly id?: string;
  readonly title?: string;
  readonly message: string;
}
