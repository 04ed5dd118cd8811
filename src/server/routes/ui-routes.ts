/**
 * What is served outside `/api/`: the web UI's built assets (dist/ui, made by `npm run build:ui`) at `/`
 * for browsers — or a page saying how to build it when it is missing — and, at the same `GET /`, the
 * Elasticsearch banner for shippers and scripts (they ask for JSON or carry a shipper's user agent).
 * `HEAD /` answers 200 (Logstash and Beats probe it). The UI is served with a strict Content Security
 * Policy (the build has no inline scripts) and no token: it reads the token from the URL fragment.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import {
  ELASTIC_PRODUCT_HEADER,
  elasticsearchBanner,
  wantsElasticsearchBanner,
} from "../ingest/elasticsearch-banner.js";
import type { ServerContext } from "../server-context.js";

/** The UI's Content Security Policy: only its own files; API calls to this origin. */
export const UI_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mikiwame</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>mikiwame</h1>
<p>The web UI is not built: run <code>npm run build:ui</code> in the mikiwame checkout, then reload this page.</p>
<p>The API is available under <code>/api/</code> (see <code>/api/openapi.json</code> with a token, and docs/server.md).</p>
</body></html>
`;

function uiHeaders(reply: FastifyReply): void {
  reply.header("content-security-policy", UI_CSP);
  reply.header("x-frame-options", "DENY");
  reply.header("referrer-policy", "no-referrer");
}

export async function registerUiRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const dir = ctx.options.uiDir;
  const built = dir !== undefined && existsSync(join(dir, "index.html"));
  await app.register(async (scope) => {
    // every route of this scope (the static plugin's too) is public: the UI's files hold no data
    scope.addHook("onRoute", (route) => {
      route.config = { ...(route.config ?? {}), access: "public" };
    });
    if (built)
      await scope.register(fastifyStatic, {
        root: dir,
        prefix: "/",
        index: false,
        wildcard: true,
        schemaHide: true,
        allowedPath: (path) => !path.startsWith("/api/"),
        setHeaders: (res) => {
          res.setHeader("content-security-policy", UI_CSP);
          res.setHeader("x-content-type-options", "nosniff");
        },
      });

    // HEAD before GET: fastify would otherwise add its own HEAD for the GET
    scope.head("/", { schema: { hide: true } }, async (_request, reply) => {
      reply.header(...ELASTIC_PRODUCT_HEADER);
      return reply.code(200).send();
    });

    scope.get(
      "/",
      {
        schema: {
          summary: "The web UI (browsers) or the Elasticsearch banner (shippers)",
          tags: ["ui"],
          hide: true,
        },
      },
      async (request, reply) => {
        if (wantsElasticsearchBanner(request.headers.accept, request.headers["user-agent"])) {
          reply.header(...ELASTIC_PRODUCT_HEADER);
          return elasticsearchBanner(ctx.options.esVersion);
        }
        uiHeaders(reply);
        if (built) return reply.sendFile("index.html");
        return reply.type("text/html; charset=utf-8").send(NOT_BUILT_PAGE);
      },
    );
  });
}
