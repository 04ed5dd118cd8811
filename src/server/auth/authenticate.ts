/**
 * The auth hook: before any route runs, the token from the Authorization header is checked against the
 * token file (reloaded when it changed, so `mikiwame token revoke` takes effect on the next request) and
 * the token's role against the route's access level. 401 without a token, with an unknown, malformed or
 * revoked one; 403 when the role may not use the route. The token text is never logged or echoed.
 * Input: the request. Output: `request.caller`, or an ApiError.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ApiError } from "../api-error.js";
import { presentedCredentials } from "./credentials.js";
import { roleAllows } from "./route-access.js";
import type { TokenFile } from "./token-file.js";

/** Paths answered in Elasticsearch's manner (their 401 invites Basic, which shippers send). */
function isShipperPath(url: string): boolean {
  return url === "/_bulk" || url.endsWith("/_bulk") || url.startsWith("/_");
}

function unauthorized(request: FastifyRequest, message: string): ApiError {
  // browsers would pop up a password dialog on a Basic challenge from the API: only shippers get it
  const challenge = isShipperPath(request.routeOptions.url ?? "")
    ? 'Basic realm="mikiwame", Bearer realm="mikiwame"'
    : 'Bearer realm="mikiwame"';
  return new ApiError(401, "E_AUTH", message, { "www-authenticate": challenge });
}

/** Adds the auth hook to `app`. Routes without an access level are admin-only (fail closed). */
export function registerAuth(app: FastifyInstance, tokens: TokenFile): void {
  app.decorateRequest("caller", null);
  app.addHook("onRequest", async (request) => {
    if (request.routeOptions.url === undefined) return; // no route: the 404 handler answers
    const access = request.routeOptions.config.access ?? "admin";
    const presented = presentedCredentials(request.headers.authorization);
    if (presented.kind === "none") {
      if (access === "public") return;
      throw unauthorized(request, "an API token is required (Authorization: Bearer <token>)");
    }
    if (presented.kind === "malformed") throw unauthorized(request, presented.reason);
    const check = await tokens.check(presented.token);
    if (check.kind === "invalid") {
      if (access === "public") return;
      throw unauthorized(request, "the API token is not valid");
    }
    if (check.kind === "revoked") {
      if (access === "public") return;
      throw unauthorized(request, `the API token ${check.token.id} was revoked`);
    }
    request.caller = check.token;
    if (access === "public" || access === "any") return;
    if (!roleAllows(check.token.role, access))
      throw new ApiError(
        403,
        "E_AUTH",
        `a ${check.token.role} token may not use this route (needs ${access} access)`,
      );
  });
}
