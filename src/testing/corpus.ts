/**
 * Test support: where the third-party corpus (../shared/corpus) is, if present.
 * Tests read it in place and skip with a printed reason when it is absent. Never copy it into the repo.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is at dist/src/testing/corpus.js or src/testing/corpus.ts). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "package.json"))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/** The corpus directory ($MIKIWAME_CORPUS, else ../shared/corpus beside the repo), or undefined. */
export function corpusDir(): string | undefined {
  const env = process.env.MIKIWAME_CORPUS;
  const dir = env ? resolve(env) : resolve(repoRoot(), "..", "shared", "corpus");
  return existsSync(dir) ? dir : undefined;
}

/** A path inside the corpus, or undefined when the corpus (or that path) is absent. */
export function corpusPath(...parts: string[]): string | undefined {
  const dir = corpusDir();
  if (!dir) return undefined;
  const p = join(dir, ...parts);
  return existsSync(p) ? p : undefined;
}

/** The reason to print when skipping a corpus test. */
export function corpusSkipReason(what: string): string {
  return `skipped: ${what} not found (../shared/corpus is absent; set MIKIWAME_CORPUS to its path)`;
}
