/**
 * The incident routes, over the last complete analysis: the queue (`GET /api/incidents`: filter,
 * sort, page), one incident with its response plan, findings (suppressed ones too) and notes
 * (`GET /api/incidents/:id`), adding a note (analyst), and the findings list (`GET /api/findings`).
 */
import type { FastifyInstance } from "fastify";
import type { Incident } from "../../incidents/incident.js";
import { VERDICTS } from "../../incidents/verdict.js";
import { INCIDENT_STATES } from "../../incidents/incident.js";
import { VIEWPOINTS } from "../../findings/viewpoint.js";
import { INCIDENT_SORTS, type IncidentSort, type Note } from "../api-contract.js";
import { ApiError } from "../api-error.js";
import type { ServerContext } from "../server-context.js";
import { FindingTable } from "../views/finding-table.js";
import { incidentPage } from "../views/incident-summary.js";
import { snapshotIndex } from "../views/snapshot-index.js";
import {
  errorResponses,
  idParams,
  localizedSchema,
  openObject,
  pageSchema,
  pagingProperties,
} from "./shared-schemas.js";

const summarySchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    title: localizedSchema,
    verdict: { type: "string", enum: [...VERDICTS] },
    confidence: { type: "number" },
    severity: { type: "string" },
    furthestStage: { type: "string" },
    attemptedStage: { type: "string" },
    state: { type: "string", enum: [...INCIDENT_STATES] },
    hosts: { type: "array", items: { type: "string" } },
    rootCauseImage: { type: "string" },
    first: { type: "string" },
    last: { type: "string" },
    findings: { type: "integer" },
    suppressed: { type: "integer" },
    decidedBy: { type: "string" },
  },
} as const;

const findingSchema = openObject("ApiFinding (src/server/api-contract.ts)");
const noteSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    incidentId: { type: "string" },
    author: { type: "string" },
    at: { type: "string" },
    text: { type: "string" },
  },
} as const;

/** Findings on an incident page; the rest through `GET /api/findings?incident=`. */
const MAX_DETAIL_FINDINGS = 500;

interface ListQuery {
  verdict?: Incident["verdict"]["verdict"];
  state?: Incident["state"];
  host?: string;
  q?: string;
  sort?: IncidentSort;
  order?: "asc" | "desc";
  limit: number;
  offset: number;
}

interface FindingsQuery {
  host?: string;
  detector?: string;
  viewpoint?: string;
  incident?: string;
  limit: number;
  offset: number;
}

/** The incident of the last analysis with this id, or 404. */
export function incidentOr404(ctx: ServerContext, id: string): Incident {
  const incident = snapshotIndex(ctx.snapshot(), ctx.options.plan).incidents.get(id);
  if (!incident) throw new ApiError(404, "E_NOT_FOUND", `no incident ${id} in the last analysis`);
  return incident;
}

