import assert from "node:assert/strict";
import { test } from "node:test";
import { consecutiveRuns, groupByDetector } from "./finding-groups.js";
import { testFinding } from "./test-incident.test.support.js";

const f = (id: string, detector: string, host = "A") => testFinding({ id, detector, host });

test("groupByDetector: one group per detector and host, in order of first appearance", () => {
  const groups = groupByDetector([
    f("1", "scan"),
    f("2", "beacon"),
    f("3", "scan"),
    f("4", "scan", "B"),
    f("5", "beacon"),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.detector, g.host, g.findings.map((x) => x.id)]),
    [
      ["scan", "A", ["1", "3"]],
      ["beacon", "A", ["2", "5"]],
      ["scan", "B", ["4"]],
    ],
  );
  assert.deepEqual(groupByDetector([]), []);
});

test("consecutiveRuns: only neighbours fold, so time order is kept", () => {
  const runs = consecutiveRuns([
    f("1", "scan"),
    f("2", "scan"),
    f("3", "beacon"),
    f("4", "scan"),
    f("5", "scan", "B"),
  ]);
  assert.deepEqual(
    runs.map((r) => r.findings.map((x) => x.id)),
    [["1", "2"], ["3"], ["4"], ["5"]],
  );
  assert.equal(new Set(runs.map((r) => r.key)).size, runs.length, "keys are unique");
});
