/**
 * The one interface every online reputation service implements (VirusTotal, IBM X-Force Exchange).
 * Input: an indicator kind and value. Output: a `LookupResult` that always says what happened — found,
 * not found, not checked (offline, no key, quota used) or error — never a thrown exception for bad input.
 */

/** Indicator kinds an online source can be asked about. */
export const LOOKUP_KINDS = ["hash", "ip", "domain", "url"] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

/** What happened to one lookup. */
export const LOOKUP_STATUSES = ["found", "not-found", "not-checked", "error"] as const;
export type LookupStatus = (typeof LOOKUP_STATUSES)[number];

/** The source's judgement of a found indicator, on one scale for every source. */
export const LOOKUP_VERDICTS = ["malicious", "suspicious", "harmless", "unknown"] as const;
export type LookupVerdict = (typeof LOOKUP_VERDICTS)[number];

/** A JSON-safe value kept in `details` (and in the cache file). */
export type DetailValue =
  | string
  | number
  | boolean
  | null
  | readonly DetailValue[]
  | { readonly [key: string]: DetailValue };

/** Source-specific facts (VirusTotal: last_analysis_stats, reputation…; X-Force: score, categories…). */
export type LookupDetails = Readonly<Record<string, DetailValue>>;

/** Fields every result carries. */
interface LookupResultBase {
  /** The source's name (`virustotal`, `xforce`). */
  readonly source: string;
  readonly kind: LookupKind;
  /** The value as looked up (normalised: lower-case hashes and domains). */
  readonly value: string;
  readonly details: LookupDetails;
  /** True when the answer came from the local cache, not from the service. */
  readonly cached: boolean;
}

/** The service knows the indicator. `score` is source-native: see docs/intel-online.md. */
export interface FoundResult extends LookupResultBase {
  readonly status: "found";
  readonly verdict: LookupVerdict;
  readonly score?: number;
}

/** The service answered and does not know the indicator (HTTP 404). */
export interface NotFoundResult extends LookupResultBase {
  readonly status: "not-found";
}

/** No call was made, or the call failed; `reason` says which and why, in words for the analyst. */
export interface UncheckedResult extends LookupResultBase {
  readonly status: "not-checked" | "error";
  readonly reason: string;
}

export type LookupResult = FoundResult | NotFoundResult | UncheckedResult;

/** Per-call options. */
export interface LookupOptions {
  /** Aborts waiting in the rate-limit queue and the HTTP call; the result is then `error`. */
  readonly signal?: AbortSignal;
  /** Ask the service even when the cache holds a fresh answer (the new answer is cached). */
  readonly refresh?: boolean;
}

/** One online reputation service. */
export interface ReputationSource {
  readonly name: string;
  lookup(kind: LookupKind, value: string, opts?: LookupOptions): Promise<LookupResult>;
}

/** True when `s` is one of `LOOKUP_KINDS` (for parsing command-line or config input). */
export function isLookupKind(s: string): s is LookupKind {
  return (LOOKUP_KINDS as readonly string[]).includes(s);
}
