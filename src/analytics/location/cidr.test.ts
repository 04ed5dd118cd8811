import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cidrContains, parseCidr } from "./cidr.js";
import { parseIp } from "./ip-address.js";

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
      for (const ip of inside) assert.equal(cidrContains(cidr, parseIp(ip)!), true, `${ip} inside`);
      for (const ip of outside) assert.equal(cidrContains(cidr, parseIp(ip)!), false, `${ip} outside`);
    });

  const invalid = [
    "",
    "10.0.0.0/33",
    "2001:db8::/129",
    "10.0.0.0/",
    "10.0.0.0/-1",
    "10.0.0.0/8/9",
    "host/8",
    "::ffff:10.0.0.0/64",
  ];
  for (const text of invalid)
    test(`${JSON.stringify(text)} is not a block`, () => assert.equal(parseCidr(text), undefined));
});
