/**
 * Every setting of the reputation viewpoint (評価) with defaults that work out of the box; the
 * configuration file overrides any of them by name. Indicators come from one intel store (the user's
 * store in the data directory plus the `indicatorLists` imported for the run) and one allow-list (the
 * user's plus the `knownGoodLists`); with neither, the analyzer is not created and the run summary says
 * "reputation: not checked".
 * Input: none. Output: the `ReputationOptions` type, `DEFAULT_REPUTATION_OPTIONS`, `reputationOptions`.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";

export interface ReputationOptions {
  /** Feed files imported into the run's in-memory store (any `intel import` format, detected) */
  readonly indicatorLists: readonly string[];
  /** Known-good hash lists (e.g. DeepBlueCLI's safelist CSV), added to the run's allow-list */
  readonly knownGoodLists: readonly string[];
  /** Also load the user's store and allow-list from `<data dir>/intel/` when they exist */
  readonly useDataDir: boolean;
  /** A store match whose decayed confidence / 100 is at least this is malicious; below it, suspicious */
  readonly maliciousThreshold: number;
  /** Confidence (that the thing is bad) of an online `malicious` verdict */
  readonly maliciousConfidence: number;
  /** Confidence of an online `suspicious` verdict */
  readonly suspiciousConfidence: number;
  /** Confidence that a thing matching the allow-list (known good) is bad: low, it is counter-evidence */
  readonly knownGoodConfidence: number;
  /** Factor on the confidence of an inexact match (CIDR block, parent domain, URL without its query) */
  readonly inexactMatchFactor: number;
  /** Emit `reputation.known-good` info findings for allow-list matches */
  readonly reportKnownGood: boolean;
  /** Also check the source address of connections (inbound contacts from a listed address) */
  readonly checkSourceAddresses: boolean;
  /** Distinct (host, matched value, stage) groups tracked; later new ones are counted only */
  readonly maxTracked: number;
  /** Address lookups remembered (address text → store match); the cache is emptied when full */
  readonly addressCacheSize: number;
  /** Longest line of an imported list, in bytes */
  readonly maxLineBytes: number;
  /** Most indicators held in the run's store */
  readonly maxIndicators: number;
  /** `--online`: most distinct image SHA256s looked up (suspicious processes, most severe first) */
  readonly onlineMaxHashes: number;
  /** `--online`: most distinct external destinations (addresses, domains) of those processes looked up */
  readonly onlineMaxDestinations: number;
}

export const DEFAULT_REPUTATION_OPTIONS: ReputationOptions = {
  indicatorLists: [],
  knownGoodLists: [],
  useDataDir: true,
  maliciousThreshold: 0.7,
  maliciousConfidence: 0.9,
  suspiciousConfidence: 0.5,
  knownGoodConfidence: 0.05,
  inexactMatchFactor: 0.85,
  reportKnownGood: true,
  checkSourceAddresses: true,
  maxTracked: 100_000,
  addressCacheSize: 65_536,
  maxLineBytes: 65_536,
  maxIndicators: 5_000_000,
  onlineMaxHashes: 20,
  onlineMaxDestinations: 20,
};

/** The defaults with `overrides` applied; a value out of range is `E_CONFIG` naming the option. */
export function reputationOptions(overrides: Partial<ReputationOptions> = {}): ReputationOptions {
  const o = { ...DEFAULT_REPUTATION_OPTIONS, ...overrides };
  for (const k of [
    "maliciousThreshold",
    "maliciousConfidence",
    "suspiciousConfidence",
    "knownGoodConfidence",
    "inexactMatchFactor",
  ] as const)
    if (!(o[k] >= 0 && o[k] <= 1)) throw new MikiwameError("E_CONFIG", `reputation.${k} must be from 0 to 1`);
  for (const k of ["maxTracked", "addressCacheSize", "maxLineBytes", "maxIndicators"] as const)
    if (!(Number.isSafeInteger(o[k]) && o[k] > 0))
      throw new MikiwameError("E_CONFIG", `reputation.${k} must be a positive integer`);
  for (const k of ["onlineMaxHashes", "onlineMaxDestinations"] as const)
    if (!(Number.isSafeInteger(o[k]) && o[k] >= 0))
      throw new MikiwameError("E_CONFIG", `reputation.${k} must be a whole number, 0 or more`);
  return o;
}
