/**
 * Fuzz harnesses of the Sigma loader (test support; run by sigma-loader.fuzz.test.ts and scripts/fuzz.ts):
 * - `sigma-condition`: conditions generated from the grammar's tokens (and garbage) in random order,
 *   deep nesting and unbalanced parentheses: `parseCondition` returns a tree or throws an Error with a
 *   reason — never a RangeError / TypeError from inside;
 * - `sigma-rule-yaml`: a valid rule, a correlation and a filter mutated structurally (any value replaced
 *   by one of another type, keys deleted / renamed, lists grown, modifiers chained at random) and
 *   written as YAML;
 * - `sigma-rule-text`: rule texts (collections, aliases, anchors) mutated byte by byte.
 * Rule properties: `parseRuleText` never throws; every rejected rule and warning is located (this file,
 * a line inside it, a reason); loaded rules run on a few events without throwing; correlations are
 * typed without throwing.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { stringify } from "yaml";
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import { applyMutations, describeMutations, type Mutation } from "../testing/fuzz/buffer-mutation.js";
import { type ErasedHarness, eraseHarness, type FuzzHarness } from "../testing/fuzz/fuzz-harness.js";
import {
  applyJsonMutations,
  type Json,
  type JsonMutation,
  jsonMutationListArb,
} from "../testing/fuzz/json-mutation.js";
import { mutationListArb } from "../testing/fuzz/mutation-arbitrary.js";
import { parseCondition } from "./condition-parser.js";
import { correlationFromDocument } from "./correlation/correlation-document.js";
import { SIGMA_MODIFIERS } from "./modifiers.js";
import { parseRuleText } from "./rule-loader.js";

const FILE = "fuzz-rule.yml";

// ---- conditions ----

const CONDITION_TOKENS = [
  "sel",
  "sel1",
  "sel_*",
  "filter",
  "*",
  "and",
  "or",
  "not",
  "AND",
  "Not",
  "(",
  ")",
  "1",
  "0",
  "all",
  "of",
  "them",
  "|",
  "count()",
  "by",
  ">",
  "5",
  "near",
  "99999999999999999999",
  "",
];

const conditionArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.array(fc.constantFrom(...CONDITION_TOKENS), { maxLength: 24 }),
        fc.constantFrom(" ", "", "\t", "  \n"),
      )
      .map(([t, sep]) => t.join(sep)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat({ max: 400 }), fc.integer({ min: -2, max: 2 }), fc.constantFrom("(", "not ", "( not "))
      .map(([n, lie, open]) => `${open.repeat(n)}sel${")".repeat(Math.max(0, n + lie))}`),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

export const sigmaConditionHarness: FuzzHarness<string> = {
  name: "sigma-condition",
  description:
    "conditions from grammar tokens, deep nesting, unbalanced parentheses: a tree or a reasoned Error",
  arbitrary: conditionArb,
  check(text) {
    try {
      const parsed = parseCondition(text);
      assert.ok(parsed.node, "no tree");
    } catch (e) {
      assert.ok(e instanceof Error, `threw a non-Error: ${String(e)}`);
      assert.equal(
        e.constructor,
        Error,
        `threw ${e.name} (an internal failure, not a syntax reason): ${e.message}`,
      );
      assert.ok(e.message.length > 0);
    }
    // the same condition inside a rule: loaded or rejected with a line, never thrown
    checkRuleText(
      `title: C\nlogsource:\n  product: windows\ndetection:\n  sel:\n    a: 1\n  sel1:\n    b: 2\n  filter:\n    c: 3\n  condition: ${JSON.stringify(text)}\n`,
    );
  },
  serialize: (text) => ({
    ext: "txt",
    bytes: Buffer.from(text, "utf8"),
    note: JSON.stringify(text).slice(0, 2000),
  }),
  suiteRuns: 300,
  caseBudgetMs: 2000,
};

// ---- rules ----

const EVENT_FIELDS: readonly Fields[] = [
  { EventID: 1, Image: "C:\\Windows\\System32\\cmd.exe", CommandLine: "cmd /c whoami", a: 1, b: "2" },
  { EventID: 4688, DestinationIp: "10.1.2.3", TargetFilename: "x.exe", n: 12345678901234567890n, z: null },
  { EventID: "1", arr: ["a", "b", 3], nested: "\u202e\u0000", empty: "" },
];

const EVENTS: readonly Event[] = EVENT_FIELDS.map(
  (fields, i): Event => ({
    kind: "windows",
    time: { iso: new Date(1_700_000_000_000 + i).toISOString(), ms: 1_700_000_000_000 + i },
    host: "h",
    identity: { provider: "p", channel: "Security", eventId: 1 },
    logsource: { product: "windows" },
    fields,
    provenance: { file: "e.evtx", format: "evtx" },
  }),
);

/** Loads `text` and checks the rule properties (located rejections, runnable rules, typable correlations). */
export function checkRuleText(text: string): void {
  const loaded = parseRuleText(text, FILE);
  const lines = text.split("\n").length + 1;
  for (const r of loaded.rejected) {
    assert.equal(r.source.file, FILE);
    assert.ok(
      Number.isInteger(r.source.line) && r.source.line >= 1 && r.source.line <= lines,
      `bad line ${r.source.line}`,
    );
    assert.ok(r.reason.length > 0, "rejected without a reason");
    assert.ok(!/internal error/i.test(r.reason), `internal error: ${r.reason}`);
  }
  for (const w of loaded.warnings) {
    assert.equal(w.source.file, FILE);
    assert.ok(w.source.line >= 1 && w.source.line <= lines, `bad warning line ${w.source.line}`);
  }
  for (const rule of loaded.rules) for (const e of EVENTS) rule.matches(e);
  for (const c of loaded.correlations) correlationFromDocument(c);
}

