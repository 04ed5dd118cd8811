/**
 * The small state tables of the ClickHouse store: the decision audit trail (append-only), the cache
 * with expiry and the ingest bookkeeping. Input: a connection and the values. Output: the stored
 * values back. ClickHouse has no UPDATE/DELETE transactions: "replace" is a new row with a higher
 * `version` in a ReplacingMergeTree read with FINAL, and "delete" (a purged cache entry) is a
 * tombstone row (`deleted = 1`) — both exact at read time, compacted by merges.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { CacheEntry, DecisionEntry, DecisionEntryInput, IngestedFile } from "../store.js";
import { decodeTypedJson, encodeTypedJson } from "../typed-json.js";
import type { ClickHouseConnection } from "./clickhouse-connection.js";
import { sqlNumber, sqlString } from "./clickhouse-literal.js";
import type { VersionClock } from "./version-clock.js";

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

/** Appends one audit entry with the next sequence number (the store serialises its writes). */
export async function chAppendDecision(
  conn: ClickHouseConnection,
  e: DecisionEntryInput,
): Promise<DecisionEntry> {
  const op = requireText("op", e.op);
  const id = requireText("id", e.id);
  const at = requireText("at", e.at);
  const analyst = requireText("analyst", e.analyst);
  const payload = encodeTypedJson(e.payload);
  const seq = (await conn.count("SELECT max(seq) FROM decision_log")) + 1;
  await conn.insert("decision_log", [
    { seq, op, decision_id: id, at_iso: at, analyst, payload, stored_ms: Date.now() },
  ]);
  return { seq, op, id, at, analyst, payload: decodeTypedJson(payload) };
}

/** The audit trail in order. */
export async function chReadDecisions(conn: ClickHouseConnection): Promise<DecisionEntry[]> {
  const rows = await conn.rows<{
    seq: string;
    op: string;
    decision_id: string;
    at_iso: string;
    analyst: string;
    payload: string;
  }>("SELECT seq, op, decision_id, at_iso, analyst, payload FROM decision_log ORDER BY seq");
  return rows.map((r) => ({
    seq: Number(r.seq),
    op: r.op,
    id: r.decision_id,
    at: r.at_iso,
    analyst: r.analyst,
    payload: decodeTypedJson(r.payload),
  }));
}

/** Sets (replaces) one cache entry. */
export async function chPutCache(
  conn: ClickHouseConnection,
  clock: VersionClock,
  ns: string,
  key: string,
  value: unknown,
  expiresAt: number | undefined,
): Promise<void> {
  requireText("cache namespace", ns);
  if (typeof key !== "string") throw new MikiwameError("E_STORE", "cache key must be a string");
  const expires = expiresAt === undefined ? null : requireTime("expiresAt", expiresAt);
  await conn.insert("cache", [
    {
      ns,
      key,
      value: encodeTypedJson(value),
      expires_ms: expires,
      updated_ms: Date.now(),
      deleted: 0,
      version: clock.next(),
    },
  ]);
}

function live(now: number): string {
  return `deleted = 0 AND (expires_ms IS NULL OR expires_ms > ${sqlNumber(requireTime("now", now))})`;
}

/** One live entry's value, or undefined. */
export async function chGetCache(
  conn: ClickHouseConnection,
  ns: string,
  key: string,
  now: number,
): Promise<unknown | undefined> {
  const rows = await conn.rows<{ value: string }>(
    `SELECT value FROM cache FINAL WHERE ns = ${sqlString(ns)} AND key = ${sqlString(key)} AND ${live(now)}`,
  );
  const row = rows[0];
  return row ? decodeTypedJson(row.value) : undefined;
}

/** The live entries of a namespace, by key. */
export async function chListCache(
  conn: ClickHouseConnection,
  ns: string,
  now: number,
): Promise<CacheEntry[]> {
  const rows = await conn.rows<{ key: string; value: string; expires_ms: number | null; updated_ms: number }>(
    `SELECT key, value, expires_ms, updated_ms FROM cache FINAL WHERE ns = ${sqlString(ns)} AND ${live(now)} ORDER BY key`,
  );
  return rows.map((r) => ({
    ns,
    key: r.key,
    value: decodeTypedJson(r.value),
    expiresAt: r.expires_ms === null ? undefined : Number(r.expires_ms),
    updatedAt: Number(r.updated_ms),
  }));
}

/** Tombstones expired entries; returns how many. */
export async function chPurgeCache(
  conn: ClickHouseConnection,
  clock: VersionClock,
  now: number,
): Promise<number> {
  const cond = `deleted = 0 AND expires_ms IS NOT NULL AND expires_ms <= ${sqlNumber(requireTime("now", now))}`;
  const n = await conn.count(`SELECT count() FROM cache FINAL WHERE ${cond}`);
  if (n > 0) {
    await conn.command(
      `INSERT INTO cache SELECT ns, key, value, expires_ms, updated_ms, 1, ${clock.next()} FROM cache FINAL WHERE ${cond}`,
    );
  }
  return n;
}

/** Notes an ingested file (replacing an earlier note for the same path). */
export async function chWriteIngestedFile(
  conn: ClickHouseConnection,
  clock: VersionClock,
  f: IngestedFile,
): Promise<void> {
  requireText("path", f.path);
  await conn.insert("ingested_files", [
    {
      path: f.path,
      size: requireTime("size", f.size),
      mtime_ms: requireTime("mtime", f.mtime),
      sha256: f.sha256 ?? null,
      events: requireTime("events", f.events),
      at_ms: Math.round(requireTime("at", f.at)),
      version: clock.next(),
    },
  ]);
}

/** Every noted file, by path. */
export async function chReadIngestedFiles(conn: ClickHouseConnection): Promise<IngestedFile[]> {
  const rows = await conn.rows<{
    path: string;
    size: string;
    mtime_ms: number;
    sha256: string | null;
    events: string;
    at_ms: string;
  }>("SELECT path, size, mtime_ms, sha256, events, at_ms FROM ingested_files FINAL ORDER BY path");
  return rows.map((r) => {
    const f = {
      path: r.path,
      size: Number(r.size),
      mtime: Number(r.mtime_ms),
      events: Number(r.events),
      at: Number(r.at_ms),
    };
    return r.sha256 === null ? f : { ...f, sha256: r.sha256 };
  });
}
