/**
 * One SigmaHQ regression-test result as a line for `mikiwame rules test`. Input: a RegressionResult.
 * Output: `FAIL <rule id> "<title>" <info.yml>:<line> <sample>: <reason>` (or `ok …` with the match
 * count), escaped for the terminal.
 */
import type { RegressionResult } from "../sigma/regression-runner.js";
import { escapeTerminal } from "./terminal-escape.js";

/** The line of one result. */
export function renderRegressionResult(r: RegressionResult): string {
  const c = r.case;
  const title = c.ruleTitle === undefined ? "" : ` ${JSON.stringify(c.ruleTitle)}`;
  const where = `${c.info}:${c.line}`;
  const sample = c.sample ?? c.path;
  const tail = r.status === "passed" ? `${r.matches} of ${r.events} events matched` : (r.reason ?? "failed");
  return escapeTerminal(
    `${r.status === "passed" ? "ok  " : "FAIL"} ${c.ruleId}${title} ${where} ${sample}: ${tail}`,
  );
}
