/**
 * The kill-chain stages of an incident, in chain order: a stage is reached when a finding proves it,
 * attempted when only candidate detectors (ATTEMPT_DETECTORS) point at it. Each stage lists up to
 * INCIDENT_LIMITS.stageEvidence findings, one per detector first. Derived stages (docs/incidents.md):
 * a root cause with a deceptive name (double extension, document name, padding, RTLO) that ran from a
 * download / mail / Temp location, or was written by a browser, mail client, archiver or the shell, was
 * delivered (delivery) and opened by the user (exploitation) — its deceptive-name findings are the
 * evidence of both. Also the furthest stage reached and the ATT&CK techniques of the incident.
 * Input: the incident's active findings and root causes. Output: stages, furthest stage, techniques.
 */
import { writerClass } from "../analytics/process/executable-drop.js";
import type { ProcessAnalyzer } from "../analytics/process/process-analyzer.js";
import { normalizePath } from "../analytics/process/windows-path.js";
import type { Finding } from "../findings/finding.js";
import { KILL_CHAIN_STAGES, type KillChainStage, stageIndex } from "../findings/kill-chain.js";
import type { IncidentStage } from "./incident.js";
import { INCIDENT_LIMITS } from "./incident-input.js";
import type { DraftProcess } from "./incident-draft.js";
import { compareStrength, isCounterEvidence } from "./finding-index.js";
import { earliest } from "./incident-time.js";

/**
 * Detectors whose stage is a candidate, not proof that the stage was reached: a connection to an
 * internal SMB/RDP/WinRM port (judged or only stated) is an attempt at lateral movement, and a country
 * on a risk list is context ("location alone never convicts"). Entries ending in `.` are prefixes.
 */
export const ATTEMPT_DETECTORS = [
  "network.lateral-movement",
  "network.internal-connection",
  "location.",
] as const;

/** True for a detector of ATTEMPT_DETECTORS. */
export function isAttemptDetector(detector: string): boolean {
  return ATTEMPT_DETECTORS.some((d) => (d.endsWith(".") ? detector.startsWith(d) : detector === d));
}

/** Detectors of a name made to pass an executable off as a document. */
export const DECEPTIVE_NAME_DETECTORS = [
  "process.double-extension",
  "process.document-name",
  "process.padded-name",
  "process.rtlo",
] as const;

/** ATT&CK techniques of the same (Sigma rules carry these): double extension, file type, RTLO. */
const DECEPTIVE_TECHNIQUES = ["T1036.007", "T1036.008", "T1036.002"] as const;

/** Where a delivered file lands: Temp, Downloads, the browser and Outlook caches. */
const DELIVERY_PLACE =
  /\\(temp|tmp|downloads|inetcache|temporary internet files|content\.outlook|content\.ie5)\\/;

function isDeceptive(f: Finding): boolean {
  return (
    (DECEPTIVE_NAME_DETECTORS as readonly string[]).includes(f.detector) ||
    f.attack.some((t) => (DECEPTIVE_TECHNIQUES as readonly string[]).includes(t))
  );
}

/** The deceptive-name findings of root causes that came by download, mail or Temp (the derived evidence). */
function deliveredRoots(
  findings: readonly Finding[],
  roots: readonly DraftProcess[],
  graph: ProcessAnalyzer,
): Finding[] {
  const out: Finding[] = [];
  for (const r of roots) {
    const image = r.info?.image ?? r.group?.image;
    if (!image) continue;
    const own = new Set(r.group?.findings ?? []);
    const deceptive = findings.filter((f) => own.has(f.id) && isDeceptive(f));
    if (deceptive.length === 0) continue;
    const writer = graph.droppedBy(r.key)?.writer;
    const delivered =
      DELIVERY_PLACE.test(normalizePath(image)) ||
      (writer !== undefined && writerClass(writer.image, writer.pid) === "delivery");
    if (delivered) out.push(...deceptive);
  }
  return out;
}

/** At most `n` findings, strongest first, one per detector before a second of any. */
function pickEvidence(findings: readonly Finding[], n: number): Finding[] {
  const sorted = [...findings].sort(compareStrength);
  const seen = new Set<string>();
  const first: Finding[] = [];
  const rest: Finding[] = [];
  for (const f of sorted) {
    if (seen.has(f.detector)) rest.push(f);
    else {
      seen.add(f.detector);
      first.push(f);
    }
  }
  return [...first, ...rest].slice(0, n);
}

export interface StageResult {
  readonly stages: IncidentStage[];
  readonly furthest: KillChainStage | undefined;
  readonly attack: string[];
}

/** The incident's stages (see the module header). */
export function buildStages(
  findings: readonly Finding[],
  roots: readonly DraftProcess[],
  graph: ProcessAnalyzer,
): StageResult {
  const reached = new Map<KillChainStage, Finding[]>();
  const attempted = new Map<KillChainStage, Finding[]>();
  const attack = new Set<string>();
  const push = (m: Map<KillChainStage, Finding[]>, s: KillChainStage, f: Finding) => {
    const list = m.get(s);
    if (!list) m.set(s, [f]);
    else if (!list.includes(f)) list.push(f);
  };
  for (const f of findings) {
    if (isCounterEvidence(f)) continue;
    for (const t of f.attack) attack.add(t);
    if (!f.stage) continue;
    push(isAttemptDetector(f.detector) ? attempted : reached, f.stage, f);
  }
  for (const f of deliveredRoots(findings, roots, graph)) {
    push(reached, "delivery", f);
    push(reached, "exploitation", f);
  }
  const stages: IncidentStage[] = [];
  let furthest: KillChainStage | undefined;
  for (const stage of KILL_CHAIN_STAGES) {
    const proof = reached.get(stage);
    const tried = attempted.get(stage);
    const list = proof ?? tried;
    if (!list) continue;
    if (proof && (!furthest || stageIndex(stage) > stageIndex(furthest))) furthest = stage;
    stages.push({
      stage,
      status: proof ? "reached" : "attempted",
      first: earliest(...list.map((f) => f.first)),
      evidence: pickEvidence(list, INCIDENT_LIMITS.stageEvidence).map((f) => ({
        findingId: f.id,
        message: f.message,
      })),
    });
  }
  return { stages, furthest, attack: [...attack].sort() };
}
