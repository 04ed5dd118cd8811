/**
 * Process viewpoint — masquerading: a Windows system binary's name on a file outside System32 /
 * SysWOW64 (`C:\Users\x\svchost.exe`), a mock folder (`C:\Windows \System32\`, trailing space), and
 * version info whose OriginalFileName differs from the file's name (a renamed system utility, or a
 * file claiming to be a well-known program).
 * Input: a process (image, version info, signature). Output: up to three hits.
 */
import {
  imageName,
  isExpectedSystemLocation,
  isSystemBinaryName,
  isWellKnownName,
} from "./image-families.js";
import {
  type DetectionContext,
  identityEvidence,
  type ProcessDetector,
  type ProcessHit,
} from "./process-detector.js";
import { type ProcessInfo, processName } from "./process-node.js";

/** `Cmd.Exe` → `cmd.exe`, `Explorer.EXE.MUI` → `explorer.exe` (MUI resources carry the base name). */
export function comparableFileName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/\.mui$/, "");
}

/** True when version info's name and the file's name are the same (`WerMgr` matches `wermgr.exe`). */
export function sameFileName(claimed: string, actual: string): boolean {
  if (claimed === actual) return true;
  return !claimed.includes(".") && actual.replace(/\.[^.]*$/, "") === claimed;
}

/** A folder whose name ends in a space (`C:\Windows \System32\`): a mock of a trusted folder. */
const MOCK_FOLDER = /[^\\] \\/;

function detect(p: ProcessInfo, ctx: DetectionContext): ProcessHit[] {
  if (!p.image) return [];
  const evidence = identityEvidence(p, ctx);
  if (evidence.length === 0) return [];
  const name = imageName(p.image);
  const shown = processName(p);
  const hits: ProcessHit[] = [];
  const hasPath = /[\\/]/.test(p.image);
  if (hasPath && isSystemBinaryName(name) && !isExpectedSystemLocation(p.image))
    hits.push({
      detector: "process.system-name-elsewhere",
      severity: "high",
      confidence: 0.8,
      stage: "installation",
      attack: ["T1036.005"],
      evidence,
      message: {
        en: `${shown} carries the name of a Windows system binary but runs from ${p.image}, outside System32.`,
        ja: `${shown} は Windows のシステムバイナリの名前ですが、System32 以外の ${p.image} から実行されています。`,
      },
      details: { image: p.image, systemName: name },
    });
  if (hasPath && MOCK_FOLDER.test(p.image))
    hits.push({
      detector: "process.mock-folder",
      severity: "high",
      confidence: 0.85,
      stage: "installation",
      attack: ["T1036.005"],
      evidence,
      message: {
        en: `${shown} runs from ${p.image}, a folder whose name ends in a space: a mock of a trusted Windows folder.`,
        ja: `${shown} は名前が空白で終わるフォルダー ${p.image} から実行されています。信頼された Windows フォルダーの偽装です。`,
      },
      details: { image: p.image },
    });
  const original = p.metadata.originalFileName;
  if (original && hasPath) {
    const claimed = comparableFileName(original);
    if (claimed !== "" && !sameFileName(claimed, name)) {
      const system = isSystemBinaryName(claimed);
      const known = system || isWellKnownName(claimed);
      const signed = p.signature.state === "valid";
      if (known || !signed) {
        const evidenceWithSignature = p.signature.evidence ? [...evidence, p.signature.evidence] : evidence;
        hits.push({
          detector: "process.original-name-mismatch",
          severity: system ? "high" : known ? "medium" : "low",
          confidence: system ? 0.75 : known ? 0.55 : 0.2,
          stage: "installation",
          attack: system ? ["T1036.003"] : ["T1036"],
          evidence: evidenceWithSignature,
          message: {
            en: `${shown}'s version information names it ${original}${system ? ", a Windows system binary" : known ? ", a well-known program" : ""}: the file was renamed or its metadata is borrowed.`,
            ja: `${shown} のバージョン情報上の元のファイル名は ${original}${system ? "（Windows のシステムバイナリ）" : known ? "（著名なプログラム）" : ""}です。名前の変更またはメタデータの流用が疑われます。`,
          },
          details: {
            image: p.image,
            originalFileName: original,
            claimsSystemBinary: system,
            signature: p.signature.state,
          },
        });
      }
    }
  }
  return hits;
}

export const masqueradingDetector: ProcessDetector = { id: "process.masquerading", detect };
