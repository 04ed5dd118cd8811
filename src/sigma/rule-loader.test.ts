/**
 * The loader: metadata validation (every problem of a rule, located), multi-document files,
 * collections (global/reset/repeat), routing of correlation and filter documents, legacy
 * aggregations, hostile inputs (YAML bombs, huge files, catastrophic regexes) and directory loads.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
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

const GOOD = `title: Whoami
id: 929a690e-bef0-4204-a928-ef5e620d6fcc
status: deprecated
level: high
description: whoami
author: someone
date: 2019-10-23
modified: 2024-01-01
tags:
  - attack.discovery
  - attack.t1033
references:
  - https://example.com
falsepositives:
  - admins
fields:
  - CommandLine
kill_chain: reconnaissance
related:
  - id: 08fbc97d-0a2f-491c-ae21-8ffcfd3174e9
    type: derived
logsource:
  category: process_creation
  product: windows
  definition: Sysmon or 4688
detection:
  selection:
    Image|endswith: '\\whoami.exe'
  condition: selection
`;

describe("rule metadata", () => {
  test("a complete rule loads with every attribute; deprecated rules load, status kept", () => {
    const loaded = parseRuleText(GOOD, "good.yml");
    assert.deepEqual(loaded.rejected, []);
    assert.equal(loaded.files, 1);
    const r = loaded.rules[0].rule;
    assert.equal(r.kind, "rule");
    assert.equal(r.id, "929a690e-bef0-4204-a928-ef5e620d6fcc");
    assert.equal(r.title, "Whoami");
    assert.equal(r.status, "deprecated");
    assert.equal(r.level, "high");
    assert.equal(r.date, "2019-10-23");
    assert.equal(r.modified, "2024-01-01");
    assert.deepEqual(r.tags, ["attack.discovery", "attack.t1033"]);
    assert.deepEqual(r.references, ["https://example.com"]);
    assert.deepEqual(r.falsepositives, ["admins"]);
    assert.deepEqual(r.fields, ["CommandLine"]);
    assert.deepEqual(r.logsource, {
      category: "process_creation",
      product: "windows",
      definition: "Sysmon or 4688",
    });
    assert.deepEqual(r.source, { file: "good.yml", line: 1 });
    assert.deepEqual(r.custom, {
      kill_chain: "reconnaissance",
      related: [{ id: "08fbc97d-0a2f-491c-ae21-8ffcfd3174e9", type: "derived" }],
    });
    assert.equal(loaded.rules[0].matches(event({ Image: "C:\\Windows\\System32\\whoami.exe" })), true);
  });

  test("every metadata problem of a rule is reported, each with its line", () => {
    const text = [
      "title: 42",
      "status: maybe",
      "level: severe",
      "tags: attack.t1033",
      "references:",
      "  - [nested]",
      "related:",
      "  - id: x",
      "    type: cousin",
      "taxonomy: ocsf",
      "detection:",
      "  sel:",
      "    a|nope: 1",
      "  condition: sel",
    ].join("\n");
    const loaded = parseRuleText(text, "meta.yml");
    assert.equal(loaded.rules.length, 0);
    assert.equal(loaded.rejected.length, 1);
    const { reason, source, title } = loaded.rejected[0];
    assert.deepEqual(source, { file: "meta.yml", line: 1 });
    assert.equal(title, "42");
    for (const part of [
      /line 2: 'status' is 'maybe', expected one of stable, test, experimental, deprecated, unsupported/,
      /line 3: 'level' is 'severe'/,
      /line 4: 'tags' must be a list of strings/,
      /line 6: 'references' items must be strings/,
      /line 8: 'related' item type must be one of/,
      /line 10: taxonomy 'ocsf' is not supported/,
      /'logsource' is missing/,
      /line 13: unknown modifier 'nope'/,
    ]) {
      assert.match(reason, part);
    }
  });

  test("missing title, logsource and detection", () => {
    const loaded = parseRuleText("id: x\nlevel: low\n", "empty.yml");
    assert.equal(loaded.rejected.length, 1);
    assert.match(loaded.rejected[0].reason, /'title' is missing/);
    assert.match(loaded.rejected[0].reason, /'logsource' is missing/);
    assert.match(loaded.rejected[0].reason, /'detection' is missing/);
    assert.equal(loaded.rejected[0].id, "x");
  });

  test("a title over 256 characters", () => {
    const loaded = parseRuleText(GOOD.replace("title: Whoami", `title: ${"x".repeat(257)}`), "long.yml");
    assert.match(loaded.rejected[0].reason, /line 1: 'title' is longer than 256 characters/);
  });
});

describe("documents and collections", () => {
  test("multi-document file: each document loads or is rejected on its own, with its line", () => {
    const text = `${GOOD}---\ntitle: broken\nlogsource: {product: windows}\ndetection:\n  condition: sel\n---\n${GOOD.replace("Whoami", "Second")}`;
    const loaded = parseRuleText(text, "multi.yml");
    assert.deepEqual(
      loaded.rules.map((r) => [r.rule.title, r.rule.source.line]),
      [
        ["Whoami", 1],
        ["Second", 36],
      ],
    );
    assert.equal(loaded.rejected.length, 1);
    assert.equal(loaded.rejected[0].source.line, 31);
    assert.match(loaded.rejected[0].reason, /line 34: detection has no search identifier/);
  });

  test("YAML syntax errors are located and do not stop the other documents", () => {
    const text = `title: a\n  bad: [unclosed\n---\n${GOOD}`;
    const loaded = parseRuleText(text, "syntax.yml");
    assert.equal(loaded.rules.length, 1);
    assert.equal(loaded.rejected.length, 1);
    assert.equal(loaded.rejected[0].source.file, "syntax.yml");
    assert.match(loaded.rejected[0].reason, /line \d+: YAML /);
  });

  test("a document that is not a map", () => {
    const loaded = parseRuleText("- a\n- b\n", "list.yml");
    assert.deepEqual(loaded.rejected[0].source, { file: "list.yml", line: 1 });
    assert.match(loaded.rejected[0].reason, /document is a list, not a map/);
  });

  test("action: global / reset / repeat", () => {
    const text = [
      "action: global",
      "title: Global title",
      "logsource:",
      "  product: windows",
      "detection:",
      "  condition: selection",
      "---",
      "logsource:",
      "  category: process_creation",
      "detection:",
      "  selection:",
      "    Image|endswith: '\\a.exe'",
      "---",
      "action: repeat",
      "detection:",
      "  selection:",
      "    Image|endswith: '\\b.exe'",
      "---",
      "action: reset",
      "---",
      "title: Own title",
      "logsource:",
      "  product: windows",
      "detection:",
      "  sel:",
      "    Image|endswith: '\\c.exe'",
      "  condition: sel",
    ].join("\n");
    const loaded = parseRuleText(text, "coll.yml");
    assert.deepEqual(loaded.rejected, []);
    assert.deepEqual(
      loaded.rules.map((r) => [r.rule.title, r.rule.source.line, r.rule.logsource]),
      [
        ["Global title", 8, { category: "process_creation", product: "windows" }],
        ["Global title", 14, { category: "process_creation", product: "windows" }],
        ["Own title", 21, { product: "windows" }],
      ],
    );
    const [a, b, c] = loaded.rules;
    assert.equal(a.matches(event({ Image: "C:\\a.exe" })), true);
    assert.equal(a.matches(event({ Image: "C:\\b.exe" })), false);
    assert.equal(b.matches(event({ Image: "C:\\b.exe" })), true);
    assert.equal(c.matches(event({ Image: "C:\\c.exe" })), true);
  });

  test("unknown action, and repeat before any rule", () => {
    const loaded = parseRuleText("action: repeat\ntitle: x\n---\naction: merge\ntitle: y\n", "act.yml");
    assert.deepEqual(
      loaded.rejected.map((r) => [r.source.line, r.reason]),
      [
        [1, "action 'repeat' before any rule in the file"],
        [4, "line 4: unknown action 'merge' (expected global, reset, repeat)"],
      ],
    );
  });

  test("correlation documents are kept raw, with their source", () => {
    const corr = "title: many\nid: c1\ncorrelation:\n  type: event_count\n  rules: [r1]\n  timespan: 5m\n";
    const loaded = parseRuleText(`${GOOD}---\n${corr}`, "corr.yml");
    assert.equal(loaded.rules.length, 1);
    assert.equal(loaded.correlations.length, 1);
    const c = loaded.correlations[0];
    assert.deepEqual(c.source, { file: "corr.yml", line: 31 });
    assert.deepEqual(c.document.correlation, { type: "event_count", rules: ["r1"], timespan: "5m" });
    assert.equal(c.legacy, undefined);
  });

  test("a legacy aggregation: the base rule loads, the aggregation goes to correlations", () => {
    const text = GOOD.replace(
      "condition: selection",
      "condition: selection | count() by User > 5\n  timeframe: 10m",
    );
    const loaded = parseRuleText(text, "legacy.yml");
    assert.deepEqual(loaded.rejected, []);
    assert.equal(loaded.rules.length, 1);
    assert.deepEqual(loaded.correlations[0].legacy, {
      aggregation: "count() by User > 5",
      timeframe: "10m",
      ruleId: "929a690e-bef0-4204-a928-ef5e620d6fcc",
      ruleTitle: "Whoami",
    });
  });
});

describe("hostile input", () => {
  test("a YAML alias bomb is rejected; the other documents still load", () => {
    const bomb = [
      "title: bomb",
      "a: &a ['x','x','x','x','x','x','x','x','x','x']",
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]",
      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]",
      "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]",
      "g: [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]",
    ].join("\n");
    const started = Date.now();
    const loaded = parseRuleText(`${bomb}\n---\n${GOOD}`, "bomb.yml");
    assert.ok(Date.now() - started < 5000);
    assert.equal(loaded.rules.length, 1);
    assert.equal(loaded.rejected.length, 1);
    assert.deepEqual(loaded.rejected[0].source, { file: "bomb.yml", line: 1 });
    assert.match(loaded.rejected[0].reason, /expands to more than 200000 nodes/);
  });

  test("deep nesting is rejected", () => {
    const loaded = parseRuleText(`title: deep\nx: ${"[".repeat(100)}${"]".repeat(100)}\n`, "deep.yml");
    assert.equal(loaded.rejected.length, 1);
    assert.match(loaded.rejected[0].reason, /nesting deeper than 64 levels/);
  });

  test("a 10 MB rule text is rejected with its size; maxFileBytes raises the limit", () => {
    const big = `${GOOD}# ${"x".repeat(10 * 1024 * 1024)}\n`;
    const loaded = parseRuleText(big, "big.yml");
    assert.equal(loaded.rules.length, 0);
    assert.deepEqual(loaded.rejected[0].source, { file: "big.yml", line: 1 });
    assert.match(loaded.rejected[0].reason, /rule file is 10\.0 MiB, larger than the 4\.0 MiB limit/);
  });

  test("a catastrophic regex runs in linear time; an unsupported one is rejected, others load", () => {
    const catastrophic = GOOD.replace("Image|endswith: '\\whoami.exe'", () => "CommandLine|re: '(a+)+$'");
    const backref = GOOD.replace("Image|endswith: '\\whoami.exe'", "CommandLine|re: '(a)\\1'");
    const text = `${catastrophic}---\n${backref.replace("Whoami", "Backref")}`;
    const loaded = parseRuleText(text, "re.yml");
    assert.equal(loaded.rules.length, 1);
    assert.equal(loaded.rejected.length, 1);
    assert.equal(loaded.rejected[0].title, "Backref");
    assert.match(
      loaded.rejected[0].reason,
      /^line 58: regex '\(a\)\\1' rejected: backreference \\1 is not supported/,
    );
    const rule = loaded.rules[0];
    const evil = `${"a".repeat(50_000)}b`;
    const started = Date.now();
    assert.equal(rule.matches(event({ CommandLine: evil })), false);
    assert.equal(rule.matches(event({ CommandLine: "aaaa" })), true);
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });
});

describe("loadRules", () => {
  test("walks directories, reads named files, reports unreadable paths and oversized files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mikiwame-rules-"));
    mkdirSync(join(dir, "sub"));
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, "a.yml"), GOOD);
    writeFileSync(join(dir, "sub", "b.yaml"), GOOD.replace("Whoami", "B"));
    writeFileSync(join(dir, "sub", "notes.txt"), "not a rule");
    writeFileSync(join(dir, ".git", "c.yml"), GOOD);
    writeFileSync(join(dir, "big.yml"), `${GOOD}# ${"x".repeat(5 * 1024 * 1024)}\n`);
    const named = join(dir, "rule.txt");
    writeFileSync(named, GOOD.replace("Whoami", "Named"));
    const missing = join(dir, "missing.yml");
    const loaded = await loadRules([dir, named, missing]);
    assert.deepEqual(loaded.rules.map((r) => r.rule.title).sort(), ["B", "Named", "Whoami"]);
    assert.equal(loaded.files, 4);
    assert.deepEqual(
      loaded.rejected.map((r) => [r.source.file, r.source.line]),
      [
        [missing, 1],
        [join(dir, "big.yml"), 1],
      ],
    );
    assert.match(loaded.rejected[0].reason, /rule path could not be read: ENOENT/);
    assert.match(loaded.rejected[1].reason, /larger than the 4\.0 MiB limit/);
    const again = await loadRules([join(dir, "big.yml")], { maxFileBytes: 8 * 1024 * 1024 });
    assert.equal(again.rules.length, 1);
  });

  test("duplicate ids leave a located warning", () => {
    const loaded = parseRuleText(`${GOOD}---\n${GOOD}`, "dup.yml");
    assert.equal(loaded.rules.length, 2);
    assert.equal(loaded.warnings.length, 1);
    assert.deepEqual(loaded.warnings[0].source, { file: "dup.yml", line: 31 });
    assert.match(loaded.warnings[0].message, /duplicate rule id 929a690e-.* \(first at dup\.yml:1\)/);
  });
});

describe("empty documents", () => {
  test("a trailing --- and comment-only documents are ignored", () => {
    const loaded = parseRuleText(`---\n# only a comment\n---\n${GOOD}---\n`, "trail.yml");
    assert.deepEqual(loaded.rejected, []);
    assert.equal(loaded.rules.length, 1);
  });
});

describe("one bad input never stops the others", () => {
  test("catastrophic regex, 10 MB YAML, missing placeholder file and a filter cycle in one load", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mikiwame-mixed-"));
    const placeholders = mkdtempSync(join(tmpdir(), "mikiwame-ph-"));
    writeFileSync(join(dir, "a_good.yml"), GOOD);
    writeFileSync(
      join(dir, "b_catastrophic.yml"),
      GOOD.replace("Whoami", "Catastrophic")
        .replace("929a690e-bef0-4204-a928-ef5e620d6fcc", "00000000-0000-4000-8000-000000000001")
        .replace("Image|endswith: '\\whoami.exe'", () => "CommandLine|re: '(a+)+$'"),
    );
    writeFileSync(join(dir, "c_huge.yml"), `${GOOD}# ${"x".repeat(10 * 1024 * 1024)}\n`);
    writeFileSync(
      join(dir, "d_placeholder.yml"),
      GOOD.replace("Whoami", "Placeholder")
        .replace("929a690e-bef0-4204-a928-ef5e620d6fcc", "00000000-0000-4000-8000-000000000002")
        .replace("Image|endswith: '\\whoami.exe'", "User|expand: '%Admins%'"),
    );
    const filter = (id: string, target: string) =>
      `title: ${id}\nid: ${id}\nlogsource: {product: windows}\nfilter:\n  rules: [${target}, 929a690e-bef0-4204-a928-ef5e620d6fcc]\n  sel:\n    User: x\n  condition: sel\n`;
    writeFileSync(join(dir, "e_filters.yml"), `${filter("fa", "fb")}---\n${filter("fb", "fa")}`);
    const loaded = await loadRules([dir], { placeholders });
    assert.deepEqual(loaded.rules.map((r) => r.rule.title).sort(), ["Catastrophic", "Whoami"]);
    assert.deepEqual(
      loaded.rejected.map((r) => [r.source.file, r.source.line]),
      [
        [join(dir, "c_huge.yml"), 1],
        [join(dir, "d_placeholder.yml"), 1],
      ],
    );
    assert.match(loaded.rejected[0].reason, /rule file is 10\.0 MiB, larger than the 4\.0 MiB limit/);
    assert.match(
      loaded.rejected[1].reason,
      /^line 28: placeholder %Admins% has no value file: create .*Admins\.txt/,
    );
    assert.deepEqual(
      loaded.warnings.map((w) => w.message),
      [
        "names filter 'fb': filters apply to detection rules only; reference ignored",
        "names filter 'fa': filters apply to detection rules only; reference ignored",
        "filter reference cycle fa → fb → fa; these references are ignored",
      ],
    );
    const catastrophic = loaded.rules.find((r) => r.rule.title === "Catastrophic");
    const started = Date.now();
    assert.equal(catastrophic?.matches(event({ CommandLine: `${"a".repeat(50_000)}b` })), false);
    assert.ok(Date.now() - started < 1000);
    const whoami = loaded.rules.find((r) => r.rule.title === "Whoami");
    assert.equal(whoami?.matches(event({ Image: "C:\\whoami.exe", User: "x" })), false, "both filters apply");
    assert.equal(whoami?.matches(event({ Image: "C:\\whoami.exe", User: "y" })), true);
  });
});

describe("files without rules", () => {
  test("an empty file leaves a warning, not silence", () => {
    const loaded = parseRuleText("# nothing here\n", "empty.yml");
    assert.deepEqual(loaded.rejected, []);
    assert.deepEqual(
      loaded.warnings.map((w) => [w.source, w.message]),
      [
        [
          { file: "empty.yml", line: 1 },
          "rule file holds no rule (empty, or only comments and global documents)",
        ],
      ],
    );
  });
});
