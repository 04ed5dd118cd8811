/**
 * The one data directory for everything mikiwame keeps (rules, intel, the embedded database, config).
 * Input: the environment. Output: the directory path (not created here) and the config file's path in it.
 */
import { join, resolve } from "node:path";
import envPaths from "env-paths";

/** Environment variable that overrides the data directory. */
export const DATA_DIR_ENV = "MIKIWAME_HOME";

/** The configuration file's name inside the data directory. */
export const CONFIG_FILE_NAME = "config.yaml";

/**
 * `$MIKIWAME_HOME` when set and non-empty (resolved to an absolute path), otherwise the platform's
 * data directory: `$XDG_DATA_HOME/mikiwame` or `~/.local/share/mikiwame` on Linux,
 * `~/Library/Application Support/mikiwame` on macOS, `%LOCALAPPDATA%\mikiwame\Data` on Windows.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[DATA_DIR_ENV];
  if (override !== undefined && override.trim() !== "") return resolve(override);
  return envPaths("mikiwame", { suffix: "" }).data;
}

/** The path of `config.yaml` in `dataDir`. */
export function configFilePath(dataDir: string): string {
  return join(dataDir, CONFIG_FILE_NAME);
}
