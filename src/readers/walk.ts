/**
 * Path walking: expands the paths a user gave (files and directories, recursively) into the list of
 * files to read, in a deterministic order. Input: paths + a Diagnostics collector. Output: the files
 * (path as given/joined, size, whether the user named it). Nothing is skipped silently: missing or
 * unreadable entries, special files, symlink loops and duplicates each leave a located E_IO diagnostic.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostics.js";

/** One file to read. */
export interface WalkedFile {
  /** The path as given on the command line, or joined from a given directory */
  readonly path: string;
  /** Size in bytes when walked (for progress) */
  readonly size: number;
  /** True when the user named this file directly (not found inside a directory) */
  readonly explicit: boolean;
}

export interface WalkOptions {
  readonly diagnostics: Diagnostics;
  /** Deepest directory level entered below a given directory (default 64) */
  readonly maxDepth?: number;
  /** Most files listed in one walk (default 1,000,000); the rest is reported and left out */
  readonly maxFiles?: number;
}

const DEFAULT_MAX_DEPTH = 64;
const DEFAULT_MAX_FILES = 1_000_000;

/** Compares by UTF-16 code units: the same order on every machine and locale. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function reason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ELOOP") return "too many levels of symbolic links";
  return e instanceof Error ? e.message : String(e);
}

/**
 * Expands `paths` into files. The given paths keep their order; each directory's entries are visited
 * sorted by name, depth first. Symbolic links are followed, but a directory (or file) is visited only
 * once (by device + inode), so link loops end and duplicates are not read twice.
 */
export async function walkPaths(paths: readonly string[], options: WalkOptions): Promise<WalkedFile[]> {
  const { diagnostics } = options;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
  const files: WalkedFile[] = [];
  /** dev:ino → the path it was first seen under */
  const seen = new Map<string, string>();
  let full = false;

  const addFile = (path: string, size: number, explicit: boolean): void => {
    if (files.length >= maxFiles) {
      if (!full) {
        diagnostics.error("E_IO", `more than ${maxFiles} files: the rest are not read`, { file: path });
        full = true;
      }
      return;
    }
    files.push({ path, size, explicit });
  };

  const visit = async (path: string, explicit: boolean, depth: number): Promise<void> => {
    if (full) return;
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(path);
    } catch (e) {
      // A dangling link inside a directory has nothing to read: a warning. A path the user named must exist.
      const severity = explicit || (e as { code?: unknown }).code !== "ENOENT" ? "error" : "warning";
      diagnostics.report(severity, "E_IO", `cannot read: ${reason(e)}`, { file: path });
      return;
    }
    const id = `${st.dev}:${st.ino}`;
    const first = seen.get(id);
    if (first !== undefined) {
      const what = st.isDirectory() ? "directory" : "file";
      diagnostics.warn("E_IO", `same ${what} as ${first} (link loop or duplicate): skipped`, { file: path });
      return;
    }
    seen.set(id, path);
    if (st.isFile()) {
      addFile(path, Number(st.size), explicit);
      return;
    }
    if (!st.isDirectory()) {
      diagnostics.report(
        explicit ? "error" : "warning",
        "E_IO",
        "not a regular file or directory (pipes, sockets and devices are not read): skipped",
        { file: path },
      );
      return;
    }
    if (depth > maxDepth) {
      diagnostics.warn("E_IO", `directory nested deeper than ${maxDepth} levels: skipped`, { file: path });
      return;
    }
    let names: string[];
    try {
      names = await readdir(path);
    } catch (e) {
      diagnostics.error("E_IO", `cannot list directory: ${reason(e)}`, { file: path });
      return;
    }
    names.sort(byName);
    for (const name of names) {
      if (full) return;
      await visit(join(path, name), false, depth + 1);
    }
  };

  for (const path of paths) await visit(path, true, 0);
  return files;
}
