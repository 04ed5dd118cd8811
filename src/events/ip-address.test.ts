import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import {
  CidrList,
  cidrContains,
  formatIpv4,
  formatIpv6,
  type IpVersion,
  parseCidr,
  parseIpAddress,
  parseIpv4,
  prefixMask,
  readCidr,
  requireCidr,
} from "./ip-address.js";

const NAT64 = { nat64AsIpv4: true } as const;

describe("parseIpAddress", () => {
  // [text, version, canonical text, value]
  const valid: ReadonlyArray<readonly [string, IpVersion, string, bigint]> = [
    ["8.8.8.8", 4, "8.8.8.8", 0x08080808n],
    ["10.0.5.27", 4, "10.0.5.27", 0x0a00051bn],
    [" 10.0.5.27 ", 4, "10.0.5.27", 0x0a00051bn],
    [" 192.168.1.1 ", 4, "192.168.1.1", 0xc0a80101n],
    ["0.0.0.0", 4, "0.0.0.0", 0n],
    ["255.255.255.255", 4, "255.255.255.255", 0xffffffffn],
    ["[192.0.2.1]", 4, "192.0.2.1", 0xc0000201n],
    ["::", 6, "::", 0n],
    ["::1", 6, "::1", 1n],
    ["1::", 6, "1::", 1n << 112n],
    ["fe80::1%eth0", 6, "fe80::1", (0xfe80n << 112n) | 1n],
    ["2001:db8::8:800:200c:417a", 6, "2001:db8::8:800:200c:417a", 0x20010db80000000000080800200c417an],
    ["[2001:db8::1]", 6, "2001:db8::1", (0x20010db8n << 96n) | 1n],
    ["[2606:4700:4700::1111]", 6, "2606:4700:4700::1111", 0x26064700470000000000000000001111n],
    ["2001:4860:4860::8888", 6, "2001:4860:4860::8888", 0x20014860486000000000000000008888n],
    [
      "2001:4860:4860:0000:0000:0000:0000:8888",
      6,
      "2001:4860:4860::8888",
      0x20014860486000000000000000008888n,
    ],
    ["2001:DB8:0:0:1:0:0:1", 6, "2001:db8::1:0:0:1", 0x20010db8000000000001000000000001n],
    ["fe80:0:0:0:90e:17af:263c:5209", 6, "fe80::90e:17af:263c:5209", 0xfe80000000000000090e17af263c5209n],
    ["1:0:0:1:0:0:0:1", 6, "1:0:0:1::1", 0x0001000000000001000000000000_0001n],
    ["1:2:3:4:5:6:7:8", 6, "1:2:3:4:5:6:7:8", 0x00010002000300040005000600070008n],
    ["::ffff:10.1.2.3", 4, "10.1.2.3", 0x0a010203n],
    ["::ffff:8.8.8.8", 4, "8.8.8.8", 0x08080808n],
    ["::ffff:0808:0808", 4, "8.8.8.8", 0x08080808n],
    ["::127.0.0.1", 6, "::7f00:1", 0x7f000001n],
    // NAT64 stays IPv6 unless asked (see the next table)
    ["64:ff9b::1.2.3.4", 6, "64:ff9b::102:304", (0x64ff9bn << 96n) | 0x01020304n],
  ];
  for (const [text, version, canonical, value] of valid)
    test(`${JSON.stringify(text)} → IPv${version} ${canonical}`, () => {
      const ip = parseIpAddress(text);
      assert.ok(ip, "parses");
      assert.equal(ip.version, version);
      assert.equal(ip.text, canonical);
      assert.equal(ip.value, value);
    });

  const nat64: ReadonlyArray<readonly [string, IpVersion, string]> = [
    ["64:ff9b::192.0.2.33", 4, "192.0.2.33"],
    ["64:ff9b::1.2.3.4", 4, "1.2.3.4"],
    ["::ffff:8.8.8.8", 4, "8.8.8.8"],
    ["64:ff9b:1::1", 6, "64:ff9b:1::1"],
    ["8.8.8.8", 4, "8.8.8.8"],
  ];
  for (const [text, version, canonical] of nat64)
    test(`with nat64AsIpv4: ${text} → IPv${version} ${canonical}`, () => {
      const ip = parseIpAddress(text, NAT64);
      assert.ok(ip, "parses");
      assert.equal(ip.version, version);
      assert.equal(ip.text, canonical);
    });

  const invalid = [
    "",
    "-",
    "example.com",
    "host.example",
    "1.2.3",
    "1.2.3.4.5",
    "256.1.1.1",
    "01234.1.1.1",
    "1..2.3",
    "1.2.3.4%eth0",
    "1:2:3:4:5:6:7:8:9",
    "1::2::3",
    ":1",
    "12345::",
    "::ffff:1.2.3.256",
    "g::1",
    "x".repeat(200),
  ];
  for (const text of invalid)
    test(`${JSON.stringify(text.slice(0, 20))} is not an address`, () => {
      assert.equal(parseIpAddress(text), undefined);
      assert.equal(parseIpAddress(text, NAT64), undefined);
    });

  test("IPv4 value and text helpers", () => {
    assert.equal(parseIpv4("1.2.3.4"), 0x01020304);
    assert.equal(parseIpv4("255.255.255.255"), 0xffffffff);
    assert.equal(parseIpv4("1.2.3"), undefined);
    assert.equal(formatIpv4(0x01020304), "1.2.3.4");
    assert.equal(formatIpv4(0xffffffffn), "255.255.255.255");
    const ip = parseIpAddress("2001:200::1");
    assert.ok(ip && ip.version === 6);
    assert.equal(ip.value >> 64n, 0x2001020000000000n);
    assert.equal(ip.value & ((1n << 64n) - 1n), 1n);
    assert.equal(formatIpv6(ip.value), "2001:200::1");
  });
});

