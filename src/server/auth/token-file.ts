/**
 * The API tokens of a data directory: `<data dir>/tokens.json` (mode 0600), holding for each token its id,
 * name, role, sha256 of the secret, who created it and when, and its revocation — never a secret. The file
 * is shared by a running server and the `mikiwame token` command: every change is a read-modify-write
 * under a lock file and an atomic, fsync'd replace; readers notice a change by the file's identity (inode,
 * size, mtime) and reload, so a revocation takes effect on the next request. Input: the file path. Output:
 * token lists, verification of presented tokens, new tokens (their text returned once), revocations.
 */
import { mkdir, readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Diagnostics } from "../../diagnostics/diagnostics.js";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { TOKEN_ROLES, type TokenRole } from "../api-contract.js";
import { replaceFileDurably, withFileLock } from "../durable-file.js";
import { isTokenHash, newApiToken, parseApiToken, secretMatches, TOKEN_ID } from "./api-token.js";

/** The token file's name in the data directory. */
export const TOKEN_FILE_NAME = "tokens.json";
/** The `format` field of the file. */
export const TOKEN_FILE_FORMAT = "mikiwame.tokens/1";
/** Longest token name. */
export const MAX_TOKEN_NAME = 100;

/** A token as listed: everything but the hash. */
export interface TokenInfo {
  readonly id: string;
  readonly name: string;
  readonly role: TokenRole;
  /** ISO time */
  readonly created: string;
  readonly createdBy: string;
  readonly revoked: { readonly at: string; readonly by: string } | undefined;
}

/** A token as stored. */
interface TokenRecord extends TokenInfo {
  readonly hash: string;
}

/** The outcome of checking a presented token. */
export type TokenCheck =
  | { readonly kind: "valid"; readonly token: TokenInfo }
  | { readonly kind: "invalid" }
  | { readonly kind: "revoked"; readonly token: TokenInfo };

/** A token just created: its text (shown once) and its listing. */
export interface CreatedToken {
  readonly token: string;
  readonly info: TokenInfo;
}

/** The token file of a data directory. */
export function tokenFilePath(dataDir: string): string {
  return join(dataDir, TOKEN_FILE_NAME);
}

/** A token name: trimmed, 1–100 characters, no control characters. Throws E_USAGE otherwise. */
export function checkTokenName(name: string): string {
  const t = name.trim();
  if (t === "" || t.length > MAX_TOKEN_NAME || /\p{Cc}/u.test(t))
    throw new MikiwameError(
      "E_USAGE",
      `a token name must be 1 to ${MAX_TOKEN_NAME} characters without control characters`,
    );
  return t;
}

function isRole(v: unknown): v is TokenRole {
  return typeof v === "string" && (TOKEN_ROLES as readonly string[]).includes(v);
}

/** One stored entry → a record, or the reason it is not one. */
function recordFromJson(v: unknown): TokenRecord | string {
  if (typeof v !== "object" || v === null) return "not an object";
  const o = v as Record<string, unknown>;
  if (typeof o.id !== "string" || !TOKEN_ID.test(o.id)) return "id must be 12 hex digits";
  if (typeof o.hash !== "string" || !isTokenHash(o.hash)) return "hash must be sha256:<64 hex digits>";
  if (!isRole(o.role)) return `role must be one of ${TOKEN_ROLES.join(", ")}`;
  if (typeof o.name !== "string" || typeof o.created !== "string") return "name and created are required";
  const r = o.revoked as Record<string, unknown> | undefined | null;
  const revoked =
    r && typeof r === "object" && typeof r.at === "string" ? { at: r.at, by: String(r.by ?? "") } : undefined;
  return {
    id: o.id,
    name: o.name,
    role: o.role,
    hash: o.hash,
    created: o.created,
    createdBy: typeof o.createdBy === "string" ? o.createdBy : "",
    revoked,
  };
}

function infoOf(r: TokenRecord): TokenInfo {
  const { hash: _hash, ...info } = r;
  return info;
}

/** The tokens of one file, reloaded when the file changes. */
export class TokenFile {
  private records: TokenRecord[] = [];
  private identity = "";

  /** `diagnostics`: where unreadable entries are reported (E_AUTH, file) — they are skipped. */
  constructor(
    readonly file: string,
    private readonly diagnostics?: Diagnostics,
  ) {}

  /** Every token (revoked ones too), oldest first. */
  async list(): Promise<readonly TokenInfo[]> {
    await this.refresh();
    return this.records.map(infoOf);
  }

