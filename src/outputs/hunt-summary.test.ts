import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testEvent, testMatch, testRule } from "./hunt-fixtures.js";
import { huntRow } from "./hunt-row.js";
import { renderHuntSummary, summarizeHunt } from "./hunt-summary.js";
import { renderHuntTable } from "./hunt-table.js";
import { tacticOfTag, tacticsOfTags } from "./hunt-tactics.js";

const exec = testRule({
  id: "e",
  title: "Exec",
  level: "medium",
  tags: ["attack.execution", "attack.t1059"],
});
const cred = testRule({
  id: "c",
  title: "Cred",
  level: "critical",
  tags: ["attack.credential_access", "attack.defense-evasion"],
});
const info = testRule({ id: "i", title: "Info" });
const rows = [
  huntRow(testMatch(exec, testEvent({ host: "A", recordId: 1 })), "UTC"),
  huntRow(testMatch(exec, testEvent({ host: "B", recordId: 2 })), "UTC"),
  huntRow(testMatch(exec, testEvent({ host: "A", recordId: 3 })), "UTC"),
  huntRow(testMatch(cred, testEvent({ host: "A", recordId: 4 })), "UTC"),
  huntRow(testMatch(info, testEvent({ host: "\u001b[31mC", recordId: 5 })), "UTC"),
];

describe("tactics", () => {
  it("reads attack.<tactic> in both spellings, nothing else", () => {
    assert.equal(tacticOfTag("attack.credential_access"), "credential-access");
    assert.equal(tacticOfTag("ATTACK.Lateral-Movement"), "lateral-movement");
    assert.equal(tacticOfTag("attack.t1059"), undefined);
    assert.equal(tacticOfTag("cve.2021-44228"), undefined);
    assert.deepEqual(tacticsOfTags(["attack.impact", "attack.execution", "attack.execution"]), [
      "execution",
      "impact",
    ]);
  });
});

describe("summarizeHunt", () => {
  it("counts hits and hosts per rule, most severe first", () => {
    const s = summarizeHunt(rows);
    assert.equal(s.matches, 5);
    assert.deepEqual(
      s.rules.map((r) => [r.title, r.level, r.hits, r.hosts]),
      [
        ["Cred", "critical", 1, 1],
        ["Exec", "medium", 3, 2],
        ["Info", undefined, 1, 1],
      ],
    );
  });
  it("lists the tactics per host in matrix order", () => {
    const s = summarizeHunt(rows);
    assert.deepEqual(
      s.hosts.map((h) => [h.host, h.matches, h.tactics]),
      [
        [
          "A",
          3,
          [
            ["execution", 2],
            ["defense-evasion", 1],
            ["credential-access", 1],
          ],
        ],
        ["\u001b[31mC", 1, []],
        ["B", 1, [["execution", 1]]],
      ],
    );
  });
  it("renders both tables with escaped host names", () => {
    const text = renderHuntSummary(summarizeHunt(rows));
    assert.match(text, /^5 matches of 3 rules on 3 hosts\n/);
    assert.match(text, /crit\s+1\s+1\s+Cred\s+c\n/);
    assert.match(text, /A\s+3\s+execution 2, defense-evasion 1, credential-access 1\n/);
    assert.ok(text.includes("\\x1b[31mC"));
    assert.doesNotMatch(text, /\u001b/);
  });
  it("cuts each table to `top` rows and counts the rest", () => {
    const text = renderHuntSummary(summarizeHunt(rows), 1);
    assert.match(text, /crit\s+1\s+1\s+Cred\s+c\n {2}… 2 more rules \(the timeline has them all\)\n/);
    assert.match(text, /\n {2}… 2 more hosts \(the timeline has them all\)\n$/);
  });
  it("says so when nothing matched", () =>
    assert.equal(renderHuntSummary(summarizeHunt([])), "No matches.\n"));
});

describe("renderHuntTable", () => {
  it("prints a header and a line per row, escaped, without ExtraFieldInfo", () => {
    const lines = renderHuntTable(rows.slice(3)).trimEnd().split("\n");
    assert.equal(lines.length, 3);
    assert.match(
      lines[0],
      /^Timestamp\s+Level\s+Computer\s+Channel\s+EventID\s+RecordID\s+RuleTitle\s+Details$/,
    );
    assert.match(
      lines[1],
      /^2020-05-02 03:40:19\.123 \+00:00\s+crit\s+A\s+…dows-Sysmon\/Operational\s+1\s+4\s+Cred\s+-$/,
    );
    assert.ok(lines[2].includes("\\x1b[31mC"));
  });
  it("prints nothing for no rows", () => assert.equal(renderHuntTable([]), ""));
});