describe("CIDR blocks", () => {
  // [block, inside, outside]
  const cases: ReadonlyArray<readonly [string, readonly string[], readonly string[]]> = [
    [
      "10.0.0.0/8",
      ["10.0.0.0", "10.255.255.255", "::ffff:10.1.2.3"],
      ["11.0.0.0", "9.255.255.255", "::a00:1"],
    ],
    ["147.32.0.0/16", ["147.32.81.167"], ["147.33.0.1"]],
    ["192.0.2.7", ["192.0.2.7"], ["192.0.2.8"]],
    ["0.0.0.0/0", ["1.2.3.4", "255.255.255.255"], ["2001:db8::1"]],
    ["10.1.2.3/8", ["10.200.0.1"], ["11.1.2.3"]],
    ["2001:db8::/32", ["2001:db8::1", "2001:db8:ffff::"], ["2001:db9::1", "10.0.0.1"]],
    ["2001:db8::1", ["2001:db8::1"], ["2001:db8::2"]],
    ["::/0", ["2001:db8::1", "::1"], ["1.2.3.4"]],
    ["::ffff:10.0.0.0/104", ["10.9.9.9"], ["11.0.0.1"]],
  ];
  for (const [block, inside, outside] of cases)
    test(block, () => {
      const cidr = parseCidr(block);
      assert.ok(cidr, "parses");
      for (const text of inside) {
        const ip = parseIpAddress(text);
        assert.ok(ip, text);
        assert.equal(cidrContains(cidr, ip), true, `${text} inside`);
      }
      for (const text of outside) {
        const ip = parseIpAddress(text);
        assert.ok(ip, text);
        assert.equal(cidrContains(cidr, ip), false, `${text} outside`);
      }
    });

  // [text, version, base, prefix, canonical text]
  const parsed: ReadonlyArray<readonly [string, IpVersion, bigint, number, string]> = [
    ["10.1.2.3/8", 4, 0x0a000000n, 8, "10.0.0.0/8"],
    [" 192.0.2.7 ", 4, 0xc0000207n, 32, "192.0.2.7/32"],
    ["::/0", 6, 0n, 0, "::/0"],
    ["2001:DB8:1::/32", 6, 0x20010db8n << 96n, 32, "2001:db8::/32"],
    ["::ffff:172.16.0.0/108", 4, 0xac100000n, 12, "172.16.0.0/12"],
  ];
  for (const [text, version, base, prefix, canonical] of parsed)
    test(`${JSON.stringify(text)} clears host bits → ${canonical}`, () => {
      const c = parseCidr(text);
      assert.ok(c, "parses");
      assert.equal(c.version, version);
      assert.equal(c.base, base);
      assert.equal(c.prefix, prefix);
      assert.equal(c.text, canonical);
    });

  test("a NAT64 block is an IPv4 block only with nat64AsIpv4", () => {
    assert.equal(parseCidr("64:ff9b::c000:200/120")?.text, "64:ff9b::c000:200/120");
    assert.equal(parseCidr("64:ff9b::c000:200/120", NAT64)?.text, "192.0.2.0/24");
    assert.equal(parseCidr("64:ff9b::/90", NAT64), undefined);
  });

  test("requirePrefix rejects a bare address", () => {
    assert.deepEqual(readCidr("10.0.0.1", { requirePrefix: true }), { problem: "bad prefix" });
    assert.equal(parseCidr("10.0.0.1/32", { requirePrefix: true })?.text, "10.0.0.1/32");
  });

  // [text, reason]
  const invalid: ReadonlyArray<readonly [string, string]> = [
    ["", "bad address"],
    ["host/8", "bad address"],
    ["10.0.0/8", "bad address"],
    ["10.0.0.0/", "bad prefix"],
    ["10.0.0.0/x", "bad prefix"],
    ["10.0.0.0/-1", "bad prefix"],
    ["10.0.0.0/8/9", "bad prefix"],
    ["10.0.0.0/33", "prefix out of range"],
    ["2001:db8::/129", "prefix out of range"],
    ["fc00::/129", "prefix out of range"],
    ["::ffff:10.0.0.0/64", "prefix out of range"],
  ];
  for (const [text, reason] of invalid) {
    test(`${JSON.stringify(text)} is not a block (${reason})`, () => {
      assert.deepEqual(readCidr(text), { problem: reason });
      assert.equal(parseCidr(text), undefined);
      assert.throws(
        () => requireCidr(text),
        (e: unknown) =>
          e instanceof MikiwameError &&
          e.code === "E_CONFIG" &&
          e.message.includes(`'${text}'`) &&
          e.message.includes(`(${reason})`),
      );
    });
  }

  test("prefixMask", () => {
    assert.equal(prefixMask(32, 0), 0n);
    assert.equal(prefixMask(32, 8), 0xff000000n);
    assert.equal(prefixMask(32, 32), 0xffffffffn);
    assert.equal(prefixMask(128, 1), 1n << 127n);
  });
});

describe("CidrList", () => {
  const list = new CidrList([
    "10.0.0.0/8",
    "192.168.1.0/24",
    "fc00::/7",
    "203.0.113.45",
    "::ffff:172.16.0.0/108",
  ]);
  const cases: ReadonlyArray<readonly [string, boolean]> = [
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
  for (const [address, inside] of cases)
    test(`${address} ${inside ? "is" : "is not"} in the list`, () => {
      assert.equal(list.contains(address), inside);
      const ip = parseIpAddress(address);
      if (ip) assert.equal(list.contains(ip), inside);
    });

  test("0.0.0.0/0 holds every IPv4 address", () =>
    assert.equal(new CidrList(["0.0.0.0/0"]).contains("8.8.8.8"), true));

  test("a malformed block is E_CONFIG naming it", () =>
    assert.throws(
      () => new CidrList(["10.0.0.0/8", "10.0.0.0/33"]),
      (e: unknown) =>
        e instanceof MikiwameError && e.code === "E_CONFIG" && e.message.includes("'10.0.0.0/33'"),
    ));
});
