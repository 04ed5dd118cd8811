/**
 * Checks on a collected file's name that catch disguise: a right-to-left override or other invisible
 * bidi/format characters, a double extension (`invoice.pdf.exe`), an extension padded with spaces
 * (`photo.jpg        .exe`), and a document-like name on an executable — the signs and vocabularies of
 * `src/knowledge/deceptive-file-name.ts`. Input: the base name and the
 * type detected by magic. Output: a NameFinding per problem (empty when the name looks honest).
 */
import {
  bidiControls,
  DEFAULT_PADDING_RUN,
  documentExtension,
  doubleExtension,
  finalExtension,
  isExecutableExtension,
  paddedExtension,
} from "../knowledge/deceptive-file-name.js";
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

/** Checks `name` (a base name, not a path) against the type found by magic. */
export function checkFileName(name: string, type: FileType): NameFinding[] {
  const findings: NameFinding[] = [];
  const [bidi] = bidiControls(name);
  if (bidi)
    findings.push({ kind: "bidi-control", detail: `${bidi.codePoint} reorders how the name is displayed` });
  const double = doubleExtension(name);
  if (double) {
    findings.push({
      kind: "double-extension",
      detail: `".${double.decoy}.${double.real}" hides the real extension`,
    });
  }
  const padding = paddedExtension(name, DEFAULT_PADDING_RUN);
  if (padding !== undefined) {
    findings.push({
      kind: "padded-extension",
      detail: `a run of ${padding} padding characters pushes the real extension out of view`,
    });
  }
  const executable = EXECUTABLE_TYPES.has(type);
  const last = finalExtension(name);
  if (executable && documentExtension(name) !== undefined) {
    findings.push({
      kind: "document-name-on-executable",
      detail: `an executable (${type}) named like a document`,
    });
  } else if (executable && last !== "" && !isExecutableExtension(last) && type === "pe") {
    findings.push({ kind: "extension-type-mismatch", detail: `a PE file with extension ".${last}"` });
  }
  return findings;
}
