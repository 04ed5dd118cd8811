/**
 * The findings and incidents tables of the DuckDB store. Input: a connection (writes inside the
 * caller's transaction), findings / incidents and their queries. Output: the stored objects back.
 * Each is kept whole as typed JSON (`doc`) beside the columns the lists filter and sort on.
 */
import { type DuckDBConnection, type DuckDBValue, LIST, listValue, VARCHAR } from "@duckdb/node-api";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { Finding } from "../findings/finding.js";
import { severityRank } from "../findings/severity.js";
import type { Incident } from "../incidents/incident.js";
import { appendWith } from "./duckdb-appender.js";
import { checkedLimit, checkedOffset } from "./page-bounds.js";
import {
  type FindingQuery,
  INCIDENT_SORTS,
  type IncidentPage,
  type IncidentQuery,
  type IncidentSort,
  MAX_PAGE,
} from "./store.js";
import { decodeTypedJson, encodeTypedJson } from "./typed-json.js";

function textOrNull(v: string | undefined): string | null {
  return v === undefined ? null : v;
}

/** Replaces the run's findings with the same ids, then appends `findings`. */
export async function writeFindings(
  conn: DuckDBConnection,
  runId: string,
  findings: readonly Finding[],
): Promise<void> {
  if (findings.length === 0) return;
  const ids = listValue(findings.map((f) => f.id));
  await conn.run(
    "DELETE FROM findings WHERE run_id = $1 AND list_contains($2, id)",
    [runId, ids],
    [VARCHAR, LIST(VARCHAR)],
  );
  const storedMs = BigInt(Date.now());
  await appendWith(conn, { name: "findings" }, (a) => {
    for (const f of findings) {
      a.appendVarchar(runId);
      a.appendVarchar(f.id);
      a.appendVarchar(f.detector);
      a.appendVarchar(f.viewpoint);
      a.appendVarchar(f.severity);
      a.appendTinyInt(severityRank(f.severity));
      a.appendDouble(f.confidence);
      const stage = textOrNull(f.stage);
      if (stage === null) a.appendNull();
      else a.appendVarchar(stage);
      a.appendVarchar(f.host);
      if (f.first) a.appendDouble(f.first.ms);
      else a.appendNull();
      if (f.last) a.appendDouble(f.last.ms);
      else a.appendNull();
      a.appendBigInt(storedMs);
      a.appendVarchar(encodeTypedJson(f));
      a.endRow();
    }
  });
}

/** Findings of `query`: newest put first, then strongest, then by id. */
export async function readFindings(conn: DuckDBConnection, query: FindingQuery): Promise<Finding[]> {
  const terms: string[] = [];
  const params: DuckDBValue[] = [];
  const param = (v: DuckDBValue): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (query.runId !== undefined) terms.push(`run_id = ${param(query.runId)}`);
  if (query.host !== undefined) terms.push(`host = ${param(query.host)}`);
  if (query.detector !== undefined) terms.push(`detector = ${param(query.detector)}`);
  if (query.minSeverity !== undefined) terms.push(`severity_rank >= ${severityRank(query.minSeverity)}`);
  const where = terms.length === 0 ? "" : `WHERE ${terms.join(" AND ")}`;
  const limit = checkedLimit(query.limit, MAX_PAGE, MAX_PAGE);
  const offset = checkedOffset(query.offset);
  const reader = await conn.runAndReadAll(
    `SELECT doc FROM findings ${where} ORDER BY stored_ms DESC, severity_rank DESC, confidence DESC, id, run_id ` +
      `LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  return reader.getRows().map((r) => decodeTypedJson(String(r[0])) as Finding);
}

/** Replaces stored incidents with the same ids by `incidents`. */
export async function writeIncidents(
  conn: DuckDBConnection,
  runId: string,
  incidents: readonly Incident[],
): Promise<void> {
  if (incidents.length === 0) return;
  const ids = listValue(incidents.map((i) => i.id));
  await conn.run("DELETE FROM incidents WHERE list_contains($1, id)", [ids], [LIST(VARCHAR)]);
  const storedMs = BigInt(Date.now());
  await appendWith(conn, { name: "incidents" }, (a) => {
    for (const inc of incidents) {
      a.appendVarchar(inc.id);
      a.appendVarchar(runId);
      a.appendVarchar(inc.verdict.verdict);
      a.appendDouble(inc.verdict.confidence);
      a.appendVarchar(inc.severity);
      a.appendTinyInt(severityRank(inc.severity));
      const stage = textOrNull(inc.furthestStage);
      if (stage === null) a.appendNull();
      else a.appendVarchar(stage);
      a.appendVarchar(inc.state);
      a.appendList(
        inc.hosts.map((h) => h.host),
        LIST(VARCHAR),
      );
      if (inc.first) a.appendDouble(inc.first.ms);
      else a.appendNull();
      if (inc.last) a.appendDouble(inc.last.ms);
      else a.appendNull();
      a.appendBigInt(storedMs);
      a.appendVarchar(encodeTypedJson(inc));
      a.endRow();
    }
  });
}

const INCIDENT_ORDER: Readonly<Record<IncidentSort, string>> = {
  severity: "severity_rank DESC, confidence DESC, id",
  confidence: "confidence DESC, severity_rank DESC, id",
  first: "first_ms DESC NULLS LAST, id",
  last: "last_ms DESC NULLS LAST, id",
  id: "id",
};

/** One page of incidents with the total. */
export async function readIncidents(conn: DuckDBConnection, query: IncidentQuery): Promise<IncidentPage> {
  const terms: string[] = [];
  const params: DuckDBValue[] = [];
  const param = (v: DuckDBValue): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (query.verdict !== undefined) terms.push(`verdict = ${param(query.verdict)}`);
  if (query.state !== undefined) terms.push(`state = ${param(query.state)}`);
  if (query.host !== undefined) terms.push(`list_contains(hosts, ${param(query.host)})`);
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
  const total = await conn.runAndReadAll(`SELECT count(*) FROM incidents ${where}`, params);
  const page = await conn.runAndReadAll(
    `SELECT doc FROM incidents ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  return {
    total: Number(total.getRows()[0]?.[0] ?? 0),
    incidents: page.getRows().map((r) => decodeTypedJson(String(r[0])) as Incident),
  };
}

/** The incident with this id, if stored. */
export async function readIncident(conn: DuckDBConnection, id: string): Promise<Incident | undefined> {
  const reader = await conn.runAndReadAll("SELECT doc FROM incidents WHERE id = $1", [id]);
  const row = reader.getRows()[0];
  return row ? (decodeTypedJson(String(row[0])) as Incident) : undefined;
}
