/**
 * `mikiwame decisions [list] | revoke | audit`: the analyst decisions in `<data dir>/decisions.jsonl`.
 * list: the decisions in force (`--all`: also the revoked ones) as a table or JSON lines; revoke: takes a
 * decision back (it stays in the log and the audit); audit: every entry of the log in order — who decided
 * or revoked what, when and why. Output text is terminal-escaped; broken log lines are warnings on stderr.
 */
import type { Command } from "commander";
import type { Decision, DecisionScope } from "../../feedback/decision.js";
import { DecisionLog, type DecisionLogEntry } from "../../feedback/decision-log.js";
import { safeJsonStringify } from "../../outputs/json-text.js";
import { escapeTerminal } from "../../outputs/terminal-escape.js";
import { renderTable } from "../../outputs/text-table.js";
import { formatDisplayTime } from "../../outputs/time-display.js";
import type { CliRuntime } from "../cli-runtime.js";
import { analystName, asUsage, describeDecision } from "./decide.js";

/** The hosts and match of a scope as two table cells. */
function scopeCells(scope: DecisionScope): [string, string] {
  const hosts = scope.hosts.kind === "all" ? "all" : scope.hosts.host;
  const m = scope.match;
  const only = m.kind !== "rule-on-image" && m.detector !== undefined ? ` (only ${m.detector})` : "";
  switch (m.kind) {
    case "sha256":
      return [hosts, `sha256 ${m.sha256}${only}`];
    case "path":
      return [hosts, `path ${m.path}${only}`];
    case "command-line":
      return [hosts, `command line ${m.pattern}${only}`];
    case "rule-on-image":
      return [hosts, `${m.detector} on ${m.image}`];
  }
}

/** A decision as JSON: `revoked` is null when in force. */
function decisionJson(d: Decision): string {
  return safeJsonStringify({ ...d, revoked: d.revoked ?? null });
}

/** One audit line for people (not escaped). */
function auditLine(e: DecisionLogEntry, timeZone: string): string {
  if (e.op === "decide")
    return `${formatDisplayTime(e.decision.at, timeZone)}  ${e.decision.analyst}  decide ${e.decision.id}  ${describeDecision(e.decision)}`;
  return `${formatDisplayTime(e.at, timeZone)}  ${e.analyst}  revoke ${e.id}  ${e.reason}`;
}

/** Adds `decisions` and its subcommands to the program. */
export function registerDecisionsCommand(program: Command, runtime: CliRuntime): void {
  const decisions = program
    .command("decisions")
    .summary("list, revoke and audit analyst decisions")
    .description(
      "The analyst decisions (over-detection / confirmed malware) in <data dir>/decisions.jsonl, an " +
        "append-only audit log. Record one with `mikiwame decide`. See docs/feedback.md.",
    );

  decisions
    .command("list", { isDefault: true })
    .summary("list the decisions in force (the default)")
    .option("--all", "also the revoked decisions")
    .option("--json", "one JSON object per line")
    .action(async (_o: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const o = command.opts<{ all?: boolean; json?: boolean }>();
        const log = await DecisionLog.open(ctx.dataDir, ctx.diagnostics);
        const shown = log.list({ includeRevoked: o.all === true });
        if (o.json) {
          for (const d of shown) await ctx.out.write(`${decisionJson(d)}\n`);
          return;
        }
        const all = log.list({ includeRevoked: true });
        const revoked = all.length - log.active().length;
        if (shown.length > 0) {
          const columns = [
            { header: "id" },
            { header: "verdict" },
            { header: "hosts", maxWidth: 30 },
            { header: "match", maxWidth: 70, keep: "end" as const },
            { header: "analyst", maxWidth: 20 },
            { header: "at" },
            { header: "reason", maxWidth: 60 },
            ...(o.all ? [{ header: "revoked", maxWidth: 60 }] : []),
          ];
          const rows = shown.map((d) => [
            d.id,
            d.verdict,
            ...scopeCells(d.scope),
            d.analyst,
            formatDisplayTime(d.at, ctx.timeZone),
            d.reason,
            ...(o.all
              ? [
                  d.revoked
                    ? `${formatDisplayTime(d.revoked.at, ctx.timeZone)} by ${d.revoked.analyst}: ${d.revoked.reason}`
                    : "-",
                ]
              : []),
          ]);
          await ctx.out.write(`${renderTable(columns, rows, { indent: "" }).join("\n")}\n`);
        }
        await ctx.out.write(
          `${all.length - revoked} decision(s) in force, ${revoked} revoked${!o.all && revoked > 0 ? " (--all shows them)" : ""}\n`,
        );
      });
    });

  decisions
    .command("revoke")
    .summary("take a decision back (it stays in the audit log)")
    .argument("<id>", "the decision id (D-…)")
    .requiredOption("--reason <text>", "why it is revoked")
    .option("--analyst <name>", "who revokes (default: $USER)")
    .action(async (id: string, _o: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const o = command.opts<{ reason: string; analyst?: string }>();
        const analyst = analystName(o.analyst);
        const log = await DecisionLog.open(ctx.dataDir, ctx.diagnostics);
        const d = await asUsage(() => log.revoke(id, analyst, o.reason));
        await ctx.out.write(`${escapeTerminal(`revoked ${d.id} (${describeDecision(d)})`)}\n`);
      });
    });

  decisions
    .command("audit")
    .summary("every decision and revocation in order: who, when, what, why")
    .option("--json", "the log entries as JSON lines")
    .action(async (_o: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const o = command.opts<{ json?: boolean }>();
        const log = await DecisionLog.open(ctx.dataDir, ctx.diagnostics);
        for (const e of log.audit()) {
          // a decide entry's decision has `revoked` undefined, which JSON leaves out: the line as logged
          await ctx.out.write(
            o.json ? `${safeJsonStringify(e)}\n` : `${escapeTerminal(auditLine(e, ctx.timeZone))}\n`,
          );
        }
        if (!o.json) await ctx.out.write(`${log.audit().length} entries\n`);
      });
    });
}
