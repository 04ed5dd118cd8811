/**
 * IBM X-Force Exchange: `/ipr/{ip}`, `/url/{url or domain}`, `/malware/{hash}`, HTTP basic auth with the
 * API key and password. Input: options (key and password from `XFORCE_API_KEY` / `XFORCE_API_PASSWORD` or
 * given). Output: a `ReputationSource`; the verdict comes from X-Force's 1–10 risk score (IP, URL, domain)
 * or its malware risk level (hash), and the score is that 1–10 score.
 */
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { Clock } from "./clock.js";
import type { FetchFunction } from "./fetch-json.js";
import { fieldAt, numberAt, pickDetails, stringAt } from "./json-fields.js";
import type { LookupCache } from "./lookup-cache.js";
import { type Connector, OnlineSource, type ParsedAnswer } from "./online-source.js";
import type { RateLimits } from "./rate-limiter.js";
import type { LookupKind, LookupVerdict } from "./reputation-source.js";

/** The real service (tests give a 127.0.0.1 base URL instead). */
export const XFORCE_BASE_URL = "https://api.xforce.ibmcloud.com";
/** Environment variables holding the API key and password. */
export const XFORCE_KEY_ENV = "XFORCE_API_KEY";
export const XFORCE_PASSWORD_ENV = "XFORCE_API_PASSWORD";
/** Conservative defaults for the free tier (its real quota is per month); configurable. */
export const XFORCE_DEFAULT_LIMITS: RateLimits = { perMinute: 6, perDay: 200 };

/** Options of the X-Force source. */
export interface XForceOptions {
  /** Default `env.XFORCE_API_KEY`. */
  readonly apiKey?: string;
  /** Default `env.XFORCE_API_PASSWORD`. */
  readonly apiPassword?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly baseUrl?: string;
  readonly offline?: boolean;
  readonly limits?: RateLimits;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly retryBaseMs?: number;
  readonly cache?: LookupCache;
  readonly clock?: Clock;
  readonly fetchImpl?: FetchFunction;
  readonly diagnostics?: Diagnostics;
}

/** X-Force's risk score (1–10) on the shared scale: 7+ malicious, 4–6 suspicious, 1–3 harmless. */
export function xforceScoreVerdict(score: number | undefined): LookupVerdict {
  if (score === undefined) return "unknown";
  if (score >= 7) return "malicious";
  if (score >= 4) return "suspicious";
  return score >= 1 ? "harmless" : "unknown";
}

const MALWARE_RISK: Readonly<Record<string, LookupVerdict>> = { high: "malicious", medium: "suspicious" };

/** The X-Force connector (exported for tests and for callers composing their own source). */
export function xforceConnector(): Connector {
  return {
    name: "xforce",
    label: "X-Force",
    path: (kind, value) => {
      if (kind === "ip") return `/ipr/${encodeURIComponent(value)}`;
      if (kind === "hash") return `/malware/${encodeURIComponent(value)}`;
      return `/url/${encodeURIComponent(value)}`;
    },
    parse: parseXForce,
  };
}

function parseXForce(kind: LookupKind, body: unknown): ParsedAnswer | string {
  if (kind === "hash") {
    const malware = fieldAt(body, "malware");
    if (!isObject(malware)) return "no malware object";
    const risk = stringAt(malware, "risk")?.toLowerCase();
    const coverage = numberAt(malware, "origins", "external", "detectionCoverage");
    const external = fieldAt(malware, "origins", "external");
    return {
      verdict: (risk !== undefined ? MALWARE_RISK[risk] : undefined) ?? "unknown",
      details: {
        ...pickDetails(malware, ["risk", "family", "type", "created", "md5", "mimetype"]),
        ...(external !== undefined
          ? {
              external: pickDetails(external, [
                "family",
                "detectionCoverage",
                "source",
                "platform",
                "malwareType",
              ]),
            }
          : {}),
        ...(coverage !== undefined ? { detectionCoverage: coverage } : {}),
      },
    };
  }
  if (kind === "ip") {
    if (!isObject(body)) return "not a JSON object";
    const score = numberAt(body, "score");
    return {
      verdict: xforceScoreVerdict(score),
      ...(score !== undefined ? { score } : {}),
      details: pickDetails(body, ["score", "cats", "geo", "reason", "reasonDescription", "tags"]),
    };
  }
  const result = fieldAt(body, "result");
  if (!isObject(result)) return "no result object";
  const score = numberAt(result, "score");
  return {
    verdict: xforceScoreVerdict(score),
    ...(score !== undefined ? { score } : {}),
    details: {
      ...pickDetails(result, ["url", "score", "cats", "categoryDescriptions"]),
      ...pickDetails(body, ["tags"]),
    },
  };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** An X-Force source; without key and password it answers `not-checked` and never calls. */
export function createXForceSource(options: XForceOptions = {}): OnlineSource {
  const env = options.env ?? process.env;
  const key = (options.apiKey ?? env[XFORCE_KEY_ENV] ?? "").trim();
  const password = (options.apiPassword ?? env[XFORCE_PASSWORD_ENV] ?? "").trim();
  const missing =
    key === "" || password === ""
      ? `no X-Force API ${key === "" ? "key" : "password"}: set ${XFORCE_KEY_ENV} and ${XFORCE_PASSWORD_ENV} or give them in the options`
      : undefined;
  return new OnlineSource(xforceConnector(), {
    baseUrl: options.baseUrl ?? XFORCE_BASE_URL,
    auth:
      missing !== undefined
        ? { missing }
        : { headers: { authorization: `Basic ${Buffer.from(`${key}:${password}`).toString("base64")}` } },
    limits: options.limits ?? XFORCE_DEFAULT_LIMITS,
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
