/**
 * `mikiwame file <paths…>`: triage of collected files. Input: file paths; reputation sources (the data
 * directory's intel store and allow-list, `--indicators` / `--known-good` files, and with `--online` the
 * online services). Output on stdout: per file a verdict line with reasons, hashes, reputation per
 * source, type by magic, name findings and, for PE files, headers, imphash, version info, sections with
 * entropy and the Authenticode result — or `--json` (an array of reports). Structure problems go to
 * stderr as located diagnostics; exit 1 when a file could not be read.
 */
import type { Command } from "commander";
import { renderFileReport } from "../../file-triage/file-report-text.js";
import { setUpReputation } from "../../file-triage/reputation-setup.js";
import { type FileReport, triageFile } from "../../file-triage/triage-file.js";
import { safeJsonStringify } from "../../outputs/json-text.js";
import { escapeTerminalLines } from "../../outputs/terminal-escape.js";
import type { CliRuntime } from "../cli-runtime.js";

interface FileOptions {
  readonly json?: boolean;
  readonly indicators: string[];
  readonly knownGood: string[];
  readonly online?: boolean;
  readonly offline?: boolean;
  readonly host?: string;
  readonly user?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Adds `file` to the program. */
export function registerFileCommand(program: Command, runtime: CliRuntime): void {
  program
    .command("file")
    .summary("triage collected files: hashes, reputation, type, PE details, imphash, Authenticode, names")
    .description(
      "For each file: MD5/SHA1/SHA256, reputation (the intel store and allow-list of the data directory, " +
        "--indicators and --known-good files, and with --online VirusTotal / X-Force), type by magic, " +
        "name checks (double or padded extension, right-to-left override, document name on an " +
        "executable); for PE files also headers, compile time, sections with entropy, imports and " +
        "imphash, version info and the Authenticode signature (digest checked against the file; chain " +
        "followed inside the signature only, no OS trust store). Ends each file with a verdict line and " +
        "its reasons.",
    )
    .argument("<paths...>", "files to triage")
    .option(
      "--indicators <file>",
      "indicator feed to look hashes up in (repeatable; any intel format)",
      collect,
      [],
    )
    .option(
      "--known-good <file>",
      "known-good hash list (repeatable; one hash a line or md5/sha1/sha256 CSV)",
      collect,
      [],
    )
    .option(
      "--online",
      "also ask VirusTotal / X-Force (keys: VT_API_KEY, XFORCE_API_KEY + XFORCE_API_PASSWORD)",
    )
    .option("--offline", "never call an online service (wins over --online; cached answers only)")
    .option("--host <name>", "host the files come from (for host-scoped allow-list entries)")
    .option("--user <name>", "user the files belong to (for user-scoped allow-list entries)")
    .option("--json", "print the reports as one JSON array")
    .action(async (paths: string[], _options: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const options = command.opts<FileOptions>();
        const setup = await setUpReputation({
          dataDir: ctx.dataDir,
          indicators: options.indicators,
          knownGood: options.knownGood,
          online: options.online === true,
          offline: options.offline === true,
          signal: ctx.signal,
          diagnostics: ctx.diagnostics,
        });
        const context = {
          ...(options.host !== undefined && { host: options.host }),
          ...(options.user !== undefined && { user: options.user }),
        };
        const reputation = { ...setup.sources, context };
        const reports: FileReport[] = [];
        try {
          for (const p of paths) {
            if (ctx.signal.aborted) break;
            const report = await triageFile(p, ctx.diagnostics, { reputation });
            if (!report) continue;
            if (options.json) reports.push(report);
            else await ctx.out.write(`${escapeTerminalLines(renderFileReport(report).join("\n"))}\n\n`);
          }
        } finally {
          await setup.finish();
        }
        if (options.json) await ctx.out.write(`${safeJsonStringify(reports, 2)}\n`);
      });
    });
}
