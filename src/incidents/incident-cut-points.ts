/**
 * Where the chain can still be cut: for each stage after the furthest one reached (reconnaissance and
 * weaponization aside: they happen before anything reaches the victim), and for lateral movement /
 * actions on objectives when they were only attempted, one concrete action in English and Japanese —
 * the address to block, the host to isolate, the file to quarantine. A benign incident (an
 * over-detection) has no chain to cut. Input: the stages and what the incident names. Output: CutPoint[].
 */
import { type KillChainStage, KILL_CHAIN_STAGES, stageIndex } from "../findings/kill-chain.js";
import type { LocalizedText } from "../findings/finding.js";
import type { CutPoint, IncidentDestination, IncidentFile, IncidentStage } from "./incident.js";

/** Items named in one cut point; the rest are counted. */
const MAX_NAMED = 3;

/** Stages cut at the victim (the others happen before the victim's logs see anything). */
const CUTTABLE: readonly KillChainStage[] = KILL_CHAIN_STAGES.filter(
  (s) => s !== "reconnaissance" && s !== "weaponization",
);

export interface CutContext {
  readonly hosts: readonly string[];
  /** The root cause's file name */
  readonly rootName: string | undefined;
  readonly files: readonly IncidentFile[];
  readonly destinations: readonly IncidentDestination[];
  /** Accounts whose credentials are at risk */
  readonly usersAtRisk: readonly string[];
}

function named(items: readonly string[], lang: "en" | "ja"): string {
  const shown = items.slice(0, MAX_NAMED).join(", ");
  const more = items.length - MAX_NAMED;
  if (more <= 0) return shown;
  return lang === "en" ? `${shown} and ${more} more` : `${shown} ほか ${more} 件`;
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function where(d: IncidentDestination): string {
  return d.address ?? d.domain ?? "?";
}

function textFor(stage: KillChainStage, ctx: CutContext): LocalizedText {
  const hostsEn = named(ctx.hosts, "en");
  const hostsJa = named(ctx.hosts, "ja");
  const root = ctx.rootName ?? "the first file";
  const rootJa = ctx.rootName ?? "最初のファイル";
  const files = [...new Set(ctx.files.filter((f) => f.role !== "written").map((f) => fileName(f.path)))];
  const external = ctx.destinations.filter((d) => d.external && d.role !== "scanned" && d.role !== "lateral");
  const c2 = external.filter((d) => d.role === "c2" || d.role === "download" || d.role === "exfiltration");
  const block = (c2.length > 0 ? c2 : external).map(where);
  switch (stage) {
    case "delivery":
      return {
        en: `stop delivery: block the sender or download site of ${root} at the mail / web gateway`,
        ja: `配送を止める: ${rootJa} の送信元・ダウンロード元をメール／Web ゲートウェイで遮断する`,
      };
    case "exploitation":
      return {
        en: `quarantine ${root} on ${hostsEn} before a user opens it`,
        ja: `${hostsJa} の ${rootJa} を利用者が開く前に隔離する`,
      };
    case "installation": {
      const list = files.length > 0 ? files : [root];
      return {
        en: `kill ${root} on ${hostsEn} and delete ${named(list, "en")} before it installs persistence`,
        ja: `${hostsJa} の ${rootJa} を停止し、${named(list, "ja")} を削除して永続化を防ぐ`,
      };
    }
    case "command_and_control":
      return block.length > 0
        ? {
            en: `block ${named(block, "en")} at the perimeter before a C&C channel is set up`,
            ja: `C&C 通信が確立する前に ${named(block, "ja")} を境界で遮断する`,
          }
        : {
            en: `restrict outbound traffic of ${hostsEn} to known services so that no C&C channel can be set up`,
            ja: `${hostsJa} の外向き通信を既知のサービスに限定し、C&C 通信の確立を防ぐ`,
          };
    case "lateral_movement": {
      const answered = ctx.destinations.filter((d) => d.role === "lateral").map(where);
      const en = [`isolate ${hostsEn} before lateral movement succeeds`];
      const ja = [`横展開が成功する前に ${hostsJa} を隔離する`];
      if (answered.length > 0) {
        en.push(`check ${named(answered, "en")}, which answered its connections`);
        ja.push(`接続に応答した ${named(answered, "ja")} を確認する`);
      }
      if (ctx.usersAtRisk.length > 0) {
        en.push(`reset the passwords of ${named(ctx.usersAtRisk, "en")}`);
        ja.push(`${named(ctx.usersAtRisk, "ja")} のパスワードをリセットする`);
      }
      return { en: en.join("; "), ja: ja.join("。") };
    }
    case "actions_on_objectives":
      return block.length > 0
        ? {
            en: `block ${named(block, "en")} to cut C&C and stop data theft from ${hostsEn}`,
            ja: `${named(block, "ja")} を遮断して C&C を断ち、${hostsJa} からのデータ窃取を防ぐ`,
          }
        : {
            en: `block large outbound transfers from ${hostsEn} to stop data theft`,
            ja: `${hostsJa} からの大量の外向き転送を遮断してデータ窃取を防ぐ`,
          };
    default:
      return { en: `stop the ${stage} stage on ${hostsEn}`, ja: `${hostsJa} で ${stage} の段階を止める` };
  }
}

/** The cut points of an incident (see the module header). */
export function buildCutPoints(
  stages: readonly IncidentStage[],
  furthest: KillChainStage | undefined,
  benign: boolean,
  ctx: CutContext,
): CutPoint[] {
  if (benign) return [];
  const status = new Map(stages.map((s) => [s.stage, s.status]));
  const after = furthest === undefined ? -1 : stageIndex(furthest);
  const out: CutPoint[] = [];
  for (const stage of CUTTABLE) {
    if (status.get(stage) === "reached") continue;
    const attemptedLate =
      status.get(stage) === "attempted" &&
      (stage === "lateral_movement" || stage === "actions_on_objectives");
    if (stageIndex(stage) <= after && !attemptedLate) continue;
    out.push({ stage, text: textFor(stage, ctx) });
  }
  return out;
}
