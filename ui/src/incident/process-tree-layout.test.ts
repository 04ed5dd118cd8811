import assert from "node:assert/strict";
import { test } from "node:test";
import { layoutProcessTree, MAX_TREE_NODES, maliciousBranch, NODE_WIDTH } from "./process-tree-layout.js";
import { testProcess } from "./test-incident.test.support.js";

// explorer (launcher) → invoice.pdf.exe (root cause) → svcupd.exe (payload, also written by it) → cmd.exe;
// explorer → outlook.exe (unrelated)
const processes = [
  testProcess({ key: "explorer", image: "C:\\Windows\\explorer.exe", role: "launcher" }),
  testProcess({
    key: "dropper",
    image: "C:\\Temp\\invoice.pdf.exe",
    role: "root-cause",
    parentKey: "explorer",
    droppedByKey: "explorer",
  }),
  testProcess({
    key: "payload",
    image: "C:\\x\\svcupd.exe",
    role: "payload",
    parentKey: "dropper",
    droppedByKey: "dropper",
  }),
  testProcess({ key: "cmd", image: "C:\\Windows\\System32\\cmd.exe", parentKey: "payload" }),
  testProcess({ key: "outlook", image: "OUTLOOK.EXE", parentKey: "explorer" }),
];
const incident = { rootCause: "dropper", processes };

test("maliciousBranch: the root cause and everything it started or wrote, transitively", () => {
  assert.deepEqual([...maliciousBranch(incident)].sort(), ["cmd", "dropper", "payload"]);
  assert.deepEqual([...maliciousBranch({ rootCause: undefined, processes })], []);
});

test("maliciousBranch ends on cycles and self-references", () => {
  const loop = [
    testProcess({ key: "a", parentKey: "b" }),
    testProcess({ key: "b", parentKey: "a", droppedByKey: "b" }),
  ];
  assert.deepEqual([...maliciousBranch({ rootCause: "a", processes: loop })].sort(), ["a", "b"]);
});

test("layoutProcessTree: parent edges, a labelled dropper edge, the branch marked, every node placed apart", () => {
  const layout = layoutProcessTree(incident, true);
  const edges = layout.edges.map((e) => `${e.kind}:${e.from}->${e.to}${e.inBranch ? "!" : ""}`).sort();
  assert.deepEqual(edges, [
    "dropper:dropper->payload!",
    "dropper:explorer->dropper",
    "parent:dropper->payload!",
    "parent:explorer->dropper",
    "parent:explorer->outlook",
    "parent:payload->cmd!",
  ]);
  for (const e of layout.edges) {
    assert.ok(e.points.length >= 2, `${e.from}->${e.to} has a path`);
    assert.equal(e.label !== undefined, e.kind === "dropper", "only dropper edges are labelled");
  }
  const root = layout.nodes.find((n) => n.key === "dropper");
  assert.equal(root?.rootCause, true);
  assert.deepEqual(
    layout.nodes
      .filter((n) => n.inBranch)
      .map((n) => n.key)
      .sort(),
    ["cmd", "dropper", "payload"],
  );
  const spots = new Set(layout.nodes.map((n) => `${Math.round(n.x)},${Math.round(n.y)}`));
  assert.equal(spots.size, processes.length, "no two processes on the same spot");
  for (const n of layout.nodes)
    assert.ok(n.x - NODE_WIDTH / 2 >= 0 && n.x + NODE_WIDTH / 2 <= layout.width, n.key);
  // left to right: a child is right of its parent
  const x = new Map(layout.nodes.map((n) => [n.key, n.x]));
  assert.ok((x.get("payload") ?? 0) > (x.get("dropper") ?? 0));
});

test("layoutProcessTree: no branch for a benign incident; parents outside the incident draw no edge", () => {
  const layout = layoutProcessTree(
    {
      rootCause: "o",
      processes: [testProcess({ key: "o", parentKey: "not-in-incident", role: "root-cause" })],
    },
    false,
  );
  assert.equal(layout.edges.length, 0);
  assert.deepEqual(
    layout.nodes.map((n) => [n.key, n.rootCause, n.inBranch]),
    [["o", true, false]],
  );
  assert.equal(
    layoutProcessTree(incident, false).nodes.some((n) => n.inBranch),
    false,
  );
});

test("layoutProcessTree draws at most MAX_TREE_NODES processes and says how many it left out", () => {
  const many = Array.from({ length: MAX_TREE_NODES + 7 }, (_, i) =>
    testProcess({ key: `p${i}`, parentKey: i === 0 ? undefined : "p0" }),
  );
  const layout = layoutProcessTree({ rootCause: "p0", processes: many }, true);
  assert.equal(layout.nodes.length, MAX_TREE_NODES);
  assert.equal(layout.omitted, 7);
});
