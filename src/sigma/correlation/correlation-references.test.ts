import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type CorrelationRule, isCorrelationRule, parseCorrelationRule } from "./correlation-rule.js";
import { resolveCorrelationRules, standaloneRuleFilter } from "./correlation-references.js";

let line = 0;
function corr(name: string, rules: string[], generate = false, id?: string): CorrelationRule {
  line += 10;
  const r = parseCorrelationRule(
    {
      title: `title of ${name}`,
      name,
      ...(id !== undefined && { id }),
      correlation: { type: "temporal", rules, "group-by": ["Host"], timespan: "5m", generate },
    },
    { file: "mr.yml", line },
  );
  if (!isCorrelationRule(r)) assert.fail(r.reason);
  return r;
}

const BASE = [
  { id: "11111111-0000-4000-8000-000000000001", name: "failed_login" },
  { id: "11111111-0000-4000-8000-000000000002", name: "successful_login" },
  { id: "11111111-0000-4000-8000-000000000003", name: undefined },
];

describe("resolveCorrelationRules", () => {
  test("keeps correlations whose references resolve by id, by name and to other correlations", () => {
    const inner = corr("many_failed", ["failed_login", "11111111-0000-4000-8000-000000000003"]);
    const outer = corr("then_success", ["many_failed", "successful_login"]);
    const { rules, rejected } = resolveCorrelationRules([outer, inner], BASE);
    assert.deepEqual(rejected, []);
    assert.deepEqual(
      rules.map((r) => r.name),
      ["then_success", "many_failed"],
    );
  });

  const cases: readonly [string, () => CorrelationRule[], string, RegExp][] = [
    ["unknown reference", () => [corr("x", ["nope"])], "x", /references "nope", but no loaded rule/],
    [
      "ambiguous reference",
      () => [corr("x", ["dup"]), corr("dup", ["failed_login"]), corr("dup", ["successful_login"])],
      "x",
      /"dup" is ambiguous: 2 rules or correlations/,
    ],
    [
      "a name shared by a rule and a correlation",
      () => [corr("x", ["failed_login"]), corr("failed_login", ["successful_login"])],
      "x",
      /"failed_login" is ambiguous/,
    ],
    [
      "same rule by id and by name",
      () => [corr("x", ["failed_login", "11111111-0000-4000-8000-000000000001"])],
      "x",
      /same rule twice/,
    ],
    ["itself", () => [corr("x", ["x", "failed_login"])], "x", /references itself/],
    [
      "a loop",
      () => [corr("a", ["b", "failed_login"]), corr("b", ["c"]), corr("c", ["a"])],
      "b",
      /correlation chain loops: .*→/,
    ],
    [
      "a rejected correlation",
      () => [corr("outer", ["inner", "failed_login"]), corr("inner", ["missing"])],
      "outer",
      /references correlation "inner", which was rejected/,
    ],
  ];
  for (const [name, make, who, reason] of cases) {
    test(`rejects a correlation referencing ${name}, with its location`, () => {
      const input = make();
      const { rejected } = resolveCorrelationRules(input, BASE);
      const target = input.find((c) => c.name === who) as CorrelationRule;
      const r = rejected.find((x) => x.source.line === target.source.line);
      assert.ok(r, `expected ${who} to be rejected; got ${JSON.stringify(rejected)}`);
      assert.match(r.reason, reason);
      assert.equal(r.source.file, "mr.yml");
      assert.equal(r.title, `title of ${who}`);
    });
  }

  test("an alias may name a rule by name when `rules` has its id, but not a rule outside `rules`", () => {
    const withAlias = (key: string): CorrelationRule => {
      const r = parseCorrelationRule(
        {
          title: "aliased",
          correlation: {
            type: "temporal",
            rules: ["11111111-0000-4000-8000-000000000001", "successful_login"],
            "group-by": ["ip"],
            timespan: "5m",
            aliases: { ip: { [key]: "IpAddress" } },
          },
        },
        { file: "mr.yml", line: 99 },
      );
      if (!isCorrelationRule(r)) assert.fail(r.reason);
      return r;
    };
    assert.deepEqual(resolveCorrelationRules([withAlias("failed_login")], BASE).rejected, []);
    const bad = resolveCorrelationRules([withAlias("11111111-0000-4000-8000-000000000003")], BASE).rejected;
    assert.equal(bad.length, 1);
    assert.match(
      bad[0]?.reason ?? "",
      /aliases.ip maps "11111111-0000-4000-8000-000000000003", which is not one of/,
    );
    assert.equal(bad[0]?.source.line, 99);
  });

  test("detection rules sharing an id are one reference (all their matches count)", () => {
    const twins = [...BASE, { id: "11111111-0000-4000-8000-000000000001", name: undefined }];
    const { rejected } = resolveCorrelationRules(
      [corr("x", ["11111111-0000-4000-8000-000000000001", "successful_login"])],
      twins,
    );
    assert.deepEqual(rejected, []);
  });

  test("every member of a loop is rejected, and what depends on it", () => {
    const input = [
      corr("a", ["b"]),
      corr("b", ["a"]),
      corr("c", ["a", "failed_login"]),
      corr("ok", ["failed_login"]),
    ];
    const { rules, rejected } = resolveCorrelationRules(input, BASE);
    assert.deepEqual(
      rules.map((r) => r.name),
      ["ok"],
    );
    assert.equal(rejected.length, 3);
  });
});

describe("standaloneRuleFilter", () => {
  test("referenced rules are building blocks unless a referencing correlation says generate", () => {
    const alone = standaloneRuleFilter([
      corr("x", ["failed_login", "11111111-0000-4000-8000-000000000002"]),
      corr("y", ["successful_login"], true),
      corr("z", ["x"]),
    ]);
    assert.equal(alone({ id: "11111111-0000-4000-8000-000000000001", name: "failed_login" }), false);
    // referenced by id in x (generate false) but by name in y (generate true)
    assert.equal(alone({ id: "11111111-0000-4000-8000-000000000002", name: "successful_login" }), true);
    assert.equal(alone({ id: "unrelated", name: undefined }), true);
    assert.equal(alone({ id: undefined, name: "x" }), false);
    assert.equal(alone({ id: undefined, name: "z" }), true);
  });
});
