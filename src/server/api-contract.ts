/**
 * The JSON shapes of the HTTP API under `/api/` — the contract between `mikiwame serve` (src/server) and
 * the web UI (ui/), which imports these types (type-only). Routes, auth and errors are described in
 * docs/server.md; the OpenAPI document (`GET /api/openapi.json`) is generated from the route schemas.
 * Every list is paginated with `limit`/`offset` and returns `total`. Times are ISO-8601 UTC strings.
 * Errors: `{ error: { code, message } }` with the HTTP status (400 bad request, 401 no/invalid token,
 * 403 role not allowed, 404, 409 conflict, 413 body too large, 429 rate limited, 500).
 */
import type { Incident } from "../incidents/incident.js";
import type { ResponsePlan } from "../respond/response-plan.js";

/** Token roles: viewer reads; analyst also decides verdicts and allow-lists; admin also manages tokens and
 * config; ingest only writes events (and cannot read anything). */
export const TOKEN_ROLES = ["viewer", "analyst", "admin", "ingest"] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

export interface ApiError {
  readonly error: { readonly code: string; readonly message: string };
}

export interface Page<T> {
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
  readonly items: readonly T[];
}

/** `GET /api/health` (no token needed) */
export interface Health {
  readonly status: "ok";
  readonly version: string;
  readonly store: string;
  readonly events: number;
  readonly incidents: number;
  /** Last completed analysis */
  readonly analyzedAt: string | undefined;
  /** Events ingested since the last analysis started */
  readonly pending: number;
}

/** `GET /api/whoami` */
export interface WhoAmI {
  readonly tokenId: string;
  readonly name: string;
  readonly role: TokenRole;
}

/** One row of the incident queue: `GET /api/incidents?verdict=&state=&host=&q=&sort=&order=&limit=&offset=` */
export interface IncidentSummary {
  readonly id: string;
  readonly title: { readonly en: string; readonly ja: string };
  readonly verdict: Incident["verdict"]["verdict"];
  readonly confidence: number;
  readonly severity: Incident["severity"];
  readonly furthestStage: Incident["furthestStage"];
  /** The furthest stage only attempted, when beyond furthestStage */
  readonly attemptedStage: Incident["furthestStage"];
  readonly state: Incident["state"];
  readonly hosts: readonly string[];
  readonly rootCauseImage: string | undefined;
  readonly first: string | undefined;
  readonly last: string | undefined;
  readonly findings: number;
  readonly suppressed: number;
  readonly decidedBy: string | undefined;
}

export const INCIDENT_SORTS = ["verdict", "confidence", "last", "first", "hosts", "stage"] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];

/** A finding as the API gives it (bigint values as decimal strings). */
export interface ApiFinding {
  readonly id: string;
  readonly detector: string;
  readonly viewpoint: string;
  readonly severity: string;
  readonly confidence: number;
  readonly stage: string | undefined;
  readonly attack: readonly string[];
  readonly host: string;
  readonly subject: Readonly<Record<string, unknown>>;
  readonly first: string | undefined;
  readonly last: string | undefined;
  readonly message: { readonly en: string; readonly ja: string };
  readonly details: Readonly<Record<string, unknown>>;
  readonly evidenceCount: number;
  /** Set when an analyst decision suppressed it */
  readonly suppressedBy: string | undefined;
}

/** `GET /api/incidents/:id` */
export interface IncidentDetail {
  readonly incident: Incident;
  readonly plan: ResponsePlan;
  /** The incident's findings and the suppressed ones (strongest first; at most 500 — see findingsTotal) */
  readonly findings: readonly ApiFinding[];
  /** (added by the server) How many findings the incident has with the suppressed ones; beyond the first
   * 500, page them with `GET /api/findings?incident=<id>&offset=` */
  readonly findingsTotal?: number;
  /** Analyst notes, oldest first */
  readonly notes: readonly Note[];
}

/** `POST /api/incidents/:id/notes` { text } (analyst) */
export interface Note {
  readonly id: string;
  readonly incidentId: string;
  readonly author: string;
  readonly at: string;
  readonly text: string;
}

/** `GET /api/events?q=&host=&channel=&eventId=&from=&to=&limit=&offset=` */
export interface ApiEvent {
  readonly id: string;
  readonly time: string | undefined;
  readonly host: string;
  readonly channel: string;
  readonly provider: string;
  readonly eventId: number;
  readonly recordId: string | undefined;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly source: { readonly file: string; readonly offset?: number; readonly line?: number };
}

