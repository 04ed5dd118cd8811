/**
 * Static knowledge of file names made to deceive a user (MITRE T1036.002/.007/.008): the vocabularies
 * (document extensions, executable extensions, document-like words, bidi controls, padding characters)
 * and pure checks that say what they found. Shared by the process viewpoint and `mikiwame file`.
 * Input: a base name (not a path). Output: the sign found (a value) or `undefined`/empty when honest.
 */

/**
 * Extensions of files users open as documents, pictures, media or archives: the decoy part of a
 * double extension and the mark of a document-looking name. Union of the process viewpoint's list
 * (with the Japanese word processors `jtd` Ichitaro and `hwp` Hangul) and the file triage's (`odt`).
 */
export const DOCUMENT_EXTENSIONS = [
  "pdf",
  "doc",
  "docx",
  "docm",
  "odt",
  "xls",
  "xlsx",
  "xlsm",
  "ppt",
  "pptx",
  "rtf",
  "txt",
  "csv",
  "jtd",
  "hwp",
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
] as const;
/** One document extension (lower case, no dot). */
export type DocumentExtension = (typeof DOCUMENT_EXTENSIONS)[number];

/**
 * Extensions of code that runs when opened or loaded, on Windows (programs, libraries, drivers,
 * installers, scripts, shortcuts) and elsewhere (`jar`, `elf`, `so`, `bin`, `sh`): the real part of a
 * double extension. Union of the process viewpoint's runnable list and the file triage's list.
 */
export const EXECUTABLE_EXTENSIONS = [
  "exe",
  "scr",
  "com",
  "pif",
  "cpl",
  "dll",
  "sys",
  "ocx",
  "msi",
  "bat",
  "cmd",
  "ps1",
  "vbs",
  "vbe",
  "js",
  "jse",
  "wsf",
  "hta",
  "lnk",
  "jar",
  "elf",
  "so",
  "bin",
  "sh",
] as const;
/** One executable extension (lower case, no dot). */
export type ExecutableExtension = (typeof EXECUTABLE_EXTENSIONS)[number];

/**
 * Extensions of native programs a double-click starts: a document word on one of these is a lure,
 * while on a script or library it is too common to mean anything.
 */
export const PROGRAM_EXTENSIONS = [
  "exe",
  "scr",
  "com",
  "pif",
] as const satisfies readonly ExecutableExtension[];
/** One program extension. */
export type ProgramExtension = (typeof PROGRAM_EXTENSIONS)[number];

/**
 * Words of document-looking executable names (English and Japanese business documents). English
 * words match at the start of a word only (`border` does not contain `order`); Japanese anywhere.
 */
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
/** One document word. */
export type DocumentWord = (typeof DOCUMENT_WORDS)[number];

/**
 * Unicode bidirectional controls, which reorder how the rest of a name is displayed: U+061C ALM,
 * U+200E/F LRM/RLM, U+202A–E embeddings and overrides (U+202E is the right-to-left override, RLO),
 * U+2066–9 isolates.
 */
export const BIDI_CONTROLS = [
  "\u061c",
  "\u200e",
  "\u200f",
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
] as const;
/** One bidi control character. */
export type BidiControl = (typeof BIDI_CONTROLS)[number];

/** Padding runs at least this long push an extension out of view (the default of both callers). */
export const DEFAULT_PADDING_RUN = 5;

/** A bidi control found in a name. */
export interface BidiControlFound {
  readonly control: BidiControl;
  /** `U+202E` */
  readonly codePoint: string;
  /** UTF-16 index in the name. */
  readonly index: number;
}

/** A document extension followed by an executable one at the end of a name (`report.pdf.exe`). */
export interface DoubleExtension {
  readonly decoy: DocumentExtension;
  readonly real: ExecutableExtension;
  /** Padding characters between the two extensions (0 in `report.pdf.exe`). */
  readonly padding: number;
}

const DOCUMENT_SET: ReadonlySet<string> = new Set(DOCUMENT_EXTENSIONS);
const EXECUTABLE_SET: ReadonlySet<string> = new Set(EXECUTABLE_EXTENSIONS);
const PROGRAM_SET: ReadonlySet<string> = new Set(PROGRAM_EXTENSIONS);
const BIDI_SET: ReadonlySet<string> = new Set(BIDI_CONTROLS);
const BIDI_GLOBAL = new RegExp(`[${BIDI_CONTROLS.join("")}]`, "gu");

