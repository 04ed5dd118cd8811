/**
 * What every command shares: global options, the data directory and config, the Diagnostics of the run,
 * stdout/stderr, the progress bar, and the mapping of outcomes to exit codes. Input: a commander Command
 * (for its options) and the command's body. Output: the body's output on stdout, diagnostics on stderr,
 * and `exitCode` (see exit-codes.ts). Together with main.ts, the only code that prints.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { DEFAULT_CONFIG, type Language, loadConfig, type MikiwameConfig } from "../config/config.js";
import { configFilePath, resolveDataDir } from "../config/data-dir.js";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import { loadFieldMapping } from "../normalize/field-mapping.js";
import type { NormalizerOptions } from "../normalize/normalizer.js";
import { escapeTerminal, escapeTerminalLines } from "../outputs/terminal-escape.js";
import type { ReadProgress } from "../readers/read-paths.js";
import { DiagnosticsPrinter } from "./diagnostics-printer.js";
import { EXIT_CODES, type ExitCode } from "./exit-codes.js";
import { ProgressBar } from "./progress-bar.js";
import { TextSink } from "./text-sink.js";

/** The options every command accepts (declared on the program in main.ts). */
export interface GlobalOptions {
  readonly quiet?: boolean;
  readonly verbose?: boolean;
  readonly lang?: Language;
  readonly timezone?: string;
}

/** What a command body gets. */
export interface CliContext {
  readonly diagnostics: Diagnostics;
  readonly config: MikiwameConfig;
  readonly dataDir: string;
  readonly configFile: string;
  readonly configFound: boolean;
  readonly lang: Language;
  readonly timeZone: string;
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** Command output (stdout) */
  readonly out: TextSink;
  /** Aborted on Ctrl-C or when stdout goes away */
  readonly signal: AbortSignal;
  /** A progress callback drawing a bar on stderr, or undefined (not a terminal, or --quiet) */
  progress(): ((p: ReadProgress) => void) | undefined;
  /** Normalizer options with the field mapping from `--mapping` (or config `mapping`), if any */
  normalizerOptions(mappingOption: string | undefined): Promise<NormalizerOptions>;
}

export interface RunOptions {
  /** The command's report lists the diagnostics itself (no grouped list on stderr) */
  readonly listsDiagnostics?: boolean;
}

/** Codes of errors that mean "fix the command line or the configuration". */
const USAGE_CODES: ReadonlySet<string> = new Set(["E_USAGE", "E_CONFIG", "E_MAPPING"]);

export class CliRuntime {
  exitCode: ExitCode = EXIT_CODES.ok;
  private readonly controller = new AbortController();
  private interrupted = false;
  private readonly out: TextSink;

  constructor(
    private readonly stdout: NodeJS.WriteStream = process.stdout,
    private readonly stderr: NodeJS.WriteStream = process.stderr,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.out = new TextSink(stdout, () => this.controller.abort());
  }

  /** Stops the running command at the next batch (Ctrl-C). */
  interrupt(): void {
    this.interrupted = true;
    this.controller.abort();
  }

  /** Writes one line to stderr, escaped. */
  errorLine(line: string): void {
    this.stderr.write(`${escapeTerminalLines(line)}\n`);
  }

  /** Runs a command body with its context and sets `exitCode`. */
  async run(
    command: Command,
    body: (ctx: CliContext) => Promise<void>,
    options: RunOptions = {},
  ): Promise<void> {
    const globals = command.optsWithGlobals<GlobalOptions>();
    const quiet = globals.quiet === true;
    const verbose = globals.verbose === true;
    let bar: ProgressBar | undefined;
    const writeLine = (line: string): void => {
      bar?.clear();
      this.stderr.write(`${line}\n`);
    };
    const printer = new DiagnosticsPrinter(writeLine, { quiet, verbose });
    const diagnostics = new Diagnostics();
    printer.attach(diagnostics);

    const dataDir = resolveDataDir(this.env);
    const configFile = configFilePath(dataDir);
    let config: MikiwameConfig = DEFAULT_CONFIG;
    let configFound = false;
    let code: ExitCode = EXIT_CODES.ok;
    try {
      ({ config, found: configFound } = await loadConfig(configFile, diagnostics));
      const ctx: CliContext = {
        diagnostics,
        config,
        dataDir,
        configFile,
        configFound,
        lang: globals.lang ?? config.language,
        timeZone: globals.timezone ?? config.timezone,
        quiet,
        verbose,
        out: this.out,
        signal: this.controller.signal,
        progress: () => {
          if (quiet || !this.stderr.isTTY) return undefined;
          const b = new ProgressBar(this.stderr);
          bar = b;
          return (p) => b.update(p);
        },
        normalizerOptions: async (mappingOption) => {
          const file = mappingOption !== undefined ? resolve(mappingOption) : config.mapping;
          return file === undefined ? {} : { userMapping: await loadFieldMapping(file) };
        },
      };
      await body(ctx);
    } catch (e) {
      bar?.clear();
      code = this.reportThrown(e, verbose);
    }
    bar?.clear();
    printer.finish(diagnostics, options.listsDiagnostics === true);
    const failure = this.out.failure;
    if (failure) {
      writeLine(escapeTerminal(`error E_IO: cannot write the output: ${failure.message}`));
      if (code === EXIT_CODES.ok) code = EXIT_CODES.inputProblems;
    }
    if (code === EXIT_CODES.ok && diagnostics.errors > 0) code = EXIT_CODES.inputProblems;
    if (this.interrupted) {
      writeLine("interrupted: the output covers only what was read before Ctrl-C");
      code = EXIT_CODES.interrupted;
    }
    this.exitCode = code;
  }

  /** Prints an error that ended a command and returns its exit code. */
  private reportThrown(e: unknown, verbose: boolean): ExitCode {
    if (e instanceof MikiwameError) {
      this.errorLine(`error ${e.describe()}`);
      return USAGE_CODES.has(e.code) ? EXIT_CODES.usage : EXIT_CODES.inputProblems;
    }
    const message = e instanceof Error ? e.message : String(e);
    this.errorLine(`error E_INTERNAL: ${message} (this is a bug in mikiwame: please report it)`);
    if (verbose && e instanceof Error && e.stack) this.errorLine(e.stack);
    return EXIT_CODES.internal;
  }
}