/** `GET /api/hosts` */
export interface HostSummary {
  readonly host: string;
  readonly events: number;
  readonly first: string | undefined;
  readonly last: string | undefined;
  readonly incidents: number;
  /** The worst verdict of its incidents */
  readonly verdict: Incident["verdict"]["verdict"] | undefined;
  readonly active: boolean;
}

/** `POST /api/verdicts` (analyst): an analyst decision (src/feedback). */
export interface VerdictRequest {
  readonly verdict: "benign" | "malicious";
  readonly reason: string;
  readonly scope: {
    readonly hosts: { readonly kind: "host"; readonly host: string } | { readonly kind: "all" };
    readonly match:
      | { readonly kind: "sha256"; readonly sha256: string }
      | { readonly kind: "path"; readonly path: string }
      | { readonly kind: "command-line"; readonly pattern: string }
      | { readonly kind: "rule-on-image"; readonly detector: string; readonly image: string };
  };
  /** The incident the decision was taken on (for the audit trail) */
  readonly incidentId?: string;
}

/** A decision as listed by `GET /api/decisions` */
export interface ApiDecision {
  readonly id: string;
  readonly verdict: "benign" | "malicious";
  readonly reason: string;
  readonly scope: VerdictRequest["scope"];
  readonly analyst: string;
  readonly at: string;
  readonly incidentId: string | undefined;
  readonly revoked: { readonly by: string; readonly at: string; readonly reason: string } | undefined;
}

/** `GET /api/audit` (admin): every state change */
export interface AuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly role: TokenRole;
  readonly action: string;
  readonly target: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** `GET /api/ingest/status` */
export interface IngestStatus {
  readonly events: number;
  readonly lastIngestAt: string | undefined;
  readonly pending: number;
  readonly analyzing: boolean;
  readonly analyzedAt: string | undefined;
  readonly lastAnalysisMs: number | undefined;
  readonly files: readonly {
    readonly name: string;
    readonly events: number;
    readonly duplicates: number;
    readonly problems: number;
    readonly at: string;
  }[];
}

/** `POST /api/ingest` (NDJSON), `POST /api/_bulk` (Elasticsearch bulk), `POST /api/upload` (EVTX) */
export interface IngestResult {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** Located messages for rejected lines (bounded) */
  readonly problems: readonly string[];
  /** (added by the server) Normalizer warnings, e.g. documents without a usable time: counted, not listed */
  readonly warnings?: number;
}

/** (added by the server) `GET /api/intel?value=`: the local indicator store and allow-list. */
export interface IntelLookupResult {
  readonly value: string;
  /** The indicator type the value reads as (`ipv4`, `domain`, `sha256` …), when it reads as one */
  readonly type: string | undefined;
  readonly matches: readonly {
    readonly type: string;
    readonly value: string;
    /** How it matched: `exact`, `cidr`, `subdomain`, `url-path` */
    readonly match: string;
    readonly sources: readonly string[];
    /** After decay, 0..100 */
    readonly confidence: number;
    readonly expired: boolean;
    readonly tags: readonly string[];
    readonly family: string | undefined;
    readonly threat: string | undefined;
    readonly firstSeen: string | undefined;
    readonly lastSeen: string | undefined;
  }[];
  /** The allow-list entry that covers the value (hash or destination), if any */
  readonly allowed: AllowListEntry | undefined;
}

/** (added by the server) An allow-list entry: `GET /api/allowlist`, `POST /api/allowlist` (analyst; author = the token's name). */
export interface AllowListEntry {
  readonly kind: "hash" | "signer" | "path" | "destination";
  readonly value: string;
  readonly scope: "global" | "host" | "user";
  readonly scopeValue?: string;
  readonly reason: string;
  readonly author: string;
  readonly added: string;
}

/** (added by the server) An API token as listed by `GET /api/tokens` (admin). The secret is never listed. */
export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly role: TokenRole;
  readonly created: string;
  readonly createdBy: string;
  readonly revoked: { readonly at: string; readonly by: string } | undefined;
}

/** (added by the server) `POST /api/tokens` (admin) → the new token's text, shown once. */
export interface CreatedApiToken {
  readonly token: string;
  readonly info: ApiToken;
}
