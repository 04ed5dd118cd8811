/**
 * Threat intel and the allow-list of the data directory (the same files as `mikiwame intel`):
 * `GET /api/intel?value=` looks a hash, address, domain or URL up in the local indicator store (no
 * online lookups) and says whether the allow-list covers it; `GET /api/allowlist` lists the entries;
 * `POST /api/allowlist` (analyst) adds one, audited, and asks for a re-analysis (reputation reads it).
 * Both files are reloaded when they change on disk.
 */
import { stat } from "node:fs/promises";
import type { FastifyInstance } from "fastify";
import { ALLOW_KINDS, ALLOW_SCOPES, type AllowEntry, AllowList } from "../../intel/allow-list.js";
import {
  allowEntryFromJson,
  allowListFile,
  appendAllowEntries,
  loadAllowList,
} from "../../intel/allow-list-file.js";
import { inferIntelType } from "../../intel/intel-indicator.js";
import { IntelStore } from "../../intel/intel-store.js";
import { intelStoreFile, loadIntelStore } from "../../intel/intel-store-file.js";
import type { AllowListEntry, IntelLookupResult, Page } from "../api-contract.js";
import { ApiError } from "../api-error.js";
import type { ServerContext } from "../server-context.js";
import { errorResponses, openObject, pageSchema, pagingProperties } from "./shared-schemas.js";

/** A file-backed value, reloaded when the file's size or mtime changes. */
class FileBacked<T> {
  private key = "";
  private value: T | undefined;

  constructor(
    private readonly file: string,
    private readonly load: () => Promise<T>,
  ) {}

  async get(): Promise<T> {
    const s = await stat(this.file).catch(() => undefined);
    const key = s ? `${s.size}:${s.mtimeMs}` : "missing";
    if (this.value === undefined || key !== this.key) {
      this.value = await this.load();
      this.key = key;
    }
    return this.value;
  }
}

const allowSchema = openObject("AllowListEntry (src/server/api-contract.ts)");

export function registerIntelRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const intel = new FileBacked(intelStoreFile(ctx.dataDir), () =>
    loadIntelStore(intelStoreFile(ctx.dataDir), ctx.diagnostics, new IntelStore()),
  );
  const allowFile = allowListFile(ctx.dataDir);
  const allow = new FileBacked(allowFile, () => loadAllowList(allowFile, ctx.diagnostics, new AllowList()));

  app.get<{ Querystring: { value: string } }>(
    "/api/intel",
    {
      config: { access: "read" },
      schema: {
        summary: "Look a hash, address, domain or URL up in the local indicator store and allow-list",
        tags: ["intel"],
        querystring: {
          type: "object",
          required: ["value"],
          properties: { value: { type: "string", minLength: 1, maxLength: 2048 } },
        },
        response: {
          200: openObject("IntelLookupResult (src/server/api-contract.ts)"),
          ...errorResponses(400),
        },
      },
    },
    async (request): Promise<IntelLookupResult> => {
      const value = request.query.value.trim();
      const type = inferIntelType(value);
      const matches = (await intel.get()).lookup(value, { includeExpired: true }).map((m) => ({
        type: m.indicator.type,
        value: m.indicator.value,
        match: m.kind,
        sources: m.indicator.sources,
        confidence: m.state.confidence,
        expired: m.state.expired,
        tags: m.indicator.tags,
        family: m.indicator.family,
        threat: m.indicator.threat,
        firstSeen: m.indicator.firstSeen,
        lastSeen: m.indicator.lastSeen,
      }));
      const list = await allow.get();
      const kind = type === "md5" || type === "sha1" || type === "sha256" ? "hash" : "destination";
      return { value, type, matches, allowed: list.match(kind, value) };
    },
  );

  app.get<{ Querystring: { limit: number; offset: number } }>(
    "/api/allowlist",
    {
      config: { access: "read" },
      schema: {
        summary: "The allow-list entries (oldest first)",
        tags: ["intel"],
        querystring: { type: "object", properties: { ...pagingProperties(5000, 500) } },
        response: { 200: pageSchema(allowSchema), ...errorResponses(400) },
      },
    },
    async (request): Promise<Page<AllowListEntry>> => {
      const entries = (await allow.get()).entries();
      const { limit, offset } = request.query;
      return { total: entries.length, limit, offset, items: entries.slice(offset, offset + limit) };
    },
  );

  app.post<{ Body: Omit<AllowListEntry, "author" | "added"> }>(
    "/api/allowlist",
    {
      config: { access: "decide" },
      schema: {
        summary: "Add an allow-list entry (known good): a hash, signer, path or destination, with a reason",
        tags: ["intel"],
        body: {
          type: "object",
          required: ["kind", "value", "reason"],
          properties: {
            kind: { type: "string", enum: [...ALLOW_KINDS] },
            value: { type: "string", minLength: 1, maxLength: 4096 },
            scope: { type: "string", enum: [...ALLOW_SCOPES], default: "global" },
            scopeValue: { type: "string", maxLength: 255 },
            reason: { type: "string", minLength: 1, maxLength: 4000 },
          },
        },
        response: { 201: allowSchema, ...errorResponses(400) },
      },
    },
    async (request, reply): Promise<AllowListEntry> => {
      const caller = request.caller!;
      const entry = allowEntryFromJson({
        ...request.body,
        author: caller.name,
        added: new Date().toISOString(),
      });
      if (typeof entry === "string")
        throw new ApiError(400, "E_ALLOWLIST", `invalid allow-list entry: ${entry}`);
      await appendAllowEntries(allowFile, [entry as AllowEntry]);
      await ctx.audit.record(
        { tokenId: caller.id, name: caller.name, role: caller.role },
        "allowlist.add",
        `${entry.kind}:${entry.value}`,
        { scope: entry.scope, scopeValue: entry.scopeValue, reason: entry.reason },
        true,
      );
      ctx.scheduler.request();
      reply.code(201);
      return entry;
    },
  );
}
