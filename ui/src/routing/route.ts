/**
 * Client-side routes, kept in the URL fragment (`#/incidents/INC-…`) so the static server needs no
 * rewrites and every page can be bookmarked or opened in a new tab. Input: location.hash. Output: a Route
 * (and back: the hash of a Route).
 */

/** The pages, in navigation order. */
export const PAGES = [
  "queue",
  "incident",
  "hosts",
  "host",
  "search",
  "allow-list",
  "decisions",
  "ingest",
] as const;
export type PageName = (typeof PAGES)[number];

/** The incident queue's filters and sort, as they appear in the URL. */
export interface QueueQuery {
  readonly verdict?: string;
  readonly state?: string;
  readonly host?: string;
  readonly q?: string;
  readonly sort?: string;
  readonly order?: string;
  readonly offset?: string;
}

/** The event search's fields, as they appear in the URL. */
export interface SearchQuery {
  readonly q?: string;
  readonly host?: string;
  readonly channel?: string;
  readonly eventId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly offset?: string;
}

export type Route =
  | { readonly page: "queue"; readonly query: QueueQuery }
  | { readonly page: "incident"; readonly id: string }
  | { readonly page: "hosts" }
  | { readonly page: "host"; readonly host: string }
  | { readonly page: "search"; readonly query: SearchQuery }
  | { readonly page: "allow-list" }
  | { readonly page: "decisions" }
  | { readonly page: "ingest" };

const QUEUE_KEYS = ["verdict", "state", "host", "q", "sort", "order", "offset"] as const;
const SEARCH_KEYS = ["q", "host", "channel", "eventId", "from", "to", "offset"] as const;

function pick<K extends string>(params: URLSearchParams, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = params.get(k);
    if (v !== null && v !== "") out[k] = v;
  }
  return out;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The route of a location hash (`#/…`); anything unknown is the incident queue. */
export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#\/?/, "");
  const qAt = body.indexOf("?");
  const path = qAt < 0 ? body : body.slice(0, qAt);
  const params = new URLSearchParams(qAt < 0 ? "" : body.slice(qAt + 1));
  const [head = "", arg] = path.split("/", 2);
  const value = arg === undefined ? undefined : decode(arg);
  switch (head) {
    case "incidents":
      return value ? { page: "incident", id: value } : { page: "queue", query: pick(params, QUEUE_KEYS) };
    case "hosts":
      return value ? { page: "host", host: value } : { page: "hosts" };
    case "search":
      return { page: "search", query: pick(params, SEARCH_KEYS) };
    case "allow-list":
      return { page: "allow-list" };
    case "decisions":
      return { page: "decisions" };
    case "ingest":
      return { page: "ingest" };
    default:
      return { page: "queue", query: pick(params, QUEUE_KEYS) };
  }
}

function query(values: Readonly<Record<string, string | undefined>>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== "") p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The location hash of a route. */
export function routeHash(route: Route): string {
  switch (route.page) {
    case "queue":
      return `#/incidents${query({ ...route.query })}`;
    case "incident":
      return `#/incidents/${encodeURIComponent(route.id)}`;
    case "hosts":
      return "#/hosts";
    case "host":
      return `#/hosts/${encodeURIComponent(route.host)}`;
    case "search":
      return `#/search${query({ ...route.query })}`;
    case "allow-list":
      return "#/allow-list";
    case "decisions":
      return "#/decisions";
    case "ingest":
      return "#/ingest";
  }
}
