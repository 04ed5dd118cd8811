import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ChunkTables, nameHash, STRING_TABLE_BUCKETS } from "./chunk-tables.js";

describe("nameHash", () => {
  // Hashes as stored by Windows in real Sysmon/Security logs.
  const windows: [string, number][] = [
    ["Event", 0x0cba],
    ["System", 0x546f],
    ["Provider", 0x7bf1],
    ["EventID", 0x61f5],
    ["Qualifiers", 0xda29],
    ["TimeCreated", 0x8e3b],
    ["Computer", 0x6e3b],
    ["EventData", 0x8244],
    ["Data", 0x6f8a],
    ["Name", 0x954b],
    ["xmlns", 0x0fbc],
    ["RelatedActivityID", 0xc535],
  ];
  for (const [name, hash] of windows) {
    it(`${name} → 0x${hash.toString(16)}`, () => {
      assert.equal(nameHash(name), hash);
    });
  }
});

describe("ChunkTables", () => {
  it("links names of one bucket newest-first, as Windows does", () => {
    const t = new ChunkTables();
    // Task (0x7b45) and ThreadID (0x3985) share bucket 5 in Windows files.
    assert.equal(nameHash("Task") % STRING_TABLE_BUCKETS, nameHash("ThreadID") % STRING_TABLE_BUCKETS);
    assert.equal(t.addName("Task", 1052), 0);
    assert.equal(t.addName("ThreadID", 1523), 1052);
    assert.equal(t.stringTable()[5], 1523);
    assert.equal(t.nameOffset("Task"), 1052);
  });

  it("rolls back names and templates added after a checkpoint", () => {
    const t = new ChunkTables();
    t.addName("Event", 600);
    t.addTemplate("{G1}", 33, "k1", 550);
    const cp = t.checkpoint();
    t.addName("System", 700);
    t.addTemplate("{G2}", 1, "k2", 900);
    t.rollback(cp);
    assert.equal(t.nameOffset("System"), undefined);
    assert.equal(t.template("{G2}"), undefined);
    assert.equal(t.nameOffset("Event"), 600);
    assert.deepEqual(t.template("{G1}"), { offset: 550, key: "k1" });
    assert.equal(t.templateTable()[1], 550);
    assert.equal(t.stringTable()[nameHash("System") % 64], 0);
    assert.deepEqual(t.counts, { names: 1, templates: 1 });
  });

  it("buckets templates by identifier modulo 32 and links them", () => {
    const t = new ChunkTables();
    assert.equal(t.addTemplate("{A}", 3, "a", 1000), 0);
    assert.equal(t.addTemplate("{B}", 35, "b", 2000), 1000);
    assert.equal(t.templateTable()[3], 2000);
  });
});
