/**
 * Misused modifiers are load errors located at the line of the value (never a rule that silently
 * never matches): unknown names, wrong value types, misplaced `re`/`cidr`, unsupported regexes,
 * placeholders without a value file.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parseRuleText } from "./rule-loader.js";

/** A rule whose only selection is `item`; the item starts on line 6. */
function ruleText(item: string): string {
  const body = item
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
  return `title: t\nlogsource:\n  product: windows\ndetection:\n  sel:\n${body}\n  condition: sel\n`;
}

interface BadRow {
  readonly item: string;
  readonly reason: RegExp;
  /** 1-based line of the problem in ruleText(item) (the item starts on line 6) */
  readonly line: number;
}

const BAD: readonly BadRow[] = [
  { item: "Image|foo: x", reason: /unknown modifier 'foo'/, line: 6 },
  { item: "Image|contains|base64: x", reason: /'base64' base64 encoding of a value with wildcards/, line: 6 },
  { item: "Image|cidr: 10.0.0.0/33", reason: /'cidr'.*invalid prefix length/, line: 6 },
  { item: "Image|cidr: nope", reason: /'cidr'.*not an IPv4 or IPv6 network/, line: 6 },
  { item: "Image|contains|re: x", reason: /'re' must come first/, line: 6 },
  { item: "Image|i: x", reason: /'i' only applies after 're'/, line: 6 },
  { item: "Image|exists: yes", reason: /'exists' needs true or false/, line: 6 },
  { item: "Image|gt: abc", reason: /'gt' needs a number/, line: 6 },
  { item: "Image|hour: 1.5", reason: /'hour' needs an integer/, line: 6 },
  { item: "Image|fieldref: 'a*'", reason: /'fieldref' needs a plain field name/, line: 6 },
  { item: "Image|re: '(a)\\1'", reason: /backreference/, line: 6 },
  { item: "Image|re: '(?=x)'", reason: /lookahead/, line: 6 },
  { item: "Image|expand: '%nope%'", reason: /no placeholder directory was given/, line: 6 },
  { item: "Image|expand: '%broken'", reason: /unterminated placeholder/, line: 6 },
  { item: "Image:\n  - a\n  - [b]", reason: /values must be scalars/, line: 8 },
  { item: "Image: []", reason: /empty list of values/, line: 6 },
];

describe("modifier errors are located load errors", () => {
  for (const row of BAD) {
    test(row.item, () => {
      const loaded = parseRuleText(ruleText(row.item), "bad.yml");
      assert.equal(loaded.rules.length, 0);
      assert.equal(loaded.rejected.length, 1);
      const r = loaded.rejected[0];
      assert.equal(r.source.file, "bad.yml");
      assert.equal(r.source.line, 1);
      assert.match(r.reason, row.reason);
      assert.match(r.reason, new RegExp(`^line ${row.line}: `));
    });
  }

  test("a placeholder file that does not exist names the file to create", () => {
    const dir = mkdtempSync(join(tmpdir(), "mikiwame-ph-"));
    const loaded = parseRuleText(ruleText("User|expand: '%Servers%'"), "ph.yml", { placeholders: dir });
    assert.equal(loaded.rules.length, 0);
    assert.match(
      loaded.rejected[0].reason,
      /^line 6: placeholder %Servers% has no value file: create .*Servers\.txt/,
    );
  });
});
