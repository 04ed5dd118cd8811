/**
 * Every setting of the reputation viewpoint (評価) with defaults that work out of the box; the
 * configuration file overrides any of them by name. With no `indicatorLists` the analyzer is not
 * created and the run summary says "reputation: not checked".
 * Input: none. Output: the `ReputationOptions` type, `DEFAULT_REPUTATION_OPTIONS`, `reputationOptions`.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { VERDICTS, type Verdict } from "./indicator.js";

export interface ReputationOptions {
  /** Local indicator list files (format: docs/analytics-reputation.md), merged into one list */
  readonly indicatorLists: readonly string[];
  /** Known-good hash lists (e.g. DeepBlueCLI's safelist CSV): lines without a verdict are benign */
  readonly knownGoodLists: readonly string[];
  /** Verdict of an indicator-list line that gives none */
  readonly defaultVerdict: Verdict;
  /** Confidence (that the thing is bad) of a malicious match when the list gives none */
  readonly maliciousConfidence: number;
  /** Confidence of a suspicious match when the list gives none */
  readonly suspiciousConfidence: number;
  /** Confidence that a thing matching a known-good (benign) indicator is bad: low, it is counter-evidence */
  readonly knownGoodConfidence: number;
  /** Factor on the confidence of an inexact match (CIDR block, parent domain, URL without its query) */
  readonly inexactMatchFactor: number;
  /** Emit `reputation.known-good` info findings for benign matches */
  readonly reportKnownGood: boolean;
  /** Also check the source address of connections (inbound contacts from a listed address) */
  readonly checkSourceAddresses: boolean;
  /** Distinct (host, matched value, stage) groups tracked; later new ones are counted only */
  readonly maxTracked: number;
  /** Address lookups remembered (address text → match); the cache is emptied when full */
  readonly addressCacheSize: number;
  /** Longest indicator-list line, in bytes */
  readonly maxLineBytes: number;
  /** Most indicators held in memory over all lists */
  readonly maxIndicators: number;
}

export const DEFAULT_REPUTATION_OPTIONS: ReputationOptions = {
  indicatorLists: [],
  knownGoodLists: [],
  defaultVerdict: "malicious",
  maliciousConfidence: 0.9,
  suspiciousConfidence: 0.5,
  knownGoodConfidence: 0.05,
  inexactMatchFactor: 0.85,
  reportKnownGood: true,
  checkSourceAddresses: true,
  maxTracked: 100_000,
  addressCacheSize: 65_536,
  maxLineBytes: 8_192,
  maxIndicators: 5_000_000,
};

/** The defaults with `overrides` applied; a value out of range is `E_CONFIG` naming the option. */
export function reputationOptions(overrides: Partial<ReputationOptions> = {}): ReputationOptions {
  const o = { ...DEFAULT_REPUTATION_OPTIONS, ...overrides };
  for (const k of [
    "maliciousConfidence",
    "suspiciousConfidence",
    "knownGoodConfidence",
    "inexactMatchFactor",
  ] as const)
    if (!(o[k] >= 0 && o[k] <= 1)) throw new MikiwameError("E_CONFIG", `reputation.${k} must be from 0 to 1`);
  for (const k of ["maxTracked", "addressCacheSize", "maxLineBytes", "maxIndicators"] as const)
    if (!(Number.isSafeInteger(o[k]) && o[k] > 0))
      throw new MikiwameError("E_CONFIG", `reputation.${k} must be a positive integer`);
  if (!VERDICTS.includes(o.defaultVerdict))
    throw new MikiwameError("E_CONFIG", `reputation.defaultVerdict must be one of ${VERDICTS.join(", ")}`);
  return o;
}
