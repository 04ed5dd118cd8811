/**
 * Detection semantics: maps (AND), lists of maps (OR), keyword lists (substring search over every
 * field value), condition forms (and/or/not, parentheses, 1/all/N of, them, condition lists), field
 * name handling, and the located errors of broken detections.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import { parseRuleText } from "./rule-loader.js";

function event(fields: Fields): Event {
  return {
    kind: "windows",
    time: undefined,
    host: "",
    identity: { provider: "P", channel: "C", eventId: 0 },
    logsource: { product: "windows" },
    fields,
    provenance: { file: "mem.json", format: "json", line: 1 },
  };
}

/** A rule from a detection block (YAML lines at detection indentation). */
function rule(detection: string) {
  const text = `title: t\nlogsource:\n  product: windows\ndetection:\n${detection.replace(/^/gm, "  ")}\n`;
  const loaded = parseRuleText(text, "det.yml");
  assert.deepEqual(
    loaded.rejected.map((r) => r.reason),
    [],
  );
  return loaded.rules[0];
}

const A = { a: "1" };
const B = { b: "1" };
const C = { c: "1" };
const SELS = "s_a:\n  a: '1'\ns_b:\n  b: '1'\ns_c:\n  c: '1'\n";

interface Row {
  readonly condition: string;
  readonly hits: readonly Fields[];
  readonly misses: readonly Fields[];
}

/** Condition forms over three selections s_a, s_b, s_c (true when field a/b/c is "1"). */
const CONDITIONS: readonly Row[] = [
  { condition: "s_a", hits: [A], misses: [B] },
  { condition: "s_a and s_b", hits: [{ ...A, ...B }], misses: [A, B] },
  { condition: "s_a or s_b", hits: [A, B], misses: [C] },
  { condition: "not s_a", hits: [B, {}], misses: [A] },
  { condition: "s_a or s_b and s_c", hits: [A, { ...B, ...C }], misses: [B, C] },
  {
    condition: "(s_a or s_b) and s_c",
    hits: [
      { ...A, ...C },
      { ...B, ...C },
    ],
    misses: [A, { ...A, ...B }],
  },
  { condition: "not s_a and s_b", hits: [B], misses: [{ ...A, ...B }, C] },
  { condition: "not (s_a and s_b)", hits: [A, B, {}], misses: [{ ...A, ...B }] },
  { condition: "1 of s_*", hits: [A, B, C], misses: [{}] },
  { condition: "all of s_*", hits: [{ ...A, ...B, ...C }], misses: [{ ...A, ...B }] },
  {
    condition: "2 of s_*",
    hits: [
      { ...A, ...B },
      { ...B, ...C },
      { ...A, ...B, ...C },
    ],
    misses: [A, C],
  },
  { condition: "1 of them", hits: [A, C], misses: [{}] },
  { condition: "all of them", hits: [{ ...A, ...B, ...C }], misses: [{ ...A, ...C }] },
  { condition: "s_a and not 1 of s_b*", hits: [A, { ...A, ...C }], misses: [{ ...A, ...B }] },
  { condition: "1 of s_a* or s_c", hits: [A, C], misses: [B] },
];

describe("condition forms", () => {
  for (const row of CONDITIONS) {
    test(row.condition, () => {
      const r = rule(`${SELS}condition: ${row.condition}`);
      for (const f of row.hits) assert.equal(r.matches(event(f)), true, `should match ${JSON.stringify(f)}`);
      for (const f of row.misses)
        assert.equal(r.matches(event(f)), false, `should not match ${JSON.stringify(f)}`);
    });
  }

  test("`them` leaves out identifiers starting with _", () => {
    const r = rule("s:\n  a: '1'\n_hidden:\n  b: '1'\ncondition: all of them");
    assert.equal(r.matches(event(A)), true);
    const any = rule("s:\n  a: '1'\n_hidden:\n  b: '1'\ncondition: 1 of them");
    assert.equal(any.matches(event(B)), false);
  });

  test("a list of conditions is OR-linked", () => {
    const r = rule(`${SELS}condition:\n  - s_a and s_b\n  - s_c`);
    assert.equal(r.matches(event({ ...A, ...B })), true);
    assert.equal(r.matches(event(C)), true);
    assert.equal(r.matches(event(A)), false);
  });
});

