/**
 * The small state tables of the DuckDB store: the analysts' decision audit trail (append-only), the
 * key/value cache with expiry (allow-list entries, intel lookups) and the ingest bookkeeping. Input: a
 * connection (writes inside the caller's transaction) and the values. Output: the stored values back.
 */
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { CacheEntry, DecisionEntry, DecisionEntryInput, IngestedFile } from "./store.js";
import { decodeTypedJson, encodeTypedJson } from "./typed-json.js";

function requireText(name: string, v: unknown): string {
  if (typeof v !== "string" || v === "") {
    throw new MikiwameError("E_STORE", `${name} must be a non-empty string`);
  }
  return v;
}

function requireTime(name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new MikiwameError("E_STORE", `${name} must be a finite number of epoch milliseconds`);
  }
  return v;
}

/** Appends one audit entry with the next sequence number; returns it as stored. */
export async function appendDecision(conn: DuckDBConnection, e: DecisionEntryInput): Promise<DecisionEntry> {
  const op = requireText("op", e.op);
  const id = requireText("id", e.id);
  const at = requireText("at", e.at);
  const analyst = requireText("analyst", e.analyst);
  const payload = encodeTypedJson(e.payload);
  const reader = await conn.runAndReadAll(
    `INSERT INTO decision_log
       SELECT coalesce(max(seq), 0) + 1, $1, $2, $3, $4, $5, $6 FROM decision_log
     RETURNING seq`,
    [op, id, at, analyst, payload, BigInt(Date.now())],
  );
  const seq = Number(reader.getRows()[0]?.[0]);
  return { seq, op, id, at, analyst, payload: decodeTypedJson(payload) };
}

/** The audit trail in order. */
export async function readDecisions(conn: DuckDBConnection): Promise<DecisionEntry[]> {
  const reader = await conn.runAndReadAll(
    "SELECT seq, op, decision_id, at_iso, analyst, payload FROM decision_log ORDER BY seq",
  );
  return reader.getRows().map(([seq, op, id, at, analyst, payload]) => ({
    seq: Number(seq),
    op: String(op),
    id: String(id),
    at: String(at),
    analyst: String(analyst),
    payload: decodeTypedJson(String(payload)),
  }));
}

/** Sets (replaces) one cache entry. */
export async function putCacheEntry(
  conn: DuckDBConnection,
  ns: string,
  key: string,
  value: unknown,
  expiresAt: number | undefined,
): Promise<void> {
  requireText("cache namespace", ns);
  if (typeof key !== "string") throw new MikiwameError("E_STORE", "cache key must be a string");
  const expires = expiresAt === undefined ? null : requireTime("expiresAt", expiresAt);
  const text = encodeTypedJson(value);
  await conn.run("DELETE FROM cache WHERE ns = $1 AND key = $2", [ns, key]);
  await conn.run("INSERT INTO cache VALUES ($1, $2, $3, $4, $5)", [ns, key, text, expires, Date.now()]);
}

const LIVE = "(expires_ms IS NULL OR expires_ms > $now)";

/** One live entry's value, or undefined. */
export async function getCacheValue(
  conn: DuckDBConnection,
  ns: string,
  key: string,
  now: number,
): Promise<unknown | undefined> {
  const reader = await conn.runAndReadAll(
    `SELECT value FROM cache WHERE ns = $ns AND key = $key AND ${LIVE}`,
    {
      ns,
      key,
      now: requireTime("now", now),
    },
  );
  const row = reader.getRows()[0];
  return row ? decodeTypedJson(String(row[0])) : undefined;
}

/** The live entries of a namespace, by key. */
export async function listCacheEntries(
  conn: DuckDBConnection,
  ns: string,
  now: number,
): Promise<CacheEntry[]> {
  const reader = await conn.runAndReadAll(
    `SELECT key, value, expires_ms, updated_ms FROM cache WHERE ns = $ns AND ${LIVE} ORDER BY key`,
    { ns, now: requireTime("now", now) },
  );
  return reader.getRows().map(([key, value, expires, updated]) => ({
    ns,
    key: String(key),
    value: decodeTypedJson(String(value)),
    expiresAt: expires === null ? undefined : Number(expires),
    updatedAt: Number(updated),
  }));
}

/** Deletes expired entries; returns how many. */
export async function purgeCacheEntries(conn: DuckDBConnection, now: number): Promise<number> {
  const result = await conn.run("DELETE FROM cache WHERE expires_ms IS NOT NULL AND expires_ms <= $1", [
    requireTime("now", now),
  ]);
  return result.rowsChanged;
}

/** Notes an ingested file (replacing an earlier note for the same path). */
export async function writeIngestedFile(conn: DuckDBConnection, f: IngestedFile): Promise<void> {
  requireText("path", f.path);
  const values: DuckDBValue[] = [
    f.path,
    BigInt(requireTime("size", f.size)),
    requireTime("mtime", f.mtime),
    f.sha256 ?? null,
    BigInt(requireTime("events", f.events)),
    BigInt(Math.round(requireTime("at", f.at))),
  ];
  await conn.run("DELETE FROM ingested_files WHERE path = $1", [f.path]);
  await conn.run("INSERT INTO ingested_files VALUES ($1, $2, $3, $4, $5, $6)", values);
}

/** Every noted file, by path. */
export async function readIngestedFiles(conn: DuckDBConnection): Promise<IngestedFile[]> {
  const reader = await conn.runAndReadAll(
    "SELECT path, size, mtime_ms, sha256, events, at_ms FROM ingested_files ORDER BY path",
  );
  return reader.getRows().map(([path, size, mtime, sha256, events, at]) => {
    const f = {
      path: String(path),
      size: Number(size),
      mtime: Number(mtime),
      events: Number(events),
      at: Number(at),
    };
    return sha256 === null ? f : { ...f, sha256: String(sha256) };
  });
}
