/**
 * Fuzz harnesses of the intel importers (test support; run by intel-import.fuzz.test.ts and scripts/fuzz.ts):
 * - `intel-stix` / `intel-misp`: a valid STIX 2.1 bundle and a valid MISP event, mutated
 *   structurally (values replaced by other types, keys deleted or renamed, arrays grown, nodes wrapped)
 *   and sometimes byte by byte, imported from a file by `importFeed` (format given, and detected);
 * - `stix-pattern`: STIX patterns from the grammar's pieces and garbage through `parseStixPattern`.
 * Properties: an import never rejects for a readable file, every diagnostic names the file, the store
 * never holds more indicators than rows offered; a pattern parses or gives a reason, never throws.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { Diagnostics } from "../../diagnostics/diagnostics.js";
import { applyMutations, describeMutations, type Mutation } from "../../testing/fuzz/buffer-mutation.js";
import { type ErasedHarness, eraseHarness, type FuzzHarness } from "../../testing/fuzz/fuzz-harness.js";
import {
  applyJsonMutations,
  type Json,
  type JsonMutation,
  jsonMutationListArb,
} from "../../testing/fuzz/json-mutation.js";
import { mutationListArb } from "../../testing/fuzz/mutation-arbitrary.js";
import { fuzzTempFile } from "../../readers/ndjson/ndjson-fuzz-harnesses.test.support.js";
import { IntelStore } from "../intel-store.js";
import { parseStixPattern } from "../stix-pattern.js";
import { type FeedFormat, importFeed } from "./import-feed.js";

const SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const STIX_BUNDLE: Json = {
  type: "bundle",
  id: "bundle--1",
  objects: [
    {
      type: "indicator",
      id: "indicator--1",
      pattern: `[file:hashes.'SHA-256' = '${SHA}'] OR [ipv4-addr:value = '198.51.100.7']`,
      pattern_type: "stix",
      valid_from: "2024-01-01T00:00:00Z",
      valid_until: "2030-01-01T00:00:00Z",
      confidence: 80,
      labels: ["malicious-activity", "c2"],
      kill_chain_phases: [
        { kill_chain_name: "lockheed-martin-cyber-kill-chain", phase_name: "command-and-control" },
      ],
    },
    {
      type: "indicator",
      id: "indicator--2",
      pattern: "[domain-name:value = 'evil.example'] OR [url:value = 'http://evil.example/a']",
      pattern_type: "stix",
    },
    { type: "malware", id: "malware--1", name: "EvilRAT", is_family: true },
    {
      type: "relationship",
      relationship_type: "indicates",
      source_ref: "indicator--1",
      target_ref: "malware--1",
    },
  ],
};

const MISP_EVENT: Json = {
  Event: {
    info: "campaign",
    date: "2024-02-03",
    Orgc: { name: "CIRCL" },
    Tag: [{ name: 'misp-galaxy:malpedia="EvilRAT"' }, { name: "kill-chain:Delivery" }, { name: "tlp:white" }],
    Attribute: [
      { type: "sha256", value: SHA, category: "Payload delivery", to_ids: true, uuid: "a1" },
      { type: "ip-dst|port", value: "198.51.100.7|443", category: "Network activity", to_ids: false },
      { type: "domain|ip", value: "evil.example|203.0.113.9" },
      { type: "filename", value: "evil.exe" },
      { type: "url", value: "http://evil.example/a", first_seen: "2024-02-01T00:00:00Z" },
    ],
    Object: [{ name: "file", Attribute: [{ type: "md5", value: "d41d8cd98f00b204e9800998ecf8427e" }] }],
  },
};

interface FeedCase {
  readonly mutations: JsonMutation[];
  readonly bytes: Mutation[];
  readonly detect: boolean;
}

function feedBytes(doc: Json, c: FeedCase): Buffer {
  const text = Buffer.from(JSON.stringify(applyJsonMutations(doc, c.mutations), null, 1), "utf8");
  return c.bytes.length > 0 ? applyMutations(text, c.bytes) : text;
}

const feedCaseArb: fc.Arbitrary<FeedCase> = fc.record({
  mutations: jsonMutationListArb(5),
  bytes: fc.oneof(
    { weight: 4, arbitrary: fc.constant([] as Mutation[]) },
    { weight: 1, arbitrary: mutationListArb({ length: 1200, maxMutations: 3 }) },
  ),
  detect: fc.boolean(),
});

function feedHarness(name: string, doc: Json, format: FeedFormat): FuzzHarness<FeedCase> {
  return {
    name,
    description: `a valid ${format.toUpperCase()} document mutated structurally and byte by byte, imported from a file`,
    arbitrary: feedCaseArb,
    async check(c) {
      const file = fuzzTempFile(`${name}.json`, feedBytes(doc, c));
      const store = new IntelStore();
      const d = new Diagnostics();
      const stats = await importFeed(file, store, d, {
        format: c.detect ? "auto" : format,
        now: "2025-01-01T00:00:00.000Z",
      });
      for (const x of d.list()) {
        assert.equal(x.location.file, file, `diagnostic without its file: ${x.code} ${x.message}`);
        assert.ok(x.message.length > 0);
      }
      assert.ok(store.size <= stats.rows, `${store.size} indicators from ${stats.rows} rows`);
      assert.ok(stats.added + stats.merged <= stats.rows, "more indicators stored than rows offered");
    },
    serialize: (c) => ({
      ext: "json",
      bytes: feedBytes(doc, c),
      note: `${JSON.stringify(c.mutations).slice(0, 1500)}\n${describeMutations(c.bytes)}`,
    }),
    suiteRuns: 120,
    caseBudgetMs: 3000,
  };
}

export const intelStixHarness = feedHarness("intel-stix", STIX_BUNDLE, "stix");
export const intelMispHarness = feedHarness("intel-misp", MISP_EVENT, "misp");

const PATTERN_PIECES = [
  "[",
  "]",
  " OR ",
  " AND ",
  " FOLLOWEDBY ",
  "file:hashes.'SHA-256'",
  "file:hashes.MD5",
  'file:hashes."SHA-1"',
  "ipv4-addr:value",
  "ipv6-addr:value",
  "domain-name:value",
  "url:value",
  "process:name",
  " = ",
  " ISSUBSET ",
  " != ",
  " LIKE ",
  `'${SHA}'`,
  "'10.0.0.0/8'",
  "'evil.example'",
  "'a\\'b'",
  "'",
  "\\",
  " WITHIN 5 SECONDS",
  "   ",
];

export const stixPatternHarness: FuzzHarness<string> = {
  name: "stix-pattern",
  description: "STIX patterns from grammar pieces and garbage: parsed or a reason, never a throw",
  arbitrary: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.array(fc.constantFrom(...PATTERN_PIECES), { maxLength: 16 }).map((p) => p.join("")),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.nat({ max: 5000 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`) },
  ),
  check(pattern) {
    const r = parseStixPattern(pattern);
    if (r.ok) assert.ok(r.comparisons.length > 0, "parsed to nothing");
    else assert.ok(r.reason.length > 0, "rejected without a reason");
  },
  serialize: (p) => ({ ext: "txt", bytes: Buffer.from(p, "utf8"), note: JSON.stringify(p).slice(0, 2000) }),
  suiteRuns: 300,
  caseBudgetMs: 2000,
};

/** Every intel harness, for scripts/fuzz.ts. */
export const INTEL_HARNESSES: readonly ErasedHarness[] = [
  eraseHarness(intelStixHarness),
  eraseHarness(intelMispHarness),
  eraseHarness(stixPatternHarness),
];
