/**
 * The scope of an analyst decision, as the verdict form builds it from the selected process: which hosts
 * (this host / all hosts) × what to match (the image's SHA256, its path, a command-line pattern, or one
 * rule on the image). Input: the process, its findings and the analyst's choices. Output: the
 * VerdictRequest scope, or the label of what is missing.
 */
import type { IncidentProcess } from "../../../src/incidents/incident.js";
import type { ApiFinding, VerdictRequest } from "../../../src/server/api-contract.js";
import { baseName } from "../components/format.js";

export const HOST_CHOICES = ["host", "all"] as const;
export type HostChoice = (typeof HOST_CHOICES)[number];

export const MATCH_CHOICES = ["rule-on-image", "sha256", "path", "command-line"] as const;
export type MatchChoice = (typeof MATCH_CHOICES)[number];

export interface ScopeChoice {
  readonly hosts: HostChoice;
  readonly match: MatchChoice;
  /** For rule-on-image */
  readonly detector: string;
  /** For command-line (prefilled with the process's command line) */
  readonly pattern: string;
}

/**
 * The detectors of the process's findings that speak against it (counter-evidence cannot be decided on),
 * suppressed ones included (a decision can be taken again the other way).
 */
export function processDetectors(process: IncidentProcess, findings: readonly ApiFinding[]): string[] {
  const ids = new Set(process.findings);
  const out = new Set<string>();
  for (const f of findings)
    if ((ids.has(f.id) || f.subject.key === process.key) && f.details.benign !== true) out.add(f.detector);
  return [...out].sort();
}

/** Whether the process has what a match kind needs. */
export function matchAvailable(
  m: MatchChoice,
  process: IncidentProcess,
  detectors: readonly string[],
): boolean {
  switch (m) {
    case "sha256":
      return process.sha256 !== undefined && /^[0-9a-f]{64}$/i.test(process.sha256);
    case "path":
      return process.image !== undefined && process.image !== "";
    case "command-line":
      return process.commandLine !== undefined && process.commandLine !== "";
    case "rule-on-image":
      return detectors.length > 0 && process.image !== undefined && process.image !== "";
  }
}

/** The prefilled choice for a process: one rule on this image on this host when possible. */
export function defaultScopeChoice(process: IncidentProcess, findings: readonly ApiFinding[]): ScopeChoice {
  const detectors = processDetectors(process, findings);
  const match = MATCH_CHOICES.find((m) => matchAvailable(m, process, detectors)) ?? "path";
  return { hosts: "host", match, detector: detectors[0] ?? "", pattern: process.commandLine ?? "" };
}

/** The request scope, or `needValue` when the process lacks the value the match needs. */
export function buildScope(
  choice: ScopeChoice,
  process: IncidentProcess,
): VerdictRequest["scope"] | { readonly problem: "decide.needValue" } {
  const hosts: VerdictRequest["scope"]["hosts"] =
    choice.hosts === "all" ? { kind: "all" } : { kind: "host", host: process.host };
  switch (choice.match) {
    case "sha256":
      return process.sha256
        ? { hosts, match: { kind: "sha256", sha256: process.sha256.toLowerCase() } }
        : { problem: "decide.needValue" };
    case "path":
      return process.image
        ? { hosts, match: { kind: "path", path: process.image } }
        : { problem: "decide.needValue" };
    case "command-line":
      return choice.pattern.trim() !== ""
        ? { hosts, match: { kind: "command-line", pattern: choice.pattern } }
        : { problem: "decide.needValue" };
    case "rule-on-image": {
      const image = baseName(process.image);
      return image !== "" && choice.detector !== ""
        ? { hosts, match: { kind: "rule-on-image", detector: choice.detector, image } }
        : { problem: "decide.needValue" };
    }
  }
}
