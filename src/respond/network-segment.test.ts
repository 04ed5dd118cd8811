import assert from "node:assert/strict";
import { test } from "node:test";
import { SegmentTable, UNKNOWN_SEGMENT } from "./network-segment.js";

const table = new SegmentTable([
  { name: "corp", cidr: "10.0.0.0/8" },
  { name: "sales floor", cidr: "10.0.5.0/24", contact: "net-sales@corp.example" },
]);

const CASES: readonly [string, readonly string[], { name: string; cidr: string; contact?: string }][] = [
  [
    "most specific configured block wins",
    ["10.0.5.27"],
    { name: "sales floor", cidr: "10.0.5.0/24", contact: "net-sales@corp.example" },
  ],
  ["a wider configured block", ["10.9.1.2"], { name: "corp", cidr: "10.0.0.0/8" }],
  ["IPv4 outside: its /24", ["192.168.3.44"], { name: "192.168.3.0/24", cidr: "192.168.3.0/24" }],
  ["IPv6 outside: its /64", ["2001:db8:0:1::5"], { name: "2001:db8:0:1::/64", cidr: "2001:db8:0:1::/64" }],
  [
    "first parseable address counts",
    ["-", "garbage", "10.0.5.9"],
    { name: "sales floor", cidr: "10.0.5.0/24", contact: "net-sales@corp.example" },
  ],
];

test("segmentOf", () => {
  for (const [why, addresses, want] of CASES) {
    const got = table.segmentOf(addresses);
    assert.deepEqual(
      { name: got.name, cidr: got.cidr, ...(got.contact && { contact: got.contact }) },
      want,
      why,
    );
  }
  assert.equal(table.segmentOf([]), UNKNOWN_SEGMENT);
  assert.equal(table.segmentOf(["not an address"]), UNKNOWN_SEGMENT);
});
