/**
 * The findings and incidents tables of the ClickHouse store. Input: a connection, findings /
 * incidents and their queries. Output: the stored objects back. Each is kept whole as typed JSON
 * (`doc`) beside the columns the lists filter and sort on; a re-put replaces by a higher `version`
 * (ReplacingMergeTree, read with FINAL), so the latest put wins exactly as in the DuckDB store.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import type { Finding } from "../../findings/finding.js";
import { severityRank } from "../../findings/severity.js";
import type { Incident } from "../../incidents/incident.js";
import { checkedLimit, checkedOffset } from "../page-bounds.js";
import {
  type FindingQuery,
  INCIDENT_SORTS,
  type IncidentPage,
  type IncidentQuery,
  type IncidentSort,
  MAX_PAGE,
} from "../store.js";
import { decodeTypedJson, encodeTypedJson } from "../typed-json.js";
import type { ClickHouseConnection } from "./clickhouse-connection.js";
import { sqlString } from "./clickhouse-literal.js";
import type { VersionClock } from "./version-clock.js";

/** Stores a run's findings (a finding with the same run and id is replaced). */
export async function chWriteFindings(
  conn: ClickHouseConnection,
  clock: VersionClock,
  runId: string,
  findings: readonly Finding[],
): Promise<void> {
  const storedMs = Date.now();
  const version = clock.next();
  await conn.insert(
    "findings",
    findings.map((f) => ({
      run_id: runId,
      id: f.id,
      detector: f.detector,
      viewpoint: f.viewpoint,
      severity: f.severity,
      severity_rank: severityRank(f.severity),
      confidence: f.confidence,
      stage: f.stage ?? null,
      host: f.host,
      first_ms: f.first ? f.first.ms : null,
      last_ms: f.last ? f.last.ms : null,
      stored_ms: storedMs,
      doc: encodeTypedJson(f),
      version,
    })),
  );
}

/** Findings of `query`: newest put first, then strongest, then by id. */
export async function chReadFindings(conn: ClickHouseConnection, query: FindingQuery): Promise<Finding[]> {
  const terms: string[] = [];
  if (query.runId !== undefined) terms.push(`run_id = ${sqlString(query.runId)}`);
  if (query.host !== undefined) terms.push(`host = ${sqlString(query.host)}`);
  if (query.detector !== undefined) terms.push(`detector = ${sqlString(query.detector)}`);
  if (query.minSeverity !== undefined) terms.push(`severity_rank >= ${severityRank(query.minSeverity)}`);
  const where = terms.length === 0 ? "" : `WHERE ${terms.join(" AND ")}`;
  const limit = checkedLimit(query.limit, MAX_PAGE, MAX_PAGE);
  const offset = checkedOffset(query.offset);
  const rows = await conn.rows<{ doc: string }>(
    `SELECT doc FROM findings FINAL ${where} ORDER BY stored_ms DESC, severity_rank DESC, confidence DESC, id, run_id ` +
      `LIMIT ${offset}, ${limit}`,
  );
  return rows.map((r) => decodeTypedJson(r.doc) as Finding);
}

/** Replaces stored incidents with the same ids by `incidents`. */
export async function chWriteIncidents(
  conn: ClickHouseConnection,
  clock: VersionClock,
  runId: string,
  incidents: readonly Incident[],
): Promise<void> {
  const storedMs = Date.now();
  const version = clock.next();
  await conn.insert(
    "incidents",
    incidents.map((inc) => ({
      id: inc.id,
      run_id: runId,
      verdict: inc.verdict.verdict,
      confidence: inc.verdict.confidence,
      severity: inc.severity,
      severity_rank: severityRank(inc.severity),
      furthest_stage: inc.furthestStage ?? null,
      state: inc.state,
      hosts: inc.hosts.map((h) => h.host),
      first_ms: inc.first ? inc.first.ms : null,
      last_ms: inc.last ? inc.last.ms : null,
      stored_ms: storedMs,
      doc: encodeTypedJson(inc),
      version,
    })),
  );
}

const INCIDENT_ORDER: Readonly<Record<IncidentSort, string>> = {
  severity: "severity_rank DESC, confidence DESC, id",
  confidence: "confidence DESC, severity_rank DESC, id",
  first: "first_ms DESC NULLS LAST, id",
  last: "last_ms DESC NULLS LAST, id",
  id: "id",
};

/** One page of incidents with the total. */
export async function chReadIncidents(
  conn: ClickHouseConnection,
  query: IncidentQuery,
): Promise<IncidentPage> {
  const terms: string[] = [];
  if (query.verdict !== undefined) terms.push(`verdict = ${sqlString(query.verdict)}`);
  if (query.state !== undefined) terms.push(`state = ${sqlString(query.state)}`);
  if (query.host !== undefined) terms.push(`has(hosts, ${sqlString(query.host)})`);
  const where = terms.length === 0 ? "" : `WHERE ${terms.join(" AND ")}`;
  const sort = query.sort ?? "severity";
  const order = Object.hasOwn(INCIDENT_ORDER, sort) ? INCIDENT_ORDER[sort] : undefined;
  if (order === undefined) {
    throw new MikiwameError(
      "E_STORE",
      `unknown incident sort ${String(query.sort)}: use ${INCIDENT_SORTS.join(", ")}`,
    );
  }
  const limit = checkedLimit(query.limit, 100, MAX_PAGE);
  const offset = checkedOffset(query.offset);
  const total = await conn.count(`SELECT count() FROM incidents FINAL ${where}`);
  const rows = await conn.rows<{ doc: string }>(
    `SELECT doc FROM incidents FINAL ${where} ORDER BY ${order} LIMIT ${offset}, ${limit}`,
  );
  return { total, incidents: rows.map((r) => decodeTypedJson(r.doc) as Incident) };
}

/** The incident with this id, if stored. */
export async function chReadIncident(conn: ClickHouseConnection, id: string): Promise<Incident | undefined> {
  const rows = await conn.rows<{ doc: string }>(
    `SELECT doc FROM incidents FINAL WHERE id = ${sqlString(id)}`,
  );
  const row = rows[0];
  return row ? (decodeTypedJson(row.doc) as Incident) : undefined;
}
