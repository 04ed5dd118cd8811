/**
 * `mikiwame serve` as a library: a fastify app with the API under `/api/`, the shipper endpoints, the
 * web UI at `/`, token auth with roles, the commit lane to the store and continuous analysis. Never
 * prints (fastify's logger is off, so no request — and no Authorization header — is ever logged); its
 * own problems go to the Diagnostics given, which the CLI prints. Input: ServerOptions (an open Store,
 * the data directory, rules …). Output: `{ app, start(), stop() }`; `start` listens and returns the URL
 * and, on the very first start, the admin token created then (shown once by the CLI).
 */
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import fastify, { type FastifyInstance } from "fastify";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { createNormalizer } from "../normalize/normalizer.js";
import { AnalysisScheduler } from "./analysis-scheduler.js";
import { apiErrorReply } from "./api-error.js";
import { AuditLog } from "./audit-log.js";
import { registerAuth } from "./auth/authenticate.js";
import { TokenFile, tokenFilePath } from "./auth/token-file.js";
import { CommitQueue } from "./ingest/commit-queue.js";
import { IngestAudit } from "./ingest/ingest-audit.js";
import { NotesLog } from "./notes-log.js";
import { registerAdminRoutes } from "./routes/admin-routes.js";
import { registerDecisionRoutes } from "./routes/decision-routes.js";
import { registerEventRoutes } from "./routes/event-routes.js";
import { registerExportRoutes } from "./routes/export-routes.js";
import { registerHealthRoutes } from "./routes/health-routes.js";
import { registerIncidentRoutes } from "./routes/incident-routes.js";
import { registerIngestRoutes } from "./routes/ingest-routes.js";
import { registerIntelRoutes } from "./routes/intel-routes.js";
import { registerUiRoutes } from "./routes/ui-routes.js";
import type { IngestedSource, ServerContext } from "./server-context.js";
import { ServerMetrics } from "./server-metrics.js";
import { resolveServerOptions, type ServerOptions } from "./server-options.js";
import { restoreSnapshot, saveSnapshotFile } from "./snapshot-file.js";
import { type AnalysisSnapshot, analyzeStore } from "./store-analysis.js";

/** What `start` gives the caller. */
export interface StartedServer {
  /** `http(s)://host:port` */
  readonly url: string;
  readonly host: string;
  /** The bound port (the real one when 0 was asked for) */
  readonly port: number;
  /** Only on the first start (no token existed): the admin token created, to show once */
  readonly firstAdminToken: string | undefined;
}

export interface MikiwameServer {
  readonly app: FastifyInstance;
  /** Restores the last analysis, creates the first admin token if needed, listens. */
  start(): Promise<StartedServer>;
  /** Stops listening, finishes the running requests, commits and analysis, writes pending audit sums. */
  stop(): Promise<void>;
  /** Runs an analysis now and waits for it (start-up of tests, benchmarks) */
  analyzeNow(): Promise<void>;
  /** Resolves when no analysis is running or scheduled */
  analysisIdle(): Promise<void>;
}

/** Most ingest sources the status page remembers. */
const MAX_RECENT_SOURCES = 100;
/** Largest JSON body of the non-ingest API routes (verdicts, notes, tokens). */
const API_BODY_LIMIT = 1024 * 1024;

/** Removes upload temp files a crashed server left in `<data dir>/tmp/` (only ours: `upload-*`). */
async function removeStaleUploads(dataDir: string): Promise<void> {
  const dir = join(dataDir, "tmp");
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) if (name.startsWith("upload-")) await rm(join(dir, name), { force: true });
}

