/** IP and CIDR parsing for the `cidr` modifier: IPv4, IPv6 forms, mapped addresses, invalid input. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cidrContains, parseCidr, parseIp } from "./ip-cidr.js";

describe("parseIp", () => {
  const ROWS: readonly [string, 4 | 6 | undefined, bigint?][] = [
    ["10.1.2.3", 4, 0x0a010203n],
    ["255.255.255.255", 4, 0xffffffffn],
    ["256.1.1.1", undefined],
    ["01.2.3.4", undefined],
    ["1.2.3", undefined],
    ["::", 6, 0n],
    ["::1", 6, 1n],
    ["fe80::1%12", 6, (0xfe80n << 112n) | 1n],
    ["[2001:db8::5]", 6, (0x20010db8n << 96n) | 5n],
    ["2001:0db8:0000:0000:0000:0000:0000:0005", 6, (0x20010db8n << 96n) | 5n],
    ["::ffff:10.1.2.3", 6, (0xffffn << 32n) | 0x0a010203n],
    ["1::2:3:4:5:6:7", 6],
    ["1:2:3:4:5:6:7:8:9", undefined],
    ["1::2::3", undefined],
    ["12345::", undefined],
    ["hello", undefined],
    ["", undefined],
  ];
  for (const [text, version, value] of ROWS) {
    test(text || "(empty)", () => {
      const ip = parseIp(text);
      assert.equal(ip?.version, version);
      if (value !== undefined) assert.equal(ip?.value, value);
    });
  }
});

describe("cidr", () => {
  test("contains", () => {
    const net = parseCidr("10.0.0.0/8");
    assert.equal(cidrContains(net, parseIp("10.255.0.1")!), true);
    assert.equal(cidrContains(net, parseIp("11.0.0.1")!), false);
    assert.equal(cidrContains(net, parseIp("::ffff:10.0.0.1")!), true, "IPv4-mapped IPv6");
    assert.equal(cidrContains(net, parseIp("::1")!), false);
    assert.equal(cidrContains(parseCidr("0.0.0.0/0"), parseIp("8.8.8.8")!), true);
    assert.equal(cidrContains(parseCidr("192.168.1.7"), parseIp("192.168.1.7")!), true);
    assert.equal(cidrContains(parseCidr("192.168.1.7"), parseIp("192.168.1.8")!), false);
    assert.equal(cidrContains(parseCidr("fe80::/10"), parseIp("febf::1")!), true);
    assert.equal(cidrContains(parseCidr("fe80::/10"), parseIp("fec0::1")!), false);
    assert.equal(
      cidrContains(parseCidr("::/0"), parseIp("10.0.0.1")!),
      false,
      "IPv4 is not in an IPv6 range",
    );
  });

  test("host bits are cleared", () => {
    assert.equal(parseCidr("10.1.2.3/8").network, 0x0a000000n);
  });

  for (const [text, reason] of [
    ["10.0.0.0/33", /invalid prefix length \(0–32\)/],
    ["::/129", /invalid prefix length \(0–128\)/],
    ["10.0.0.0/x", /invalid prefix length/],
    ["nope/8", /not an IPv4 or IPv6 network/],
  ] as const) {
    test(`rejects ${text}`, () => {
      assert.throws(() => parseCidr(text), reason);
    });
  }
});
