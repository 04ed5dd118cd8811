/**
 * Small durable file writes for the server's own files in the data directory (tokens, audit log, notes):
 * an atomic replace (temp file, fsync, rename, fsync of the directory) and a whole-line append (one
 * `write` on an append descriptor, optionally fsync'd), plus an exclusive lock file for read-modify-write
 * across processes (the CLI's `token` command and a running server). Input: paths and text. Output: the
 * file on disk. Rejects with the file system's error.
 */
import { open, rename, stat, unlink } from "node:fs/promises";
import { dirname } from "node:path";

/** Makes a directory entry (a new or renamed file) durable; best effort where directories cannot be opened. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // some platforms (Windows) cannot fsync a directory; the file's own fsync still holds its content
  } finally {
    await handle?.close();
  }
}

/** Replaces `file` with `text` atomically and durably (mode 0600: the server's files may hold hashes). */
export async function replaceFileDurably(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, "w", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  await syncDirectory(dirname(file));
}

/**
 * Appends one whole line (a trailing `\n` is added) with a single write on an append descriptor, so two
 * processes appending at once never interleave partial lines on a local file system. `sync`: fsync
 * before returning (the line survives a crash once this resolves).
 */
export async function appendLine(file: string, line: string, sync: boolean): Promise<void> {
  const handle = await open(file, "a", 0o600);
  try {
    await handle.write(`${line}\n`);
    if (sync) await handle.sync();
  } finally {
    await handle.close();
  }
}

/** How long to wait for a lock, and when a lock left by a dead process is taken over. */
const LOCK_WAIT_MS = 10_000;
const LOCK_STALE_MS = 30_000;
const LOCK_RETRY_MS = 15;

/**
 * Runs `body` while holding `<file>.lock` (created exclusively). A lock older than 30 s is taken as left
 * by a crashed process and removed. Rejects when the lock stays held for 10 s.
 */
export async function withFileLock<T>(file: string, body: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  // bounded by the deadline: each round waits LOCK_RETRY_MS
  for (;;) {
    try {
      const handle = await open(lock, "wx", 0o600);
      await handle.write(String(process.pid));
      await handle.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > LOCK_STALE_MS) await unlink(lock).catch(() => undefined);
      else if (Date.now() > deadline) throw new Error(`${lock} is held by another process (waited 10 s)`);
      else await new Promise((r) => setTimeout(r, LOCK_RETRY_MS));
    }
  }
  try {
    return await body();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}
