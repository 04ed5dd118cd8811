/**
 * `mikiwame decide benign|malicious`: records an analyst decision — an over-detection (benign) or confirmed
 * malware (malicious) — with a reason and a scope, in the decision log `<data dir>/decisions.jsonl`
 * (docs/feedback.md). Input: the verdict, `--reason`, one host scope (`--host` / `--all-hosts`) and one
 * match (`--sha256` / `--path` / `--command-line` / `--rule` + `--image`). Output: the new decision's id
 * first on the line, then what it covers (or the decision as JSON with `--json`). Invalid input is E_USAGE
 * (exit 2); broken lines already in the log are warnings on stderr.
 */
import { userInfo } from "node:os";
import { type Command, InvalidArgumentError } from "commander";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import {
  checkDecisionInput,
  DECISION_VERDICTS,
  type Decision,
  type DecisionInput,
  type DecisionMatch,
  type DecisionVerdict,
  describeScope,
  type HostScope,
} from "../../feedback/decision.js";
import { DecisionLog } from "../../feedback/decision-log.js";
import { safeJsonStringify } from "../../outputs/json-text.js";
import { escapeTerminal } from "../../outputs/terminal-escape.js";
import type { CliRuntime } from "../cli-runtime.js";

interface DecideOptions {
  readonly reason: string;
  readonly host?: string;
  readonly allHosts?: boolean;
  readonly sha256?: string;
  readonly path?: string;
  readonly commandLine?: string;
  readonly rule?: string;
  readonly image?: string;
  readonly analyst?: string;
  readonly json?: boolean;
}

/** Who runs the command: `--analyst`, else $USER / $USERNAME, else the OS account; E_USAGE when none. */
export function analystName(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (option !== undefined) return option;
  const fromEnv = env.USER ?? env.USERNAME;
  if (fromEnv !== undefined && fromEnv.trim() !== "") return fromEnv;
  try {
    const name = userInfo().username;
    if (name.trim() !== "") return name;
  } catch {
    // no account entry (some containers): fall through
  }
  throw new MikiwameError("E_USAGE", "cannot tell who you are: give --analyst NAME");
}

/** Runs `body`; an E_DECISION it throws (invalid input the user typed) becomes E_USAGE (exit 2). */
export async function asUsage<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof MikiwameError && e.code === "E_DECISION")
      throw new MikiwameError("E_USAGE", e.message, e.location, { cause: e });
    throw e;
  }
}

/** One line for people: `benign (over-detection) · all hosts · rule … on … · reason`. Not escaped. */
export function describeDecision(d: Decision): string {
  const verdict = d.verdict === "benign" ? "benign (over-detection)" : "malicious (confirmed)";
  return `${verdict} · ${describeScope(d.scope)} · ${d.reason}`;
}

function verdictArgument(v: string): DecisionVerdict {
  if ((DECISION_VERDICTS as readonly string[]).includes(v)) return v as DecisionVerdict;
  throw new InvalidArgumentError(`must be one of ${DECISION_VERDICTS.join(", ")}`);
}

/** The scope the options describe; E_USAGE unless there is exactly one host scope and one match. */
function scopeOf(o: DecideOptions): { hosts: HostScope; match: DecisionMatch } {
  if ((o.host !== undefined) === (o.allHosts === true))
    throw new MikiwameError("E_USAGE", "give either --host NAME or --all-hosts");
  const hosts: HostScope = o.host !== undefined ? { kind: "host", host: o.host } : { kind: "all" };
  const given = [o.sha256, o.path, o.commandLine, o.image].filter((v) => v !== undefined).length;
  if (given !== 1)
    throw new MikiwameError(
      "E_USAGE",
      "give exactly one of --sha256, --path, --command-line or --rule DETECTOR --image PATH",
    );
  const narrow = o.rule !== undefined ? { detector: o.rule } : {};
  if (o.sha256 !== undefined) return { hosts, match: { kind: "sha256", sha256: o.sha256, ...narrow } };
  if (o.path !== undefined) return { hosts, match: { kind: "path", path: o.path, ...narrow } };
  if (o.commandLine !== undefined)
    return { hosts, match: { kind: "command-line", pattern: o.commandLine, ...narrow } };
  if (o.rule === undefined) throw new MikiwameError("E_USAGE", "--image needs --rule DETECTOR");
  return { hosts, match: { kind: "rule-on-image", detector: o.rule, image: o.image ?? "" } };
}

/** Adds `decide` to the program. */
export function registerDecideCommand(program: Command, runtime: CliRuntime): void {
  program
    .command("decide")
    .summary("record an analyst decision: over-detection (benign) or confirmed malware (malicious)")
    .description(
      "Record a decision in the decision log (<data dir>/decisions.jsonl). It applies to every later " +
        "analysis of matching findings: benign suppresses them (still listed and counted), malicious " +
        "confirms the incident. Revoke it with `mikiwame decisions revoke ID`. See docs/feedback.md.",
    )
    .argument("<verdict>", DECISION_VERDICTS.join(" | "), verdictArgument)
    .requiredOption("--reason <text>", "why (required; shown wherever the decision applies)")
    .option("--host <name>", "only on this host (a bare name also covers its FQDN)")
    .option("--all-hosts", "on every host")
    .option("--sha256 <hash>", "findings about this file hash")
    .option("--path <path>", "findings about this full path (image or file; case and \\ / ignored)")
    .option(
      "--command-line <pattern>",
      "findings whose command line matches (* and ?, case-insensitive, whole line)",
    )
    .option(
      "--rule <detector>",
      "with --image: this detector's findings on that image; with the others: only this detector's findings",
    )
    .option("--image <path-or-name>", "with --rule: the image, a full path or a file name")
    .option("--analyst <name>", "who decides (default: $USER)")
    .option("--json", "print the decision as JSON")
    .action(async (verdict: DecisionVerdict, _o: unknown, command: Command) => {
      await runtime.run(command, async (ctx) => {
        const o = command.opts<DecideOptions>();
        const input: DecisionInput = {
          verdict,
          reason: o.reason,
          scope: scopeOf(o),
          analyst: analystName(o.analyst),
        };
        const log = await DecisionLog.open(ctx.dataDir, ctx.diagnostics);
        const decision = await asUsage(async () => {
          checkDecisionInput(input);
          return log.decide(input);
        });
        await ctx.out.write(
          o.json
            ? `${safeJsonStringify(decision)}\n`
            : `${decision.id} ${escapeTerminal(describeDecision(decision))}\n`,
        );
      });
    });
}