/** Modifier chains that compile (most cases should load, so compiling and matching get exercised). */
const VALID_CHAINS = [
  [],
  ["contains"],
  ["startswith"],
  ["endswith"],
  ["contains", "all"],
  ["re"],
  ["re", "i"],
  ["base64offset", "contains"],
  ["wide", "base64offset", "contains"],
  ["cidr"],
  ["windash", "contains"],
  ["exists"],
  ["gt"],
  ["lte"],
  ["neq"],
  ["cased"],
  ["fieldref"],
];

const modifierChainArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("Image", "CommandLine", "EventID", "DestinationIp", "a", "", "n", "arr"),
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...VALID_CHAINS) },
      { weight: 1, arbitrary: fc.array(fc.constantFrom(...SIGMA_MODIFIERS, "nope", ""), { maxLength: 4 }) },
    ),
  )
  .map(([field, mods]) => [field, ...mods].join("|"));

const ruleConditionArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "sel0",
      "1 of sel*",
      "all of them",
      "sel0 and not keywords",
      "keywords or (sel0 and sel1)",
      "sel0 | count() by Image > 2",
    ),
  },
  { weight: 1, arbitrary: conditionArb },
);

const detectionValueArb: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    "*cmd*",
    "C:\\\\Windows\\\\*",
    "(a+)+$",
    "^(?:a|aa)*$",
    "10.0.0.0/8",
    "::/0",
    "%placeholder%",
    "\\*",
    "?",
    1,
    -1,
    1e300,
    true,
    null,
    "",
    "a".repeat(3000),
  ),
  fc.string({ maxLength: 16 }),
  fc.array(fc.string({ maxLength: 6 }), { maxLength: 5 }),
);

/** Seed documents: a detection rule with every kind of selection, a correlation, a meta-filter. */
const seedRule = fc
  .record({
    selections: fc.array(fc.dictionary(modifierChainArb, detectionValueArb, { minKeys: 1, maxKeys: 3 }), {
      minLength: 2,
      maxLength: 3,
    }),
    condition: ruleConditionArb,
  })
  .map(({ selections, condition }): Json => {
    const detection: { [k: string]: Json } = {};
    selections.forEach((s, i) => {
      detection[`sel${i}`] = s;
    });
    detection.keywords = ["evil", "*bad*"];
    detection.condition = condition;
    return {
      title: "Fuzzed rule",
      id: "0f5e6a70-8d6c-4f7e-9a4b-111111111111",
      status: "test",
      level: "high",
      tags: ["attack.execution", "attack.t1059"],
      logsource: { product: "windows", category: "process_creation" },
      detection,
      falsepositives: ["none"],
      fields: ["Image"],
    };
  });

const seedCorrelation: Json = {
  title: "Many",
  id: "c1",
  correlation: {
    type: "event_count",
    rules: ["0f5e6a70-8d6c-4f7e-9a4b-111111111111"],
    "group-by": ["Image"],
    timespan: "5m",
    condition: { gte: 3 },
  },
};

