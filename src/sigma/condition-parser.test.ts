/**
 * The condition grammar: precedence (or < and < not < `x of` < parentheses), quantifiers, `them`,
 * keywords case-insensitive, legacy aggregation split-off, and syntax errors.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type ConditionNode, identifierMatches, parseCondition } from "./condition-parser.js";

/** A compact rendering of the AST: and/or/not as prefix forms. */
function show(n: ConditionNode): string {
  switch (n.t) {
    case "id":
      return n.name;
    case "not":
      return `not(${show(n.arg)})`;
    case "and":
      return `and(${n.args.map(show).join(",")})`;
    case "or":
      return `or(${n.args.map(show).join(",")})`;
    case "of":
      return `of(${n.count},${n.them ? "them" : n.pattern})`;
  }
}

const PARSES: readonly [string, string][] = [
  ["a", "a"],
  ["a and b", "and(a,b)"],
  ["a or b and c", "or(a,and(b,c))"],
  ["a and b or c", "or(and(a,b),c)"],
  ["not a and b", "and(not(a),b)"],
  ["not a or not b", "or(not(a),not(b))"],
  ["not (a or b)", "not(or(a,b))"],
  ["a and (b or c)", "and(a,or(b,c))"],
  ["((a))", "a"],
  ["not not a", "not(not(a))"],
  ["1 of sel* and not 1 of filter*", "and(of(1,sel*),not(of(1,filter*)))"],
  ["all of selection_* or keywords", "or(of(all,selection_*),keywords)"],
  ["2 of them", "of(2,them)"],
  ["1 of them", "of(1,them)"],
  ["all of them", "of(all,them)"],
  ["not 1 of x*", "not(of(1,x*))"],
  ["A AND B OR NOT C", "or(and(A,B),not(C))"],
  ["sel_1 and sel-2.x", "and(sel_1,sel-2.x)"],
  ["a and b and c and d", "and(a,b,c,d)"],
];

describe("condition parser", () => {
  for (const [text, want] of PARSES) {
    test(text, () => {
      const p = parseCondition(text);
      assert.equal(show(p.node), want);
      assert.equal(p.aggregation, undefined);
    });
  }

  test("legacy aggregation is split off", () => {
    const p = parseCondition("selection | count(TargetUserName) by IpAddress > 10");
    assert.equal(show(p.node), "selection");
    assert.equal(p.aggregation, "count(TargetUserName) by IpAddress > 10");
  });

  const ERRORS: readonly [string, RegExp][] = [
    ["", /empty/],
    ["a and", /ends where an identifier was expected/],
    ["a b", /unexpected 'b'/],
    ["(a or b", /missing '\)'/],
    ["a)", /unexpected '\)'/],
    ["and a", /unexpected 'and'/],
    ["1 of", /needs an identifier pattern/],
    ["0 of x*", /'0 of' is not a valid quantifier/],
    ["all of and", /needs an identifier pattern/],
    [`${"(".repeat(300)}a${")".repeat(300)}`, /nested deeper/],
  ];
  for (const [text, reason] of ERRORS) {
    test(`error: ${text.slice(0, 30) || "(empty)"}`, () => {
      assert.throws(() => parseCondition(text), reason);
    });
  }

  test("identifier patterns", () => {
    assert.equal(identifierMatches("sel*", "selection"), true);
    assert.equal(identifierMatches("sel*", "xsel"), false);
    assert.equal(identifierMatches("*_img", "sel_img"), true);
    assert.equal(identifierMatches("a*b*c", "aXbYc"), true);
    assert.equal(identifierMatches("a*b*c", "acb"), false);
    assert.equal(identifierMatches("ab*ba", "aba"), false);
    assert.equal(identifierMatches("exact", "exact"), true);
    assert.equal(identifierMatches("exact", "exactly"), false);
  });
});
