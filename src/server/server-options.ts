/**
 * The options of `createServer`, their defaults, and the binding rule: the server listens on 127.0.0.1
 * unless told otherwise, and any address that is not loopback needs TLS (a certificate and key) or the
 * explicit `allowRemote` (`--insecure-remote`) — otherwise E_USAGE before anything listens.
 * Input: the caller's options. Output: ResolvedServerOptions, or a MikiwameError.
 */
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import { parseIpAddress } from "../events/ip-address.js";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { NormalizerOptions } from "../normalize/normalizer.js";
import type { PlanOptions } from "../respond/plan-options.js";
import type { LoadedRules } from "../sigma/rule-loader.js";
import type { Store } from "../store/store.js";
import { DEFAULT_SCHEDULER_OPTIONS } from "./analysis-scheduler.js";
import { DEFAULT_ES_VERSION } from "./ingest/elasticsearch-banner.js";
import type { AnalyticsSettings } from "./store-analysis.js";

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 7470;
export const MIB = 1024 * 1024;

/** TLS material (PEM text or bytes, as read from --tls-cert / --tls-key). */
export interface TlsOptions {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
}

/** Requests per token (or address) per window on the ingest routes; false: no limit. */
export interface IngestRateLimit {
  readonly max: number;
  readonly windowMs: number;
}

export interface ServerOptions {
  readonly store: Store;
  /** The data directory: tokens.json, audit.jsonl, notes.jsonl, decisions.jsonl, intel/, tmp/ */
  readonly dataDir: string;
  /** Sigma rules for the analysis (the CLI loads them as `analyze` does) */
  readonly rules?: LoadedRules;
  readonly analytics?: AnalyticsSettings;
  /** Response-plan options (named network segments) */
  readonly plan?: PlanOptions;
  /** Normalizer options for ingested documents (a user field mapping for flat EDR exports) */
  readonly normalizer?: NormalizerOptions;
  /** Default 127.0.0.1 */
  readonly host?: string;
  /** Default 7470; 0 picks a free port */
  readonly port?: number;
  readonly tls?: TlsOptions;
  /** Listen on a non-loopback address without TLS (`--insecure-remote`) */
  readonly allowRemote?: boolean;
  /** Largest JSON / NDJSON / _bulk body in bytes (default 64 MiB) */
  readonly bodyLimit?: number;
  /** Largest uploaded file in bytes (default 1 GiB) */
  readonly uploadLimit?: number;
  /** Longest single document line in an ingest body (default 16 MiB) */
  readonly lineLimit?: number;
  /** Default 600 requests per minute per token */
  readonly ingestRateLimit?: IngestRateLimit | false;
  /** Quiet time after new events before an analysis (default 2 s) */
  readonly analysisDebounceMs?: number;
  /** Longest wait after the first new event (default 30 s) */
  readonly analysisMaxWaitMs?: number;
  /** Run continuous analysis (default true; false for ingest-only servers and some tests) */
  readonly analysis?: boolean;
  /** Built UI assets (dist/ui); absent or missing index.html: a "UI not built" page */
  readonly uiDir?: string;
  /** Elasticsearch version the shipper endpoints claim (default 8.11.0) */
  readonly esVersion?: string;
  /** Events per store commit (default 5000) */
  readonly batchSize?: number;
  /** Keep each ingested document's text as the event's raw record (default true) */
  readonly keepRaw?: boolean;
  /** The version shown by health */
  readonly version?: string;
  /** The store's kind shown by health (default `duckdb`) */
  readonly storeName?: string;
  /** Where the server's own problems go (default: a private collector) */
  readonly diagnostics?: Diagnostics;
}

export interface ResolvedServerOptions {
  readonly host: string;
  readonly port: number;
  readonly tls: TlsOptions | undefined;
  readonly bodyLimit: number;
  readonly uploadLimit: number;
  readonly lineLimit: number;
  readonly ingestRateLimit: IngestRateLimit | false;
  readonly analysisDebounceMs: number;
  readonly analysisMaxWaitMs: number;
  readonly analysis: boolean;
  readonly uiDir: string | undefined;
  readonly esVersion: string;
  readonly batchSize: number;
  readonly keepRaw: boolean;
  readonly version: string;
  readonly storeName: string;
  readonly rules: LoadedRules | undefined;
  readonly analytics: AnalyticsSettings;
  readonly plan: PlanOptions;
  readonly normalizer: NormalizerOptions;
}

/** True for 127.0.0.0/8, ::1, `localhost`. */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  if (h === "localhost") return true;
  const ip = parseIpAddress(h);
  if (!ip) return false;
  if (ip.version === 6) return ip.text === "::1" || ip.text.startsWith("::ffff:127.");
  return ip.text.startsWith("127.");
}

/** Throws E_USAGE for a non-loopback host without TLS or allowRemote. */
export function checkBinding(host: string, tls: TlsOptions | undefined, allowRemote: boolean): void {
  if (isLoopback(host) || tls !== undefined || allowRemote) return;
  throw new MikiwameError(
    "E_USAGE",
    `refusing to listen on ${host} without TLS: tokens would cross the network in clear text. ` +
      "Give --tls-cert FILE --tls-key FILE, or --insecure-remote when a TLS proxy in front of mikiwame takes care of it",
  );
}

function positive(name: string, v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!Number.isFinite(v) || v <= 0) throw new MikiwameError("E_USAGE", `${name} must be a positive number`);
  return v;
}

/** Applies the defaults and checks the options (E_USAGE). */
export function resolveServerOptions(o: ServerOptions): ResolvedServerOptions {
  const host = o.host ?? DEFAULT_HOST;
  checkBinding(host, o.tls, o.allowRemote === true);
  const port = o.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new MikiwameError("E_USAGE", `port must be a whole number from 0 to 65535, not ${port}`);
  const rate = o.ingestRateLimit ?? { max: 600, windowMs: 60_000 };
  return {
    host,
    port,
    tls: o.tls,
    bodyLimit: positive("bodyLimit", o.bodyLimit, 64 * MIB),
    uploadLimit: positive("uploadLimit", o.uploadLimit, 1024 * MIB),
    lineLimit: positive("lineLimit", o.lineLimit, 16 * MIB),
    ingestRateLimit: rate,
    analysisDebounceMs: o.analysisDebounceMs ?? DEFAULT_SCHEDULER_OPTIONS.debounceMs,
    analysisMaxWaitMs: o.analysisMaxWaitMs ?? DEFAULT_SCHEDULER_OPTIONS.maxWaitMs,
    analysis: o.analysis !== false,
    uiDir: o.uiDir,
    esVersion: o.esVersion ?? DEFAULT_ES_VERSION,
    batchSize: positive("batchSize", o.batchSize, 5_000),
    keepRaw: o.keepRaw !== false,
    version: o.version ?? "unknown",
    storeName: o.storeName ?? "duckdb",
    rules: o.rules,
    analytics: o.analytics ?? {},
    plan: o.plan ?? {},
    normalizer: o.normalizer ?? {},
  };
}
