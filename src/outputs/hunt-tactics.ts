/**
 * MITRE ATT&CK tactics as Sigma rules tag them (`attack.execution`, `attack.credential-access`; older
 * rules write `attack.credential_access`). Input: a rule tag. Output: the tactic, or undefined for any
 * other tag (techniques `attack.t1059`, groups, software, CAR, CVE …). Ordered as in the ATT&CK matrix.
 */

export const ATTACK_TACTICS = [
  "reconnaissance",
  "resource-development",
  "initial-access",
  "execution",
  "persistence",
  "privilege-escalation",
  "defense-evasion",
  "credential-access",
  "discovery",
  "lateral-movement",
  "collection",
  "command-and-control",
  "exfiltration",
  "impact",
] as const;
export type AttackTactic = (typeof ATTACK_TACTICS)[number];

const BY_NAME: ReadonlyMap<string, AttackTactic> = new Map(ATTACK_TACTICS.map((t) => [t, t]));

/** The tactic a tag names (`attack.defense_evasion` → `defense-evasion`), or undefined. */
export function tacticOfTag(tag: string): AttackTactic | undefined {
  const t = tag.trim().toLowerCase();
  if (!t.startsWith("attack.")) return undefined;
  return BY_NAME.get(t.slice("attack.".length).replace(/_/g, "-"));
}

/** The distinct tactics of a tag list, in matrix order. */
export function tacticsOfTags(tags: readonly string[]): AttackTactic[] {
  const found = new Set<AttackTactic>();
  for (const tag of tags) {
    const tactic = tacticOfTag(tag);
    if (tactic) found.add(tactic);
  }
  return ATTACK_TACTICS.filter((t) => found.has(t));
}
