/**
 * What every route module gets: the store, the data directory's files (tokens, audit, notes), the
 * commit lane, the analysis scheduler and the current snapshot, the metrics, the normalizer and the
 * resolved options. Also the fastify type additions: each route declares its access level in its
 * config, and the auth hook puts the caller on the request.
 */
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Normalizer } from "../normalize/normalizer.js";
import type { Store } from "../store/store.js";
import type { AnalysisScheduler } from "./analysis-scheduler.js";
import type { AuditLog } from "./audit-log.js";
import type { RouteAccess } from "./auth/route-access.js";
import type { TokenFile, TokenInfo } from "./auth/token-file.js";
import type { CommitQueue } from "./ingest/commit-queue.js";
import type { IngestAudit } from "./ingest/ingest-audit.js";
import type { NotesLog } from "./notes-log.js";
import type { ResolvedServerOptions } from "./server-options.js";
import type { ServerMetrics } from "./server-metrics.js";
import type { AnalysisSnapshot } from "./store-analysis.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Who may call the route (auth/route-access.ts); every route sets it */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The token that authenticated the request (null on public routes without a token) */
    caller: TokenInfo | null;
  }
}

/** One upload or ingest source as the ingest status lists it. */
export interface IngestedSource {
  readonly name: string;
  readonly events: number;
  readonly duplicates: number;
  readonly problems: number;
  readonly at: string;
}

export interface ServerContext {
  readonly options: ResolvedServerOptions;
  readonly store: Store;
  readonly dataDir: string;
  readonly tokens: TokenFile;
  readonly audit: AuditLog;
  readonly ingestAudit: IngestAudit;
  readonly notes: NotesLog;
  readonly metrics: ServerMetrics;
  readonly commits: CommitQueue;
  readonly scheduler: AnalysisScheduler;
  readonly normalizer: Normalizer;
  /** Where the server's own problems go (the CLI prints them) */
  readonly diagnostics: Diagnostics;
  /** The last complete analysis (undefined before the first) */
  snapshot(): AnalysisSnapshot | undefined;
  /** Recent ingest sources, newest first (bounded) */
  recentSources(): readonly IngestedSource[];
  /** Notes an ingest source for the status page */
  noteSource(source: IngestedSource): void;
  /** When events were last committed, ISO */
  lastIngestAt(): string | undefined;
}
