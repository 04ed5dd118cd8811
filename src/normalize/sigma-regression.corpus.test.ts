/**
 * Corpus test: SigmaHQ's regression data (evtx_dump JSON of events that a rule must match) checked
 * against the logsource of that rule. Every event must get the rule's product, service (when the
 * rule names one) and category (among its categories), plus a host, a time and a channel — i.e. our
 * logsource assignment agrees with Sigma's own test data.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import { corpusPath, corpusSkipReason } from "../testing/corpus.js";
import { createNormalizer } from "./normalizer.js";

function jsonFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) jsonFiles(p, out);
    else if (name.endsWith(".json")) out.push(p);
  }
  return out;
}

/** Splits concatenated JSON objects (`{…}\n{…}`) by brace depth, strings respected. */
function splitObjects(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") {
      if (depth++ === 0) start = i;
    } else if (c === "}" && --depth === 0) out.push(text.slice(start, i + 1));
  }
  return out;
}

interface RuleLogsource {
  product?: string;
  service?: string;
  category?: string;
}

describe("SigmaHQ regression data", () => {
  test("every event gets the logsource of the rule it was recorded for", (t) => {
    const sigma = corpusPath("sigma");
    if (!sigma) return t.skip(corpusSkipReason("sigma"));
    const files = jsonFiles(join(sigma, "regression_data"));
    const normalizer = createNormalizer();
    const problems: string[] = [];
    const noRule: string[] = [];
    let events = 0;
    for (const file of files) {
      const rel = relative(join(sigma, "regression_data"), file);
      const ruleFile = join(sigma, `${dirname(rel)}.yml`);
      if (!existsSync(ruleFile)) {
        noRule.push(rel); // the snapshot does not carry every rule
        continue;
      }
      const rule = parse(readFileSync(ruleFile, "utf8")) as { logsource?: RuleLogsource };
      const want = rule.logsource ?? {};
      for (const [i, text] of splitObjects(readFileSync(file, "utf8")).entries()) {
        const diagnostics = new Diagnostics();
        const e = normalizer.normalize(
          { kind: "json", provenance: { file, format: "json", line: i + 1 }, value: JSON.parse(text) },
          diagnostics,
        );
        events++;
        const where = `${rel}#${i + 1}`;
        if (!e) {
          problems.push(`${where}: dropped`);
          continue;
        }
        const got = e.logsource as RuleLogsource & { categories?: readonly string[] };
        if (want.product && got.product !== want.product) problems.push(`${where}: product ${got.product}`);
        if (want.service && got.service !== want.service)
          problems.push(`${where}: service ${got.service} ≠ ${want.service}`);
        if (want.category && !(got.categories ?? []).includes(want.category)) {
          problems.push(`${where}: categories ${JSON.stringify(got.categories)} lack ${want.category}`);
        }
        if (!e.time || e.host === "" || e.identity.channel === "")
          problems.push(`${where}: missing time/host/channel`);
        if (diagnostics.total > 0) problems.push(`${where}: ${diagnostics.list()[0].message}`);
      }
    }
    t.diagnostic(
      `${files.length} files, ${events} events; ${noRule.length} files skipped (rule not in the snapshot)`,
    );
    assert.ok(noRule.length < 10, `rules missing for ${noRule.length} files`);
    assert.ok(events > 150, `${events} events`);
    assert.deepEqual(problems, []);
  });
});
