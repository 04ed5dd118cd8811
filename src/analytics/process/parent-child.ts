/**
 * Process viewpoint — parent/child anomalies: a document app, browser or mail client starting a shell
 * or script host (a malicious document or drive-by), and unusual children of services.exe (shells,
 * remote-execution services such as PsExec's, binaries outside the usual service folders).
 * Input: a process and its parent (from the graph, else the creation event's ParentImage).
 * Output: at most one hit.
 */
import type { KillChainStage } from "../../findings/kill-chain.js";
import { imageName, isBrowser, isDocumentApp, isMailClient, isShellOrScriptHost } from "./image-families.js";
import type { DetectionContext, ProcessDetector, ProcessHit } from "./process-detector.js";
import { type ProcessInfo, processName } from "./process-node.js";
import { classifyPath } from "./suspicious-path.js";
import { baseName, dirName, isInSystemFolder, isUnder, normalizePath, withoutDrive } from "./windows-path.js";

/** Services installed by remote-execution tools (PsExec, PAExec, RemCom, CSExec, winexe). */
export const REMOTE_EXECUTION_SERVICES = [
  "psexesvc.exe",
  "paexec.exe",
  "remcomsvc.exe",
  "csexecsvc.exe",
  "winexesvc.exe",
] as const;

/** Service binaries that legitimately install directly into the Windows folder. */
export const WINDOWS_ROOT_SERVICES = ["sysmon.exe", "sysmon64.exe"] as const;

/** Folders where service binaries normally live (besides System32 / SysWOW64). */
const SERVICE_FOLDERS = [
  "\\program files",
  "\\program files (x86)",
  "\\programdata\\microsoft",
  "\\windows\\microsoft.net",
  "\\windows\\servicing",
  "\\windows\\winsxs",
  "\\windows\\ccm",
] as const;

function detect(p: ProcessInfo, ctx: DetectionContext): ProcessHit[] {
  if (!p.image || !p.created) return [];
  const parent = ctx.graph.parentOf(p.key);
  const parentImage = parent?.image ?? p.parentImage;
  if (!parentImage) return [];
  const parentName = imageName(parentImage);
  const name = imageName(p.image);
  const evidence = parent?.created ? [p.created, parent.created] : [p.created];
  const shown = processName(p);
  const parentShown = baseName(parentImage);
  const details = { image: p.image, parentImage, commandLine: p.commandLine ?? null };

  const app = isDocumentApp(parentName)
    ? {
        kind: "document",
        en: "a document application",
        ja: "文書アプリケーション",
        attack: ["T1204.002", "T1059"],
      }
    : isMailClient(parentName)
      ? {
          kind: "mail",
          en: "a mail client",
          ja: "メールクライアント",
          attack: ["T1566.001", "T1204.002", "T1059"],
        }
      : isBrowser(parentName)
        ? { kind: "browser", en: "a web browser", ja: "Web ブラウザー", attack: ["T1189", "T1059"] }
        : undefined;
  if (app && isShellOrScriptHost(name))
    return [
      {
        detector: "process.suspicious-parent",
        severity: "high",
        confidence: 0.7,
        stage: "exploitation",
        attack: app.attack,
        evidence,
        message: {
          en: `${parentShown} (${app.en}) started ${shown}: a shell or script host under a user application is typical of a malicious document or download.`,
          ja: `${parentShown}（${app.ja}）が ${shown} を起動しました。ユーザーアプリケーション配下のシェルやスクリプトホストは悪性文書やダウンロードの典型です。`,
        },
        details: { ...details, parentFamily: app.kind },
      },
    ];

  if (parentName !== "services.exe") return [];
  const unusual = serviceChildAnomaly(p.image, ctx.options.deepPathDepth);
  if (!unusual) return [];
  return [
    {
      detector: "process.unusual-service-child",
      severity: unusual.stage === "lateral_movement" || unusual.kind === "shell" ? "high" : "medium",
      confidence: unusual.kind === "folder" ? 0.5 : 0.7,
      stage: unusual.stage,
      attack: unusual.attack,
      evidence,
      message: {
        en: `services.exe started ${shown} (${p.image}): ${unusual.en}.`,
        ja: `services.exe が ${shown}（${p.image}）を起動しました。${unusual.ja}。`,
      },
      details: { ...details, anomaly: unusual.kind },
    },
  ];
}

interface ServiceAnomaly {
  readonly kind: "remote-execution" | "shell" | "folder";
  readonly stage: KillChainStage;
  readonly attack: readonly string[];
  readonly en: string;
  readonly ja: string;
}

/** Why a child of services.exe is unusual, or undefined when it is an ordinary service binary. */
export function serviceChildAnomaly(image: string, deepPathDepth: number): ServiceAnomaly | undefined {
  const name = imageName(image);
  if ((REMOTE_EXECUTION_SERVICES as readonly string[]).includes(name) || name.startsWith("paexec"))
    return {
      kind: "remote-execution",
      stage: "lateral_movement",
      attack: ["T1569.002", "T1021.002"],
      en: "the service of a remote-execution tool (PsExec and the like)",
      ja: "リモート実行ツール（PsExec 等）のサービスです",
    };
  if (isShellOrScriptHost(name))
    return {
      kind: "shell",
      stage: "installation",
      attack: ["T1543.003", "T1569.002"],
      en: "a shell or script host run as a service",
      ja: "シェルやスクリプトホストがサービスとして実行されています",
    };
  const p = normalizePath(image);
  const inWindowsRoot = dirName(withoutDrive(p)) === "\\windows";
  if (inWindowsRoot && (WINDOWS_ROOT_SERVICES as readonly string[]).includes(name)) return undefined;
  const usual = isInSystemFolder(p) || SERVICE_FOLDERS.some((f) => isUnder(p, f));
  if (inWindowsRoot || !usual || classifyPath(image, deepPathDepth) !== undefined)
    return {
      kind: "folder",
      stage: "installation",
      attack: ["T1543.003"],
      en: "a service binary outside the folders services normally run from",
      ja: "通常のサービスの配置場所以外にあるサービスバイナリです",
    };
  return undefined;
}

export const parentChildDetector: ProcessDetector = { id: "process.parent-child", detect };
