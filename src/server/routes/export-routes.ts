/**
 * Files to hand on, made on request from the last complete analysis: one incident's exports
 * (`GET /api/incidents/:id/exports/:format` — blocklists, firewall rules, DNS sinkhole, STIX 2.1, MISP,
 * TheHive; src/outputs/exports), one incident's HTML report (`GET /api/incidents/:id/report.html`) and
 * the whole run's report (`GET /api/report.html`; src/outputs/report). Downloads carry a fixed, safe
 * file name (`mikiwame-<incident id>-<format>`, characters outside `[A-Za-z0-9._-]` replaced).
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import type { Incident } from "../../incidents/incident.js";
import { EXPORT_FILES, type ExportFile, renderExports } from "../../outputs/exports/write-exports.js";
import { REPORT_CSP, renderReportHtml } from "../../outputs/report/report-html.js";
import { buildResponsePlans } from "../../respond/build-plan.js";
import type { ServerContext } from "../server-context.js";
import { runFindings } from "../views/run-findings.js";
import { incidentOr404 } from "./incident-routes.js";
import { errorResponses, idParams } from "./shared-schemas.js";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  txt: "text/plain; charset=utf-8",
  rpz: "text/plain; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  ps1: "text/plain; charset=utf-8",
  sh: "text/x-shellscript; charset=utf-8",
  nft: "text/plain; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/** A download file name from fixed parts and an id: only `[A-Za-z0-9._-]`. */
export function downloadName(...parts: string[]): string {
  return parts
    .join("-")
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .slice(0, 150);
}

function attachment(reply: FastifyReply, name: string, type: string): void {
  reply.header("content-type", type);
  reply.header("content-disposition", `attachment; filename="${name}"`);
  reply.header("x-content-type-options", "nosniff");
}

async function reportHtml(
  ctx: ServerContext,
  incidents: readonly Incident[] | undefined,
  lang: "en" | "ja",
): Promise<string> {
  const s = ctx.snapshot();
  const chosen = incidents ?? s?.incidents ?? [];
  return renderReportHtml({
    incidents: chosen,
    plans: buildResponsePlans(chosen, ctx.options.plan),
    findings: s ? await runFindings(ctx.store, s.runId, incidents) : [],
    summary: s?.summary ?? {
      files: { total: 0, bytes: 0, failed: 0, unknownFormat: 0 },
      records: 0,
      events: 0,
      eventsWithoutTime: 0,
      timeRange: null,
      hosts: { distinct: 0, distinctCapped: false },
      diagnostics: { errors: 0, warnings: 0 },
    },
    generatedAt: new Date().toISOString(),
    lang,
  });
}

const langQuery = {
  type: "object",
  properties: { lang: { type: "string", enum: ["en", "ja"], default: "en" } },
} as const;

export function registerExportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { id: string; format: ExportFile }; Querystring: { lang: "en" | "ja" } }>(
    "/api/incidents/:id/exports/:format",
    {
      config: { access: "read" },
      schema: {
        summary: "One incident's export: blocklists, firewall rules, DNS sinkhole, STIX 2.1, MISP, TheHive",
        tags: ["exports"],
        params: {
          type: "object",
          required: ["id", "format"],
          properties: { id: idParams.properties.id, format: { type: "string", enum: [...EXPORT_FILES] } },
        },
        querystring: langQuery,
        produces: ["text/plain", "text/csv", "application/json"],
        response: { 200: { type: "string" }, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const incident = incidentOr404(ctx, request.params.id);
      const format = request.params.format;
      const [rendered] = renderExports([incident], buildResponsePlans([incident], ctx.options.plan), {
        files: [format],
        lang: request.query.lang,
        diagnostics: new Diagnostics(),
      });
      const ext = format.slice(format.lastIndexOf(".") + 1);
      attachment(
        reply,
        downloadName("mikiwame", incident.id, format),
        CONTENT_TYPES[ext] ?? "text/plain; charset=utf-8",
      );
      return reply.send(rendered?.text ?? "");
    },
  );

  app.get<{ Params: { id: string }; Querystring: { lang: "en" | "ja" } }>(
    "/api/incidents/:id/report.html",
    {
      config: { access: "read" },
      schema: {
        summary: "One incident's self-contained HTML report (download)",
        tags: ["exports"],
        params: idParams,
        querystring: langQuery,
        produces: ["text/html"],
        response: { 200: { type: "string" }, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const incident = incidentOr404(ctx, request.params.id);
      const html = await reportHtml(ctx, [incident], request.query.lang);
      attachment(reply, downloadName("mikiwame", incident.id, "report.html"), "text/html; charset=utf-8");
      reply.header("content-security-policy", REPORT_CSP);
      return reply.send(html);
    },
  );

  app.get<{ Querystring: { lang: "en" | "ja" } }>(
    "/api/report.html",
    {
      config: { access: "read" },
      schema: {
        summary: "The whole last analysis as one self-contained HTML report (download)",
        tags: ["exports"],
        querystring: langQuery,
        produces: ["text/html"],
        response: { 200: { type: "string" }, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const html = await reportHtml(ctx, undefined, request.query.lang);
      attachment(reply, "mikiwame-report.html", "text/html; charset=utf-8");
      reply.header("content-security-policy", REPORT_CSP);
      return reply.send(html);
    },
  );
}
