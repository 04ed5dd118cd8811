/**
 * The files of an incident, for deletion and hash look-ups: the image of each root cause and payload
 * (`dropper` when it wrote an image another process of the incident ran, else `payload`), with path
 * and SHA256 from the process's hashes (lower-case hex), who wrote it and who ran it; and every other
 * executable a process of the incident wrote (`written`). A benign incident's root-cause image that
 * dropped nothing is not listed (deleting a legitimate program is the over-detection harm).
 * Input: the incident's processes. Output: IncidentFile[], bounded.
 */
import { baseName, isExecutableName, normalizePath } from "../analytics/process/windows-path.js";
import type { FileRole, IncidentFile } from "./incident.js";
import { INCIDENT_LIMITS } from "./incident-input.js";
import type { DraftProcess } from "./incident-draft.js";
import { incidentTime } from "./incident-time.js";
import { plainProvenance } from "./plain-provenance.js";

const FILE_ORDER: Readonly<Record<FileRole, number>> = { dropper: 0, payload: 1, written: 2 };

/** The files of an incident (see the module header); `processes` includes launchers (who wrote the root cause). */
export function buildFiles(processes: readonly DraftProcess[], benign: boolean): IncidentFile[] {
  const byPath = new Map<string, IncidentFile>();
  const id = (host: string, path: string) => `${host.toLowerCase()}|${normalizePath(path)}`;
  const runners = new Map<string, string[]>();
  for (const p of processes) {
    if (p.role === "launcher" || !p.info?.image) continue;
    const k = id(p.host, p.info.image);
    runners.set(k, [...(runners.get(k) ?? []), p.key]);
  }
  const writers = new Set<string>();
  for (const p of processes) {
    const w = p.info?.dropper?.writerKey;
    if (w && p.role !== "launcher") writers.add(w);
  }
  const known = new Set(processes.map((p) => p.key));
  for (const p of processes) {
    const info = p.info;
    if (!info?.image || (p.role !== "root-cause" && p.role !== "payload")) continue;
    const role: FileRole = writers.has(p.key) ? "dropper" : "payload";
    if (benign && p.role === "root-cause" && role === "payload") continue;
    const edge = info.dropper;
    const path = edge?.path ?? info.image;
    const evidence = edge?.evidence ?? info.created;
    const k = id(p.host, path);
    if (byPath.has(k)) continue;
    byPath.set(k, {
      host: p.host,
      path,
      sha256: info.hashes.sha256?.toLowerCase(),
      role,
      writtenBy: edge && known.has(edge.writerKey) ? edge.writerKey : undefined,
      executedBy: runners.get(id(p.host, info.image)) ?? [p.key],
      time: incidentTime(edge?.time ?? info.start),
      evidence: evidence ? plainProvenance(evidence) : undefined,
    });
  }
  for (const p of processes) {
    if (p.role === "launcher" || !p.info) continue;
    for (const w of p.info.files.items) {
      if (w.operation !== "create" && w.operation !== "executable") continue;
      if (!isExecutableName(baseName(w.path).toLowerCase())) continue;
      const k = id(p.host, w.path);
      if (byPath.has(k)) continue;
      byPath.set(k, {
        host: p.host,
        path: w.path,
        sha256: undefined,
        role: "written",
        writtenBy: p.key,
        executedBy: runners.get(k) ?? [],
        time: incidentTime(w.time),
        evidence: plainProvenance(w.evidence),
      });
    }
  }
  return [...byPath.values()]
    .sort(
      (a, b) =>
        FILE_ORDER[a.role] - FILE_ORDER[b.role] ||
        (a.time?.ms ?? Number.POSITIVE_INFINITY) - (b.time?.ms ?? Number.POSITIVE_INFINITY) ||
        a.path.localeCompare(b.path),
    )
    .slice(0, INCIDENT_LIMITS.files);
}
