import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { formatIpv6, parseIp, parseIpv4 } from "./ip-address.js";

describe("parseIp", () => {
  const valid: ReadonlyArray<readonly [string, 4 | 6, string]> = [
    ["8.8.8.8", 4, "8.8.8.8"],
    [" 10.0.5.27 ", 4, "10.0.5.27"],
    ["0.0.0.0", 4, "0.0.0.0"],
    ["255.255.255.255", 4, "255.255.255.255"],
    ["2001:4860:4860::8888", 6, "2001:4860:4860::8888"],
    ["2001:4860:4860:0000:0000:0000:0000:8888", 6, "2001:4860:4860::8888"],
    ["2001:DB8:0:0:1:0:0:1", 6, "2001:db8::1:0:0:1"],
    ["fe80:0:0:0:90e:17af:263c:5209", 6, "fe80::90e:17af:263c:5209"],
    ["fe80::1%eth0", 6, "fe80::1"],
    ["[2606:4700:4700::1111]", 6, "2606:4700:4700::1111"],
    ["::", 6, "::"],
    ["::1", 6, "::1"],
    ["1::", 6, "1::"],
    ["1:0:0:1:0:0:0:1", 6, "1:0:0:1::1"],
    ["::ffff:8.8.8.8", 4, "8.8.8.8"],
    ["::ffff:0808:0808", 4, "8.8.8.8"],
    ["64:ff9b::192.0.2.33", 4, "192.0.2.33"],
    ["::127.0.0.1", 6, "::7f00:1"],
  ];
  for (const [text, version, canonical] of valid)
    test(`${JSON.stringify(text)} → IPv${version} ${canonical}`, () => {
      const ip = parseIp(text);
      assert.ok(ip, "parses");
      assert.equal(ip.version, version);
      assert.equal(ip.text, canonical);
    });

  const invalid = [
    "",
    "-",
    "example.com",
    "1.2.3",
    "1.2.3.4.5",
    "256.1.1.1",
    "01234.1.1.1",
    "1..2.3",
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
      assert.equal(parseIp(text), undefined);
    });

  test("IPv4 value and IPv6 halves", () => {
    assert.equal(parseIpv4("1.2.3.4"), 0x01020304);
    assert.equal(parseIpv4("255.255.255.255"), 0xffffffff);
    const ip = parseIp("2001:200::1");
    assert.ok(ip && ip.version === 6);
    assert.equal(ip.hi, 0x2001020000000000n);
    assert.equal(ip.lo, 1n);
    assert.equal(formatIpv6(ip.hi, ip.lo), "2001:200::1");
  });
});
