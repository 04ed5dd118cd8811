/**
 * Stored events and hosts: `GET /api/events` searches the store (free text over field values, host,
 * channel, event id, time range; one page in host/time order) and `GET /api/hosts` lists every host the
 * last analysis saw with its incidents, worst verdict and whether something is still active there.
 */
import type { FastifyInstance } from "fastify";
import type { ApiEvent, HostSummary, Page } from "../api-contract.js";
import { ApiError } from "../api-error.js";
import type { ServerContext } from "../server-context.js";
import { apiEvent } from "../views/api-event.js";
import { hostSummaries } from "../views/host-summary.js";
import { errorResponses, openObject, pageSchema, pagingProperties } from "./shared-schemas.js";

interface EventsQuery {
  q?: string;
  host?: string;
  channel?: string;
  eventId?: number;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** An ISO time (or epoch ms) → epoch ms; 400 otherwise. */
function timeParam(name: string, v: string | undefined): number | undefined {
  if (v === undefined || v === "") return undefined;
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms))
    throw new ApiError(400, "E_USAGE", `${name} must be an ISO-8601 time or epoch milliseconds`);
  return ms;
}

const hostSchema = {
  type: "object",
  properties: {
    host: { type: "string" },
    events: { type: "integer" },
    first: { type: "string" },
    last: { type: "string" },
    incidents: { type: "integer" },
    verdict: { type: "string" },
    active: { type: "boolean" },
  },
} as const;

export function registerEventRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: EventsQuery }>(
    "/api/events",
    {
      config: { access: "read" },
      schema: {
        summary: "Search stored events (text, host, channel, event id, time range)",
        tags: ["events"],
        querystring: {
          type: "object",
          properties: {
            q: { type: "string", maxLength: 500 },
            host: { type: "string", maxLength: 255 },
            channel: { type: "string", maxLength: 255 },
            eventId: { type: "integer", minimum: 0, maximum: 4_294_967_295 },
            from: { type: "string", maxLength: 40 },
            to: { type: "string", maxLength: 40 },
            ...pagingProperties(500, 100),
          },
        },
        response: {
          200: pageSchema(openObject("ApiEvent (src/server/api-contract.ts)")),
          ...errorResponses(400),
        },
      },
    },
    async (request): Promise<Page<ApiEvent>> => {
      const q = request.query;
      const page = await ctx.store.searchEvents({
        text: q.q === undefined || q.q === "" ? undefined : q.q,
        hosts: q.host === undefined ? undefined : [q.host],
        channels: q.channel === undefined ? undefined : [q.channel],
        eventIds: q.eventId === undefined ? undefined : [q.eventId],
        from: timeParam("from", q.from),
        to: timeParam("to", q.to),
        limit: q.limit,
        offset: q.offset,
      });
      return { total: page.total, limit: q.limit, offset: q.offset, items: page.events.map(apiEvent) };
    },
  );

  app.get<{ Querystring: { limit: number; offset: number } }>(
    "/api/hosts",
    {
      config: { access: "read" },
      schema: {
        summary: "Hosts of the last analysis: events, time range, incidents, worst verdict, active",
        tags: ["events"],
        querystring: { type: "object", properties: { ...pagingProperties(5000, 1000) } },
        response: { 200: pageSchema(hostSchema), ...errorResponses(400) },
      },
    },
    async (request): Promise<Page<HostSummary>> => {
      const s = ctx.snapshot();
      const all = hostSummaries(s?.hosts ?? [], s?.incidents ?? []);
      const { limit, offset } = request.query;
      return { total: all.length, limit, offset, items: all.slice(offset, offset + limit) };
    },
  );
}
