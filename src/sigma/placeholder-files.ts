/**
 * Placeholder values for the `expand` modifier, read from a directory of `<name>.txt` files: one
 * Sigma value per line (wildcards allowed), blank lines and `#` comments ignored. Files are read
 * once per load. A missing directory or file is a RuleError naming the file to create.
 * Input: the directory (LoadOptions.placeholders). Output: a PlaceholderSource.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { PlaceholderSource } from "./modifiers.js";
import { RuleError } from "./rule-error.js";

/** Largest placeholder file read, and most values taken from it. */
export const MAX_PLACEHOLDER_FILE_BYTES = 1024 * 1024;
export const MAX_PLACEHOLDER_VALUES = 10_000;

export class PlaceholderFiles implements PlaceholderSource {
  private readonly cache = new Map<string, readonly string[] | string>();

  constructor(private readonly dir: string | undefined) {}

  values(name: string, line: number): readonly string[] {
    if (this.dir === undefined) {
      throw new RuleError(
        `placeholder %${name}% needs a value file, but no placeholder directory was given (LoadOptions.placeholders: a directory holding ${name}.txt)`,
        line,
      );
    }
    let cached = this.cache.get(name);
    if (cached === undefined) {
      cached = this.read(name);
      this.cache.set(name, cached);
    }
    if (typeof cached === "string") throw new RuleError(cached, line);
    return cached;
  }

  /** The values, or the reason they cannot be read. */
  private read(name: string): readonly string[] | string {
    const file = join(this.dir as string, `${name}.txt`);
    try {
      const size = statSync(file).size;
      if (size > MAX_PLACEHOLDER_FILE_BYTES) {
        return `placeholder file ${file} is larger than ${MAX_PLACEHOLDER_FILE_BYTES} bytes`;
      }
      const values = readFileSync(file, "utf8")
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== "" && !l.startsWith("#"));
      if (values.length > MAX_PLACEHOLDER_VALUES) {
        return `placeholder file ${file} has more than ${MAX_PLACEHOLDER_VALUES} values`;
      }
      if (values.length === 0) return `placeholder file ${file} has no values`;
      return values;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === "ENOENT"
        ? `placeholder %${name}% has no value file: create ${file} (one value per line)`
        : `placeholder file ${file} could not be read: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
}