export function registerIncidentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: ListQuery }>(
    "/api/incidents",
    {
      config: { access: "read" },
      schema: {
        summary: "The incident queue (last complete analysis): filter, sort, page",
        tags: ["incidents"],
        querystring: {
          type: "object",
          properties: {
            verdict: { type: "string", enum: [...VERDICTS] },
            state: { type: "string", enum: [...INCIDENT_STATES] },
            host: { type: "string", maxLength: 255 },
            q: { type: "string", maxLength: 200 },
            sort: { type: "string", enum: [...INCIDENT_SORTS] },
            order: { type: "string", enum: ["asc", "desc"] },
            ...pagingProperties(500, 50),
          },
        },
        response: { 200: pageSchema(summarySchema), ...errorResponses(400) },
      },
    },
    async (request) => {
      const q = request.query;
      const { summaries } = snapshotIndex(ctx.snapshot(), ctx.options.plan);
      return incidentPage(summaries, {
        verdict: q.verdict,
        state: q.state,
        host: q.host,
        q: q.q,
        sort: q.sort ?? "verdict",
        order: q.order ?? "desc",
        limit: q.limit,
        offset: q.offset,
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/incidents/:id",
    {
      config: { access: "read" },
      schema: {
        summary: "One incident: the incident, its response plan, its findings (suppressed too) and notes",
        tags: ["incidents"],
        params: idParams,
        response: {
          200: {
            type: "object",
            properties: {
              incident: openObject("Incident (src/incidents/incident.ts)"),
              plan: openObject("ResponsePlan (src/respond/response-plan.ts)"),
              findings: { type: "array", items: findingSchema },
              findingsTotal: { type: "integer" },
              notes: { type: "array", items: noteSchema },
            },
          },
          ...errorResponses(404),
        },
      },
    },
    async (request, reply) => {
      const incident = incidentOr404(ctx, request.params.id);
      const index = snapshotIndex(ctx.snapshot(), ctx.options.plan);
      // everything but the notes is fixed for the snapshot: serialised once, then reused
      const fixed = index.cachedJson(incident.id, () => {
        const ids = [...incident.findings, ...incident.suppressed.map((s) => s.findingId)];
        const table = ctx.snapshot()?.findings;
        const rows = table ? table.select({ ids: ids.slice(0, MAX_DETAIL_FINDINGS) }) : [];
        const head = JSON.stringify({ incident, plan: index.plan(incident) });
        return `${head.slice(0, -1)},"findings":${FindingTable.jsonArray(rows)},"findingsTotal":${ids.length}}`;
      });
      const notes = JSON.stringify(await ctx.notes.of(incident.id));
      return reply.type("application/json; charset=utf-8").send(`${fixed.slice(0, -1)},"notes":${notes}}`);
    },
  );

  app.post<{ Params: { id: string }; Body: { text: string } }>(
    "/api/incidents/:id/notes",
    {
      config: { access: "decide" },
      schema: {
        summary: "Add an analyst note to an incident",
        tags: ["incidents"],
        params: idParams,
        body: {
          type: "object",
          required: ["text"],
          additionalProperties: false,
          properties: { text: { type: "string", minLength: 1, maxLength: 10_000 } },
        },
        response: { 201: noteSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply): Promise<Note> => {
      const incident = incidentOr404(ctx, request.params.id);
      const caller = request.caller!;
      const note = await ctx.notes.add(incident.id, caller.name, request.body.text);
      await ctx.audit.record(
        { tokenId: caller.id, name: caller.name, role: caller.role },
        "note.add",
        incident.id,
        { noteId: note.id, chars: note.text.length },
        true,
      );
      reply.code(201);
      return note;
    },
  );

  app.get<{ Querystring: FindingsQuery }>(
    "/api/findings",
    {
      config: { access: "read" },
      schema: {
        summary: "Findings of the last analysis (strongest first), suppressed ones with their decision",
        tags: ["incidents"],
        querystring: {
          type: "object",
          properties: {
            host: { type: "string", maxLength: 255 },
            detector: { type: "string", maxLength: 200 },
            viewpoint: { type: "string", enum: [...VIEWPOINTS] },
            incident: { type: "string", maxLength: 200 },
            ...pagingProperties(500, 100),
          },
        },
        response: { 200: pageSchema(findingSchema), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const table = ctx.snapshot()?.findings;
      const incident = q.incident === undefined ? undefined : incidentOr404(ctx, q.incident);
      // an incident's findings in its order (strongest first); else every finding of the run
      const ids = incident
        ? [...incident.findings, ...incident.suppressed.map((s) => s.findingId)]
        : undefined;
      const rows = table
        ? table.select({ host: q.host, detector: q.detector, viewpoint: q.viewpoint, ids })
        : [];
      const items = FindingTable.jsonArray(rows.slice(q.offset, q.offset + q.limit));
      return reply
        .type("application/json; charset=utf-8")
        .send(`{"total":${rows.length},"limit":${q.limit},"offset":${q.offset},"items":${items}}`);
    },
  );
}
