/**
 * Analyst decisions through the API, kept in the same decision log as `mikiwame decide`
 * (`<data dir>/decisions.jsonl`, src/feedback): `POST /api/verdicts` records one (analyst), audits it
 * and asks for a re-analysis so the incident queue reflects it; `GET /api/decisions` lists them (with
 * revoked ones on `?all=true`); `POST /api/decisions/:id/revoke` takes one back. The log is reopened per
 * request, so decisions made with the CLI while the server runs are seen too.
 */
import type { FastifyInstance } from "fastify";
import { DecisionLog } from "../../feedback/decision-log.js";
import { DECISION_VERDICTS } from "../../feedback/decision.js";
import type { ApiDecision, Page, VerdictRequest } from "../api-contract.js";
import { ApiError } from "../api-error.js";
import type { ServerContext } from "../server-context.js";
import { apiDecision } from "../views/api-decision.js";
import { errorResponses, idParams, openObject, pageSchema, pagingProperties } from "./shared-schemas.js";

const scopeSchema = {
  type: "object",
  required: ["hosts", "match"],
  properties: {
    hosts: {
      type: "object",
      required: ["kind"],
      properties: {
        kind: { type: "string", enum: ["host", "all"] },
        host: { type: "string", maxLength: 255 },
      },
    },
    match: {
      type: "object",
      required: ["kind"],
      properties: {
        kind: { type: "string", enum: ["sha256", "path", "command-line", "rule-on-image"] },
        sha256: { type: "string", maxLength: 64 },
        path: { type: "string", maxLength: 4096 },
        pattern: { type: "string", maxLength: 4096 },
        detector: { type: "string", maxLength: 200 },
        image: { type: "string", maxLength: 4096 },
      },
    },
  },
} as const;

const decisionSchema = openObject("ApiDecision (src/server/api-contract.ts)");

/** Decision id → the incident it was taken on (from the audit log's verdict entries). */
async function incidentLinks(ctx: ServerContext): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  const page = await ctx.audit.page(100_000, 0, "verdict.decide");
  for (const e of page.items) {
    const incidentId = e.details.incidentId;
    if (typeof incidentId === "string") links.set(e.target, incidentId);
  }
  return links;
}

export function registerDecisionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Body: VerdictRequest }>(
    "/api/verdicts",
    {
      config: { access: "decide" },
      schema: {
        summary: "Record an analyst decision: over-detection (benign) or confirmed malware, with a scope",
        tags: ["decisions"],
        body: {
          type: "object",
          required: ["verdict", "reason", "scope"],
          properties: {
            verdict: { type: "string", enum: [...DECISION_VERDICTS] },
            reason: { type: "string", minLength: 1, maxLength: 4000 },
            scope: scopeSchema,
            incidentId: { type: "string", maxLength: 200 },
          },
        },
        response: { 201: decisionSchema, ...errorResponses(400) },
      },
    },
    async (request, reply): Promise<ApiDecision> => {
      const caller = request.caller!;
      const body = request.body;
      const log = await DecisionLog.open(ctx.dataDir, ctx.diagnostics);
      const decision = await log.decide({
        verdict: body.verdict,
        reason: body.reason,
        scope: body.scope,
        analyst: caller.name,
      });
      await ctx.audit.record(
        { tokenId: caller.id, name: caller.name, role: caller.role },
        "verdict.decide",
        decision.id,
        {
          verdict: decision.verdict,
          reason: decision.reason,
          scope: decision.scope,
          incidentId: body.incidentId,
        },
        true,
      );
      ctx.scheduler.request();
      reply.code(201);
      return apiDecision(decision, body.incidentId);
    },
  );

  app.get<{ Querystring: { all?: boolean; limit: number; offset: number } }>(
    "/api/decisions",
    {
      config: { access: "read" },
      schema: {
        summary: "Analyst decisions, newest first (revoked ones with all=true)",
        tags: ["decisions"],
        querystring: {
          type: "object",
          properties: { all: { type: "boolean", default: false }, ...pagingProperties(500, 100) },
        },
        response: { 200: pageSchema(decisionSchema), ...errorResponses(400) },
      },
    },
    async (request): Promise<Page<ApiDecision>> => {
      const { all, limit, offset } = request.query;
      const log = await DecisionLog.open(ctx.dataDir, ctx.diagnostics);
      const decisions = [...log.list({ includeRevoked: all === true })].reverse();
      const links = await incidentLinks(ctx);
      return {
        total: decisions.length,
        limit,
        offset,
        items: decisions.slice(offset, offset + limit).map((d) => apiDecision(d, links.get(d.id))),
      };
    },
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    "/api/decisions/:id/revoke",
    {
      config: { access: "decide" },
      schema: {
        summary: "Revoke a decision (it stays in the log and no longer applies)",
        tags: ["decisions"],
        params: idParams,
        body: {
          type: "object",
          required: ["reason"],
          properties: { reason: { type: "string", minLength: 1, maxLength: 4000 } },
        },
        response: { 200: decisionSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (request): Promise<ApiDecision> => {
      const caller = request.caller!;
      const log = await DecisionLog.open(ctx.dataDir, ctx.diagnostics);
      const existing = log.get(request.params.id);
      if (!existing) throw new ApiError(404, "E_NOT_FOUND", `no decision ${request.params.id}`);
      if (existing.revoked)
        throw new ApiError(409, "E_DECISION", `${existing.id} was already revoked at ${existing.revoked.at}`);
      const revoked = await log.revoke(existing.id, caller.name, request.body.reason);
      await ctx.audit.record(
        { tokenId: caller.id, name: caller.name, role: caller.role },
        "decision.revoke",
        revoked.id,
        { reason: request.body.reason },
        true,
      );
      ctx.scheduler.request();
      return apiDecision(revoked, (await incidentLinks(ctx)).get(revoked.id));
    },
  );
}