const seedFilter: Json = {
  title: "Filter",
  id: "f1",
  logsource: { product: "windows" },
  filter: {
    rules: ["0f5e6a70-8d6c-4f7e-9a4b-111111111111"],
    sel: { Image: "*\\\\ok.exe" },
    condition: "sel",
  },
};

interface YamlCase {
  readonly docs: Json[];
  readonly mutations: JsonMutation[];
}

function yamlText(c: YamlCase): string {
  return c.docs.map((d, i) => stringify(i === 0 ? applyJsonMutations(d, c.mutations) : d)).join("---\n");
}

export const sigmaRuleYamlHarness: FuzzHarness<YamlCase> = {
  name: "sigma-rule-yaml",
  description:
    "valid rules, correlations and filters with values replaced by other types, keys deleted or renamed, random modifier chains",
  arbitrary: fc.record({
    docs: fc
      .tuple(seedRule, fc.constantFrom(seedCorrelation, seedFilter, null))
      .map(([r, other]) => (other ? [r, other] : [r])),
    mutations: fc.oneof(fc.constant([] as JsonMutation[]), jsonMutationListArb(4)),
  }),
  check: (c) => checkRuleText(yamlText(c)),
  serialize: (c) => ({
    ext: "yml",
    bytes: Buffer.from(yamlText(c), "utf8"),
    note: JSON.stringify(c.mutations).slice(0, 2000),
  }),
  suiteRuns: 200,
  caseBudgetMs: 3000,
};

const SEED_TEXTS = [
  "title: A\nid: a1\nlogsource:\n  product: windows\ndetection:\n  sel:\n    Image|endswith:\n      - '\\cmd.exe'\n      - '\\powershell.exe'\n    CommandLine|contains|all:\n      - ' -enc '\n      - 'bypass'\n  filter:\n    User|re: '^(SYSTEM|LOCAL SERVICE)$'\n  condition: sel and not filter\nlevel: high\n",
  "action: global\ntitle: G\nlogsource:\n  product: windows\ndetection:\n  condition: sel\n---\ndetection:\n  sel:\n    EventID: 1\n---\ndetection:\n  sel:\n    EventID: 2\n",
  "title: Anchors\nlogsource: &ls\n  product: windows\ndetection:\n  sel: &s\n    a: [1, 2, &v 3]\n  sel2: *s\n  sel3:\n    b: *v\n  condition: 1 of sel*\n",
  "title: Corr\nid: c\ncorrelation:\n  type: value_count\n  rules: [a1]\n  group-by: [Image]\n  timespan: 1h\n  condition:\n    field: User\n    gt: 2\n",
  "title: Keywords\nlogsource: {product: windows}\ndetection:\n  keywords:\n    - 'a*b'\n    - '\\\\*'\n  sel:\n    Hashes|contains|base64offset: x\n    DestinationIp|cidr: 10.0.0.0/8\n  condition: keywords or sel | count() by Image > 5\n",
];

interface TextCase {
  readonly seed: number;
  readonly mutations: Mutation[];
}

function mutatedText(c: TextCase): string {
  const seed = SEED_TEXTS[c.seed % SEED_TEXTS.length]!;
  return applyMutations(Buffer.from(seed, "utf8"), c.mutations).toString("utf8");
}

export const sigmaRuleTextHarness: FuzzHarness<TextCase> = {
  name: "sigma-rule-text",
  description: "rule texts (collections, anchors and aliases, correlations, modifiers) mutated byte by byte",
  arbitrary: fc.record({
    seed: fc.nat({ max: SEED_TEXTS.length - 1 }),
    mutations: mutationListArb({ length: 300, maxMutations: 2 }),
  }),
  check: (c) => checkRuleText(mutatedText(c)),
  serialize: (c) => ({
    ext: "yml",
    bytes: Buffer.from(mutatedText(c), "utf8"),
    note: `seed text ${c.seed}, mutations:\n${describeMutations(c.mutations)}`,
  }),
  suiteRuns: 200,
  caseBudgetMs: 3000,
};

/** Every Sigma harness, for scripts/fuzz.ts (the regex harness lives with the regex code). */
export const SIGMA_HARNESSES: readonly ErasedHarness[] = [
  eraseHarness(sigmaConditionHarness),
  eraseHarness(sigmaRuleYamlHarness),
  eraseHarness(sigmaRuleTextHarness),
];
