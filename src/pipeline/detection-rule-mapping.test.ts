import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SigmaRule } from "../sigma/rule-model.js";
import { parseRuleText } from "../sigma/rule-loader.js";
import {
  ruleConfidence,
  ruleSeverity,
  ruleStage,
  ruleTechniques,
  ruleViewpoint,
} from "./detection-rule-mapping.js";

/** One rule from YAML header lines (a minimal detection is added). */
function rule(header: string): SigmaRule {
  const text = `title: t\n${header}\ndetection:\n  sel:\n    Image: x\n  condition: sel\n`;
  const loaded = parseRuleText(text, "mem.yml");
  assert.deepEqual(loaded.rejected, [], "the test rule loads");
  return loaded.rules[0].rule;
}

describe("detection-rule-mapping", () => {
  const stageCases: readonly [string, string, string | undefined][] = [
    ["kill_chain wins over tags", "kill_chain: installation\ntags: [attack.execution]", "installation"],
    ["kill_chain is case-folded", "kill_chain: Command_And_Control", "command_and_control"],
    [
      "an unknown kill_chain falls back to tags",
      "kill_chain: nonsense\ntags: [attack.discovery]",
      "reconnaissance",
    ],
    ["execution → exploitation", "tags: [attack.execution, attack.t1059.001]", "exploitation"],
    ["the furthest tactic wins", "tags: [attack.execution, attack.persistence]", "installation"],
    ["credential access → lateral movement", "tags: [attack.credential_access]", "lateral_movement"],
    ["dashes as in older rules", "tags: [attack.command-and-control]", "command_and_control"],
    ["exfiltration → objectives", "tags: [attack.exfiltration]", "actions_on_objectives"],
    ["initial access → delivery", "tags: [attack.initial_access]", "delivery"],
    ["no tactic, no stage", "tags: [attack.t1059, cve.2021-1234]", undefined],
  ];
  for (const [name, header, expected] of stageCases) {
    it(`stage: ${name}`, () => {
      assert.equal(ruleStage(rule(`logsource:\n  category: process_creation\n${header}`)), expected);
    });
  }

  const levelCases: readonly [string, string, number][] = [
    ["informational", "info", 0.1],
    ["low", "low", 0.3],
    ["medium", "medium", 0.5],
    ["high", "high", 0.7],
    ["critical", "critical", 0.9],
  ];
  for (const [level, severity, confidence] of levelCases) {
    it(`level ${level} → ${severity}`, () => {
      const r = rule(`level: ${level}\nlogsource:\n  category: process_creation`);
      assert.equal(ruleSeverity(r), severity);
      assert.equal(ruleConfidence(r), confidence);
    });
  }

  it("a rule without a level counts as medium", () => {
    assert.equal(ruleSeverity(rule("logsource:\n  category: process_creation")), "medium");
  });

  it("technique tags become ATT&CK ids, once each, in tag order", () => {
    const r = rule(
      "logsource:\n  product: windows\ntags: [attack.execution, attack.t1059.001, attack.T1204, attack.t1059.001, attack.g0007]",
    );
    assert.deepEqual(ruleTechniques(r), ["T1059.001", "T1204"]);
  });

  const viewpointCases: readonly [string, string][] = [
    ["process_creation", "process"],
    ["image_load", "process"],
    ["file_event", "process"],
    ["network_connection", "direction"],
    ["dns_query", "direction"],
    ["firewall", "direction"],
  ];
  for (const [category, viewpoint] of viewpointCases) {
    it(`category ${category} → ${viewpoint}`, () => {
      assert.equal(ruleViewpoint(rule(`logsource:\n  category: ${category}`)), viewpoint);
    });
  }
  it("a rule without a category is a process finding", () => {
    assert.equal(ruleViewpoint(rule("logsource:\n  product: windows\n  service: security")), "process");
  });
});
