/**
 * Health, identity, metrics and the API description: `GET /api/health` (no token: status, version,
 * store, event and incident counts, last analysis, pending events), `GET /api/whoami` (any token),
 * `GET /api/metrics` (Prometheus text) and `GET /api/openapi.json` (generated from the route schemas).
 */
import type { FastifyInstance } from "fastify";
import type { Health, WhoAmI } from "../api-contract.js";
import type { ServerContext } from "../server-context.js";
import { errorResponses } from "./shared-schemas.js";

export function registerHealthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    "/api/health",
    {
      config: { access: "public" },
      schema: {
        summary: "Server health (no token needed)",
        tags: ["server"],
        response: {
          200: {
            type: "object",
            properties: {
              status: { type: "string", enum: ["ok"] },
              version: { type: "string" },
              store: { type: "string" },
              events: { type: "integer" },
              incidents: { type: "integer" },
              analyzedAt: { type: "string" },
              pending: { type: "integer" },
            },
          },
        },
      },
    },
    async (): Promise<Health> => {
      const state = ctx.scheduler.state();
      return {
        status: "ok",
        version: ctx.options.version,
        store: ctx.options.storeName,
        events: await ctx.store.countEvents(),
        incidents: ctx.snapshot()?.incidents.length ?? 0,
        analyzedAt: ctx.snapshot()?.analyzedAt,
        pending: state.pending,
      };
    },
  );

  app.get(
    "/api/whoami",
    {
      config: { access: "any" },
      schema: {
        summary: "The token of the request: id, name, role",
        tags: ["server"],
        response: {
          200: {
            type: "object",
            properties: {
              tokenId: { type: "string" },
              name: { type: "string" },
              role: { type: "string", enum: ["viewer", "analyst", "admin", "ingest"] },
            },
          },
          ...errorResponses(),
        },
      },
    },
    async (request): Promise<WhoAmI> => {
      const c = request.caller!;
      return { tokenId: c.id, name: c.name, role: c.role };
    },
  );

  app.get(
    "/api/metrics",
    {
      config: { access: "read" },
      schema: {
        summary: "Prometheus metrics (text format 0.0.4)",
        tags: ["server"],
        produces: ["text/plain"],
        response: { 200: { type: "string" }, ...errorResponses() },
      },
    },
    async (_request, reply) => {
      const state = ctx.scheduler.state();
      const commits = ctx.commits.counts();
      const text = ctx.metrics.render({
        events: await ctx.store.countEvents(),
        incidents: ctx.snapshot()?.incidents.length ?? 0,
        pendingEvents: state.pending,
        analyzing: state.analyzing,
        lastAnalysisMs: state.lastAnalysisMs,
        commitQueue: commits.queued,
        commits: commits.batches,
        commitSeconds: commits.commitMs / 1000,
      });
      return reply.type("text/plain; version=0.0.4; charset=utf-8").send(text);
    },
  );

  app.get(
    "/api/openapi.json",
    {
      config: { access: "read" },
      schema: {
        summary: "This API's OpenAPI 3 description",
        tags: ["server"],
        response: { 200: { type: "object", additionalProperties: true }, ...errorResponses() },
      },
    },
    async () => app.swagger(),
  );
}
