/**
 * `mikiwame rules lint|test|update`: look after Sigma rules. Input: rule paths, a regression-data folder,
 * or a release URL. Output: `lint` — the load report on stdout (each rejected rule with file:line, id and
 * reason; exit 1 when any is rejected); `test` — a line per failed SigmaHQ regression test and the closing
 * line `N passed, N failed` on stdout (exit 1 when any failed); `update` — downloads a SigmaHQ release
 * zip into `<data dir>/rules/sigmahq/` (the only command that uses the network).
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { loadReportOf, renderLoadReport } from "../../outputs/hunt-load-report.js";
import { renderRegressionResult } from "../../outputs/hunt-regression.js";
import { safeJsonStringify } from "../../outputs/json-text.js";
import { analyze } from "../../pipeline/analyze.js";
import {
  findRegressionCases,
  type RegressionResult,
  regressionTotalsLine,
  runRegressionCase,
  rulesById,
  type SampleReader,
} from "../../sigma/regression-runner.js";
import { loadRules } from "../../sigma/rule-loader.js";
import type { CliContext, CliRuntime } from "../cli-runtime.js";
import { collect, rulePaths } from "./hunt.js";

interface LintOptions {
  readonly placeholders?: string;
  readonly json?: boolean;
}

interface TestOptions {
  readonly rules?: string[];
  readonly placeholders?: string;
  readonly anyCount?: boolean;
}

interface UpdateCliOptions {
  readonly url?: string;
}

function loadOptions(placeholders: string | undefined) {
  return placeholders === undefined ? {} : { placeholders };
}

async function runLint(ctx: CliContext, paths: readonly string[], options: LintOptions): Promise<void> {
  for (const p of paths) {
    if (!existsSync(p)) throw new MikiwameError("E_USAGE", `${p}: no such file or directory`);
  }
  const loaded = await loadRules(paths, loadOptions(options.placeholders));
  if (options.json) {
    await ctx.out.write(
      `${safeJsonStringify(
        {
          files: loaded.files,
          loaded: loaded.rules.length,
          correlations: loaded.correlations.length,
          filters: loaded.filters.length,
          rejected: loaded.rejected,
          warnings: loaded.warnings,
        },
        2,
      )}\n`,
    );
  } else {
    const report = renderLoadReport(loadReportOf(loaded), true);
    await ctx.out.write(`${report.join("\n")}\n`);
  }
  const n = loaded.rejected.length;
  if (n > 0) throw new MikiwameError("E_RULE_TEST", `${n} rule${n === 1 ? " was" : "s were"} rejected`);
}

/** Reads one sample through the normal pipeline; its problems go to the run's diagnostics. */
function sampleReader(ctx: CliContext): SampleReader {
  return async (sample, onEvents) => {
    const before = ctx.diagnostics.errors;
    await analyze([sample], { diagnostics: ctx.diagnostics, signal: ctx.signal, onEvents });
    return { errors: ctx.diagnostics.errors - before };
  };
}

async function runTest(
  runtime: CliRuntime,
  ctx: CliContext,
  dir: string,
  options: TestOptions,
): Promise<void> {
  if (!existsSync(dir)) throw new MikiwameError("E_USAGE", `${dir}: no such directory`);
  if (!options.rules || options.rules.length === 0) {
    throw new MikiwameError("E_USAGE", "give the rules to test with --rules <file-or-dir>");
  }
  const loaded = await loadRules(rulePaths(options.rules), loadOptions(options.placeholders));
  const report = renderLoadReport(loadReportOf(loaded), ctx.verbose);
  for (const line of report) runtime.errorLine(line);
  const { cases, problems } = await findRegressionCases(dir);
  for (const p of problems) ctx.diagnostics.report(p.severity, "E_RULE_TEST", p.reason, p.location);
  const byId = rulesById(loaded.rules);
  const read = sampleReader(ctx);
  const results: RegressionResult[] = [];
  for (const c of cases) {
    if (ctx.signal.aborted) break;
    const result = await runRegressionCase(c, byId, loaded.rejected, read, { anyCount: options.anyCount });
    results.push(result);
    if (result.status === "failed" || ctx.verbose) await ctx.out.write(`${renderRegressionResult(result)}\n`);
  }
  await ctx.out.write(`${regressionTotalsLine(results)}\n`);
  const failed = results.filter((r) => r.status === "failed").length;
  if (failed > 0) {
    throw new MikiwameError("E_RULE_TEST", `${failed} of ${results.length} regression tests failed`);
  }
  if (results.length === 0 && problems.length === 0) {
    ctx.diagnostics.warn("E_RULE_TEST", "no info.yml regression test found", { file: dir });
  }
}

