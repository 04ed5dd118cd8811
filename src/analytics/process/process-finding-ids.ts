/**
 * The `detector` names of every finding the process analyzer emits (process, state and duration
 * viewpoints). A finding's id is `<detector>:<process key>`. docs/analytics-process.md describes each.
 * Input: none. Output: the closed vocabulary and its type.
 */
export const PROCESS_FINDING_DETECTORS = [
  // process viewpoint
  "process.suspicious-parent",
  "process.unusual-service-child",
  "process.lsass-access",
  "process.remote-thread",
  "process.system-name-elsewhere",
  "process.mock-folder",
  "process.original-name-mismatch",
  "process.suspicious-path",
  "process.rtlo",
  "process.double-extension",
  "process.padded-name",
  "process.document-name",
  "process.unsigned-trusted-metadata",
  "process.signer-mismatch",
  "process.dropper",
  "process.dropped-executed",
  "process.executable-write",
  "process.lolbin",
  "process.autorun-registry",
  "process.discovery",
  // state viewpoint
  "state.process",
  // duration viewpoint
  "duration.process-lifetime",
  "duration.drop-latency",
  "duration.dwell-time",
] as const;
export type ProcessFindingDetector = (typeof PROCESS_FINDING_DETECTORS)[number];
