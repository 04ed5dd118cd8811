/**
 * The text form of FileReports for `mikiwame file`. Input: reports. Output: lines (not yet escaped for
 * the terminal: the CLI escapes them, since names and version strings come from the file).
 */
import type { ReputationEntry } from "./file-reputation.js";
import type { FileReport } from "./triage-file.js";

/** One reputation line: source, what was asked, and the answer or why there is none. */
export function renderReputationEntry(e: ReputationEntry): string {
  const what = e.subject === "hashes" ? "" : ` ${e.subject}`;
  const cached = e.cached ? " (cached)" : "";
  let answer: string;
  if (e.status === "found") {
    const conf = e.confidence !== undefined ? `, confidence ${e.confidence}` : "";
    const score = e.score !== undefined ? `, score ${e.score}` : "";
    const facts = e.facts.length > 0 ? ` — ${e.facts.join("; ")}` : "";
    answer = `${(e.verdict ?? "found").toUpperCase()}${conf}${score}${facts}`;
  } else if (e.status === "not-found") {
    answer = `not found${e.facts.length > 0 ? ` (${e.facts.join("; ")})` : ""}`;
  } else answer = `${e.status === "error" ? "error" : "not checked"}: ${e.reason ?? "?"}`;
  return `  reputation ${e.source}${what}: ${answer}${cached}`;
}

/** Renders one report as lines, verdict line first. */
export function renderFileReport(r: FileReport): string[] {
  const lines = [
    `${r.path}: ${r.verdict.verdict.toUpperCase()} — ${r.verdict.reasons.join("; ")}`,
    `  type      ${r.type}, ${r.size} bytes`,
    `  md5       ${r.md5}`,
    `  sha1      ${r.sha1}`,
    `  sha256    ${r.sha256}`,
  ];
  for (const f of r.nameFindings) lines.push(`  name      ${f.kind}: ${f.detail}`);
  for (const e of r.reputation?.entries ?? []) lines.push(renderReputationEntry(e));
  const pe = r.pe;
  if (!pe) return lines;
  lines.push(
    `  pe        ${pe.format} ${pe.machine} ${pe.subsystem}${pe.isDll ? " dll" : ""}, compiled ${pe.compileTime}`,
    `  imphash   ${pe.imphash ?? "-"} (${pe.imports.length} DLLs)`,
  );
  for (const [k, v] of Object.entries(pe.versionInfo ?? {})) lines.push(`  version   ${k}: ${v}`);
  for (const s of pe.sections) {
    lines.push(
      `  section   ${s.name.padEnd(8)} ${(s.permissions || "-").padEnd(3)} raw ${s.rawSize} entropy ${s.entropy}`,
    );
  }
  const sig = pe.signature;
  if (sig.status === "unsigned") lines.push("  signature none");
  else if (sig.status === "malformed") lines.push(`  signature unreadable: ${sig.reason}`);
  else {
    lines.push(
      `  signature ${sig.valid ? "VALID" : "INVALID"} (${sig.digestAlgorithm}; digest ${sig.digestMatches ? "matches" : "does not match"} the file)`,
      `  signer    ${sig.signer?.subject ?? "(not in the signature)"}`,
      `  chain     ${sig.chain.map((c) => c.subject).join(" → ") || "-"} (${sig.chainsToBundleRoot ? "ends in a root inside the signature; not checked against an OS trust store" : "incomplete"})`,
    );
    if (sig.signingTime) lines.push(`  signed at ${sig.signingTime}`);
    for (const p of sig.problems) lines.push(`  problem   ${p}`);
  }
  return lines;
}
