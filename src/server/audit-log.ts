/**
 * The server's audit log, `<data dir>/audit.jsonl`: one line per state change made through the API —
 * who (token name and id, role), what (`token.create`, `verdict.decide`, `ingest.bulk` …), on what, with
 * details that never hold a secret (token texts and Authorization headers are never passed in). Entries
 * of administrative changes are fsync'd before the API answers; ingest entries are not (the events
 * themselves are committed in the store; their audit line is bookkeeping). Input: entries. Output: the
 * file, and pages of it for `GET /api/audit`, newest first.
 */
import { join } from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { type AuditEntry, TOKEN_ROLES, type TokenRole } from "./api-contract.js";
import { JsonLinesLog, type LogPage } from "./json-lines-log.js";

/** The audit log's file name in the data directory. */
export const AUDIT_FILE_NAME = "audit.jsonl";

/** Who made a change. */
export interface Actor {
  readonly tokenId: string;
  readonly name: string;
  readonly role: TokenRole;
}

function decodeAudit(v: unknown): AuditEntry | string {
  if (typeof v !== "object" || v === null) return "not an object";
  const o = v as Record<string, unknown>;
  if (typeof o.at !== "string" || typeof o.actor !== "string" || typeof o.action !== "string")
    return "at, actor and action are required";
  const role = (TOKEN_ROLES as readonly unknown[]).includes(o.role) ? (o.role as TokenRole) : "viewer";
  const details =
    typeof o.details === "object" && o.details !== null ? (o.details as Record<string, unknown>) : {};
  return {
    at: o.at,
    actor: o.actor,
    role,
    action: o.action,
    target: typeof o.target === "string" ? o.target : "",
    details,
  };
}

/** The audit log of a data directory. */
export class AuditLog {
  private readonly log: JsonLinesLog<AuditEntry>;

  constructor(dataDir: string, diagnostics?: Diagnostics) {
    this.log = new JsonLinesLog(join(dataDir, AUDIT_FILE_NAME), decodeAudit, "E_SERVER", diagnostics);
  }

  /** Records a change; `durable`: fsync before resolving. */
  async record(
    actor: Actor,
    action: string,
    target: string,
    details: Readonly<Record<string, unknown>>,
    durable: boolean,
    now = new Date(),
  ): Promise<void> {
    const entry: AuditEntry = {
      at: now.toISOString(),
      actor: `${actor.name} (${actor.tokenId})`,
      role: actor.role,
      action,
      target,
      details,
    };
    await this.log.append(entry, durable);
  }

  /** Newest first; `action`: only entries whose action equals it or starts with it and a dot. */
  async page(limit: number, offset: number, action?: string): Promise<LogPage<AuditEntry>> {
    const filter =
      action === undefined
        ? () => true
        : (e: AuditEntry) => e.action === action || e.action.startsWith(`${action}.`);
    return this.log.page(filter, limit, offset);
  }
}
