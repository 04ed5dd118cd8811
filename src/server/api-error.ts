/**
 * Errors as the API answers them: `{ error: { code, message } }` with an HTTP status. Route code throws
 * `ApiError` (status + stable code) or a library `MikiwameError` (its code decides the status); the
 * server's one error handler (`apiErrorReply`) turns anything thrown — fastify's own validation,
 * body-limit and content-type errors included — into that shape. Unexpected errors answer 500 with a
 * generic message; the detail goes to the server's Diagnostics, never to the client.
 */
import type { ErrorCode } from "../diagnostics/error-codes.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { ApiError as ApiErrorBody } from "./api-contract.js";

/** An error with the HTTP status to answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers (e.g. WWW-Authenticate on a 401) */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The status for a library error code. */
function statusOfCode(code: ErrorCode): number {
  switch (code) {
    case "E_AUTH":
      return 401;
    case "E_NOT_FOUND":
      return 404;
    case "E_LIMIT":
      return 413;
    case "E_USAGE":
    case "E_DECISION":
    case "E_ALLOWLIST":
    case "E_INDICATOR":
    case "E_JSON_SYNTAX":
    case "E_JSON_SHAPE":
    case "E_FORMAT_UNKNOWN":
      return 400;
    default:
      return 500;
  }
}

/** What to answer for a thrown value. */
export interface ErrorReply {
  readonly status: number;
  readonly body: ApiErrorBody;
  readonly headers: Readonly<Record<string, string>>;
  /** True when the error is unexpected (a bug or an environment failure): worth a diagnostic */
  readonly unexpected: boolean;
}

function reply(
  status: number,
  code: string,
  message: string,
  unexpected = false,
  headers: Readonly<Record<string, string>> = {},
): ErrorReply {
  return { status, body: { error: { code, message } }, unexpected, headers };
}

/** Maps anything thrown in a route to the API's error reply. */
export function apiErrorReply(e: unknown): ErrorReply {
  if (e instanceof ApiError) return reply(e.status, e.code, e.message, false, e.headers);
  if (e instanceof MikiwameError) {
    const status = statusOfCode(e.code);
    return status === 500
      ? reply(500, e.code, `${e.code}: the server could not complete the request`, true)
      : reply(status, e.code, e.message);
  }
  const fe = e as { code?: unknown; statusCode?: unknown; validation?: unknown; message?: unknown };
  const message = typeof fe.message === "string" ? fe.message : String(e);
  if (fe.validation !== undefined) return reply(400, "E_USAGE", message);
  switch (fe.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return reply(413, "E_LIMIT", "request body too large");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return reply(415, "E_USAGE", message);
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return reply(400, "E_USAGE", message);
  }
  const status = typeof fe.statusCode === "number" ? fe.statusCode : 500;
  if (status === 429) return reply(429, "E_LIMIT", message);
  if (status >= 400 && status < 500)
    return reply(status, status === 404 ? "E_NOT_FOUND" : "E_USAGE", message);
  return reply(500, "E_INTERNAL", "internal error: the server could not complete the request", true);
}
