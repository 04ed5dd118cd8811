/**
 * JSON Schemas shared by the route modules: the error body, paging parameters, a page of items, and
 * the open object used where a contract type is large (an Incident) and documented in
 * api-contract.ts. Routes use them for validation (query, params, body) and the OpenAPI document
 * (responses); responses are serialised with JSON.stringify, so a response schema never drops data.
 */

/** `{ error: { code, message } }` */
export const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" } },
    },
  },
} as const;

/** The error responses every authenticated route may give. */
export function errorResponses(
  ...statuses: number[]
): Record<number, typeof errorSchema & { description: string }> {
  const text: Record<number, string> = {
    400: "Bad request",
    401: "No, invalid or revoked API token",
    403: "The token's role may not use this route",
    404: "Not found",
    409: "Conflict",
    413: "Body too large",
    415: "Unsupported content or encoding",
    429: "Rate limited",
  };
  const out: Record<number, typeof errorSchema & { description: string }> = {};
  for (const s of [401, 403, ...statuses]) out[s] = { ...errorSchema, description: text[s] ?? "Error" };
  return out;
}

/** `limit` (1–max, default) and `offset` query properties. */
export function pagingProperties(max: number, fallback: number) {
  return {
    limit: { type: "integer", minimum: 1, maximum: max, default: fallback },
    offset: { type: "integer", minimum: 0, maximum: 100_000_000, default: 0 },
  } as const;
}

/** A page of `items`. */
export function pageSchema(item: object) {
  return {
    type: "object",
    required: ["total", "limit", "offset", "items"],
    properties: {
      total: { type: "integer" },
      limit: { type: "integer" },
      offset: { type: "integer" },
      items: { type: "array", items: item },
    },
  } as const;
}

/** An object documented in api-contract.ts / src/incidents/incident.ts rather than here. */
export function openObject(description: string) {
  return { type: "object", additionalProperties: true, description } as const;
}

/** `{ en, ja }` text. */
export const localizedSchema = {
  type: "object",
  properties: { en: { type: "string" }, ja: { type: "string" } },
} as const;

/** A path parameter `id`. */
export const idParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", minLength: 1, maxLength: 200 } },
} as const;
