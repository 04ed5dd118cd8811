import assert from "node:assert/strict";
import { test } from "node:test";
import { orderActions } from "./action-order.js";
import type { DraftAction } from "./draft-action.js";

const draft = (
  kind: DraftAction["kind"],
  priority: 1 | 2 | 3,
  host: string | undefined,
  target: string,
): DraftAction => ({
  kind,
  category: kind === "notify" || kind === "interview-user" ? "organisational" : "technical",
  priority,
  host,
  target,
  details: {},
  text: { en: `${kind} ${target}`, ja: `${kind} ${target}` },
  reason: { en: "r", ja: "r" },
  findings: [],
  points: [],
});

test("order: priority, then kind order, then host (none first), then target; ids per kind", () => {
  const drafts = [
    draft("notify", 1, undefined, "security team"),
    draft("delete-file", 2, "B", "x"),
    draft("isolate-host", 1, "B", "B"),
    draft("delete-file", 2, "A", "z"),
    draft("block-destination", 1, undefined, "203.0.113.45"),
    draft("isolate-host", 1, "A", "A"),
    draft("delete-file", 2, "A", "y"),
    draft("seize-host", 3, "A", "A"),
    draft("notify", 2, undefined, "management"),
  ];
  const rows = [
    ["I-isolate-host-1", "A"],
    ["I-isolate-host-2", "B"],
    ["I-block-destination-1", "203.0.113.45"],
    ["I-notify-1", "security team"],
    ["I-delete-file-1", "y"],
    ["I-delete-file-2", "z"],
    ["I-delete-file-3", "x"],
    ["I-notify-2", "management"],
    ["I-seize-host-1", "A"],
  ];
  assert.deepEqual(
    orderActions("I", drafts, 100).map((a) => [a.id, a.target]),
    rows,
  );
  assert.deepEqual(
    orderActions("I", [...drafts].reverse(), 100).map((a) => [a.id, a.target]),
    rows,
    "input order does not matter",
  );
});

test("bound per kind: the last kept action counts the omitted ones", () => {
  const drafts = ["a", "b", "c", "d"].map((t) => draft("scan-host", 2, t, t));
  const out = orderActions("I", drafts, 3);
  assert.deepEqual(
    out.map((a) => [a.id, a.details.omitted]),
    [
      ["I-scan-host-1", undefined],
      ["I-scan-host-2", undefined],
      ["I-scan-host-3", "1"],
    ],
  );
});
