/**
 * Process viewpoint — names made to deceive the user: right-to-left override characters, double
 * extensions (`report.pdf.exe`), padding that pushes the real extension out of view
 * (`a.pdf______.exe`, many spaces), and executables named like documents (`invoice.exe`).
 * Input: a process (its image file name and command line). Output: one hit per sign found.
 */
import {
  bidiControls,
  documentExtension,
  documentWord,
  doubleExtension,
  escapeBidiControls,
  isProgramExtension,
  paddedExtension,
} from "../../knowledge/deceptive-file-name.js";
import {
  type DetectionContext,
  identityEvidence,
  type ProcessDetector,
  type ProcessHit,
} from "./process-detector.js";
import { type ProcessInfo, processName } from "./process-node.js";
import { baseName, extensionOf, isInInstallFolder, normalizePath } from "./windows-path.js";

function detect(p: ProcessInfo, ctx: DetectionContext): ProcessHit[] {
  if (!p.image) return [];
  const name = baseName(p.image);
  const hits: ProcessHit[] = [];
  const evidence = identityEvidence(p, ctx);
  if (evidence.length === 0) return [];
  const shown = processName(p);
  if (
    bidiControls(p.image).length > 0 ||
    (p.commandLine !== undefined && bidiControls(p.commandLine).length > 0)
  )
    hits.push({
      detector: "process.rtlo",
      severity: "high",
      confidence: 0.85,
      stage: "exploitation",
      attack: ["T1036.002"],
      evidence,
      message: {
        en: `${escapeBidiControls(shown)} has a right-to-left override character in its name or command line, which disguises its real extension.`,
        ja: `${escapeBidiControls(shown)} の名前またはコマンドラインに右から左への上書き文字があり、本当の拡張子を偽装しています。`,
      },
      details: { image: escapeBidiControls(p.image) },
    });
  const padding = paddedExtension(name, ctx.options.paddingRun);
  const double = doubleExtension(name);
  if (double) {
    hits.push({
      detector: "process.double-extension",
      severity: "high",
      confidence: 0.8,
      stage: "exploitation",
      attack: ["T1036.007"],
      evidence,
      message: {
        en: `${shown} has a double extension (.${double.decoy} then .${double.real}${padding !== undefined ? ", padded to hide it" : ""}): an executable posing as a document.`,
        ja: `${shown} は二重拡張子（.${double.decoy} の後に .${double.real}${padding !== undefined ? "、空白等で隠蔽" : ""}）を持ち、文書を装った実行ファイルです。`,
      },
      details: {
        image: p.image,
        decoyExtension: double.decoy,
        realExtension: double.real,
        padding: padding ?? 0,
      },
    });
  } else if (padding !== undefined) {
    hits.push({
      detector: "process.padded-name",
      severity: "medium",
      confidence: 0.6,
      stage: "exploitation",
      attack: ["T1036"],
      evidence,
      message: {
        en: `${shown} has ${padding} padding characters in its name, pushing the real extension out of view.`,
        ja: `${shown} の名前に ${padding} 文字の埋め草があり、本当の拡張子を見えにくくしています。`,
      },
      details: { image: p.image, padding },
    });
  }
  const word = documentWord(name) ?? documentExtension(name);
  if (!double && word && isProgramExtension(extensionOf(name)) && !isInInstallFolder(normalizePath(p.image)))
    hits.push({
      detector: "process.document-name",
      severity: "medium",
      confidence: 0.4,
      stage: "exploitation",
      attack: ["T1036.008"],
      evidence,
      message: {
        en: `${shown} is an executable named like a document ("${word}").`,
        ja: `${shown} は文書のような名前（「${word}」）の実行ファイルです。`,
      },
      details: { image: p.image, word },
    });
  return hits;
}

/** Detects the deceptive-name signs of `src/knowledge/deceptive-file-name.ts` on a process image. */
export const deceptiveNameDetector: ProcessDetector = { id: "process.deceptive-name", detect };
