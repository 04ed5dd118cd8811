/**
 * `mikiwame dump <paths…>`: every record of every file, like evtx_dump. Input: paths and options.
 * Output on stdout: raw records (default) or normalized events (`--normalized`) as JSON lines, XML
 * (EVTX records only) or CSV. Problems go to the run's diagnostics (stderr).
 */
import { type Command, Option } from "commander";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import {
  DUMP_FORMATS,
  type DumpFormat,
  type DumpFormatter,
  dumpFormatter,
} from "../../outputs/dump-format.js";
import { escapeTerminalLines } from "../../outputs/terminal-escape.js";
import { analyze, provenanceLocation } from "../../pipeline/analyze.js";
import { readPaths } from "../../readers/read-paths.js";
import type { RawRecord } from "../../readers/record.js";
import type { CliContext, CliRuntime } from "../cli-runtime.js";

interface DumpOptions {
  readonly format: DumpFormat;
  readonly normalized?: boolean;
  readonly mapping?: string;
}

/** Text for a terminal: control characters made visible, CSV's CRLF shown as plain line breaks. */
function forTerminal(text: string): string {
  return escapeTerminalLines(text.replace(/\r\n/g, "\n"));
}

async function dumpRecords(
  ctx: CliContext,
  paths: readonly string[],
  formatter: DumpFormatter,
  xml: boolean,
) {
  const { diagnostics } = ctx;
  const tty = ctx.out.isTTY;
  let missingXmlFile: string | undefined;
  const batches = readPaths(paths, {
    diagnostics,
    xml,
    signal: ctx.signal,
    only: xml ? { formats: ["evtx"], reason: "XML output exists for EVTX records only" } : undefined,
  });
  await ctx.out.write(formatter.header);
  for await (const batch of batches) {
    let text = "";
    for (const record of batch.records) text += formatOne(ctx, formatter, record) ?? "";
    if (xml && text === "" && missingXmlFile !== batch.file) {
      missingXmlFile = batch.file;
      diagnostics.error("E_INTERNAL", "the EVTX reader returned records without XML", { file: batch.file });
    }
    await ctx.out.write(tty ? forTerminal(text) : text);
    if (ctx.out.closed) break;
  }
}

function formatOne(ctx: CliContext, formatter: DumpFormatter, record: RawRecord): string | undefined {
  try {
    return formatter.formatRecord(record);
  } catch (e) {
    ctx.diagnostics.fromError(e, "E_INTERNAL", provenanceLocation(record.provenance));
    return undefined;
  }
}

async function dumpEvents(
  ctx: CliContext,
  paths: readonly string[],
  formatter: DumpFormatter,
  mapping?: string,
) {
  const { diagnostics } = ctx;
  const tty = ctx.out.isTTY;
  const normalizer = await ctx.normalizerOptions(mapping); // an invalid mapping stops before any output
  await ctx.out.write(formatter.header);
  await analyze(paths, {
    diagnostics,
    normalizer,
    signal: ctx.signal,
    onEvents: async (events) => {
      let text = "";
      for (const event of events) {
        try {
          text += formatter.formatEvent(event) ?? "";
        } catch (e) {
          diagnostics.fromError(e, "E_INTERNAL", provenanceLocation(event.provenance));
        }
      }
      await ctx.out.write(tty ? forTerminal(text) : text);
    },
  });
}

/** Adds `dump` to the program. */
export function registerDumpCommand(program: Command, runtime: CliRuntime): void {
  program
    .command("dump")
    .summary("print every record (raw or normalized) as JSON lines, XML or CSV")
    .description(
      "Print every record of the given files and directories, like evtx_dump. " +
        "Raw records by default; --normalized prints the normalized events that rules see. " +
        "XML exists for EVTX records only. CSV has fixed columns plus a `fields` column " +
        "(all fields as one flat JSON object); cells that a spreadsheet would run as a " +
        "formula (= + - @ tab CR) get a leading '. 64-bit values are printed exactly.",
    )
    .argument("<paths...>", "log files or directories (searched recursively)")
    .addOption(new Option("-f, --format <format>", "output format").choices(DUMP_FORMATS).default("jsonl"))
    .option("-n, --normalized", "print normalized events instead of raw records")
    .option("--mapping <file>", "field-mapping file for flat EDR exports (with --normalized)")
    .action(async (paths: string[], _options: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const options = command.opts<DumpOptions>();
        if (options.normalized && options.format === "xml") {
          throw new MikiwameError(
            "E_USAGE",
            "--format xml shows raw EVTX records: it cannot be used with --normalized",
          );
        }
        if (options.mapping !== undefined && !options.normalized) {
          throw new MikiwameError("E_USAGE", "--mapping applies to normalized events: add --normalized");
        }
        const formatter = dumpFormatter(options.format);
        if (options.normalized) await dumpEvents(ctx, paths, formatter, options.mapping);
        else await dumpRecords(ctx, paths, formatter, options.format === "xml");
      });
    });
}
