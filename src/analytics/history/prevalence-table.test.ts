import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hostCount, PrevalenceTable } from "./prevalence-table.js";

const t = (s: number) => ({ iso: new Date(s * 1000).toISOString(), ms: s * 1000 });
const e = (n: number) => ({ file: "x.evtx", format: "evtx" as const, recordId: n });

describe("prevalence table", () => {
  it("records hosts, first / last seen (in any order) and counts", () => {
    const p = new PrevalenceTable(10, 10);
    p.add("v", "a", "A", t(5), e(1));
    p.add("v", "a", "A", t(2), e(2));
    p.add("v", "b", "B", t(9), e(3));
    const v = p.get("v");
    assert.equal(v?.count, 3);
    assert.equal(hostCount(v!), 2);
    const a = v?.hosts.get("a");
    assert.equal(a?.firstSeen?.ms, 2_000);
    assert.equal(a?.lastSeen?.ms, 5_000);
    assert.equal(a?.evidence.recordId, 2, "the evidence is the first sighting");
  });

  it("is bounded: values beyond maxKeys and hosts beyond maxHostsPerKey are only counted", () => {
    const p = new PrevalenceTable(2, 2);
    for (const v of ["x", "y", "z"]) p.add(v, "a", "A", t(1), e(1));
    assert.equal(p.size, 2);
    assert.equal(p.sightingsNotTracked, 1);
    for (const h of ["b", "c", "d"]) p.add("x", h, h, t(1), e(1));
    const x = p.get("x")!;
    assert.equal(x.hosts.size, 2);
    assert.equal(x.hostsNotKept, 2);
    assert.equal(hostCount(x), 4);
  });
});
