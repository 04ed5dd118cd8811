/**
 * The kill-chain phase names of the exchange formats: STIX's Lockheed Martin chain
 * (`lockheed-martin-cyber-kill-chain`, lower-case hyphenated phases) and MISP's kill-chain taxonomy
 * (`kill-chain:Delivery` …). Both have seven phases and no lateral movement: Lockheed Martin counts it
 * as part of actions on objectives (the intruder works from the first host towards its goal), so it
 * maps there. Input: our KillChainStage or an indicator role. Output: phase names.
 */
import type { KillChainStage } from "../../findings/kill-chain.js";

/** The kill chain name STIX uses for Lockheed Martin's chain. */
export const LM_KILL_CHAIN = "lockheed-martin-cyber-kill-chain";

/**
 * Our stages as STIX phase names. Lockheed Martin's seven phases have no lateral movement: the model
 * counts it as part of actions on objectives (the intruder works from the first host towards the goal).
 */
export const STIX_PHASE: Readonly<Record<KillChainStage, string>> = {
  reconnaissance: "reconnaissance",
  weaponization: "weaponization",
  delivery: "delivery",
  exploitation: "exploitation",
  installation: "installation",
  command_and_control: "command-and-control",
  lateral_movement: "actions-on-objectives",
  actions_on_objectives: "actions-on-objectives",
};

/** The phase an indicator's role points at. */
export const ROLE_PHASE: Readonly<Record<string, string>> = {
  c2: "command-and-control",
  download: "delivery",
  exfiltration: "actions-on-objectives",
  dropper: "delivery",
  "root-cause": "exploitation",
  payload: "installation",
  written: "installation",
};

/** MISP's kill-chain taxonomy predicates for our stages (lateral movement → Actions on Objectives, as in STIX). */
export const MISP_KILL_CHAIN: Readonly<Record<KillChainStage, string>> = {
  reconnaissance: "Reconnaissance",
  weaponization: "Weaponisation",
  delivery: "Delivery",
  exploitation: "Exploitation",
  installation: "Installation",
  command_and_control: "Command and Control",
  lateral_movement: "Actions on Objectives",
  actions_on_objectives: "Actions on Objectives",
};
