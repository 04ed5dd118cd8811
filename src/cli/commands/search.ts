/**
 * `mikiwame search <paths…>`: quick pivots over normalized events. Input: paths and search terms
 * (`--keyword`, `--regex`, `--field name=value`, each repeatable, all combined with AND). Output on stdout:
 * the matching events as they are found — fixed-width terminal lines (default), JSON lines (the event as
 * `dump --normalized` prints it) or CSV (dump's columns); a count line on stderr; diagnostics on stderr.
 */
import { type Command, Option } from "commander";
import { dumpFormatter } from "../../outputs/dump-format.js";
import { searchTableHeader, searchTableLine } from "../../outputs/hunt-search.js";
import { escapeTerminalLines } from "../../outputs/terminal-escape.js";
import {
  fieldTerm,
  keywordTerm,
  regexTerm,
  type SearchTerm,
  searchEvents,
} from "../../pipeline/event-search.js";
import type { CliContext, CliRuntime } from "../cli-runtime.js";
import { collect, zoneOf } from "./hunt.js";

export const SEARCH_FORMATS = ["table", "jsonl", "csv"] as const;
export type SearchFormat = (typeof SEARCH_FORMATS)[number];

interface SearchCliOptions {
  readonly keyword?: string[];
  readonly regex?: string[];
  readonly field?: string[];
  readonly format: SearchFormat;
  readonly utc?: boolean;
  readonly local?: boolean;
  readonly mapping?: string;
}

/** The terms of the command line (E_USAGE for a bad one or none). */
function termsOf(options: SearchCliOptions): SearchTerm[] {
  return [
    ...(options.keyword ?? []).map(keywordTerm),
    ...(options.regex ?? []).map(regexTerm),
    ...(options.field ?? []).map(fieldTerm),
  ];
}

async function runSearch(
  runtime: CliRuntime,
  ctx: CliContext,
  paths: readonly string[],
  options: SearchCliOptions,
) {
  const terms = termsOf(options);
  const normalizer = await ctx.normalizerOptions(options.mapping);
  const zone = zoneOf(options, ctx);
  const tty = ctx.out.isTTY;
  const show = (text: string) => (tty ? escapeTerminalLines(text.replace(/\r\n/g, "\n")) : text);
  const formatter = options.format === "table" ? undefined : dumpFormatter(options.format);
  let headerWritten = false;
  const result = await searchEvents(paths, terms, {
    diagnostics: ctx.diagnostics,
    normalizer,
    signal: ctx.signal,
    onProgress: ctx.progress(),
    onFound: async (events) => {
      let text = "";
      if (!headerWritten) {
        text += formatter ? formatter.header : searchTableHeader();
        headerWritten = true;
      }
      for (const event of events) {
        text += formatter ? (formatter.formatEvent(event) ?? "") : searchTableLine(event, zone);
      }
      await ctx.out.write(formatter ? show(text) : text);
    },
  });
  if (!ctx.quiet) {
    if (process.stderr.isTTY) process.stderr.write("\r\x1b[K"); // the progress bar's line
    runtime.errorLine(`${result.found} of ${result.events} events matched`);
  }
}

/** Adds `search` to the program. */
export function registerSearchCommand(program: Command, runtime: CliRuntime): void {
  program
    .command("search")
    .summary("find events by keyword, regular expression or field value")
    .description(
      "Print the normalized events that satisfy every term: --keyword K (a field value or the host " +
        "contains K, any case), --regex R (a field value matches R; case-sensitive, (?i) for any case; " +
        "run in linear time, so features that need backtracking such as backreferences and lookaround " +
        "are refused), --field name=value (the field equals value, any case; * matches any text). Each " +
        "is repeatable; all must hold. Events stream out as they are found: terminal lines (default), " +
        "JSON lines or CSV (as `dump --normalized`).",
    )
    .argument("<paths...>", "log files or directories (searched recursively)")
    .option("-k, --keyword <text>", "a field value contains text (any case); repeatable", collect)
    .option("-e, --regex <pattern>", "a field value matches the pattern; repeatable", collect)
    .option("--field <name=value>", "the field equals value (any case, * wildcard); repeatable", collect)
    .addOption(new Option("-f, --format <format>", "output format").choices(SEARCH_FORMATS).default("table"))
    .addOption(new Option("--utc", "show times in UTC (overrides --timezone)").conflicts("local"))
    .addOption(new Option("--local", "show times in the local time zone (overrides --timezone)"))
    .option("--mapping <file>", "field-mapping file for flat EDR exports (overrides config `mapping`)")
    .action(async (paths: string[], _options: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        await runSearch(runtime, ctx, paths, command.opts<SearchCliOptions>());
      });
    });
}
