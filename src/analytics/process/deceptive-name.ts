/**
 * Process viewpoint — names made to deceive the user: right-to-left override characters, double
 * extensions (`report.pdf.exe`), padding that pushes the real extension out of view
 * (`a.pdf______.exe`, many spaces), and executables named like documents (`invoice.exe`).
 * Input: a process (its image file name and command line). Output: one hit per sign found.
 */
import {
  type DetectionContext,
  identityEvidence,
  type ProcessDetector,
  type ProcessHit,
} from "./process-detector.js";
import { type ProcessInfo, processName } from "./process-node.js";
import { baseName, extensionOf, isInInstallFolder, normalizePath } from "./windows-path.js";

/** Extensions of files users open as documents (the decoy part of a double extension). */
export const DOCUMENT_EXTENSIONS = [
  "pdf",
  "doc",
  "docx",
  "docm",
  "xls",
  "xlsx",
  "xlsm",
  "ppt",
  "pptx",
  "rtf",
  "txt",
  "csv",
  "jpg",
  "jpeg",
  "png",
  "gif",
  "bmp",
  "htm",
  "html",
  "zip",
  "rar",
  "7z",
  "mp3",
  "mp4",
  "avi",
  "jtd",
  "hwp",
] as const;

/** Extensions Windows runs directly (the real part of a double extension). */
export const RUNNABLE_EXTENSIONS = [
  "exe",
  "scr",
  "com",
  "pif",
  "bat",
  "cmd",
  "vbs",
  "vbe",
  "js",
  "jse",
  "wsf",
  "hta",
  "cpl",
  "msi",
  "ps1",
  "lnk",
] as const;

/** Words of document-looking executable names (English and Japanese business documents). */
export const DOCUMENT_WORDS = [
  "invoice",
  "receipt",
  "payment",
  "order",
  "report",
  "resume",
  "contract",
  "document",
  "statement",
  "quotation",
  "purchase",
  "shipping",
  "delivery",
  "scan",
  "請求書",
  "見積",
  "領収書",
  "注文",
  "履歴書",
  "契約",
  "報告書",
] as const;

/** Unicode bidirectional controls that reverse how the rest of a name is displayed. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;

const DOUBLE_EXTENSION = new RegExp(
  `\\.(${DOCUMENT_EXTENSIONS.join("|")})([\\s._\\-\\u00a0]*)\\.(${RUNNABLE_EXTENSIONS.join("|")})$`,
  "i",
);
const DOCUMENT_WORD = new RegExp(
  `(^|[^a-z])(${DOCUMENT_WORDS.filter((w) => /^[a-z]/.test(w)).join("|")})|(${DOCUMENT_WORDS.filter((w) => !/^[a-z]/.test(w)).join("|")})`,
  "i",
);
const APP_EXTENSIONS: ReadonlySet<string> = new Set(["exe", "scr", "com", "pif"]);

/** The longest run of padding characters (spaces, underscores, dots, no-break spaces) in a name. */
export function longestPadding(name: string): number {
  let best = 0;
  for (const m of name.matchAll(/[ _.\u00a0]+/g)) best = Math.max(best, m[0].length);
  return best;
}

function detect(p: ProcessInfo, ctx: DetectionContext): ProcessHit[] {
  if (!p.image) return [];
  const name = baseName(p.image);
  const hits: ProcessHit[] = [];
  const evidence = identityEvidence(p, ctx);
  if (evidence.length === 0) return [];
  const shown = processName(p);
  if (BIDI_CONTROLS.test(p.image) || (p.commandLine !== undefined && BIDI_CONTROLS.test(p.commandLine)))
    hits.push({
      detector: "process.rtlo",
      severity: "high",
      confidence: 0.85,
      stage: "exploitation",
      attack: ["T1036.002"],
      evidence,
      message: {
        en: `${escapeBidi(shown)} has a right-to-left override character in its name or command line, which disguises its real extension.`,
        ja: `${escapeBidi(shown)} の名前またはコマンドラインに右から左への上書き文字があり、本当の拡張子を偽装しています。`,
      },
      details: { image: escapeBidi(p.image) },
    });
  const padding = longestPadding(name.slice(0, Math.max(0, name.lastIndexOf("."))));
  const padded = padding >= ctx.options.paddingRun;
  const double = DOUBLE_EXTENSION.exec(name);
  if (double) {
    hits.push({
      detector: "process.double-extension",
      severity: "high",
      confidence: 0.8,
      stage: "exploitation",
      attack: ["T1036.007"],
      evidence,
      message: {
        en: `${shown} has a double extension (.${double[1]} then .${double[3]}${padded ? ", padded to hide it" : ""}): an executable posing as a document.`,
        ja: `${shown} は二重拡張子（.${double[1]} の後に .${double[3]}${padded ? "、空白等で隠蔽" : ""}）を持ち、文書を装った実行ファイルです。`,
      },
      details: {
        image: p.image,
        decoyExtension: double[1].toLowerCase(),
        realExtension: double[3].toLowerCase(),
        padding,
      },
    });
  } else if (padded) {
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
  const ext = extensionOf(name);
  const word = DOCUMENT_WORD.exec(name.slice(0, name.length - ext.length));
  if (!double && word && APP_EXTENSIONS.has(ext) && !isInInstallFolder(normalizePath(p.image)))
    hits.push({
      detector: "process.document-name",
      severity: "medium",
      confidence: 0.4,
      stage: "exploitation",
      attack: ["T1036.008"],
      evidence,
      message: {
        en: `${shown} is an executable named like a document ("${word[2] ?? word[3]}").`,
        ja: `${shown} は文書のような名前（「${word[2] ?? word[3]}」）の実行ファイルです。`,
      },
      details: { image: p.image, word: (word[2] ?? word[3]).toLowerCase() },
    });
  return hits;
}

/** Shows bidirectional controls as `<U+202E>` so messages display in logical order. */
function escapeBidi(s: string): string {
  return s.replace(
    /[\u202a-\u202e\u2066-\u2069]/g,
    (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase()}>`,
  );
}

export const deceptiveNameDetector: ProcessDetector = { id: "process.deceptive-name", detect };
