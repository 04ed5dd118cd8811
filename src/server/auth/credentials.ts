/**
 * Where a request carries its API token. Browsers and scripts send `Authorization: Bearer <token>`;
 * shippers that only know Elasticsearch's schemes send `Basic base64(user:<token>)` (any user name —
 * rsyslog's `uid`/`pwd`, Logstash's `user`/`password`) or `ApiKey <token>` / `ApiKey base64(id:<token>)` /
 * `ApiKey base64(<token id>:<secret>)` (Beats' and Elastic Agent's `api_key: "<token id>:<secret>"`).
 * Input: the Authorization header. Output: the token text to check, or why there is none.
 */
import { TOKEN_ID, TOKEN_PREFIX } from "./api-token.js";

/** What the header gave. */
export type PresentedCredentials =
  | { readonly kind: "token"; readonly token: string; readonly scheme: "bearer" | "basic" | "apikey" }
  | { readonly kind: "none" }
  | { readonly kind: "malformed"; readonly reason: string };

/** Longest Authorization header we look at (a token is 61 characters; base64 of user:token far less). */
const MAX_HEADER = 1024;

function decodeBase64(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(text)) return undefined;
  return Buffer.from(text, "base64").toString("utf8");
}

/** The token of an `ApiKey` value: the token itself, base64(anything:token) or base64(id:secret). */
function apiKeyToken(value: string): string | undefined {
  if (value.startsWith(TOKEN_PREFIX)) return value;
  const decoded = decodeBase64(value);
  if (decoded === undefined) return undefined;
  const colon = decoded.indexOf(":");
  if (colon < 0) return decoded.startsWith(TOKEN_PREFIX) ? decoded : undefined;
  const left = decoded.slice(0, colon);
  const right = decoded.slice(colon + 1);
  if (right.startsWith(TOKEN_PREFIX)) return right;
  if (TOKEN_ID.test(left)) return `${TOKEN_PREFIX}${left}_${right}`;
  return undefined;
}

/** Reads the Authorization header. */
export function presentedCredentials(header: string | undefined): PresentedCredentials {
  if (header === undefined || header.trim() === "") return { kind: "none" };
  if (header.length > MAX_HEADER) return { kind: "malformed", reason: "Authorization header too long" };
  const space = header.indexOf(" ");
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const value = space < 0 ? "" : header.slice(space + 1).trim();
  if (value === "") return { kind: "malformed", reason: `no credentials after ${scheme}` };
  switch (scheme) {
    case "bearer":
      return { kind: "token", token: value, scheme: "bearer" };
    case "basic": {
      const decoded = decodeBase64(value);
      const colon = decoded?.indexOf(":") ?? -1;
      if (decoded === undefined || colon < 0)
        return { kind: "malformed", reason: "Basic credentials must be base64(user:token)" };
      return { kind: "token", token: decoded.slice(colon + 1), scheme: "basic" };
    }
    case "apikey": {
      const token = apiKeyToken(value);
      return token === undefined
        ? {
            kind: "malformed",
            reason: "ApiKey must be a token, or base64 of id:token or <token id>:<secret>",
          }
        : { kind: "token", token, scheme: "apikey" };
    }
    default:
      return { kind: "malformed", reason: `unsupported Authorization scheme (use Bearer, Basic or ApiKey)` };
  }
}
