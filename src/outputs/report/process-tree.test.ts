import assert from "node:assert/strict";
import { test } from "node:test";
import type { Incident, IncidentProcess } from "../../incidents/incident.js";
import { MAX_TREE_DEPTH, processTreeRows } from "./process-tree.js";
import { fixtureProcess } from "./report-fixture-incident.js";
import { reportFixture } from "./report-fixtures.js";

const proc = (key: string, extra: Partial<IncidentProcess> = {}): IncidentProcess =>
  fixtureProcess({ key, host: "H", role: "member", image: `C:\\${key}.exe`, ...extra });

const tree = (
  processes: IncidentProcess[],
  rootCause?: string,
): Pick<Incident, "processes" | "rootCause"> => ({
  processes,
  rootCause,
});

test("fixture: launcher → dropper (root cause) → payload (dropper edge) → cmd, malicious branch marked", () => {
  const incident = reportFixture().incidents[0]!;
  const rows = processTreeRows(incident).map((r) => ({
    name: r.process.image?.split("\\").pop(),
    depth: r.depth,
    dropped: r.droppedByParent,
    root: r.rootCause,
    branch: r.maliciousBranch,
  }));
  assert.deepEqual(rows, [
    { name: "explorer.exe", depth: 0, dropped: false, root: false, branch: false },
    { name: "invoice.pdf.exe", depth: 1, dropped: false, root: true, branch: true },
    { name: "svcupd.exe", depth: 2, dropped: true, root: false, branch: true },
    { name: "cmd.exe", depth: 3, dropped: false, root: false, branch: false },
  ]);
});

test("the tree holding the root cause comes first, other roots by host", () => {
  const rows = processTreeRows(
    tree([proc("a", { host: "A" }), proc("z", { host: "Z", role: "root-cause" })], "z"),
  );
  assert.deepEqual(
    rows.map((r) => r.process.key),
    ["z", "a"],
  );
});

test("a writer that is not the parent is named (droppedBy), the parent stays the tree parent", () => {
  const rows = processTreeRows(
    tree([proc("shell"), proc("dropper"), proc("payload", { parentKey: "shell", droppedByKey: "dropper" })]),
  );
  const payload = rows.find((r) => r.process.key === "payload")!;
  assert.equal(payload.depth, 1);
  assert.equal(payload.droppedByParent, false);
  assert.equal(payload.droppedBy?.key, "dropper");
});

test("without its parent in the incident, a payload hangs under the process that wrote it", () => {
  const rows = processTreeRows(
    tree([proc("dropper"), proc("payload", { parentKey: "gone", droppedByKey: "dropper" })]),
  );
  assert.deepEqual(
    rows.map((r) => [r.process.key, r.depth, r.droppedByParent]),
    [
      ["dropper", 0, false],
      ["payload", 1, true],
    ],
  );
});

test("a cycle of parent keys ends: every process shown once", () => {
  const rows = processTreeRows(
    tree([proc("a", { parentKey: "b" }), proc("b", { parentKey: "a" }), proc("self", { parentKey: "self" })]),
  );
  assert.deepEqual(rows.map((r) => r.process.key).sort(), ["a", "b", "self"]);
});

test("a chain deeper than MAX_TREE_DEPTH is shown at the clamped depth", () => {
  const chain = Array.from({ length: MAX_TREE_DEPTH + 10 }, (_, i) =>
    proc(`p${i}`, i > 0 ? { parentKey: `p${i - 1}` } : {}),
  );
  const rows = processTreeRows(tree(chain));
  assert.equal(rows.length, chain.length);
  assert.equal(Math.max(...rows.map((r) => r.depth)), MAX_TREE_DEPTH);
});

test("malicious branch: ancestors up to (not including) the launcher", () => {
  const rows = processTreeRows(
    tree([
      proc("explorer", { role: "launcher" }),
      proc("loader", { parentKey: "explorer" }),
      proc("bad", { parentKey: "loader", verdict: "malicious" }),
      proc("sibling", { parentKey: "explorer" }),
    ]),
  );
  const marked = rows.filter((r) => r.maliciousBranch).map((r) => r.process.key);
  assert.deepEqual(marked, ["loader", "bad"]);
});
