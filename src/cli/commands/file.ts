/**
 * `mikiwame file <paths…>`: triage of collected files. Input: file paths. Output on stdout: per file a
 * verdict line with reasons, hashes, type by magic, name findings and, for PE files, headers, imphash,
 * version info, sections with entropy and the Authenticode result — or `--json` (an array of reports).
 * Structure problems go to stderr as located diagnostics; exit 1 when a file could not be read.
 */
import type { Command } from "commander";
import { renderFileReport } from "../../file-triage/file-report-text.js";
import { type FileReport, triageFile } from "../../file-triage/triage-file.js";
import { safeJsonStringify } from "../../outputs/json-text.js";
import { escapeTerminalLines } from "../../outputs/terminal-escape.js";
import type { CliRuntime } from "../cli-runtime.js";

interface FileOptions {
  readonly json?: boolean;
}

/** Adds `file` to the program. */
export function registerFileCommand(program: Command, runtime: CliRuntime): void {
  program
    .command("file")
    .summary("triage collected files: hashes, type, PE details, imphash, Authenticode, name checks")
    .description(
      "For each file: MD5/SHA1/SHA256, type by magic, name checks (double or padded extension, " +
        "right-to-left override, document name on an executable); for PE files also headers, compile " +
        "time, sections with entropy, imports and imphash, version info and the Authenticode signature " +
        "(digest checked against the file; chain followed inside the signature only, no OS trust store). " +
        "Ends each file with a verdict line and its reasons.",
    )
    .argument("<paths...>", "files to triage")
    .option("--json", "print the reports as one JSON array")
    .action(async (paths: string[], _options: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const options = command.opts<FileOptions>();
        const reports: FileReport[] = [];
        for (const p of paths) {
          if (ctx.signal.aborted) break;
          const report = await triageFile(p, ctx.diagnostics);
          if (!report) continue;
          if (options.json) reports.push(report);
          else await ctx.out.write(`${escapeTerminalLines(renderFileReport(report).join("\n"))}\n\n`);
        }
        if (options.json) await ctx.out.write(`${safeJsonStringify(reports, 2)}\n`);
      });
    });
}
