/**
 * `mikiwame analyze <paths…>`: the main command. Input: paths and options. Output on stdout: for now the
 * read + normalize summary (later: detections, incidents and verdicts), as text or `--json`; a progress
 * bar on stderr when stderr is a terminal; diagnostics on stderr.
 */
import type { Command } from "commander";
import { safeJsonStringify } from "../../outputs/json-text.js";
import { renderSummaryText } from "../../outputs/summary-report.js";
import { analyze } from "../../pipeline/analyze.js";
import type { CliRuntime } from "../cli-runtime.js";
import { parseTop } from "../cli-options.js";

interface AnalyzeCliOptions {
  readonly json?: boolean;
  readonly top: number;
  readonly mapping?: string;
}

/** Adds `analyze` to the program. */
export function registerAnalyzeCommand(program: Command, runtime: CliRuntime): void {
  program
    .command("analyze")
    .summary("read, normalize and summarise logs (detection and triage come here)")
    .description(
      "Analyse the given logs: read every file (EVTX, JSON/NDJSON, Zeek; directories recursively), " +
        "normalize the records into events and print a summary. A progress bar is shown on stderr " +
        "when it is a terminal. --json prints the summary object.",
    )
    .argument("<paths...>", "log files or directories (searched recursively)")
    .option("--json", "print the summary as one JSON object")
    .option("--top <n>", "entries in each top list", parseTop, 10)
    .option("--mapping <file>", "field-mapping file for flat EDR exports (overrides config `mapping`)")
    .action(async (paths: string[], _options: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const options = command.opts<AnalyzeCliOptions>();
        const summary = await analyze(paths, {
          diagnostics: ctx.diagnostics,
          normalizer: await ctx.normalizerOptions(options.mapping),
          signal: ctx.signal,
          topN: options.top,
          onProgress: ctx.progress(),
        });
        const text = options.json
          ? `${safeJsonStringify(summary, 2)}\n`
          : renderSummaryText(summary, { lang: ctx.lang, timeZone: ctx.timeZone });
        await ctx.out.write(text);
      });
    });
}