describe("search identifiers", () => {
  test("a map is an AND of its fields; a list of maps is an OR", () => {
    const r = rule("sel:\n  - a: '1'\n    b: '1'\n  - c: '1'\ncondition: sel");
    assert.equal(r.matches(event({ ...A, ...B })), true);
    assert.equal(r.matches(event(C)), true);
    assert.equal(r.matches(event(A)), false);
  });

  test("keywords: substring search over every field value, case-insensitive", () => {
    const r = rule("keywords:\n  - 'event::clear'\n  - 4104\ncondition: keywords");
    assert.equal(r.matches(event({ Payload: "mimikatz # EVENT::Clear" })), true);
    assert.equal(r.matches(event({ Other: "x", Id: 41040 })), true);
    assert.equal(r.matches(event({ Payload: "event:clear" })), false);
  });

  test("keyword wildcards and a single keyword scalar", () => {
    const r = rule("kw: 'mimi*katz'\ncondition: kw");
    assert.equal(r.matches(event({ X: "run MIMI-the-KATZ now" })), true);
    assert.equal(r.matches(event({ X: "katz mimi" })), false);
  });

  test("keywords mixed with maps in one list", () => {
    const r = rule("sel:\n  - a: '1'\n  - 'needle'\ncondition: sel");
    assert.equal(r.matches(event(A)), true);
    assert.equal(r.matches(event({ z: "a needle" })), true);
    assert.equal(r.matches(event(B)), false);
  });

  test("field names are case-sensitive", () => {
    const r = rule("sel:\n  Image: 'x'\ncondition: sel");
    assert.equal(r.matches(event({ Image: "X" })), true);
    assert.equal(r.matches(event({ image: "x" })), false);
  });

  test("a rule field matches an event field whose name has spaces (Sigma strips spaces)", () => {
    const r = rule(
      "sel:\n  SourceName: 'Real-Time Protection'\n  ThreatName|endswith: 'EICAR_Test_File'\ncondition: sel",
    );
    assert.equal(
      r.matches(event({ "Source Name": "Real-Time Protection", "Threat Name": "Virus:DOS/EICAR_Test_File" })),
      true,
    );
    assert.equal(r.matches(event({ "Source Name": "Real-Time Protection" })), false);
  });
});

interface BadRow {
  readonly name: string;
  readonly detection: string;
  readonly reason: RegExp;
}

/** Broken detections: each is rejected with the line of the problem (detection starts at line 4). */
const BAD: readonly BadRow[] = [
  {
    name: "missing identifier",
    detection: "sel:\n  a: 1\ncondition: sel and filter",
    reason: /^line 7: .*'filter', which is not defined \(defined: sel\)/,
  },
  {
    name: "pattern matching nothing",
    detection: "sel:\n  a: 1\ncondition: 1 of filter*",
    reason: /^line 7: '1 of filter\*' matches no search identifier/,
  },
  {
    name: "N above the count",
    detection: "sel:\n  a: 1\ncondition: 3 of sel*",
    reason: /^line 7: '3 of sel\*' but only 1 identifiers match/,
  },
  {
    name: "syntax",
    detection: "sel:\n  a: 1\ncondition: sel and or",
    reason: /^line 7: condition 'sel and or': unexpected 'or'/,
  },
  { name: "no condition", detection: "sel:\n  a: 1", reason: /^line 5: detection has no condition/ },
  { name: "no identifier", detection: "condition: x", reason: /^line 5: detection has no search identifier/ },
  { name: "empty map", detection: "sel: {}\ncondition: sel", reason: /^line 5: a selection map is empty/ },
  {
    name: "empty list",
    detection: "sel: []\ncondition: sel",
    reason: /^line 5: search identifier 'sel' is an empty list/,
  },
  {
    name: "null identifier",
    detection: "sel:\ncondition: sel",
    reason: /^line 5: search identifier 'sel' is empty/,
  },
  {
    name: "nested list",
    detection: "sel:\n  - [a]\ncondition: sel",
    reason: /^line 6: search identifier 'sel' has a nested list/,
  },
  {
    name: "condition not a string",
    detection: "sel:\n  a: 1\ncondition: {x: 1}",
    reason: /^line 7: detection.condition must be a string/,
  },
  {
    name: "keyword with null",
    detection: "kw:\n  - null\ncondition: kw",
    reason: /^line 6: a keyword \(value-only\) search cannot use null/,
  },
  {
    name: "exists without a field",
    detection: "kw:\n  '|exists': true\ncondition: kw",
    reason: /^line 6: modifier 'exists' needs a field/,
  },
];

describe("broken detections are rejected with file and line", () => {
  for (const row of BAD) {
    test(row.name, () => {
      const text = `title: t\nlogsource:\n  product: windows\ndetection:\n${row.detection.replace(/^/gm, "  ")}\n`;
      const loaded = parseRuleText(text, "bad.yml");
      assert.equal(loaded.rules.length, 0);
      assert.equal(loaded.rejected.length, 1);
      assert.deepEqual(loaded.rejected[0].source, { file: "bad.yml", line: 1 });
      assert.equal(loaded.rejected[0].title, "t");
      assert.match(loaded.rejected[0].reason, row.reason);
    });
  }
});

describe("all problems of a detection are reported", () => {
  test("two broken identifiers and a broken condition", () => {
    const text =
      "title: t\nlogsource: {product: windows}\ndetection:\n  a:\n    x|nope: 1\n  b:\n    y|cidr: zz\n  condition: a and c\n";
    const loaded = parseRuleText(text, "many.yml");
    assert.equal(loaded.rejected.length, 1);
    assert.equal(
      loaded.rejected[0].reason,
      [
        "line 5: unknown modifier 'nope' (known: contains, startswith, endswith, all, base64, base64offset, utf16le, utf16be, utf16, wide, windash, re, i, m, s, ignorecase, multiline, dotall, cidr, cased, exists, expand, fieldref, gt, gte, lt, lte, neq, minute, hour, day, week, month, year)",
        "line 7: modifier 'cidr' 'zz' is not an IPv4 or IPv6 network",
        "line 8: condition references 'c', which is not defined (defined: a, b)",
      ].join("; "),
    );
  });
});