async function runUpdate(runtime: CliRuntime, ctx: CliContext, options: UpdateCliOptions): Promise<void> {
  // loaded here, not at start-up: only this command needs the unzip library
  const { DEFAULT_SIGMA_RELEASE_URL, updateSigmaRules } = await import("../../sigma/rules-update.js");
  const url = options.url ?? DEFAULT_SIGMA_RELEASE_URL;
  if (!ctx.quiet) runtime.errorLine(`downloading ${url}`);
  const result = await updateSigmaRules({ url, dataDir: ctx.dataDir, signal: ctx.signal });
  const mb = (result.downloadedBytes / (1024 * 1024)).toFixed(1);
  await ctx.out.write(
    `${result.rules} rules (${result.files} files, ${mb} MB downloaded) installed in ${result.dir}\n` +
      `use them with: mikiwame hunt --rules ${JSON.stringify(result.dir)} <paths…>\n`,
  );
}

/** Adds `rules` (lint, test, update) to the program. */
export function registerRulesCommand(program: Command, runtime: CliRuntime): void {
  const rules = program
    .command("rules")
    .summary("check, test and update Sigma rules")
    .description(
      "Check Sigma rules (lint), run SigmaHQ regression tests (test), download SigmaHQ's rules (update).",
    );

  rules
    .command("lint")
    .summary("load rules and report every rejected one")
    .description(
      "Load the rule files and folders given and print the load report: counts, then each rejected " +
        "rule with file:line, id and reason. Exit code 1 when any rule is rejected.",
    )
    .argument("<paths...>", "rule files or folders")
    .option("--placeholders <dir>", "folder of <name>.txt value lists for the |expand modifier")
    .option("--json", "print the report as one JSON object")
    .action(async (paths: string[], _options: unknown, command: Command) => {
      await runtime.run(command, (ctx) => runLint(ctx, paths, command.opts<LintOptions>()));
    });

  rules
    .command("test")
    .summary("run SigmaHQ-style regression tests (info.yml)")
    .description(
      "Run every regression test under the folder (SigmaHQ's regression_data layout: an info.yml naming " +
        "a rule id and sample logs, optional match_count). Each sample path is taken relative to the " +
        "data's repository root, else the file of that name beside the info.yml. A test passes when the " +
        "rule matches exactly match_count events of the sample (at least one without match_count, or " +
        "with --any-count, which is what SigmaHQ's own runner checks). " +
        "Prints each failed test (--verbose: every test) and ends with the line `N passed, N failed`. " +
        "Exit code 1 when any test failed.",
    )
    .argument("<dir>", "regression data folder (searched recursively for info.yml)")
    .requiredOption("-r, --rules <path>", "Sigma rule file or folder (repeatable)", collect)
    .option("--placeholders <dir>", "folder of <name>.txt value lists for the |expand modifier")
    .option("--any-count", "pass when the rule matches at least once, whatever match_count says")
    .action(async (dir: string, _options: unknown, command: Command) => {
      await runtime.run(command, (ctx) => runTest(runtime, ctx, dir, command.opts<TestOptions>()));
    });

  rules
    .command("update")
    .summary("download SigmaHQ's rules into the data directory")
    .description(
      "Download a SigmaHQ release zip and unpack it into <data dir>/rules/sigmahq/ (replacing the " +
        "previous copy only when the whole download succeeded). The only command that uses the " +
        "network. Exit code 1 when the download fails (no network, HTTP error, not a zip).",
    )
    .option(
      "--url <url>",
      "the release zip to download (default: SigmaHQ's latest sigma_all_rules.zip on GitHub releases)",
    )
    .action(async (_options: unknown, command: Command) => {
      await runtime.run(command, (ctx) => runUpdate(runtime, ctx, command.opts<UpdateCliOptions>()));
    });
}
