/**
 * The facts an analyst decision can match a finding on (src/incidents/applied-decisions.ts): host,
 * the image / SHA256 / command line of the finding's process (the process its group is about, so a
 * Zeek view of a beacon resolves to the process behind it), the file path of a file finding, the
 * detector. Input: the findings' groups, the process graph, the address → host index.
 * Output: `(finding) => FindingFacts`.
 */
import type { ProcessAnalyzer } from "../analytics/process/process-analyzer.js";
import type { Finding } from "../findings/finding.js";
import type { FindingFacts } from "../incidents/applied-decisions.js";
import type { HostAddresses } from "./analyze-host-addresses.js";
import type { ProcessGroup } from "./analyze-process-groups.js";

function text(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

/** A resolver of FindingFacts for the findings of `groups` (see the module header). */
export function findingFactsOf(
  groups: readonly ProcessGroup[],
  processes: ProcessAnalyzer,
  addresses: HostAddresses | undefined,
): (f: Finding) => FindingFacts {
  const processOf = new Map<string, string>();
  for (const g of groups) if (g.kind === "process") for (const id of g.findings) processOf.set(id, g.key);
  return (f) => {
    const key = processOf.get(f.id) ?? (f.subject.kind === "process" ? f.subject.key : undefined);
    const p = key === undefined ? undefined : processes.processByKey(key);
    const subjectImage = f.subject.kind === "process" ? f.subject.image : undefined;
    return {
      host: p?.host ?? text(f.details.attributedHost) ?? addresses?.hostOf(f.host) ?? f.host,
      image: p?.image ?? subjectImage ?? text(f.details.image),
      sha256:
        p?.hashes.sha256?.toLowerCase() ??
        (f.subject.kind === "file" ? f.subject.sha256?.toLowerCase() : undefined),
      commandLine: p?.commandLine ?? text(f.details.commandLine),
      path: f.subject.kind === "file" ? f.subject.path : text(f.details.path),
      detector: f.detector,
    };
  };
}
