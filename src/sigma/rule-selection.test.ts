import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testCompiled, testRule } from "../outputs/hunt-fixtures.js";
import type { SigmaRule } from "./rule-model.js";
import {
  exclusionReason,
  parseRuleIdList,
  parseStatuses,
  type RuleSelection,
  selectRules,
} from "./rule-selection.js";

const proc = testRule({
  id: "AAAA-1",
  title: "proc",
  level: "high",
  status: "stable",
  tags: ["attack.execution", "attack.t1059.001"],
  logsource: { product: "windows", category: "process_creation" },
});
const noLevel = testRule({ id: "bbbb-2", title: "no level", logsource: { product: "windows" } });
const deprecated = testRule({ id: "cccc-3", title: "old", level: "critical", status: "deprecated" });
const lowNet = testRule({
  id: "dddd-4",
  title: "net",
  level: "low",
  status: "experimental",
  tags: ["attack.command_and_control"],
  logsource: { product: "zeek", service: "conn" },
});

describe("exclusionReason", () => {
  const rows: readonly [string, SigmaRule, RuleSelection, string | undefined][] = [
    ["no selection keeps a rule", proc, {}, undefined],
    ["min level below", lowNet, { minLevel: "medium" }, "level"],
    ["min level equal", proc, { minLevel: "high" }, undefined],
    ["no level counts as informational", noLevel, { minLevel: "low" }, "level"],
    ["no level kept at informational", noLevel, { minLevel: "informational" }, undefined],
    ["deprecated left out by default", deprecated, {}, "status"],
    ["deprecated kept when asked", deprecated, { statuses: ["deprecated"] }, undefined],
    ["status list excludes", lowNet, { statuses: ["stable"] }, "status"],
    ["a rule without status is kept", noLevel, { statuses: ["stable"] }, undefined],
    ["tag exact", proc, { tags: ["attack.execution"] }, undefined],
    ["tag prefix selects sub-technique", proc, { tags: ["ATTACK.T1059"] }, undefined],
    ["tag prefix needs a dot boundary", proc, { tags: ["attack.t105"] }, "tags"],
    ["underscore and dash are the same", lowNet, { tags: ["attack.command-and-control"] }, undefined],
    ["tag not carried", lowNet, { tags: ["attack.execution"] }, "tags"],
    ["logsource product", lowNet, { logsource: { product: "windows" } }, "logsource"],
    [
      "logsource case-insensitive",
      proc,
      { logsource: { product: "Windows", category: "process_creation" } },
      undefined,
    ],
    [
      "logsource category missing on rule",
      noLevel,
      { logsource: { category: "process_creation" } },
      "logsource",
    ],
    ["excluded id first", proc, { excludeIds: ["aaaa-1"], minLevel: "critical" }, "excluded-id"],
  ];
  for (const [name, rule, selection, want] of rows) {
    it(name, () => {
      const ids = new Set(Array.from(selection.excludeIds ?? [], (s) => s.toLowerCase()));
      assert.equal(exclusionReason(rule, selection, ids), want);
    });
  }
});

describe("selectRules", () => {
  it("keeps order and counts each left-out rule once", () => {
    const rules = [proc, noLevel, deprecated, lowNet].map((r) => testCompiled(r));
    const s = selectRules(rules, { minLevel: "low", excludeIds: ["DDDD-4"] });
    assert.deepEqual(
      s.rules.map((r) => r.rule.title),
      ["proc"],
    );
    assert.deepEqual(s.excluded, { "excluded-id": 1, level: 1, status: 1, tags: 0, logsource: 0 });
  });
});

describe("parseRuleIdList", () => {
  it("reads the first word per line, skips comments and blanks, reports bad lines", () => {
    const text = "# excluded\r\nAAAA-1 # noisy\n\n  bbbb_2  trailing words\nnot/an/id\n";
    const r = parseRuleIdList(text);
    assert.deepEqual(r.ids, ["AAAA-1", "bbbb_2"]);
    assert.deepEqual(r.problems, [{ line: 5, text: "not/an/id" }]);
  });
});

describe("parseStatuses", () => {
  it("parses a comma list, any case, without duplicates", () => {
    assert.deepEqual(parseStatuses("Stable, test,stable,"), ["stable", "test"]);
  });
  it("names the accepted statuses on a bad one", () => {
    assert.throws(() => parseStatuses("stable,bogus"), /unknown status "bogus": expected stable, test/);
  });
});
