import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type AddressScope, addressScope, isInternalScope, LOCATION_IP_OPTIONS } from "./address-scope.js";
import { parseIpAddress } from "../../events/ip-address.js";

describe("addressScope", () => {
  const cases: ReadonlyArray<readonly [string, AddressScope]> = [
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["9.255.255.255", "public"],
    ["11.0.0.0", "public"],
    ["10.0.5.27", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "shared"],
    ["100.128.0.1", "public"],
    ["127.0.0.1", "loopback"],
    ["169.254.10.10", "link-local"],
    ["224.0.0.251", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.1", "documentation"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.45", "documentation"],
    ["0.0.0.0", "unspecified"],
    ["198.18.0.1", "reserved"],
    ["240.0.0.1", "reserved"],
    ["192.0.0.9", "reserved"],
    ["::ffff:10.0.0.1", "private"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["2001:4860:4860::8888", "public"],
    ["2a00:1450:4001::1", "public"],
    ["2001:db8::1", "documentation"],
    ["3fff::1", "documentation"],
    ["2001::1", "reserved"],
    ["2002:c000:0204::1", "public"],
    ["fd00::1", "private"],
    ["fc00::1", "private"],
    ["fe80::90e:17af:263c:5209", "link-local"],
    ["fec0::1", "private"],
    ["ff02::1", "multicast"],
    ["4000::1", "reserved"],
    ["100::1", "reserved"],
    ["::7f00:1", "reserved"],
  ];
  for (const [text, scope] of cases)
    test(`${text} is ${scope}`, () => {
      const ip = parseIpAddress(text, LOCATION_IP_OPTIONS);
      assert.ok(ip);
      assert.equal(addressScope(ip), scope);
    });

  test("internal scopes are the organisation's own side", () => {
    assert.equal(isInternalScope("private"), true);
    assert.equal(isInternalScope("shared"), true);
    assert.equal(isInternalScope("loopback"), true);
    assert.equal(isInternalScope("link-local"), true);
    assert.equal(isInternalScope("public"), false);
    assert.equal(isInternalScope("documentation"), false);
    assert.equal(isInternalScope("multicast"), false);
  });
});
