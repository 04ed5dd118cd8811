/**
 * The processes of an incident as the Incident lists them: identity, command line, user, parent and
 * dropper links, hashes (lower-case hex) and signature, role, state at the end of the data, times,
 * the process's own verdict (launchers have none) and its active findings, strongest first. Root
 * causes first, then payloads, members and launchers, each by start time.
 * Input: the draft processes, the graph, the finding index. Output: IncidentProcess[].
 */
import type { ProcessAnalyzer } from "../analytics/process/process-analyzer.js";
import type { IncidentProcess, ProcessRole } from "./incident.js";
import type { DraftProcess } from "./incident-draft.js";
import type { FindingIndex } from "./finding-index.js";
import { incidentTime } from "./incident-time.js";

const ROLE_ORDER: Readonly<Record<ProcessRole, number>> = {
  "root-cause": 0,
  payload: 1,
  member: 2,
  launcher: 3,
};

/** The incident's processes (see the module header). */
export function incidentProcesses(
  processes: readonly DraftProcess[],
  graph: ProcessAnalyzer,
  index: FindingIndex,
): IncidentProcess[] {
  const inIncident = new Set(processes.map((p) => p.key));
  const out = processes.map((p): IncidentProcess => {
    const info = p.info;
    const g = p.group;
    const parent = graph.parentOf(p.key);
    const launcher = p.role === "launcher";
    return {
      key: p.key,
      host: p.host,
      image: info?.image ?? g?.image,
      pid: info?.pid ?? g?.pid,
      commandLine: info?.commandLine ?? g?.commandLine,
      user: info?.user ?? g?.user,
      parentKey: parent && inIncident.has(parent.key) ? parent.key : undefined,
      parentImage: info?.parentImage ?? parent?.image,
      droppedByKey: info?.dropper
        ? (graph.processByKey(info.dropper.writerKey)?.key ?? info.dropper.writerKey)
        : undefined,
      sha256: info?.hashes.sha256?.toLowerCase(),
      md5: info?.hashes.md5?.toLowerCase(),
      signer: info?.signature.signer,
      signature: info?.signature.state ?? "unknown",
      role: p.role,
      state: graph.state(p.key)?.state ?? g?.state,
      start: incidentTime(info?.start),
      end: incidentTime(info?.end),
      verdict: launcher ? undefined : g?.verdict.verdict,
      confidence: launcher ? undefined : g?.verdict.confidence,
      severity: g?.severity,
      findings: index
        .resolve(g?.findings ?? [])
        .filter((f) => index.isActive(f.id))
        .map((f) => f.id),
    };
  });
  return out.sort(
    (a, b) =>
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      (a.start?.ms ?? Number.POSITIVE_INFINITY) - (b.start?.ms ?? Number.POSITIVE_INFINITY) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}
