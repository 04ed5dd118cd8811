import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { DEFAULT_INTERNAL_NETWORKS, type Direction, DirectionClassifier } from "./direction.js";

describe("DirectionClassifier with the default internal networks", () => {
  const d = new DirectionClassifier();
  const cases: [string, string, Direction][] = [
    ["10.0.5.27", "203.0.113.45", "outbound"],
    ["203.0.113.45", "10.0.5.27", "inbound"],
    ["10.0.5.27", "10.0.5.28", "internal"],
    ["172.16.1.11", "192.168.1.1", "internal"],
    ["100.64.0.5", "8.8.8.8", "outbound"], // CGNAT counts as ours
    ["10.0.5.27", "224.0.0.252", "internal"], // LLMNR multicast
    ["fd2d:ab8c:225::1", "2606:4700::1111", "outbound"], // ULA → global
    ["fe80::1", "ff02::fb", "internal"],
    ["73.54.23.243", "64.225.56.201", "external"],
    ["172.32.0.1", "8.8.8.8", "external"], // just outside 172.16/12
    ["10.0.0.1", "not-an-address", "unknown"],
  ];
  for (const [src, dst, expected] of cases) {
    it(`${src} → ${dst} is ${expected}`, () => assert.equal(d.classify(src, dst), expected));
  }

  it("lists every non-routable block it relies on", () => {
    for (const block of [
      "10.0.0.0/8",
      "172.16.0.0/12",
      "192.168.0.0/16",
      "100.64.0.0/10",
      "fc00::/7",
      "fe80::/10",
    ])
      assert.ok(DEFAULT_INTERNAL_NETWORKS.includes(block), block);
  });
});

describe("DirectionClassifier with configured networks", () => {
  it("uses only the given blocks", () => {
    const d = new DirectionClassifier(["73.54.23.243/32"]);
    assert.equal(d.classify("73.54.23.243", "64.225.56.201"), "outbound");
    assert.equal(d.classify("10.0.0.1", "10.0.0.2"), "external");
    assert.equal(d.isInternal("73.54.23.243"), true);
    assert.equal(d.isInternal("x"), undefined);
  });

  it("rejects a malformed block with E_CONFIG", () => {
    assert.throws(
      () => new DirectionClassifier(["10.0.0.0/8", "10.0.0.0/40"]),
      (e: unknown) =>
        e instanceof MikiwameError && e.code === "E_CONFIG" && e.message.includes("10.0.0.0/40"),
    );
  });
});
