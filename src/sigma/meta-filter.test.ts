/**
 * Meta-filters: applied at load to the rules they name (id or name) as `rule and not (condition)`;
 * located warnings for missing targets, logsource mismatches, filter→filter references and cycles;
 * invalid filters rejected with reasons.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import { loadRules, parseRuleText } from "./rule-loader.js";

function event(fields: Fields): Event {
  return {
    kind: "windows",
    time: undefined,
    host: "",
    identity: { provider: "P", channel: "C", eventId: 0 },
    logsource: { product: "windows", category: "process_creation" },
    fields,
    provenance: { file: "mem.json", format: "json", line: 1 },
  };
}

const RULE = `title: Rar
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
name: rar_compress
logsource:
  category: process_creation
  product: windows
detection:
  sel:
    Image|endswith: '\\rar.exe'
  condition: sel
`;

const OTHER = `title: Other
id: 11111111-2222-4333-8444-555555555555
logsource:
  category: process_creation
  product: windows
detection:
  sel:
    Image|endswith: '\\rar.exe'
  condition: sel
`;

function filter(id: string, rules: readonly string[], extra = "", condition = "selection"): string {
  return `title: Filter ${id}
id: ${id}
logsource:
  category: process_creation
  product: windows
filter:
  rules:
${rules.map((r) => `    - ${r}`).join("\n")}
  selection:
    User|startswith: 'adm_'
${extra}  condition: ${condition}
`;
}

const ADMIN = event({ Image: "C:\\rar.exe", User: "adm_bob" });
const USER = event({ Image: "C:\\rar.exe", User: "bob" });

describe("meta-filters", () => {
  test("a filter suppresses the matches of the rule it names by id", () => {
    const loaded = parseRuleText(
      `${RULE}---\n${OTHER}---\n${filter("f1", ["6f3e2987-db24-4c78-a860-b4f4095a7095"])}`,
      "f.yml",
    );
    assert.deepEqual(loaded.rejected, []);
    assert.deepEqual(loaded.warnings, []);
    assert.equal(loaded.filters.length, 1);
    assert.equal(loaded.filters[0].source.line, 22);
    const [rar, other] = loaded.rules;
    assert.equal(rar.matches(ADMIN), false);
    assert.equal(rar.matches(USER), true);
    assert.equal(other.matches(ADMIN), true, "rules the filter does not name are unchanged");
  });

  test("by name, and with several search identifiers in the filter", () => {
    const extra = "  host:\n    Computer: 'DC1'\n";
    const loaded = parseRuleText(
      `${RULE}---\n${filter("f2", ["rar_compress"], extra, "selection or host")}`,
      "f.yml",
    );
    assert.deepEqual(loaded.rejected, []);
    const rar = loaded.rules[0];
    assert.equal(rar.matches(ADMIN), false);
    assert.equal(rar.matches(event({ Image: "C:\\rar.exe", User: "bob", Computer: "dc1" })), false);
    assert.equal(rar.matches(USER), true);
  });

  test("filters in another file apply too (loadRules-wide), and two filters both apply", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mikiwame-filters-"));
    writeFileSync(join(dir, "a_rule.yml"), RULE);
    writeFileSync(
      join(dir, "mf_filters.yml"),
      `${filter("f3", ["rar_compress"])}---\n${filter("f4", ["rar_compress"], "  other:\n    User: bob\n", "other")}`,
    );
    const loaded = await loadRules([dir]);
    assert.deepEqual(loaded.rejected, []);
    assert.equal(loaded.filters.length, 2);
    assert.equal(loaded.rules[0].matches(ADMIN), false);
    assert.equal(loaded.rules[0].matches(USER), false);
    assert.equal(loaded.rules[0].matches(event({ Image: "C:\\rar.exe", User: "carol" })), true);
  });

  test("a filter naming a missing rule, a filter, or an uncovered logsource leaves located warnings", () => {
    const wrongLogsource = filter("f6", ["rar_compress"]).replace(
      "category: process_creation",
      "category: file_event",
    );
    const text = `${RULE}---\n${filter("f5", ["missing-rule", "f6"])}---\n${wrongLogsource}`;
    const loaded = parseRuleText(text, "w.yml");
    assert.deepEqual(
      loaded.warnings.map((w) => [w.source.line, w.id, w.message]),
      [
        [12, "f5", "names rule 'missing-rule', which is not among the loaded rules; reference ignored"],
        [12, "f5", "names filter 'f6': filters apply to detection rules only; reference ignored"],
        [
          25,
          "f6",
          "logsource category 'file_event' does not cover rule 'rar_compress' (category 'process_creation'); not applied",
        ],
      ],
    );
    assert.equal(loaded.rules[0].matches(ADMIN), true);
  });

  test("a filter cycle is reported once and does not hang; the rules still load", () => {
    const text = `${RULE}---\n${filter("fa", ["fb", "rar_compress"])}---\n${filter("fb", ["fa"])}`;
    const loaded = parseRuleText(text, "cycle.yml");
    assert.equal(loaded.rules.length, 1);
    const cycle = loaded.warnings.filter((w) => w.message.includes("cycle"));
    assert.equal(cycle.length, 1);
    assert.equal(cycle[0].source.line, 12);
    assert.match(cycle[0].message, /^filter reference cycle fa → fb → fa; these references are ignored$/);
    assert.equal(loaded.rules[0].matches(ADMIN), false, "the reference to the rule still applies");
  });

  test("a condition starting with `not` is applied as written in the spec and warned about", () => {
    const loaded = parseRuleText(
      `${RULE}---\n${filter("f7", ["rar_compress"], "", "not selection")}`,
      "not.yml",
    );
    assert.equal(loaded.warnings.length, 1);
    assert.match(
      loaded.warnings[0].message,
      /starts with 'not'.*keeps only the matches where 'selection' holds/,
    );
    assert.equal(loaded.rules[0].matches(ADMIN), true);
    assert.equal(loaded.rules[0].matches(USER), false);
  });

  test("invalid filters are rejected with every problem", () => {
    const bad =
      "title: Bad\nid: fx\nlogsource:\n  product: windows\nfilter:\n  rules: []\n  sel:\n    a|nope: 1\n  condition: sel and missing\n";
    const loaded = parseRuleText(`${RULE}---\n${bad}`, "bad.yml");
    assert.equal(loaded.filters.length, 0);
    assert.equal(loaded.rejected.length, 1);
    const r = loaded.rejected[0];
    assert.deepEqual(r.source, { file: "bad.yml", line: 12 });
    assert.equal(r.id, "fx");
    assert.match(r.reason, /^filter: line 17: 'filter.rules' must be a non-empty list/);
    assert.match(r.reason, /line 19: unknown modifier 'nope'/);
    const noCond = parseRuleText(
      "title: B\nlogsource: {product: windows}\nfilter:\n  rules: [x]\n  sel:\n    a: 1\n  condition: sel and missing\n",
      "nc.yml",
    );
    assert.match(noCond.rejected[0].reason, /line 7: condition references 'missing', which is not defined/);
  });
});
