/**
 * Windows path handling for the process analytics: one canonical, comparable form of an image or file
 * path (lower case, backslashes, device and environment prefixes resolved), and the questions the
 * detectors ask about it (name, extension, folder depth, system folder, install folder).
 * Input: paths as logs write them. Output: strings and booleans; never throws.
 */

/** Paths longer than this are cut before matching (a log field can be arbitrarily long). */
const MAX_PATH_CHARS = 4_096;

/**
 * The comparable form of a path: trimmed, quotes removed, `/` → `\`, lower case, and the prefixes
 * Windows logs use for the same place resolved (`\??\`, `\\?\`, `\Device\HarddiskVolumeN\` → `c:\`,
 * `%SystemRoot%` / `\SystemRoot\` → `c:\windows`). Empty for undefined.
 */
export function normalizePath(path: string | undefined): string {
  if (!path) return "";
  let p = path.length > MAX_PATH_CHARS ? path.slice(0, MAX_PATH_CHARS) : path;
  p = p
    .trim()
    .replace(/^"+|"+$/g, "")
    .replace(/\//g, "\\")
    .toLowerCase();
  p = p.replace(/^\\\\\?\\|^\\\?\?\\/, "");
  p = p.replace(/^\\device\\harddiskvolume\d+\\/, "c:\\");
  p = p.replace(/^%systemroot%\\|^\\systemroot\\/, "c:\\windows\\");
  p = p.replace(/^%windir%\\/, "c:\\windows\\");
  return p;
}

/** The path without its drive (`c:\windows\x.exe` → `\windows\x.exe`), for drive-independent checks. */
export function withoutDrive(normalized: string): string {
  return normalized.replace(/^[a-z]:(?=\\)/, "");
}

/** The last path component (`C:\a\B.exe` → `B.exe`), case kept. */
export function baseName(path: string | undefined): string {
  if (!path) return "";
  const p = path.replace(/\//g, "\\").replace(/\\+$/, "");
  const i = p.lastIndexOf("\\");
  return (i >= 0 ? p.slice(i + 1) : p).replace(/^"+|"+$/g, "");
}

/** The folder part of a normalized path (`c:\a\b.exe` → `c:\a`). */
export function dirName(normalized: string): string {
  const i = normalized.lastIndexOf("\\");
  return i > 0 ? normalized.slice(0, i) : "";
}

/** The lower-case extension of a file name, without the dot (`a.PDF.exe` → `exe`), or "". */
export function extensionOf(name: string): string {
  const i = name.lastIndexOf(".");
  return i >= 0 && i < name.length - 1 ? name.slice(i + 1).toLowerCase() : "";
}

/** Number of folders between the drive (or root) and the file: `c:\a\b\x.exe` → 2. */
export function folderDepth(normalized: string): number {
  const parts = withoutDrive(normalized)
    .split("\\")
    .filter((s) => s.length > 0);
  return Math.max(0, parts.length - 1);
}

/** True when the normalized path is directly in or below `folder` (a normalized folder without drive). */
export function isUnder(normalized: string, folder: string): boolean {
  const p = withoutDrive(normalized);
  const f = folder.endsWith("\\") ? folder : `${folder}\\`;
  return p.startsWith(f);
}

/** Folders Windows itself installs binaries into (System32, SysWOW64, WinSxS, the Windows folder's root). */
const SYSTEM_FOLDERS = ["\\windows\\system32", "\\windows\\syswow64", "\\windows\\winsxs"] as const;

/** True for images in System32 / SysWOW64 / WinSxS. */
export function isInSystemFolder(normalized: string): boolean {
  return SYSTEM_FOLDERS.some((f) => isUnder(normalized, f));
}

/** True for images directly in the Windows folder (`c:\windows\explorer.exe`). */
export function isInWindowsRoot(normalized: string): boolean {
  return dirName(withoutDrive(normalized)) === "\\windows";
}

/** Folders where installed software lives (Program Files, the Windows folder). */
const INSTALL_FOLDERS = ["\\program files", "\\program files (x86)", "\\windows"] as const;

/** True for images under Program Files, Program Files (x86) or the Windows folder. */
export function isInInstallFolder(normalized: string): boolean {
  return INSTALL_FOLDERS.some((f) => isUnder(normalized, f));
}

/** Executable file extensions: a file with one of these, written by a process, is "an executable". */
export const EXECUTABLE_EXTENSIONS = [
  "exe",
  "dll",
  "scr",
  "com",
  "pif",
  "sys",
  "cpl",
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
] as const;
export type ExecutableExtension = (typeof EXECUTABLE_EXTENSIONS)[number];

const EXECUTABLE_SET: ReadonlySet<string> = new Set(EXECUTABLE_EXTENSIONS);

/** True when the file name's extension is an executable one. */
export function isExecutableName(name: string): boolean {
  return EXECUTABLE_SET.has(extensionOf(name));
}
