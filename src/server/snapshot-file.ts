/**
 * Which analysis run is the current one, across restarts: `<data dir>/server-state.json` names the last
 * complete run (its id, time, incident ids and the per-host tallies), written atomically after the run's
 * findings and incidents are in the store. At start the server rebuilds the snapshot from the store with
 * it, so the incident queue is there at once (and incidents of older runs that the last run no longer
 * produced stay hidden). Input: a snapshot, or the store. Output: the file, or the restored snapshot.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Finding } from "../findings/finding.js";
import type { Incident } from "../incidents/incident.js";
import { MAX_PAGE, type Store } from "../store/store.js";
import { replaceFileDurably } from "./durable-file.js";
import type { AnalysisSnapshot, HostTally } from "./store-analysis.js";
import { FindingTable } from "./views/finding-table.js";

export const SNAPSHOT_FILE_NAME = "server-state.json";

interface SnapshotFile {
  readonly format: "mikiwame.server-state/1";
  readonly runId: string;
  readonly analyzedAt: string;
  readonly events: number;
  readonly durationMs: number;
  readonly problems: number;
  readonly incidentIds: readonly string[];
  readonly hosts: readonly HostTally[];
  readonly summary: AnalysisSnapshot["summary"];
}

/** Most findings / incidents restored (pages of MAX_PAGE). */
const MAX_RESTORED = 1_000_000;

/** The run facts when the file has none (an older file). */
function emptySummary(events: number): AnalysisSnapshot["summary"] {
  return {
    files: { total: 0, bytes: 0, failed: 0, unknownFormat: 0 },
    records: events,
    events,
    eventsWithoutTime: 0,
    timeRange: null,
    hosts: { distinct: 0, distinctCapped: false },
    diagnostics: { errors: 0, warnings: 0 },
  };
}

/** Writes the snapshot's pointer file. */
export async function saveSnapshotFile(dataDir: string, s: AnalysisSnapshot): Promise<void> {
  const file: SnapshotFile = {
    format: "mikiwame.server-state/1",
    runId: s.runId,
    analyzedAt: s.analyzedAt,
    events: s.events,
    durationMs: s.durationMs,
    problems: s.problems,
    incidentIds: s.incidents.map((i) => i.id),
    hosts: s.hosts,
    summary: s.summary,
  };
  await replaceFileDurably(join(dataDir, SNAPSHOT_FILE_NAME), `${JSON.stringify(file)}\n`);
}

/** Restores the last complete run from the store, or undefined when there is none (or the file is unusable). */
export async function restoreSnapshot(dataDir: string, store: Store): Promise<AnalysisSnapshot | undefined> {
  let file: SnapshotFile;
  try {
    file = JSON.parse(await readFile(join(dataDir, SNAPSHOT_FILE_NAME), "utf8")) as SnapshotFile;
  } catch {
    return undefined;
  }
  if (file?.format !== "mikiwame.server-state/1" || !Array.isArray(file.incidentIds)) return undefined;
  const wanted = new Set(file.incidentIds);
  const byId = new Map<string, Incident>();
  for (let offset = 0; offset < MAX_RESTORED; offset += MAX_PAGE) {
    const page = await store.incidents({ limit: MAX_PAGE, offset, sort: "id" });
    for (const i of page.incidents) if (wanted.has(i.id)) byId.set(i.id, i);
    if (page.incidents.length < MAX_PAGE) break;
  }
  const findings: Finding[] = [];
  for (let offset = 0; offset < MAX_RESTORED; offset += MAX_PAGE) {
    const page = await store.findings({ runId: file.runId, limit: MAX_PAGE, offset });
    findings.push(...page);
    if (page.length < MAX_PAGE) break;
  }
  const incidents = file.incidentIds.flatMap((id) => byId.get(id) ?? []);
  return {
    runId: file.runId,
    analyzedAt: file.analyzedAt,
    events: file.events,
    incidents,
    findings: new FindingTable(findings, incidents),
    hosts: Array.isArray(file.hosts) ? file.hosts : [],
    durationMs: file.durationMs,
    problems: file.problems,
    summary: file.summary ?? emptySummary(file.events),
  };
}
