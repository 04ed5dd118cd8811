/**
 * Which roles may use a route. Every route declares one access level in its route config; the auth hook
 * (authenticate.ts) checks the caller's token role against this table. Roles: viewer reads; analyst also
 * decides verdicts, writes notes and allow-list entries and uploads files; admin may do everything
 * (tokens, audit, ingest); ingest only writes events (NDJSON, `_bulk`, upload) and reads nothing.
 */
import type { TokenRole } from "../api-contract.js";

export const ROUTE_ACCESS = [
  "public", // no token: health, the UI's static files, the Elasticsearch banner
  "any", // any valid token, whatever its role: whoami
  "read", // viewer, analyst, admin
  "decide", // analyst, admin: verdicts, decisions, notes, allow-list
  "admin", // admin: tokens, audit log
  "ingest", // ingest, admin: NDJSON and _bulk
  "upload", // ingest, analyst, admin: file upload from the UI or a script
] as const;
export type RouteAccess = (typeof ROUTE_ACCESS)[number];

const ALLOWED: Readonly<Record<Exclude<RouteAccess, "public" | "any">, readonly TokenRole[]>> = {
  read: ["viewer", "analyst", "admin"],
  decide: ["analyst", "admin"],
  admin: ["admin"],
  ingest: ["ingest", "admin"],
  upload: ["ingest", "analyst", "admin"],
};

/** The roles that may use a route of this access level (every role for public routes). */
export function rolesFor(access: RouteAccess): readonly TokenRole[] {
  return access === "public" || access === "any" ? ["viewer", "analyst", "admin", "ingest"] : ALLOWED[access];
}

/** True when `role` may use a route of this access level. */
export function roleAllows(role: TokenRole, access: RouteAccess): boolean {
  return rolesFor(access).includes(role);
}
