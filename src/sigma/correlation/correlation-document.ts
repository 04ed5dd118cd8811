/**
 * The loader's entry point into the correlation module. Input: a document the core loader kept for us
 * (`RawRuleDocument`: a `correlation:` document, or a detection rule written with the legacy
 * `| count() …` aggregation). Output: the correlation rule it defines, or a rejection with its reason.
 */
import type { RawRuleDocument, RejectedRule } from "../rule-model.js";
import { type CorrelationRule, parseCorrelationRule, rejection } from "./correlation-rule.js";
import { legacyCorrelationFromDocument, parseLegacyCountCondition } from "./legacy-aggregation.js";

/**
 * Parses one kept document. For a legacy aggregation (`raw.legacy` set), the aggregation and the
 * `timeframe` are parsed and the correlation counts the matches of the document's own rule, referenced
 * by its `id` (else its `name`): the engine must be fed that rule's matches under that id or name.
 */
export function correlationFromDocument(raw: RawRuleDocument): CorrelationRule | RejectedRule {
  if (raw.legacy === undefined) return parseCorrelationRule(raw.document, raw.source);
  const parsed = parseLegacyCountCondition(raw.legacy.aggregation, raw.legacy.timeframe);
  if ("reason" in parsed) return rejection(raw.document, raw.source, parsed.reason);
  return legacyCorrelationFromDocument(raw.document, raw.source, parsed);
}
