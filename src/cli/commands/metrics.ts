/**
 * `mikiwame metrics <paths…>`: what is in a set of logs. Input: paths and options. Output on stdout:
 * per file (format, records, events, bytes, time range), overall counts by host, channel and event id
 * (top N), the time range, and the parse problems with their locations — as text or `--json`.
 */
import type { Command } from "commander";
import { safeJsonStringify } from "../../outputs/json-text.js";
import { renderMetricsText } from "../../outputs/metrics-report.js";
import { analyze } from "../../pipeline/analyze.js";
import type { CliRuntime } from "../cli-runtime.js";
import { parseTop } from "../cli-options.js";

interface MetricsOptions {
  readonly json?: boolean;
  readonly top: number;
  readonly mapping?: string;
}

/** Adds `metrics` to the program. */
export function registerMetricsCommand(program: Command, runtime: CliRuntime): void {
  program
    .command("metrics")
    .summary("count files, records, hosts, channels and event ids; list parse problems")
    .description(
      "Summarise what the given logs contain: per file its format, records, events, size and " +
        "time range; overall the top hosts, channels and event ids and the time range; and every " +
        "parse problem with its location (the first 20 of each kind; --verbose prints all on stderr).",
    )
    .argument("<paths...>", "log files or directories (searched recursively)")
    .option("--json", "print the metrics as one JSON object")
    .option("--top <n>", "entries in each top list", parseTop, 10)
    .option("--mapping <file>", "field-mapping file for flat EDR exports")
    .action(async (paths: string[], _options: unknown, command: Command) => {
      await runtime.run(
        command,
        async (ctx) => {
          const options = command.opts<MetricsOptions>();
          const summary = await analyze(paths, {
            diagnostics: ctx.diagnostics,
            normalizer: await ctx.normalizerOptions(options.mapping),
            signal: ctx.signal,
            topN: options.top,
            onProgress: ctx.progress(),
          });
          const text = options.json
            ? `${safeJsonStringify(summary, 2)}\n`
            : renderMetricsText(summary, { lang: ctx.lang, timeZone: ctx.timeZone });
          await ctx.out.write(text);
        },
        { listsDiagnostics: true },
      );
    });
}