  /** Checks a presented token: valid (with its listing), revoked, or invalid (unknown, malformed, wrong secret). */
  async check(text: string): Promise<TokenCheck> {
    const parsed = parseApiToken(text);
    if (!parsed) return { kind: "invalid" };
    await this.refresh();
    const record = this.records.find((r) => r.id === parsed.id);
    if (!record || !secretMatches(parsed.secret, record.hash)) return { kind: "invalid" };
    return record.revoked
      ? { kind: "revoked", token: infoOf(record) }
      : { kind: "valid", token: infoOf(record) };
  }

  /** Creates a token; its text is in the result and nowhere else. */
  async create(name: string, role: TokenRole, createdBy: string, now = new Date()): Promise<CreatedToken> {
    const checkedName = checkTokenName(name);
    if (!isRole(role)) throw new MikiwameError("E_USAGE", `role must be one of ${TOKEN_ROLES.join(", ")}`);
    const created = await this.change((records) => {
      const made = newApiToken();
      const record: TokenRecord = {
        id: made.id,
        name: checkedName,
        role,
        hash: made.hash,
        created: now.toISOString(),
        createdBy,
        revoked: undefined,
      };
      records.push(record);
      return { token: made.token, info: infoOf(record) };
    });
    if (!created) throw new MikiwameError("E_INTERNAL", "the token was not created");
    return created;
  }

  /** Revokes a token; undefined when there is no token with that id. Revoking twice keeps the first time. */
  async revoke(id: string, by: string, now = new Date()): Promise<TokenInfo | undefined> {
    return this.change((records) => {
      const i = records.findIndex((r) => r.id === id);
      if (i < 0) return undefined;
      if (!records[i].revoked) records[i] = { ...records[i], revoked: { at: now.toISOString(), by } };
      return infoOf(records[i]);
    });
  }

  /**
   * On a first start (no token at all in the file), creates an admin token and returns its text; otherwise
   * undefined. Safe against a concurrent `token create`.
   */
  async ensureFirstAdmin(now = new Date()): Promise<CreatedToken | undefined> {
    await this.refresh();
    if (this.records.length > 0) return undefined;
    return this.change((records) => {
      if (records.length > 0) return undefined;
      const made = newApiToken();
      const record: TokenRecord = {
        id: made.id,
        name: "first admin",
        role: "admin",
        hash: made.hash,
        created: now.toISOString(),
        createdBy: "mikiwame serve (first start)",
        revoked: undefined,
      };
      records.push(record);
      return { token: made.token, info: infoOf(record) };
    });
  }

  /** Read-modify-write under the lock; the file is rewritten only when `edit` returns a value. */
  private async change<T>(edit: (records: TokenRecord[]) => T | undefined): Promise<T | undefined> {
    await mkdir(dirname(this.file), { recursive: true });
    return withFileLock(this.file, async () => {
      this.identity = "";
      await this.refresh();
      const records = [...this.records];
      const result = edit(records);
      if (result === undefined) return undefined;
      const text = `${JSON.stringify({ format: TOKEN_FILE_FORMAT, tokens: records }, null, 2)}\n`;
      await replaceFileDurably(this.file, text);
      this.records = records;
      this.identity = "";
      return result;
    });
  }

  /** Reloads when the file's identity changed since the last load. */
  private async refresh(): Promise<void> {
    let identity: string;
    try {
      const s = await stat(this.file, { bigint: true });
      identity = `${s.ino}:${s.size}:${s.mtimeNs}`;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw this.ioError(e);
      this.records = [];
      this.identity = "missing";
      return;
    }
    if (identity === this.identity) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.file, "utf8"));
    } catch (e) {
      throw this.ioError(e);
    }
    const list = (parsed as { tokens?: unknown } | null)?.tokens;
    if (!Array.isArray(list))
      throw new MikiwameError("E_AUTH", "the token file has no `tokens` list", { file: this.file });
    const records: TokenRecord[] = [];
    list.forEach((entry, i) => {
      const r = recordFromJson(entry);
      if (typeof r === "string")
        this.diagnostics?.error("E_AUTH", `token entry ${i + 1} is unreadable (${r}); skipped`, {
          file: this.file,
        });
      else records.push(r);
    });
    this.records = records;
    this.identity = identity;
  }

  private ioError(e: unknown): MikiwameError {
    return new MikiwameError(
      "E_AUTH",
      `cannot read the token file: ${e instanceof Error ? e.message : String(e)}`,
      { file: this.file },
      { cause: e },
    );
  }
}
