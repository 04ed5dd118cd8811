/**
 * Resolves the process a Sigma match names (GUID, or host + PID) to the process graph's canonical
 * process: a GUID or a Security 4688 `host|pid|start` key directly (a merged 4688 key answers with the
 * Sysmon process), a bare PID to the latest process with that PID that started on the host at or before
 * the event (PIDs are reused). Input: the process analyzer, after every event was observed.
 * Output: a `resolveProcess` callback for the DetectionStage.
 */
import type { ProcessAnalyzer } from "../analytics/process/process-analyzer.js";
import { hostKey } from "../analytics/process/host-key.js";
import { PidIndex } from "../analytics/process/pid-index.js";
import { type MatchedProcess, ownProcessKey, type ResolvedProcess } from "./detection-stage.js";

/** A resolver over `processes`; the PID index is built on the first bare-PID question. */
export function processResolver(
  processes: ProcessAnalyzer,
): (m: MatchedProcess) => ResolvedProcess | undefined {
  let pids: PidIndex | undefined;
  return (m) => {
    let p = processes.processByKey(ownProcessKey(m));
    if (!p && m.guid === undefined && m.pid !== undefined) {
      if (!pids) {
        pids = new PidIndex();
        for (const q of processes.processes())
          if (q.pid !== undefined) pids.add(q.hostId, q.pid, q.key, q.start?.ms ?? Number.NEGATIVE_INFINITY);
      }
      const key = pids.latestAtOrBefore(hostKey(m.host), m.pid, m.ms ?? Number.POSITIVE_INFINITY);
      p = key === undefined ? undefined : processes.processByKey(key);
    }
    return p ? { key: p.key, image: p.image, pid: p.pid } : undefined;
  };
}