/** Creates the server (not yet listening). Throws E_USAGE for a refused binding or a bad option. */
export async function createServer(options: ServerOptions): Promise<MikiwameServer> {
  const o = resolveServerOptions(options);
  const diagnostics = options.diagnostics ?? new Diagnostics();
  const { store, dataDir } = options;
  const app = fastify({
    logger: false,
    bodyLimit: API_BODY_LIMIT,
    ...(o.tls && { https: { cert: o.tls.cert, key: o.tls.key } }),
    forceCloseConnections: "idle",
    // a stalled client cannot hold a request open for ever (uploads of 1 GiB included)
    requestTimeout: 15 * 60_000,
    ajv: { customOptions: { coerceTypes: "array", removeAdditional: false, allErrors: false } },
  }) as unknown as FastifyInstance;
  // responses go out with JSON.stringify: the response schemas document, they never drop or coerce data
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  const tokens = new TokenFile(tokenFilePath(dataDir), diagnostics);
  const audit = new AuditLog(dataDir, diagnostics);
  const metrics = new ServerMetrics();
  const commits = new CommitQueue(store);
  let snapshot: AnalysisSnapshot | undefined;
  let lastIngestAt: string | undefined;
  const recent: IngestedSource[] = [];

  const scheduler = new AnalysisScheduler(
    async () => {
      const runDiagnostics = new Diagnostics(20);
      const started = performance.now();
      let ok = false;
      try {
        const next = await analyzeStore({
          store,
          dataDir,
          rules: o.rules,
          analytics: o.analytics,
          diagnostics: runDiagnostics,
        });
        await saveSnapshotFile(dataDir, next);
        snapshot = next;
        ok = true;
      } finally {
        metrics.analyzed(performance.now() - started, ok);
        if (runDiagnostics.errors > 0) {
          const first = runDiagnostics.list().find((d) => d.severity === "error");
          diagnostics.warn(
            "E_SERVER",
            `analysis: ${runDiagnostics.errors} problem(s) in the run${first ? `, first: ${first.code} ${first.message}` : ""}`,
            first?.location,
          );
        }
      }
    },
    { debounceMs: o.analysisDebounceMs, maxWaitMs: o.analysisMaxWaitMs },
    (e) => diagnostics.fromError(e, "E_SERVER"),
  );
  commits.onCommit((inserted) => {
    lastIngestAt = new Date().toISOString();
    if (o.analysis) scheduler.notify(inserted);
  });

  const ctx: ServerContext = {
    options: o,
    store,
    dataDir,
    tokens,
    audit,
    ingestAudit: new IngestAudit(audit, (e) => diagnostics.fromError(e, "E_SERVER")),
    notes: new NotesLog(dataDir, diagnostics),
    metrics,
    commits,
    scheduler,
    normalizer: createNormalizer(o.normalizer),
    diagnostics,
    snapshot: () => snapshot,
    recentSources: () => recent,
    noteSource: (source) => {
      const i = recent.findIndex((r) => r.name === source.name);
      const merged =
        i >= 0 && !source.name.startsWith("upload:")
          ? {
              ...source,
              events: recent[i].events + source.events,
              duplicates: recent[i].duplicates + source.duplicates,
              problems: recent[i].problems + source.problems,
            }
          : source;
      if (i >= 0) recent.splice(i, 1);
      recent.unshift(merged);
      if (recent.length > MAX_RECENT_SOURCES) recent.length = MAX_RECENT_SOURCES;
    },
    lastIngestAt: () => lastIngestAt,
  };

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "mikiwame API",
        description:
          "Incidents, findings, events, verdicts, exports and ingest of `mikiwame serve` (docs/server.md).",
        version: o.version,
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "mkw_<id>_<secret> API token" },
          basic: {
            type: "http",
            scheme: "basic",
            description: "any user name, the token as password (shippers)",
          },
        },
      },
      security: [{ bearer: [] }],
    },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: {
        code: "E_LIMIT",
        message: `rate limited: at most ${context.max} requests per ${context.after}`,
      },
    }),
  });
  registerAuth(app, tokens);

  app.setErrorHandler((error, request, reply) => {
    const r = apiErrorReply(error);
    if (r.unexpected)
      diagnostics.fromError(error, "E_INTERNAL", {
        file: `${request.method} ${request.routeOptions.url ?? "?"}`,
      });
    for (const [k, v] of Object.entries(r.headers)) reply.header(k, v);
    return reply.code(r.status).type("application/json; charset=utf-8").send(r.body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type("application/json; charset=utf-8")
      .send({
        error: { code: "E_NOT_FOUND", message: `no route ${request.method} ${request.url.split("?")[0]}` },
      }),
  );
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-content-type-options", "nosniff");
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });
  app.addHook("onResponse", async (request, reply) => {
    metrics.request(request.method, request.routeOptions.url ?? "unmatched", reply.statusCode);
  });

  registerHealthRoutes(app, ctx);
  registerIncidentRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerDecisionRoutes(app, ctx);
  registerIntelRoutes(app, ctx);
  registerExportRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerIngestRoutes(app, ctx);
  await registerUiRoutes(app, ctx);

  return {
    app,
    async start(): Promise<StartedServer> {
      await removeStaleUploads(dataDir);
      const first = await tokens.ensureFirstAdmin();
      snapshot = (await restoreSnapshot(dataDir, store)) ?? snapshot;
      await app.listen({ host: o.host, port: o.port });
      const address = app.server.address();
      const port = typeof address === "object" && address !== null ? address.port : o.port;
      const hostInUrl = o.host.includes(":") ? `[${o.host}]` : o.host;
      if (o.analysis && (await store.countEvents()) > 0) scheduler.request();
      return {
        url: `${o.tls ? "https" : "http"}://${hostInUrl}:${port}`,
        host: o.host,
        port,
        firstAdminToken: first?.token,
      };
    },
    async stop(): Promise<void> {
      await scheduler.stop();
      await app.close();
      await commits.drain();
      await ctx.ingestAudit.flush();
    },
    analyzeNow: () => scheduler.runNow(),
    analysisIdle: () => scheduler.idle(),
  };
}
