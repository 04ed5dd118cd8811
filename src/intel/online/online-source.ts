/**
 * The lookup engine shared by every online service: value check, cache, `offline`, missing key, key
 * rejected (the service is not asked again this run), rate-limit queue with a daily budget, timeout, and
 * bounded retries on HTTP 429. Input: a `Connector` (how to build the request and read the answer for one
 * service) and options. Output: a `ReputationSource`.
 */
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { type Clock, systemClock } from "./clock.js";
import { type FetchFunction, fetchJson } from "./fetch-json.js";
import type { LookupCache } from "./lookup-cache.js";
import { normaliseLookupValue } from "./lookup-value.js";
import { RateLimiter, type RateLimits } from "./rate-limiter.js";
import type {
  LookupDetails,
  LookupKind,
  LookupOptions,
  LookupResult,
  LookupVerdict,
  ReputationSource,
} from "./reputation-source.js";

/** What a connector makes of a 200 answer. */
export interface ParsedAnswer {
  readonly verdict: LookupVerdict;
  readonly score?: number;
  readonly details: LookupDetails;
}

/** The service-specific part: URLs, and reading its JSON. */
export interface Connector {
  /** Machine name (`virustotal`), used in results and cache keys. */
  readonly name: string;
  /** Name for people (`VirusTotal`). */
  readonly label: string;
  /** The request path (after the base URL) for one normalised value. */
  path(kind: LookupKind, value: string): string;
  /** Reads a 200 answer; a string is the reason it could not be read. */
  parse(kind: LookupKind, body: unknown): ParsedAnswer | string;
}

/** Authentication: the headers to send, or why there are none (then no call is made). */
export type SourceAuth =
  | { readonly headers: Readonly<Record<string, string>> }
  | { readonly missing: string };

/** Options of an online source. */
export interface OnlineSourceOptions {
  readonly baseUrl: string;
  readonly auth: SourceAuth;
  /** Never call the service (answers come from the cache only). */
  readonly offline?: boolean;
  readonly limits: RateLimits;
  /** Per-request timeout (default 15 s). */
  readonly timeoutMs?: number;
  /** Retries after HTTP 429 (default 3), each after a back-off and a new rate-limit slot. */
  readonly maxRetries?: number;
  /** Back-off before the first retry when the server sends no Retry-After (default 15 s; doubles). */
  readonly retryBaseMs?: number;
  /** Longest single back-off (default 120 s). */
  readonly retryMaxMs?: number;
  readonly cache?: LookupCache;
  readonly clock?: Clock;
  readonly fetchImpl?: FetchFunction;
  /** Where a rejected key is reported once (E_INTEL_ONLINE warning). */
  readonly diagnostics?: Diagnostics;
}

/** A `ReputationSource` built from a connector. */
export class OnlineSource implements ReputationSource {
  readonly name: string;
  private readonly limiter: RateLimiter;
  private readonly clock: Clock;
  private readonly baseUrl: string;
  /** Set once the service rejects the key: why, for the later lookups. */
  private rejected: string | undefined;
  private readonly inFlight = new Map<string, Promise<LookupResult>>();

  constructor(
    private readonly connector: Connector,
    private readonly options: OnlineSourceOptions,
  ) {
    this.name = connector.name;
    this.clock = options.clock ?? systemClock;
    this.limiter = new RateLimiter(options.limits, this.clock);
    this.baseUrl = checkBaseUrl(connector.label, options.baseUrl);
  }

  /** Lookups granted by the rate limiter in the current day window (HTTP calls made, retries included). */
  get callsToday(): number {
    return this.limiter.usedToday;
  }

