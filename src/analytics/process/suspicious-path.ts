/**
 * Process viewpoint — suspicious path: executables run from places users can write and legitimate
 * software rarely runs from (Temp, Downloads, Users\Public, the ProgramData root, the recycle bin,
 * PerfLogs, AppData) or from deep folder hierarchies. A valid signature lowers the severity (and
 * clears AppData and deep nesting, where signed per-user installs are normal).
 * Input: a process. Output: at most one hit, for the first matching rule.
 */
import type { KillChainStage } from "../../findings/kill-chain.js";
import type { Severity } from "../../findings/severity.js";
import {
  type DetectionContext,
  identityEvidence,
  type ProcessDetector,
  type ProcessHit,
  weaker,
} from "./process-detector.js";
import { type ProcessInfo, processName } from "./process-node.js";
import { folderDepth, isInInstallFolder, normalizePath, withoutDrive } from "./windows-path.js";

export const PATH_CLASSES = [
  "recycle-bin",
  "temp",
  "downloads",
  "users-public",
  "perflogs",
  "programdata-root",
  "appdata",
  "deep-nesting",
] as const;
export type PathClass = (typeof PATH_CLASSES)[number];

export interface PathRule {
  readonly id: PathClass;
  /** Tested on the normalized path without its drive; `deep-nesting` is decided by folder depth instead */
  readonly pattern: RegExp | undefined;
  readonly severity: Severity;
  readonly confidence: number;
  readonly stage: KillChainStage;
  readonly attack: readonly string[];
  /** What the place is, for the message */
  readonly en: string;
  readonly ja: string;
  /** A valid signature clears this rule (signed per-user installs live there) */
  readonly clearedBySignature: boolean;
}

/** The rules, most specific first; the first match wins. */
export const SUSPICIOUS_PATH_RULES: readonly PathRule[] = [
  {
    id: "recycle-bin",
    pattern: /^\\\$recycle\.bin\\/,
    severity: "high",
    confidence: 0.8,
    stage: "installation",
    attack: ["T1036", "T1564"],
    en: "the recycle bin",
    ja: "ごみ箱",
    clearedBySignature: false,
  },
  {
    id: "temp",
    pattern: /\\(temp|tmp)\\/,
    severity: "medium",
    confidence: 0.5,
    stage: "exploitation",
    attack: ["T1204.002"],
    en: "a Temp folder",
    ja: "一時フォルダー",
    clearedBySignature: false,
  },
  {
    id: "downloads",
    pattern: /^\\users\\[^\\]+\\downloads\\/,
    severity: "medium",
    confidence: 0.4,
    stage: "exploitation",
    attack: ["T1204.002"],
    en: "the Downloads folder",
    ja: "ダウンロードフォルダー",
    clearedBySignature: false,
  },
  {
    id: "users-public",
    pattern: /^\\users\\public\\/,
    severity: "medium",
    confidence: 0.6,
    stage: "installation",
    attack: ["T1036"],
    en: "the Users\\Public folder",
    ja: "Users\\Public フォルダー",
    clearedBySignature: false,
  },
  {
    id: "perflogs",
    pattern: /^\\perflogs\\/,
    severity: "medium",
    confidence: 0.6,
    stage: "installation",
    attack: ["T1036"],
    en: "the PerfLogs folder",
    ja: "PerfLogs フォルダー",
    clearedBySignature: false,
  },
  {
    id: "programdata-root",
    pattern: /^\\programdata\\[^\\]+$/,
    severity: "medium",
    confidence: 0.5,
    stage: "installation",
    attack: ["T1036"],
    en: "the root of ProgramData",
    ja: "ProgramData の直下",
    clearedBySignature: false,
  },
  {
    id: "appdata",
    pattern: /^\\users\\[^\\]+\\appdata\\/,
    severity: "low",
    confidence: 0.3,
    stage: "installation",
    attack: ["T1036"],
    en: "a user's AppData folder",
    ja: "ユーザーの AppData フォルダー",
    clearedBySignature: true,
  },
  {
    id: "deep-nesting",
    pattern: undefined,
    severity: "low",
    confidence: 0.3,
    stage: "installation",
    attack: ["T1036"],
    en: "a deeply nested folder",
    ja: "深い階層のフォルダー",
    clearedBySignature: true,
  },
];

/** The first rule an image path matches, or undefined (also for Program Files / Windows paths). */
export function classifyPath(image: string | undefined, deepPathDepth: number): PathRule | undefined {
  if (!image) return undefined;
  const p = normalizePath(image);
  const tail = withoutDrive(p);
  for (const rule of SUSPICIOUS_PATH_RULES) {
    if (rule.pattern) {
      if (rule.pattern.test(tail)) return rule;
    } else if (!isInInstallFolder(p) && folderDepth(p) > deepPathDepth) return rule;
  }
  return undefined;
}

function detect(p: ProcessInfo, ctx: DetectionContext): ProcessHit[] {
  const rule = classifyPath(p.image, ctx.options.deepPathDepth);
  if (!rule || !p.image) return [];
  const signed = p.signature.state === "valid";
  if (signed && rule.clearedBySignature) return [];
  const evidence = identityEvidence(p, ctx);
  if (evidence.length === 0) return [];
  if (p.signature.evidence) evidence.push(p.signature.evidence);
  const name = processName(p);
  return [
    {
      detector: "process.suspicious-path",
      severity: signed ? weaker(rule.severity) : rule.severity,
      confidence: signed ? rule.confidence / 2 : rule.confidence,
      stage: rule.stage,
      attack: rule.attack,
      evidence,
      message: {
        en: `${name} runs from ${rule.en} (${p.image})${signed ? ", though validly signed" : ""}.`,
        ja: `${name} が${rule.ja}（${p.image}）から実行されています${signed ? "（正当な署名あり）" : ""}。`,
      },
      details: {
        pathClass: rule.id,
        image: p.image,
        folderDepth: folderDepth(normalizePath(p.image)),
        signature: p.signature.state,
      },
    },
  ];
}

export const suspiciousPathDetector: ProcessDetector = { id: "process.suspicious-path", detect };
