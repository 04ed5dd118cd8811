/**
 * The `mikiwame` command line: argv → commander program → one command → exit code.
 * Input: the arguments after `node mikiwame`. Output: the command's output on stdout, diagnostics and
 * errors on stderr, `process.exitCode` (see exit-codes.ts). With the commands and cli-runtime.ts, the only
 * code that prints or sets the exit code.
 */
import { Command, CommanderError, Option } from "commander";
import { LANGUAGES } from "../config/config.js";
import { CliRuntime } from "./cli-runtime.js";
import { parseTimeZone } from "./cli-options.js";
import { registerAnalyzeCommand } from "./commands/analyze.js";
import { registerConfigCommand } from "./commands/config.js";
import { registerDecideCommand } from "./commands/decide.js";
import { registerDecisionsCommand } from "./commands/decisions.js";
import { registerDumpCommand } from "./commands/dump.js";
import { registerFileCommand } from "./commands/file.js";
import { registerHuntCommand } from "./commands/hunt.js";
import { registerIngestCommand } from "./commands/ingest.js";
import { registerIntelCommand } from "./commands/intel.js";
import { registerMetricsCommand } from "./commands/metrics.js";
import { registerQueryCommand } from "./commands/query.js";
import { registerRulesCommand } from "./commands/rules.js";
import { registerSearchCommand } from "./commands/search.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerTokenCommand } from "./commands/token.js";
import { EXIT_CODES, EXIT_CODES_HELP } from "./exit-codes.js";
import { packageVersion } from "./version.js";

/** The program with its global options and every command. */
export function createProgram(runtime: CliRuntime): Command {
  const program = new Command("mikiwame");
  program
    .description(
      "見極め mikiwame: decide from Windows event logs (EVTX, Sysmon, Security), EDR/Winlogbeat JSON " +
        "and Zeek logs whether a process is malware or an over-detection.",
    )
    .version(packageVersion(), "-V, --version", "print the version")
    .helpOption("-h, --help", "print help")
    .helpCommand("help [command]", "print help for a command")
    .addOption(
      new Option("-q, --quiet", "no progress bar; only a count line for diagnostics").conflicts("verbose"),
    )
    .option("-v, --verbose", "print every diagnostic as it happens")
    .addOption(
      new Option("--lang <lang>", "report language (overrides config `language`)").choices(LANGUAGES),
    )
    .option(
      "--timezone <tz>",
      "display time zone: UTC, local or an IANA name (overrides config)",
      parseTimeZone,
    )
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError("(run mikiwame --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
    })
    .addHelpText(
      "after",
      `\nDiagnostics go to stderr as "warning E_JSON_SYNTAX file:12: reason".\n` +
        `Data directory: $MIKIWAME_HOME, else the platform data directory; settings in config.yaml there.\n\n${EXIT_CODES_HELP}`,
    );
  registerAnalyzeCommand(program, runtime);
  registerMetricsCommand(program, runtime);
  registerDumpCommand(program, runtime);
  registerHuntCommand(program, runtime);
  registerSearchCommand(program, runtime);
  registerIngestCommand(program, runtime);
  registerQueryCommand(program, runtime);
  registerRulesCommand(program, runtime);
  registerIntelCommand(program, runtime);
  registerDecideCommand(program, runtime);
  registerDecisionsCommand(program, runtime);
  registerConfigCommand(program, runtime);
  registerFileCommand(program, runtime);
  registerServeCommand(program, runtime);
  registerTokenCommand(program, runtime);
  return program;
}

/**
 * Runs the command line `argv` (without `node` and the script) and sets `process.exitCode`.
 * Never rejects: every failure becomes a message on stderr and an exit code.
 */
export async function runMain(argv: string[]): Promise<void> {
  const runtime = new CliRuntime();
  const onInterrupt = () => runtime.interrupt();
  process.once("SIGINT", onInterrupt);
  try {
    await createProgram(runtime).parseAsync(argv, { from: "user" });
    process.exitCode = runtime.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; every other commander error is a usage error (already printed)
      process.exitCode = e.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    } else {
      runtime.errorLine(
        `error E_INTERNAL: ${e instanceof Error ? e.message : String(e)} (a bug: please report it)`,
      );
      process.exitCode = EXIT_CODES.internal;
    }
  } finally {
    process.off("SIGINT", onInterrupt);
  }
}