  async lookup(kind: LookupKind, raw: string, opts: LookupOptions = {}): Promise<LookupResult> {
    const norm = normaliseLookupValue(kind, raw);
    if (!norm.ok) return this.unchecked("error", kind, raw, norm.reason);
    const value = norm.value;
    if (!opts.refresh) {
      const hit = this.options.cache?.get(this.name, kind, value);
      if (hit) return hit;
    }
    const label = this.connector.label;
    if (this.options.offline)
      return this.unchecked("not-checked", kind, value, `offline: ${label} not asked`);
    if ("missing" in this.options.auth)
      return this.unchecked("not-checked", kind, value, this.options.auth.missing);
    if (this.rejected !== undefined) return this.unchecked("not-checked", kind, value, this.rejected);
    const key = `${kind}|${value}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const call = this.call(kind, value, this.options.auth.headers, opts.signal).finally(() =>
      this.inFlight.delete(key),
    );
    this.inFlight.set(key, call);
    return call;
  }

  private async call(
    kind: LookupKind,
    value: string,
    headers: Readonly<Record<string, string>>,
    signal: AbortSignal | undefined,
  ): Promise<LookupResult> {
    const label = this.connector.label;
    const maxRetries = Math.max(0, this.options.maxRetries ?? 3);
    const url = this.baseUrl + this.connector.path(kind, value);
    try {
      for (let attempt = 0; ; attempt++) {
        const decision = await this.limiter.acquire(signal);
        if (decision === "daily-quota-used")
          return this.unchecked(
            "not-checked",
            kind,
            value,
            `daily quota used (${this.options.limits.perDay} ${label} lookups per day)`,
          );
        if (this.rejected !== undefined) return this.unchecked("not-checked", kind, value, this.rejected);
        const out = await fetchJson({
          url,
          headers,
          timeoutMs: this.options.timeoutMs ?? 15_000,
          ...(signal ? { signal } : {}),
          ...(this.options.fetchImpl ? { fetchImpl: this.options.fetchImpl } : {}),
        });
        switch (out.kind) {
          case "ok": {
            const parsed = this.connector.parse(kind, out.body);
            if (typeof parsed === "string")
              return this.unchecked("error", kind, value, `${label} answer not understood: ${parsed}`);
            const result: LookupResult = {
              source: this.name,
              kind,
              value,
              status: "found",
              verdict: parsed.verdict,
              ...(parsed.score !== undefined ? { score: parsed.score } : {}),
              details: parsed.details,
              cached: false,
            };
            await this.remember(result);
            return result;
          }
          case "not-found": {
            const result: LookupResult = {
              source: this.name,
              kind,
              value,
              status: "not-found",
              details: {},
              cached: false,
            };
            await this.remember(result);
            return result;
          }
          case "key-rejected": {
            const why = `${label} key rejected (HTTP ${out.httpStatus}${out.message ? `: ${out.message}` : ""})`;
            this.rejected = `${why}; ${label} not asked again in this run — check the key`;
            this.options.diagnostics?.warn("E_INTEL_ONLINE", `${this.rejected}`, { file: this.baseUrl });
            return this.unchecked("error", kind, value, `${why}; ${label} is not asked again in this run`);
          }
          case "rate-limited": {
            if (attempt >= maxRetries)
              return this.unchecked(
                "error",
                kind,
                value,
                `${label} rate limit (HTTP 429) still hit after ${maxRetries} retries${out.message ? `: ${out.message}` : ""}`,
              );
            const base = this.options.retryBaseMs ?? 15_000;
            const wait = Math.min(
              this.options.retryMaxMs ?? 120_000,
              out.retryAfterMs ?? base * 2 ** attempt,
            );
            await this.clock.sleep(wait, signal);
            break;
          }
          case "failed":
            return this.unchecked("error", kind, value, `${label}: ${out.reason}`);
        }
      }
    } catch (e) {
      if (signal?.aborted) return this.unchecked("error", kind, value, `${label} lookup aborted`);
      return this.unchecked("error", kind, value, `${label}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async remember(result: LookupResult): Promise<void> {
    const cache = this.options.cache;
    if (!cache) return;
    cache.set(result);
    await cache.save();
  }

  private unchecked(
    status: "not-checked" | "error",
    kind: LookupKind,
    value: string,
    reason: string,
  ): LookupResult {
    return { source: this.name, kind, value, status, reason, details: {}, cached: false };
  }
}

const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"] as const;

/**
 * The base URL without trailing slashes. Throws E_CONFIG when it is not an http(s) URL, or is plain http
 * to anything but this machine (the API key would cross the network in clear text).
 */
function checkBaseUrl(label: string, raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new MikiwameError("E_CONFIG", `${label} base URL is not a URL: ${raw}`);
  }
  const loopback = (LOOPBACK_HOSTS as readonly string[]).includes(u.hostname);
  if (u.protocol !== "https:" && !(u.protocol === "http:" && loopback))
    throw new MikiwameError(
      "E_CONFIG",
      `${label} base URL must be https (plain http only to 127.0.0.1/localhost), got: ${raw}`,
    );
  return raw.replace(/\/+$/, "");
}