// padding: any white space (incl. U+00A0 and U+3000), underscores and dots
const PADDING_RUNS = /[\s_.]+/gu;
const TRAILING_SPACE = /\s+$/u;
const DOUBLE_EXTENSION = new RegExp(
  `\\.\\s*(${DOCUMENT_EXTENSIONS.join("|")})([\\s._\\-]*)\\.(${EXECUTABLE_EXTENSIONS.join("|")})$`,
  "iu",
);
const ASCII_WORDS = DOCUMENT_WORDS.filter((w) => /^[a-z]/.test(w));
const OTHER_WORDS = DOCUMENT_WORDS.filter((w) => !/^[a-z]/.test(w));
const DOCUMENT_WORD = new RegExp(`(?:^|[^a-z])(${ASCII_WORDS.join("|")})|(${OTHER_WORDS.join("|")})`, "iu");

/** True for a document extension (any case, no dot). */
export function isDocumentExtension(ext: string): boolean {
  return DOCUMENT_SET.has(ext.toLowerCase());
}

/** True for an executable extension (any case, no dot). */
export function isExecutableExtension(ext: string): boolean {
  return EXECUTABLE_SET.has(ext.toLowerCase());
}

/** True for a program extension (any case, no dot). */
export function isProgramExtension(ext: string): boolean {
  return PROGRAM_SET.has(ext.toLowerCase());
}

/** The final extension of a name, lower case without the dot (`""` when there is none). */
export function finalExtension(name: string): string {
  const i = name.lastIndexOf(".");
  return i >= 0 && i < name.length - 1 ? name.slice(i + 1).toLowerCase() : "";
}

/** Every bidi control in `name`, in order. */
export function bidiControls(name: string): BidiControlFound[] {
  const found: BidiControlFound[] = [];
  for (const m of name.matchAll(BIDI_GLOBAL)) {
    const control = m[0];
    if (!isBidiControl(control)) continue;
    found.push({ control, codePoint: codePointOf(control), index: m.index ?? 0 });
  }
  return found;
}

/** Shows bidi controls as `<U+202E>` so a message displays in logical order. */
export function escapeBidiControls(s: string): string {
  return s.replace(BIDI_GLOBAL, (c) => `<${codePointOf(c)}>`);
}

/** The double extension ending `name` (`report.pdf.exe`, `a.pdf_____.scr`), if any. */
export function doubleExtension(name: string): DoubleExtension | undefined {
  const m = DOUBLE_EXTENSION.exec(name);
  const decoy = m?.[1]?.toLowerCase();
  const real = m?.[3]?.toLowerCase();
  if (m === null || !isDocument(decoy) || !isExecutable(real)) return undefined;
  return { decoy, real, padding: m[2]?.length ?? 0 };
}

/** The longest run of padding characters (white space, underscores, dots) in `s`. */
export function longestPadding(s: string): number {
  let best = 0;
  for (const m of s.matchAll(PADDING_RUNS)) best = Math.max(best, m[0].length);
  return best;
}

/**
 * The longest padding run hiding the real extension — before the final extension
 * (`a.pdf______.exe`, `setup          .exe`) or after it (`photo.jpg        `) — when it is at least
 * `minRun` long; otherwise `undefined`. Dots between version numbers (`app.1.2.3.exe`) are runs of 1.
 */
export function paddedExtension(name: string, minRun: number = DEFAULT_PADDING_RUN): number | undefined {
  const trailing = TRAILING_SPACE.exec(name)?.[0].length ?? 0;
  const trimmed = name.slice(0, name.length - trailing);
  const stem = trimmed.slice(0, Math.max(0, trimmed.lastIndexOf(".")));
  const run = Math.max(longestPadding(stem), trailing);
  return run >= minRun ? run : undefined;
}

/**
 * The document word in `name` before its final extension (`Invoice_2026.exe` → `invoice`, `請求書.exe`
 * → `請求書`), lower case, if any.
 */
export function documentWord(name: string): DocumentWord | undefined {
  const ext = finalExtension(name);
  const stem = ext === "" ? name : name.slice(0, name.length - ext.length - 1);
  const m = DOCUMENT_WORD.exec(stem);
  const word = (m?.[1] ?? m?.[2])?.toLowerCase();
  return DOCUMENT_WORDS.find((w) => w === word);
}

/**
 * The document extension among the extensions of `name` — the final one (`readme.txt`) or an inner
 * one (`photo.jpg   .scr`, spaces around it allowed) — lower case, if any.
 */
export function documentExtension(name: string): DocumentExtension | undefined {
  const parts = name.split(".").slice(1);
  for (let i = parts.length - 1; i >= 0; i--) {
    const ext = parts[i]?.trim().toLowerCase();
    if (isDocument(ext)) return ext;
  }
  return undefined;
}

function isDocument(ext: string | undefined): ext is DocumentExtension {
  return ext !== undefined && DOCUMENT_SET.has(ext);
}

function isExecutable(ext: string | undefined): ext is ExecutableExtension {
  return ext !== undefined && EXECUTABLE_SET.has(ext);
}

function isBidiControl(c: string): c is BidiControl {
  return BIDI_SET.has(c);
}

function codePointOf(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}
