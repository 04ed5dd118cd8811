/**
 * The cyber kill chain stages (Lockheed Martin), in order: the analyst-facing place of every finding.
 */
export const KILL_CHAIN_STAGES = [
  "reconnaissance", // 偵察
  "weaponization", // 武器化
  "delivery", // 配送
  "exploitation", // エクスプロイト
  "installation", // インストール
  "command_and_control", // 遠隔操作
  "lateral_movement", // 侵入拡大
  "actions_on_objectives", // 目的実行
] as const;
export type KillChainStage = (typeof KILL_CHAIN_STAGES)[number];

export const KILL_CHAIN_JA: Readonly<Record<KillChainStage, string>> = {
  reconnaissance: "偵察",
  weaponization: "武器化",
  delivery: "配送",
  exploitation: "エクスプロイト",
  installation: "インストール",
  command_and_control: "遠隔操作",
  lateral_movement: "侵入拡大",
  actions_on_objectives: "目的実行",
};

/** Position of a stage in the chain (0-based), for "furthest stage reached". */
export function stageIndex(stage: KillChainStage): number {
  return KILL_CHAIN_STAGES.indexOf(stage);
}
