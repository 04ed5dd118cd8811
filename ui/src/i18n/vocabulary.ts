/**
 * Names of the product's closed vocabularies in English and Japanese: viewpoints and kill-chain stages
 * (the Japanese names are the ones in src/findings, shared with the reports). Input: a value and a
 * language. Output: its label.
 */
import { KILL_CHAIN_JA, KILL_CHAIN_STAGES, type KillChainStage } from "../../../src/findings/kill-chain.js";
import { VIEWPOINT_JA, VIEWPOINTS, type Viewpoint } from "../../../src/findings/viewpoint.js";
import type { Language } from "./language.js";

export { KILL_CHAIN_STAGES, VIEWPOINTS };
export type { KillChainStage, Viewpoint };

const VIEWPOINT_EN: Readonly<Record<Viewpoint, string>> = {
  location: "Location",
  time: "Time",
  duration: "Duration",
  direction: "Direction",
  port: "Port",
  volume: "Data volume",
  frequency: "Frequency",
  reputation: "Reputation",
  history: "History",
  process: "Process",
  state: "State",
};

const STAGE_EN: Readonly<Record<KillChainStage, string>> = {
  reconnaissance: "Reconnaissance",
  weaponization: "Weaponization",
  delivery: "Delivery",
  exploitation: "Exploitation",
  installation: "Installation",
  command_and_control: "Command & Control",
  lateral_movement: "Lateral movement",
  actions_on_objectives: "Actions on objectives",
};

export function isViewpoint(v: unknown): v is Viewpoint {
  return typeof v === "string" && (VIEWPOINTS as readonly string[]).includes(v);
}

export function isStage(v: unknown): v is KillChainStage {
  return typeof v === "string" && (KILL_CHAIN_STAGES as readonly string[]).includes(v);
}

/** The name of a viewpoint (an unknown one is shown as given). */
export function viewpointName(v: string, lang: Language): string {
  if (!isViewpoint(v)) return v;
  return lang === "ja" ? VIEWPOINT_JA[v] : VIEWPOINT_EN[v];
}

/** The name of a kill-chain stage (an unknown one is shown as given). */
export function stageName(s: string, lang: Language): string {
  if (!isStage(s)) return s;
  return lang === "ja" ? KILL_CHAIN_JA[s] : STAGE_EN[s];
}
