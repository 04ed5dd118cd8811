import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";
import { CidrList, parseCidr } from "./cidr.js";
import { parseIpAddress } from "./ip-address.js";

describe("parseIpAddress", () => {
  const cases: [string, 4 | 6 | undefined, bigint | undefined][] = [
    ["10.0.5.27", 4, 0x0a00051bn],
    ["0.0.0.0", 4, 0n],
    ["255.255.255.255", 4, 0xffffffffn],
    [" 192.168.1.1 ", 4, 0xc0a80101n],
    ["::1", 6, 1n],
    ["::", 6, 0n],
    ["fe80::1%eth0", 6, (0xfe80n << 112n) | 1n],
    ["2001:db8::8:800:200c:417a", 6, 0x20010db80000000000080800200c417an],
    ["[2001:db8::1]", 6, (0x20010db8n << 96n) | 1n],
    ["::ffff:10.1.2.3", 4, 0x0a010203n],
    ["64:ff9b::1.2.3.4", 6, (0x64ff9bn << 96n) | 0x01020304n],
    ["1:2:3:4:5:6:7:8", 6, 0x00010002000300040005000600070008n],
    ["256.1.1.1", undefined, undefined],
    ["1.2.3", undefined, undefined],
    ["01234.1.1.1", undefined, undefined],
    ["1:2:3:4:5:6:7:8:9", undefined, undefined],
    ["1::2::3", undefined, undefined],
    ["12345::", undefined, undefined],
    ["host.example", undefined, undefined],
    ["-", undefined, undefined],
    ["", undefined, undefined],
  ];
  for (const [text, family, value] of cases) {
    it(`${JSON.stringify(text)} → ${family ?? "not an address"}`, () => {
      const a = parseIpAddress(text);
      assert.equal(a?.family, family);
      assert.equal(a?.value, value);
    });
  }
});

describe("CidrList", () => {
  const list = new CidrList([
    "10.0.0.0/8",
    "192.168.1.0/24",
    "fc00::/7",
    "203.0.113.45",
    "::ffff:172.16.0.0/108",
  ]);
  const cases: [string, boolean][] = [
    ["10.255.1.2", true],
    ["11.0.0.1", false],
    ["192.168.1.200", true],
    ["192.168.2.1", false],
    ["fd00::1", true],
    ["fe00::1", false],
    ["203.0.113.45", true],
    ["203.0.113.46", false],
    ["::ffff:10.0.0.1", true],
    ["172.16.5.5", true],
    ["172.32.0.1", false],
    ["not-an-ip", false],
  ];
  for (const [address, inside] of cases) {
    it(`${address} ${inside ? "is" : "is not"} in the list`, () =>
      assert.equal(list.contains(address), inside));
  }

  it("clears host bits of the network and keeps the prefix", () => {
    const c = parseCidr("10.1.2.3/8");
    assert.equal(c.network, 0x0a000000n);
    assert.equal(c.prefix, 8);
    assert.equal(parseCidr("::/0").prefix, 0);
    assert.equal(new CidrList(["0.0.0.0/0"]).contains("8.8.8.8"), true);
  });

  const bad: [string, RegExp][] = [
    ["10.0.0.0/33", /prefix out of range/],
    ["10.0.0.0/x", /bad prefix/],
    ["10.0.0/8", /bad address/],
    ["fc00::/129", /prefix out of range/],
  ];
  for (const [text, reason] of bad) {
    it(`rejects ${text} with E_CONFIG naming the block`, () => {
      assert.throws(
        () => parseCidr(text),
        (e: unknown) =>
          e instanceof MikiwameError &&
          e.code === "E_CONFIG" &&
          e.message.includes(`'${text}'`) &&
          reason.test(e.message),
      );
    });
  }
});
