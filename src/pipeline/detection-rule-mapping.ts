/**
 * How a Sigma rule's metadata becomes the fields of a finding: its level → a severity (and a
 * confidence), its `kill_chain` attribute or else its ATT&CK tactic tags → a kill-chain stage, its
 * technique tags → ATT&CK ids, and its logsource category → a viewpoint.
 * Input: a SigmaRule. Output: the finding fields (pure functions, no state).
 */
import { KILL_CHAIN_STAGES, type KillChainStage, stageIndex } from "../findings/kill-chain.js";
import type { Severity } from "../findings/severity.js";
import type { Viewpoint } from "../findings/viewpoint.js";
import type { SigmaLevel, SigmaRule } from "../sigma/rule-model.js";

/** Sigma's levels map one to one onto finding severities. */
export const LEVEL_SEVERITY: Readonly<Record<SigmaLevel, Severity>> = {
  informational: "info",
  low: "low",
  medium: "medium",
  high: "high",
  critical: "critical",
};

/**
 * How sure a rule hit is that the thing is bad, by level: a rule's author chooses the level from its
 * false-positive rate, so it is the best prior we have for a single hit.
 */
export const LEVEL_CONFIDENCE: Readonly<Record<SigmaLevel, number>> = {
  informational: 0.1,
  low: 0.3,
  medium: 0.5,
  high: 0.7,
  critical: 0.9,
};

/** The ATT&CK (enterprise) tactics as Sigma tags write them, after `attack.`. */
export const ATTACK_TACTICS = [
  "reconnaissance",
  "resource_development",
  "initial_access",
  "execution",
  "persistence",
  "privilege_escalation",
  "defense_evasion",
  "credential_access",
  "discovery",
  "lateral_movement",
  "collection",
  "command_and_control",
  "exfiltration",
  "impact",
] as const;
export type AttackTactic = (typeof ATTACK_TACTICS)[number];

/**
 * The kill-chain stage an ATT&CK tactic stands for (mission: "Current state"): discovery is
 * reconnaissance from inside; persistence, privilege escalation and defense evasion belong to
 * installing the malware; credential theft prepares lateral movement; collection, exfiltration and
 * impact are the objectives.
 */
export const TACTIC_STAGE: Readonly<Record<AttackTactic, KillChainStage>> = {
  reconnaissance: "reconnaissance",
  resource_development: "weaponization",
  initial_access: "delivery",
  execution: "exploitation",
  persistence: "installation",
  privilege_escalation: "installation",
  defense_evasion: "installation",
  credential_access: "lateral_movement",
  discovery: "reconnaissance",
  lateral_movement: "lateral_movement",
  collection: "actions_on_objectives",
  command_and_control: "command_and_control",
  exfiltration: "actions_on_objectives",
  impact: "actions_on_objectives",
};

/** Logsource categories whose rules speak about the network side of a process (direction). */
const NETWORK_CATEGORIES: ReadonlySet<string> = new Set([
  "network_connection",
  "firewall",
  "dns",
  "dns_query",
  "proxy",
]);

const TECHNIQUE_TAG = /^attack\.(t\d{4}(?:\.\d{3})?)$/i;

/** The severity of a rule's hits (a rule without a level counts as medium, Sigma's usual default). */
export function ruleSeverity(rule: SigmaRule): Severity {
  return LEVEL_SEVERITY[rule.level ?? "medium"];
}

/** The confidence of one hit of the rule (see LEVEL_CONFIDENCE). */
export function ruleConfidence(rule: SigmaRule): number {
  return LEVEL_CONFIDENCE[rule.level ?? "medium"];
}

/** ATT&CK technique ids of the rule's tags (`attack.t1059.001` → `T1059.001`), in tag order, unique. */
export function ruleTechniques(rule: SigmaRule): string[] {
  const out: string[] = [];
  for (const tag of rule.tags) {
    const m = TECHNIQUE_TAG.exec(tag.trim());
    if (!m) continue;
    const id = m[1].toUpperCase();
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

function isStage(value: unknown): value is KillChainStage {
  return typeof value === "string" && (KILL_CHAIN_STAGES as readonly string[]).includes(value);
}

function isTactic(value: string): value is AttackTactic {
  return (ATTACK_TACTICS as readonly string[]).includes(value);
}

/**
 * The rule's stage: its `kill_chain` attribute when it names a stage (mikiwame's own pack), else the
 * furthest stage among its tactic tags (`attack.persistence` → installation), else undefined.
 */
export function ruleStage(rule: SigmaRule): KillChainStage | undefined {
  const own = rule.custom.kill_chain;
  const ownStage = typeof own === "string" ? own.trim().toLowerCase() : undefined;
  if (isStage(ownStage)) return ownStage;
  let best: KillChainStage | undefined;
  for (const tag of rule.tags) {
    const t = tag.trim().toLowerCase().replace(/-/g, "_");
    if (!t.startsWith("attack.")) continue;
    const tactic = t.slice("attack.".length);
    if (!isTactic(tactic)) continue;
    const stage = TACTIC_STAGE[tactic];
    if (best === undefined || stageIndex(stage) > stageIndex(best)) best = stage;
  }
  return best;
}

/** The viewpoint of the rule's hits: `direction` for network logsources, `process` otherwise. */
export function ruleViewpoint(rule: SigmaRule): Viewpoint {
  const category = rule.logsource.category?.toLowerCase();
  return category !== undefined && NETWORK_CATEGORIES.has(category) ? "direction" : "process";
}
