import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseRuleText } from "../sigma/rule-loader.js";
import { BRUTE_FORCE_RULES, MACRO_CHAIN_RULES } from "./hunt-correlation-fixtures.js";
import { type HuntRulePlan, planHunt } from "./hunt-rules.js";

const BRUTE = "0b7f9a3e-0000-4000-8000-000000000002";

function titles(plan: HuntRulePlan): { run: string[]; reported: string[]; correlations: string[] } {
  return {
    run: plan.detection.map((r) => r.rule.title),
    reported: plan.detection.filter((r) => plan.reports(r.rule)).map((r) => r.rule.title),
    correlations: plan.correlations.map(
      (c) => `${c.title}${plan.reportsCorrelation(c) ? "" : " (feeds only)"}`,
    ),
  };
}

/** A correlation chained on the brute force: the same account brute-forced twice in an hour. */
const CHAIN = `${BRUTE_FORCE_RULES}---
title: Repeated Brute Force
id: 0b7f9a3e-0000-4000-8000-000000000003
level: critical
correlation:
  type: event_count
  rules: [${BRUTE}]
  group-by: [TargetUserName]
  timespan: 1h
  condition: {gte: 2}
`;

describe("planHunt", () => {
  const table: {
    name: string;
    text: string;
    selection: Parameters<typeof planHunt>[1];
    want: ReturnType<typeof titles>;
    buildingBlocks: number;
  }[] = [
    {
      name: "a generate:false building block runs but does not report",
      text: BRUTE_FORCE_RULES,
      selection: {},
      want: { run: ["Failed Logon"], reported: [], correlations: ["Brute Force On One Account"] },
      buildingBlocks: 0,
    },
    {
      name: "a building block left out by --min-level still runs for the correlation",
      text: BRUTE_FORCE_RULES,
      selection: { minLevel: "high" },
      want: { run: ["Failed Logon"], reported: [], correlations: ["Brute Force On One Account"] },
      buildingBlocks: 1,
    },
    {
      name: "generate:true rules report on their own too",
      text: MACRO_CHAIN_RULES,
      selection: {},
      want: {
        run: ["Office Spawns Shell", "Whoami Run"],
        reported: ["Office Spawns Shell", "Whoami Run"],
        correlations: ["Macro Shell Then Discovery"],
      },
      buildingBlocks: 0,
    },
    {
      name: "a correlation left out by the selection: its building block reports on its own",
      text: BRUTE_FORCE_RULES,
      selection: { excludeIds: [BRUTE.toUpperCase()] },
      want: { run: ["Failed Logon"], reported: ["Failed Logon"], correlations: [] },
      buildingBlocks: 0,
    },
    {
      name: "--logsource keeps a correlation whose rules fit",
      text: BRUTE_FORCE_RULES,
      selection: { logsource: { service: "security" } },
      want: { run: ["Failed Logon"], reported: [], correlations: ["Brute Force On One Account"] },
      buildingBlocks: 0,
    },
    {
      name: "--logsource leaves out a correlation whose rules do not fit",
      text: BRUTE_FORCE_RULES,
      selection: { logsource: { category: "process_creation" } },
      want: { run: [], reported: [], correlations: [] },
      buildingBlocks: 0,
    },
    {
      name: "a selected chain runs the correlation it builds on without reporting it",
      text: CHAIN,
      selection: { minLevel: "critical" },
      want: {
        run: ["Failed Logon"],
        reported: [],
        correlations: ["Brute Force On One Account (feeds only)", "Repeated Brute Force"],
      },
      buildingBlocks: 1,
    },
  ];
  for (const t of table) {
    it(t.name, () => {
      const plan = planHunt(parseRuleText(t.text, "rules.yml"), t.selection);
      assert.deepEqual(titles(plan), t.want);
      assert.equal(plan.buildingBlocks, t.buildingBlocks);
      assert.deepEqual(plan.rejected, []);
    });
  }

  it("counts the correlations the selection leaves out, per reason", () => {
    const plan = planHunt(parseRuleText(CHAIN, "rules.yml"), { minLevel: "critical" });
    assert.equal(plan.selectedCorrelations, 1);
    assert.equal(plan.excludedCorrelations.level, 1);
    assert.equal(plan.selected, 0);
    assert.equal(plan.excluded.level, 1);
  });

  it("rejects a correlation with an unknown reference, located, and lets the rule it names report", () => {
    const text = `${BRUTE_FORCE_RULES}---
title: Broken Chain
id: 0b7f9a3e-0000-4000-8000-000000000009
correlation:
  type: temporal
  rules: [failed_logon, no_such_rule]
  group-by: [TargetUserName]
  timespan: 1m
`;
    const plan = planHunt(parseRuleText(text, "rules.yml"), {});
    assert.deepEqual(
      plan.rejected.map((r) => [r.source.file, r.source.line, r.id, r.reason]),
      [
        [
          "rules.yml",
          33,
          "0b7f9a3e-0000-4000-8000-000000000009",
          'references "no_such_rule", but no loaded rule or correlation has this id or name',
        ],
      ],
    );
    assert.deepEqual(titles(plan).correlations, ["Brute Force On One Account"]);
  });

  it("does not run a legacy rule whose aggregation is rejected, and runs a valid one as a correlation", () => {
    const text = `title: Legacy Min
id: 0b7f9a3e-0000-4000-8000-000000000021
logsource:
  product: windows
detection:
  selection:
    EventID: 4625
  condition: selection | min(LogonType) by TargetUserName > 2
timeframe: 5m
---
title: Legacy Count
id: 0b7f9a3e-0000-4000-8000-000000000022
logsource:
  product: windows
detection:
  selection:
    EventID: 4625
  condition: selection | count() by TargetUserName > 2
timeframe: 5m
`;
    const plan = planHunt(parseRuleText(text, "legacy.yml"), {});
    assert.deepEqual(
      plan.rejected.map((r) => [r.source.file, r.source.line, r.id]),
      [["legacy.yml", 1, "0b7f9a3e-0000-4000-8000-000000000021"]],
    );
    assert.match(plan.rejected[0]?.reason ?? "", /min\(\)/);
    // the count rule runs, feeds its own legacy correlation and does not report single matches
    assert.deepEqual(titles(plan), { run: ["Legacy Count"], reported: [], correlations: ["Legacy Count"] });
  });
});
