/**
 * The verdict on one collected file from what triage found. Input: the FileReport facts (type, name
 * findings, PE details, signature, reputation). Output: a FileVerdict (malicious / suspicious / unknown /
 * likely-benign) with its reasons, in the order they weigh. A rule of thumb for a SOC analyst, not a
 * malware classifier: only reputation says "malicious" (a file hash listed as malware is decisive); an
 * allow-listed hash is decisive for "likely-benign" unless the hash is also listed as malware; otherwise
 * "likely-benign" needs a valid signature. No reputation is said as such, never as "clean".
 */
import type { AuthenticodeResult } from "./authenticode-signature.js";
import { type FileReputation, weighReputation } from "./file-reputation.js";
import { EXECUTABLE_TYPES, type FileType } from "./file-type.js";
import type { NameFinding } from "./name-checks.js";
import type { PeSectionReport } from "./section-report.js";
import type { VersionInfo } from "./pe-version-info.js";

/** Every verdict, from worst to best. */
export const FILE_VERDICTS = ["malicious", "suspicious", "unknown", "likely-benign"] as const;
export type FileVerdict = (typeof FILE_VERDICTS)[number];

/** Companies whose name in version info, on an unsigned file, is a classic masquerade. */
export const TRUSTED_COMPANIES = [
  "microsoft",
  "google",
  "adobe",
  "mozilla",
  "oracle",
  "apple",
  "intel",
  "nvidia",
  "vmware",
] as const;

/** High-entropy threshold (bits per byte) for a packed or encrypted section. */
export const PACKED_ENTROPY = 7.2;

/** The facts the verdict looks at. */
export interface VerdictInput {
  readonly type: FileType;
  readonly nameFindings: readonly NameFinding[];
  readonly versionInfo: VersionInfo | undefined;
  readonly sections: readonly PeSectionReport[];
  readonly signature: AuthenticodeResult | undefined;
  readonly problems: number;
  /** Absent: reputation was not looked up at all */
  readonly reputation?: FileReputation | undefined;
}

/** The verdict and the reasons behind it. */
export interface VerdictResult {
  readonly verdict: FileVerdict;
  readonly reasons: readonly string[];
}

/** Decides the verdict. */
export function decideFileVerdict(input: VerdictInput): VerdictResult {
  const against: string[] = [];
  const for_: string[] = [];
  for (const f of input.nameFindings) against.push(`name: ${f.detail}`);
  const sig = input.signature;
  const company = input.versionInfo?.CompanyName;
  const trustedCompany =
    company !== undefined && TRUSTED_COMPANIES.some((c) => company.toLowerCase().includes(c))
      ? company
      : undefined;
  if (sig?.status === "signed" && !sig.valid)
    against.push(`invalid signature: ${sig.problems[0] ?? "does not verify"}`);
  if (sig?.status === "malformed") against.push(`unreadable signature: ${sig.reason}`);
  if (sig?.status === "unsigned" && trustedCompany) {
    against.push(`unsigned, yet its version info names "${trustedCompany}" (masquerade?)`);
  }
  for (const s of input.sections) {
    if (s.entropy >= PACKED_ENTROPY)
      against.push(`section ${JSON.stringify(s.name)} entropy ${s.entropy} (packed or encrypted?)`);
  }
  if (sig?.status === "signed" && sig.valid) {
    for_.push(
      `valid signature by ${sig.signer?.subject ?? "?"}${sig.chainsToBundleRoot ? "" : " (chain incomplete in the file)"}`,
    );
  }
  const rep = input.reputation ? weighReputation(input.reputation) : undefined;
  if (rep && rep.malicious.length > 0) {
    const conflict = rep.knownGood.map((r) => `conflicting: ${r}`);
    return { verdict: "malicious", reasons: [...rep.malicious, ...rep.against, ...against, ...conflict] };
  }
  if (rep && rep.knownGood.length > 0) {
    const despite = [...rep.against, ...against].map((r) => `despite: ${r}`);
    return { verdict: "likely-benign", reasons: [...rep.knownGood, ...despite] };
  }
  against.push(...(rep?.against ?? []));
  for_.push(...(rep?.benign ?? []));
  if (against.length > 0)
    return { verdict: "suspicious", reasons: [...against, ...for_.map((r) => `counter-evidence: ${r}`)] };
  const unknownRep = [...(rep?.notes ?? []), ...(rep?.none ? [rep.none] : [])];
  if (for_.length > 0) return { verdict: "likely-benign", reasons: [...for_, ...unknownRep] };
  const reasons: string[] = [];
  if (sig?.status === "unsigned") reasons.push("unsigned executable");
  else if (!EXECUTABLE_TYPES.has(input.type))
    reasons.push(`not an executable (${input.type}): inspect its content`);
  if (input.problems > 0) reasons.push(`${input.problems} structure problem(s) while reading`);
  reasons.push(...unknownRep);
  if (reasons.length === 0) reasons.push("nothing for or against");
  return { verdict: "unknown", reasons };
}
