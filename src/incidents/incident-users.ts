/**
 * The accounts of an incident: the users its processes ran as, and whether their credentials are at
 * risk — a credential-access finding in the incident (LSASS memory read, ATT&CK T1003 credential
 * dumping, T1550 pass-the-hash / ticket, T1558 Kerberos ticket theft, a 4648 logon with explicit
 * credentials) puts every account of the incident on that host at risk, and the accounts the finding
 * itself names. Input: the incident's processes and active findings. Output: IncidentUser[], bounded.
 */
import { hostKey } from "../analytics/process/host-key.js";
import type { Finding } from "../findings/finding.js";
import type { IncidentUser } from "./incident.js";
import { INCIDENT_LIMITS } from "./incident-input.js";
import type { DraftProcess } from "./incident-draft.js";
import { isCounterEvidence } from "./finding-index.js";

/** ATT&CK techniques (and sub-techniques) of credential theft or use. */
export const CREDENTIAL_TECHNIQUES = ["T1003", "T1550", "T1558"] as const;

/** True for a finding that shows credential theft or the use of stolen credentials. */
export function isCredentialFinding(f: Finding): boolean {
  if (isCounterEvidence(f)) return false;
  if (f.detector === "process.lsass-access") return true;
  if (f.detector === "network.logon-direction" && f.details.kind === "explicit") return true;
  return f.attack.some((t) => CREDENTIAL_TECHNIQUES.some((c) => t === c || t.startsWith(`${c}.`)));
}

interface Acc {
  readonly name: string;
  readonly hosts: Set<string>;
  readonly processKeys: Set<string>;
  atRisk: boolean;
  readonly findings: Set<string>;
}

/** The users of an incident (see the module header). */
export function buildUsers(
  actors: readonly DraftProcess[],
  findings: readonly Finding[],
  hostOfFinding: (f: Finding) => string,
): IncidentUser[] {
  const byName = new Map<string, Acc>();
  const entry = (name: string): Acc => {
    const k = name.toLowerCase();
    let a = byName.get(k);
    if (!a) {
      a = { name, hosts: new Set(), processKeys: new Set(), atRisk: false, findings: new Set() };
      byName.set(k, a);
    }
    return a;
  };
  for (const p of actors) {
    const user = p.info?.user ?? p.group?.user;
    if (!user) continue;
    const a = entry(user);
    a.hosts.add(p.host);
    a.processKeys.add(p.key);
  }
  for (const f of findings) {
    if (!isCredentialFinding(f)) continue;
    const host = hostOfFinding(f);
    for (const a of byName.values())
      if ([...a.hosts].some((h) => hostKey(h) === hostKey(host))) {
        a.atRisk = true;
        a.findings.add(f.id);
      }
    const named = typeof f.details.users === "string" ? f.details.users.split(",") : [];
    for (const n of named.map((s) => s.trim()).filter((s) => s !== "")) {
      const a = entry(n);
      a.hosts.add(host);
      a.atRisk = true;
      a.findings.add(f.id);
    }
  }
  return [...byName.values()]
    .sort((a, b) => Number(b.atRisk) - Number(a.atRisk) || a.name.localeCompare(b.name))
    .slice(0, INCIDENT_LIMITS.users)
    .map((a) => ({
      name: a.name,
      hosts: [...a.hosts].sort(),
      processKeys: [...a.processKeys].sort().slice(0, INCIDENT_LIMITS.idsPerItem),
      credentialsAtRisk: a.atRisk,
      findings: [...a.findings].sort().slice(0, INCIDENT_LIMITS.idsPerItem),
    }));
}
