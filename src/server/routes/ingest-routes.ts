/**
 * Ingest for real shippers and the UI, each answered only after what it accepted is committed:
 * `POST /api/ingest` (NDJSON), the Elasticsearch bulk API at `POST /api/_bulk`, `/_bulk` and
 * `/:index/_bulk` (Winlogbeat, Elastic Agent, Logstash, rsyslog omelasticsearch), `GET /_license` for
 * the Beats license check and `GET /_cat/health` for rsyslog's health check, `POST /api/upload?name=` (a whole EVTX / JSON / Zeek file, gzip too), and
 * `GET /api/ingest/status`. Bodies stream in (never buffered whole) under the body limit; ingest
 * routes are rate limited per token (429). The routes live in their own fastify scope whose only body
 * parser leaves the body unread, whatever its content type.
 */
import type { IncomingMessage } from "node:http";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { IngestResult, IngestStatus } from "../api-contract.js";
import { ApiError } from "../api-error.js";
import type { Actor } from "../audit-log.js";
import { BulkSyntaxError, ingestBulk } from "../ingest/bulk-ingest.js";
import {
  ELASTIC_PRODUCT_HEADER,
  elasticsearchCatHealth,
  elasticsearchLicense,
} from "../ingest/elasticsearch-banner.js";
import { IngestSession, type SessionResult } from "../ingest/ingest-session.js";
import { ingestNdjson } from "../ingest/ndjson-ingest.js";
import { ingestUpload } from "../ingest/upload-ingest.js";
import type { ServerContext } from "../server-context.js";
import { errorResponses, openObject } from "./shared-schemas.js";

/** Problems listed per answer (all are counted). */
const MAX_PROBLEMS = 100;
/**
 * Ingest requests streaming at once. Beyond it a request is answered 429 with Retry-After before its body
 * is read (shippers back off and retry): memory stays bounded by this many batches in flight.
 */
export const MAX_CONCURRENT_INGEST = 16;

const ingestResultSchema = {
  type: "object",
  properties: {
    accepted: { type: "integer" },
    duplicates: { type: "integer" },
    rejected: { type: "integer" },
    problems: { type: "array", items: { type: "string" } },
    warnings: { type: "integer" },
  },
} as const;

function actorOf(request: FastifyRequest): Actor {
  const c = request.caller!;
  return { tokenId: c.id, name: c.name, role: c.role };
}

function answer(r: SessionResult): IngestResult {
  return {
    accepted: r.accepted,
    duplicates: r.duplicates,
    rejected: r.rejected,
    problems: r.problems,
    warnings: r.warnings,
  };
}

