/**
 * Checks on a collected file's name that catch disguise: a right-to-left override or other invisible
 * bidi/format characters, a double extension (`invoice.pdf.exe`), an extension padded with spaces
 * (`photo.jpg        .exe`), and a document-like name on an executable. Input: the base name and the
 * type detected by magic. Output: a NameFinding per problem (empty when the name looks honest).
 */
import { EXECUTABLE_TYPES, type FileType } from "./file-type.js";

/** Every kind of name finding. */
export const NAME_FINDING_KINDS = [
  "bidi-control",
  "double-extension",
  "padded-extension",
  "document-name-on-executable",
  "extension-type-mismatch",
] as const;
export type NameFindingKind = (typeof NAME_FINDING_KINDS)[number];

/** One problem with the name. */
export interface NameFinding {
  readonly kind: NameFindingKind;
  readonly detail: string;
}

const DOCUMENT_EXTENSIONS: ReadonlySet<string> = new Set([
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
  "mp3",
  "mp4",
  "avi",
  "zip",
  "rar",
  "7z",
  "html",
  "htm",
  "odt",
]);
const EXECUTABLE_EXTENSIONS: ReadonlySet<string> = new Set([
  "exe",
  "dll",
  "scr",
  "com",
  "pif",
  "cpl",
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
]);

// U+200E/F marks, U+202A–E embeddings/overrides (U+202E is the RLO), U+2066–9 isolates
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Checks `name` (a base name, not a path) against the type found by magic. */
export function checkFileName(name: string, type: FileType): NameFinding[] {
  const findings: NameFinding[] = [];
  const bidi = BIDI.exec(name);
  if (bidi) {
    const code = bidi[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0");
    findings.push({ kind: "bidi-control", detail: `U+${code} reorders how the name is displayed` });
  }
  const parts = name.split(".");
  const last = (parts.length > 1 ? parts[parts.length - 1] : "")?.toLowerCase() ?? "";
  const previous = parts.length > 2 ? (parts[parts.length - 2] ?? "") : "";
  const executable = EXECUTABLE_TYPES.has(type);
  if (
    previous !== "" &&
    DOCUMENT_EXTENSIONS.has(previous.trim().toLowerCase()) &&
    EXECUTABLE_EXTENSIONS.has(last)
  ) {
    findings.push({
      kind: "double-extension",
      detail: `".${previous.trim()}.${last}" hides the real extension`,
    });
  }
  if (/\s{3,}\.[^.]+$/u.test(name) || /\.[a-z0-9]{1,5}\s{3,}/iu.test(name)) {
    findings.push({ kind: "padded-extension", detail: "runs of spaces push the real extension out of view" });
  }
  const documentLike =
    DOCUMENT_EXTENSIONS.has(last) ||
    parts.slice(1, -1).some((p) => DOCUMENT_EXTENSIONS.has(p.trim().toLowerCase()));
  if (executable && documentLike) {
    findings.push({
      kind: "document-name-on-executable",
      detail: `an executable (${type}) named like a document`,
    });
  } else if (executable && last !== "" && !EXECUTABLE_EXTENSIONS.has(last) && type === "pe") {
    findings.push({ kind: "extension-type-mismatch", detail: `a PE file with extension ".${last}"` });
  }
  return findings;
}
