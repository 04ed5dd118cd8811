/**
 * Administration (admin tokens only): `GET /api/tokens` lists the tokens (never a secret),
 * `POST /api/tokens` creates one and returns its text once, `DELETE /api/tokens/:id` revokes one (it
 * stops working on the next request), `GET /api/audit` pages the audit log newest first. Every change
 * is audited before the answer.
 */
import type { FastifyInstance } from "fastify";
import {
  TOKEN_ROLES,
  type AuditEntry,
  type ApiToken,
  type CreatedApiToken,
  type Page,
  type TokenRole,
} from "../api-contract.js";
import { ApiError } from "../api-error.js";
import type { ServerContext } from "../server-context.js";
import { errorResponses, idParams, openObject, pageSchema, pagingProperties } from "./shared-schemas.js";

const tokenSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    role: { type: "string", enum: [...TOKEN_ROLES] },
    created: { type: "string" },
    createdBy: { type: "string" },
    revoked: { type: "object", properties: { at: { type: "string" }, by: { type: "string" } } },
  },
} as const;

export function registerAdminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    "/api/tokens",
    {
      config: { access: "admin" },
      schema: {
        summary: "API tokens (id, name, role, created, revoked; never the secret)",
        tags: ["admin"],
        response: { 200: { type: "array", items: tokenSchema }, ...errorResponses() },
      },
    },
    async (): Promise<readonly ApiToken[]> => ctx.tokens.list(),
  );

  app.post<{ Body: { name: string; role: TokenRole } }>(
    "/api/tokens",
    {
      config: { access: "admin" },
      schema: {
        summary: "Create a token; its text is in this answer and nowhere else",
        tags: ["admin"],
        body: {
          type: "object",
          required: ["name", "role"],
          properties: {
            name: { type: "string", minLength: 1, maxLength: 100 },
            role: { type: "string", enum: [...TOKEN_ROLES] },
          },
        },
        response: {
          201: { type: "object", properties: { token: { type: "string" }, info: tokenSchema } },
          ...errorResponses(400),
        },
      },
    },
    async (request, reply): Promise<CreatedApiToken> => {
      const caller = request.caller!;
      const created = await ctx.tokens.create(
        request.body.name,
        request.body.role,
        `${caller.name} (${caller.id})`,
      );
      await ctx.audit.record(
        { tokenId: caller.id, name: caller.name, role: caller.role },
        "token.create",
        created.info.id,
        { name: created.info.name, role: created.info.role },
        true,
      );
      reply.code(201);
      return created;
    },
  );

  app.delete<{ Params: { id: string } }>(
    "/api/tokens/:id",
    {
      config: { access: "admin" },
      schema: {
        summary: "Revoke a token (it is refused from the next request on)",
        tags: ["admin"],
        params: idParams,
        response: { 200: tokenSchema, ...errorResponses(404) },
      },
    },
    async (request): Promise<ApiToken> => {
      const caller = request.caller!;
      const revoked = await ctx.tokens.revoke(request.params.id, `${caller.name} (${caller.id})`);
      if (!revoked) throw new ApiError(404, "E_NOT_FOUND", `no token ${request.params.id}`);
      await ctx.audit.record(
        { tokenId: caller.id, name: caller.name, role: caller.role },
        "token.revoke",
        revoked.id,
        { name: revoked.name, role: revoked.role },
        true,
      );
      return revoked;
    },
  );

  app.get<{ Querystring: { action?: string; limit: number; offset: number } }>(
    "/api/audit",
    {
      config: { access: "admin" },
      schema: {
        summary: "The audit log, newest first (action=token shows token.* entries)",
        tags: ["admin"],
        querystring: {
          type: "object",
          properties: { action: { type: "string", maxLength: 100 }, ...pagingProperties(500, 100) },
        },
        response: {
          200: pageSchema(openObject("AuditEntry (src/server/api-contract.ts)")),
          ...errorResponses(400),
        },
      },
    },
    async (request): Promise<Page<AuditEntry>> => {
      const { action, limit, offset } = request.query;
      const page = await ctx.audit.page(limit, offset, action);
      return { total: page.total, limit, offset, items: page.items };
    },
  );
}
