/**
 * Hostile Sigma rules: a YAML alias bomb (billion laughs), YAML nested thousands deep, a list of
 * 201,000 values, an oversized file, conditions nested 10,000 deep, a regex built to backtrack
 * (`(a+)+$` on a long `aaaa…!`), and a regex whose repetitions of nothing would take 10^9 steps to
 * compile. Each rule is rejected with its file, line and reason (or, for the backtracking regex,
 * loaded and matched in linear time), in bounded time, and the other rules still load.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { after, describe, it } from "node:test";
import type { Event } from "../events/event.js";
import { MAX_CONDITION_LENGTH } from "./condition-parser.js";
import { DEFAULT_MAX_RULE_FILE_BYTES, loadRules, parseRuleText } from "./rule-loader.js";
import { DEFAULT_YAML_LIMITS } from "./yaml-tree.js";

const dir = mkdtempSync(join(tmpdir(), "mikiwame-sigma-hostile-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const GOOD =
  "title: Good\nid: 11111111-2222-3333-4444-555555555555\nlogsource:\n  product: windows\ndetection:\n  sel:\n    EventID: 1\n  condition: sel\n";

function event(fields: Event["fields"]): Event {
  return {
    kind: "windows",
    time: { iso: "2024-01-01T00:00:00.000Z", ms: 1_704_067_200_000 },
    host: "h",
    identity: { provider: "p", channel: "c", eventId: 1 },
    logsource: { product: "windows" },
    fields,
    provenance: { file: "e.evtx", format: "evtx" },
  };
}

/** Loads `hostile` from a file next to a good rule file; returns what the hostile file gave and the time. */
async function loadBeside(name: string, hostile: string) {
  const sub = mkdtempSync(join(dir, "case-"));
  const file = join(sub, name);
  writeFileSync(file, hostile);
  writeFileSync(join(sub, "zz-good.yml"), GOOD);
  const start = performance.now();
  const loaded = await loadRules([sub]);
  const ms = performance.now() - start;
  assert.deepEqual(
    loaded.rules.map((r) => r.rule.title),
    ["Good"],
    "the good rule beside the hostile one must load",
  );
  return { file, loaded, ms, rejected: loaded.rejected.filter((r) => r.source.file === file) };
}

describe("hostile YAML", () => {
  it("a billion-laughs alias bomb is rejected at its line within the node budget", async () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(
        `${cur}: &${cur} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
      );
    }
    const bomb = `title: Laughs\nlogsource:\n  product: windows\nbomb:\n${levels.map((l) => `  ${l}`).join("\n")}\ndetection:\n  sel:\n    x: *j\n  condition: sel\n`;
    const r = await loadBeside("bomb.yml", bomb);
    assert.equal(r.rejected.length, 1);
    assert.equal(r.rejected[0]!.source.line, 1);
    assert.match(
      r.rejected[0]!.reason,
      new RegExp(
        `YAML document expands to more than ${DEFAULT_YAML_LIMITS.maxNodes} nodes \\(alias bomb or oversized rule\\); rejected`,
      ),
    );
    assert.ok(r.ms < 3000, `${r.ms} ms`);
  });

  it("YAML nested 5,000 deep is rejected with a reason", async () => {
    const deep = `title: Deep\nlogsource:\n  product: windows\ndetection:\n  sel:\n    x: ${"[".repeat(5000)}${"]".repeat(5000)}\n  condition: sel\n`;
    const r = await loadBeside("deep.yml", deep);
    assert.equal(r.rejected.length, 1);
    // the YAML parser's own guard or ours, whichever trips first: a reason, never a crash
    assert.match(r.rejected[0]!.reason, /nesting deeper than 64 levels|nesting too deep|RESOURCE_EXHAUSTION/);
    assert.ok(r.ms < 3000, `${r.ms} ms`);
  });

  it("a selection with a list of 201,000 values is rejected (node budget), not compiled", async () => {
    const huge = `title: Huge\nlogsource:\n  product: windows\ndetection:\n  sel:\n    x: [${"v,".repeat(201_000)}v]\n  condition: sel\n`;
    assert.ok(huge.length < DEFAULT_MAX_RULE_FILE_BYTES);
    const r = await loadBeside("huge.yml", huge);
    assert.equal(r.rejected.length, 1);
    assert.match(r.rejected[0]!.reason, /expands to more than 200000 nodes/);
    assert.ok(r.ms < 10_000, `${r.ms} ms`);
  });

  it("a rule file over 4 MiB is refused unread", async () => {
    const r = await loadBeside("big.yml", `# ${"x".repeat(DEFAULT_MAX_RULE_FILE_BYTES)}\n${GOOD}`);
    assert.equal(r.rejected.length, 1);
    assert.deepEqual(r.rejected[0]!.source, { file: r.file, line: 1 });
    assert.match(r.rejected[0]!.reason, /larger than the 4\.0 MiB limit for one rule file/);
  });
});

describe("hostile conditions and regexes", () => {
  it("a condition nested 10,000 deep, and one over the length limit: rejected at the condition's line", () => {
    for (const condition of [
      `${"(".repeat(10_000)}sel${")".repeat(10_000)}`,
      `sel${" or sel".repeat(MAX_CONDITION_LENGTH / 7)}`,
    ]) {
      const text = `title: C\nlogsource:\n  product: windows\ndetection:\n  sel:\n    x: 1\n  condition: "${condition}"\n`;
      const start = performance.now();
      const loaded = parseRuleText(text, "c.yml");
      assert.equal(loaded.rejected.length, 1);
      assert.match(
        loaded.rejected[0]!.reason,
        /^line 7: .*(nested deeper than 200 levels|longer than 20000 characters)/,
      );
      assert.ok(performance.now() - start < 2000);
    }
  });

  it("a regex built to backtrack, (a+)+$, matches a 50,000-character 'aaa…!' in linear time", () => {
    const loaded = parseRuleText(
      "title: ReDoS\nlogsource:\n  product: windows\ndetection:\n  sel:\n    CommandLine|re: '(a+)+$'\n  sel2:\n    CommandLine|re: '^(a|aa)*b$'\n  condition: sel or sel2\n",
      "redos.yml",
    );
    assert.deepEqual(loaded.rejected, []);
    const rule = loaded.rules[0]!;
    const start = performance.now();
    assert.equal(rule.matches(event({ CommandLine: `${"a".repeat(50_000)}!` })), false);
    assert.equal(rule.matches(event({ CommandLine: "a".repeat(50_000) })), true);
    const ms = performance.now() - start;
    // a backtracking engine needs about 2^50000 steps for the first text
    assert.ok(ms < 1000, `${ms} ms`);
  });

  it("repetitions of an empty group that would take 10^9 compile steps are rejected quickly", () => {
    const start = performance.now();
    const loaded = parseRuleText(
      "title: Empty\nlogsource:\n  product: windows\ndetection:\n  sel:\n    CommandLine|re: '(?:(?:(?:(?:){1000}){1000}){1000}){1000}'\n  condition: sel\n",
      "empty.yml",
    );
    const ms = performance.now() - start;
    assert.equal(loaded.rejected.length, 1);
    assert.match(
      loaded.rejected[0]!.reason,
      /^line 6: .*regex too large: more than 200000 steps to expand its repetitions/,
    );
    assert.ok(ms < 1000, `${ms} ms (before the step bound: about an hour)`);
  });
});
