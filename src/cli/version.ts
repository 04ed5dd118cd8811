/**
 * The version of mikiwame, read from the package.json of the installed package.
 * Input: this module's location. Output: the version string (`unknown` if no package.json is found).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Walks up from this file (dist/src/cli/version.js) to mikiwame's package.json. */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === "mikiwame" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // no (readable) package.json here: keep walking up
    }
    dir = dirname(dir);
  }
  return "unknown";
}
