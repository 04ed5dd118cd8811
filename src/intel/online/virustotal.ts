/**
 * VirusTotal API v3: `/files/{hash}`, `/ip_addresses/{ip}`, `/domains/{domain}`, `/urls/{id}` (id = the
 * URL in unpadded base64url), key in the `x-apikey` header. Input: options (key from `VT_API_KEY` or
 * given). Output: a `ReputationSource` whose verdict comes from `last_analysis_stats` and whose score is
 * the number of engines that flag the indicator malicious.
 */
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { Clock } from "./clock.js";
import type { FetchFunction } from "./fetch-json.js";
import { fieldAt, numberAt, pickDetails } from "./json-fields.js";
import type { LookupCache } from "./lookup-cache.js";
import { type Connector, OnlineSource, type ParsedAnswer } from "./online-source.js";
import type { RateLimits } from "./rate-limiter.js";
import type { LookupKind, LookupVerdict } from "./reputation-source.js";

/** The real service (tests give a 127.0.0.1 base URL instead). */
export const VIRUSTOTAL_BASE_URL = "https://www.virustotal.com/api/v3";
/** Environment variable holding the API key. */
export const VIRUSTOTAL_KEY_ENV = "VT_API_KEY";
/** The public API's limits: 4 lookups a minute, 500 a day. */
export const VIRUSTOTAL_PUBLIC_LIMITS: RateLimits = { perMinute: 4, perDay: 500 };

/** Options of the VirusTotal source. */
export interface VirusTotalOptions {
  /** The API key; default `env.VT_API_KEY`. */
  readonly apiKey?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly baseUrl?: string;
  readonly offline?: boolean;
  /** Default: the public API's 4/min and 500/day. */
  readonly limits?: RateLimits;
  /** Engines flagging malicious from which the verdict is `malicious` (default 3; 1–2 → `suspicious`). */
  readonly maliciousThreshold?: number;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly retryBaseMs?: number;
  readonly cache?: LookupCache;
  readonly clock?: Clock;
  readonly fetchImpl?: FetchFunction;
  readonly diagnostics?: Diagnostics;
}

/** The id VirusTotal gives a URL: its text in base64url without padding. */
export function virusTotalUrlId(url: string): string {
  return Buffer.from(url, "utf8").toString("base64url");
}

const PATH_PREFIX: Readonly<Record<LookupKind, string>> = {
  hash: "/files/",
  ip: "/ip_addresses/",
  domain: "/domains/",
  url: "/urls/",
};

const COMMON_FIELDS = [
  "last_analysis_stats",
  "reputation",
  "last_analysis_date",
  "total_votes",
  "tags",
] as const;
const KIND_FIELDS: Readonly<Record<LookupKind, readonly string[]>> = {
  hash: [
    "first_submission_date",
    "last_submission_date",
    "times_submitted",
    "meaningful_name",
    "names",
    "type_description",
    "size",
    "md5",
    "sha1",
    "sha256",
    "popular_threat_classification",
  ],
  ip: ["country", "asn", "as_owner", "network"],
  domain: ["registrar", "creation_date", "categories"],
  url: ["url", "last_final_url", "title", "first_submission_date", "categories"],
};

/** The VirusTotal connector (exported for tests and for callers composing their own source). */
export function virusTotalConnector(maliciousThreshold = 3): Connector {
  return {
    name: "virustotal",
    label: "VirusTotal",
    path: (kind, value) =>
      PATH_PREFIX[kind] + (kind === "url" ? virusTotalUrlId(value) : encodeURIComponent(value)),
    parse: (kind, body) => parseVirusTotal(kind, body, maliciousThreshold),
  };
}

function parseVirusTotal(kind: LookupKind, body: unknown, threshold: number): ParsedAnswer | string {
  const attrs = fieldAt(body, "data", "attributes");
  if (typeof attrs !== "object" || attrs === null || Array.isArray(attrs)) return "no data.attributes object";
  const malicious = numberAt(attrs, "last_analysis_stats", "malicious");
  const suspicious = numberAt(attrs, "last_analysis_stats", "suspicious") ?? 0;
  const clean =
    (numberAt(attrs, "last_analysis_stats", "harmless") ?? 0) +
    (numberAt(attrs, "last_analysis_stats", "undetected") ?? 0);
  let verdict: LookupVerdict = "unknown";
  if (malicious !== undefined && malicious >= threshold) verdict = "malicious";
  else if ((malicious ?? 0) > 0 || suspicious > 0) verdict = "suspicious";
  else if (clean > 0) verdict = "harmless";
  return {
    verdict,
    ...(malicious !== undefined ? { score: malicious } : {}),
    details: pickDetails(attrs, [...COMMON_FIELDS, ...KIND_FIELDS[kind]]),
  };
}

/** A VirusTotal source; without a key it answers `not-checked` and never calls. */
export function createVirusTotalSource(options: VirusTotalOptions = {}): OnlineSource {
  const key = (options.apiKey ?? (options.env ?? process.env)[VIRUSTOTAL_KEY_ENV] ?? "").trim();
  return new OnlineSource(virusTotalConnector(options.maliciousThreshold), {
    baseUrl: options.baseUrl ?? VIRUSTOTAL_BASE_URL,
    auth:
      key === ""
        ? { missing: `no VirusTotal API key: set ${VIRUSTOTAL_KEY_ENV} or give one in the options` }
        : { headers: { "x-apikey": key } },
    limits: options.limits ?? VIRUSTOTAL_PUBLIC_LIMITS,
    offline: options.offline,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    retryBaseMs: options.retryBaseMs,
    cache: options.cache,
    clock: options.clock,
    fetchImpl: options.fetchImpl,
    diagnostics: options.diagnostics,
  });
}