export function registerIngestRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const o = ctx.options;
  const rateLimit =
    o.ingestRateLimit === false
      ? undefined
      : {
          max: o.ingestRateLimit.max,
          timeWindow: o.ingestRateLimit.windowMs,
          hook: "preHandler" as const,
          keyGenerator: (request: FastifyRequest) => request.caller?.id ?? request.ip,
        };
  const session = (source: string, keepItems: boolean) =>
    new IngestSession({
      normalizer: ctx.normalizer,
      commits: ctx.commits,
      source,
      batchSize: o.batchSize,
      maxProblems: MAX_PROBLEMS,
      keepItems,
      keepRaw: o.keepRaw,
    });
  let active = 0;
  /** Runs one body-reading handler within the concurrency bound. */
  const bounded = async <T>(raw: IncomingMessage, body: () => Promise<T>): Promise<T> => {
    if (active >= MAX_CONCURRENT_INGEST) {
      raw.resume(); // the body is not wanted: drain it so the connection can carry the answer
      throw new ApiError(
        429,
        "E_LIMIT",
        `busy: ${MAX_CONCURRENT_INGEST} ingest requests are running; retry shortly`,
        { "retry-after": "1" },
      );
    }
    active++;
    try {
      return await body();
    } finally {
      active--;
    }
  };
  const done = (request: FastifyRequest, action: string, source: string, r: SessionResult) => {
    ctx.metrics.ingested(r.accepted, r.duplicates, r.rejected);
    ctx.ingestAudit.add(actorOf(request), action, r.accepted, r.duplicates, r.rejected);
    ctx.noteSource({
      name: source,
      events: r.accepted,
      duplicates: r.duplicates,
      problems: r.rejected,
      at: new Date().toISOString(),
    });
  };

  app.get(
    "/_license",
    {
      config: { access: "public" },
      schema: {
        summary: "Elasticsearch license check (Beats)",
        tags: ["ingest"],
        response: { 200: openObject("license") },
      },
    },
    async (_request, reply) => {
      reply.header(...ELASTIC_PRODUCT_HEADER);
      return elasticsearchLicense();
    },
  );

  app.get<{ Querystring: { format?: string } }>(
    "/_cat/health",
    {
      config: { access: "public" },
      schema: {
        summary: "Elasticsearch cluster health probe (rsyslog omelasticsearch)",
        tags: ["ingest"],
        querystring: { type: "object", properties: { format: { type: "string", maxLength: 10 } } },
        produces: ["text/plain", "application/json"],
        response: { 200: { type: "string" } },
      },
    },
    async (request, reply) => {
      reply.header(...ELASTIC_PRODUCT_HEADER);
      const json = request.query.format === "json";
      return reply
        .type(json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8")
        .send(elasticsearchCatHealth(json));
    },
  );

  app.get(
    "/api/ingest/status",
    {
      config: { access: "read" },
      schema: {
        summary: "Ingest and analysis state: events, pending, last ingest, recent sources",
        tags: ["ingest"],
        response: { 200: openObject("IngestStatus (src/server/api-contract.ts)"), ...errorResponses() },
      },
    },
    async (): Promise<IngestStatus> => {
      const state = ctx.scheduler.state();
      const recent = ctx.recentSources();
      const seen = new Set(recent.map((s) => s.name));
      const stored = (await ctx.store.ingestedFiles())
        .filter((f) => !seen.has(f.path))
        .map((f) => ({
          name: f.path,
          events: f.events,
          duplicates: 0,
          problems: 0,
          at: new Date(f.at).toISOString(),
        }));
      const files = [...recent, ...stored].sort((a, b) => (a.at < b.at ? 1 : -1)).slice(0, 100);
      return {
        events: await ctx.store.countEvents(),
        lastIngestAt: ctx.lastIngestAt(),
        pending: state.pending,
        analyzing: state.analyzing,
        analyzedAt: state.analyzedAt,
        lastAnalysisMs: state.lastAnalysisMs,
        files,
      };
    },
  );

  // the body-reading routes: no parser reads the body; each route streams request.raw itself
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, _payload, next) => next(null));

    scope.post(
      "/api/ingest",
      {
        config: { access: "ingest", ...(rateLimit && { rateLimit }) },
        schema: {
          summary: "Ingest NDJSON (application/x-ndjson: one JSON document per line; gzip allowed)",
          tags: ["ingest"],
          response: { 200: ingestResultSchema, ...errorResponses(400, 413, 415, 429) },
        },
      },
      async (request): Promise<IngestResult> =>
        bounded(request.raw, async () => {
          const result = await ingestNdjson(request.raw, session("http:ingest", false), {
            bodyBytes: o.bodyLimit,
            lineBytes: o.lineLimit,
          });
          done(request, "ingest.ndjson", "http:ingest", result);
          return answer(result);
        }),
    );

    const bulk = async (request: FastifyRequest<{ Params: { index?: string } }>, reply: FastifyReply) => {
      reply.header(...ELASTIC_PRODUCT_HEADER);
      const index = request.params.index ?? "mikiwame";
      const source =
        request.params.index === undefined
          ? "http:_bulk"
          : `http:_bulk/${index.replace(/[^A-Za-z0-9._*-]/g, "_").slice(0, 100)}`;
      try {
        const { answer: body, result } = await bounded(request.raw, () =>
          ingestBulk(request.raw, session(source, true), {
            bodyBytes: o.bodyLimit,
            lineBytes: o.lineLimit,
            defaultIndex: index,
          }),
        );
        done(request, "ingest.bulk", source, result);
        return body;
      } catch (e) {
        if (!(e instanceof BulkSyntaxError)) throw e;
        reply.code(400);
        return e.body();
      }
    };
    const bulkSchema = {
      summary: "Elasticsearch bulk API: index/create action + document line pairs",
      tags: ["ingest"],
      response: {
        200: {
          type: "object",
          properties: {
            took: { type: "integer" },
            errors: { type: "boolean" },
            items: { type: "array", items: { type: "object", additionalProperties: true } },
          },
        },
        ...errorResponses(400, 413, 415, 429),
      },
    };
    const bulkConfig = { access: "ingest" as const, ...(rateLimit && { rateLimit }) };
    scope.post("/api/_bulk", { config: bulkConfig, schema: bulkSchema }, bulk);
    scope.post("/_bulk", { config: bulkConfig, schema: { ...bulkSchema, hide: true } }, bulk);
    scope.post(
      "/:index/_bulk",
      {
        config: bulkConfig,
        schema: {
          ...bulkSchema,
          params: { type: "object", properties: { index: { type: "string", maxLength: 255 } } },
        },
      },
      bulk,
    );
    scope.put("/_bulk", { config: bulkConfig, schema: { ...bulkSchema, hide: true } }, bulk);

    scope.post<{ Querystring: { name?: string } }>(
      "/api/upload",
      {
        config: { access: "upload", ...(rateLimit && { rateLimit }) },
        schema: {
          summary: "Upload one log file (EVTX, JSON/NDJSON, Zeek; gzip of either) as the request body",
          tags: ["ingest"],
          querystring: { type: "object", properties: { name: { type: "string", maxLength: 255 } } },
          response: { 200: ingestResultSchema, ...errorResponses(400, 413, 429) },
        },
      },
      async (request): Promise<IngestResult> => {
        const result = await bounded(request.raw, () =>
          ingestUpload(request.raw, request.query.name, {
            dataDir: ctx.dataDir,
            normalizer: ctx.normalizer,
            commits: ctx.commits,
            store: ctx.store,
            bodyBytes: o.uploadLimit,
            batchSize: o.batchSize,
            maxProblems: MAX_PROBLEMS,
          }),
        );
        const source = `upload:${result.name}`;
        ctx.metrics.ingested(result.accepted, result.duplicates, result.rejected);
        ctx.noteSource({
          name: source,
          events: result.accepted,
          duplicates: result.duplicates,
          problems: result.rejected,
          at: new Date().toISOString(),
        });
        await ctx.audit.record(actorOf(request), "ingest.upload", source, { ...answer(result) }, true);
        if (result.accepted + result.duplicates === 0 && result.rejected > 0)
          throw new ApiError(
            400,
            "E_FORMAT_UNKNOWN",
            `nothing could be read from ${result.name}: ${result.problems[0] ?? ""}`,
          );
        return answer(result);
      },
    );
  });
}
