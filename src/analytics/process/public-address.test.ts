import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isPublicAddress } from "./public-address.js";

describe("isPublicAddress", () => {
  const cases: [string | undefined, boolean][] = [
    ["203.0.113.45", true],
    ["8.8.8.8", true],
    ["::ffff:8.8.8.8", true],
    ["2001:db8::1", true],
    ["10.0.5.27", false],
    ["172.16.0.1", false],
    ["172.31.255.255", false],
    ["172.32.0.1", true],
    ["192.168.1.1", false],
    ["127.0.0.1", false],
    ["169.254.1.1", false],
    ["100.64.0.1", false],
    ["224.0.0.251", false],
    ["0.0.0.0", false],
    ["::1", false],
    ["::", false],
    ["fe80::1", false],
    ["fd00::1", false],
    ["ff02::1", false],
    ["999.1.1.1", false],
    ["example.com", false],
    ["", false],
    [undefined, false],
  ];
  for (const [ip, want] of cases) it(`${ip} → ${want}`, () => assert.equal(isPublicAddress(ip), want));
});
