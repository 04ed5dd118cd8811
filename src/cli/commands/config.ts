/**
 * `mikiwame config`: where mikiwame keeps its data and which configuration is in effect.
 * Input: the environment (MIKIWAME_HOME) and config.yaml. Output on stdout: the data directory, the
 * config file (and whether it exists) and every setting, as text or `--json`; the analytics settings
 * in effect (defaults overlaid with config.yaml's `analytics:`) one `analytics.…` row per option.
 */
import type { Command } from "commander";
import { analyticsInEffect } from "../../config/analytics-config.js";
import { safeJsonStringify } from "../../outputs/json-text.js";
import { renderTable } from "../../outputs/text-table.js";
import type { CliRuntime } from "../cli-runtime.js";

/** `{a: {b_c: 1}}` → rows `analytics.a.b_c  1` (lists comma-separated, list items of mappings as JSON). */
export function settingRows(prefix: string, value: unknown): string[][] {
  if (value !== null && typeof value === "object" && !Array.isArray(value))
    return Object.entries(value).flatMap(([k, v]) => settingRows(`${prefix}.${k}`, v));
  const text = Array.isArray(value)
    ? value.map((v) => (v !== null && typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ")
    : value === null
      ? "-"
      : String(value);
  return [[prefix, text === "" ? "(none)" : text]];
}

/** Adds `config` to the program. */
export function registerConfigCommand(program: Command, runtime: CliRuntime): void {
  program
    .command("config")
    .summary("show the data directory and the configuration in effect")
    .description(
      "Show the data directory ($MIKIWAME_HOME, else the platform data directory), the config file " +
        "in it (config.yaml) and every setting in effect. The keys are documented in " +
        "docs/configuration.md.",
    )
    .option("--json", "print as one JSON object")
    .action(async (_options: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const json = command.opts<{ json?: boolean }>().json === true;
        const settings = {
          dataDir: ctx.dataDir,
          configFile: ctx.configFile,
          configFound: ctx.configFound,
          language: ctx.lang,
          timezone: ctx.timeZone,
          mapping: ctx.config.mapping ?? null,
          workers: ctx.config.workers,
          analytics: analyticsInEffect(ctx.config.analytics),
        };
        if (json) {
          await ctx.out.write(`${safeJsonStringify(settings, 2)}\n`);
          return;
        }
        const rows = Object.entries(settings).flatMap(([k, v]) => settingRows(k, v));
        await ctx.out.write(
          `${renderTable([{ header: "" }, { header: "" }], rows, { header: false }).join("\n")}\n`,
        );
      });
    });
}
