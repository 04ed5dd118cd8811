import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { FieldValue } from "../events/field-value.js";
import { convertValue, type FieldConversion, joinDomainUser } from "./field-conversions.js";

describe("convertValue", () => {
  const rows: readonly [FieldConversion, FieldValue | undefined, FieldValue | undefined][] = [
    ["hex-to-int", "0x1a4c", 0x1a4c],
    ["hex-to-int", "0X1A4C", 0x1a4c],
    ["hex-to-int", "6732", 6732],
    ["hex-to-int", 6732, 6732],
    ["hex-to-int", "0xffffffffffffffff", 0xffffffffffffffffn],
    ["hex-to-int", 12n, 12],
    ["hex-to-int", "0xzz", undefined],
    ["hex-to-int", "-", undefined],
    ["hex-to-int", "", undefined],
    ["hex-to-int", null, undefined],
    ["hex-to-int", 1.5, undefined],
    ["to-int", "-12", -12],
    ["to-int", "99999999999999999999", 99999999999999999999n],
    ["sid-to-integrity", "S-1-16-0", "Untrusted"],
    ["sid-to-integrity", "S-1-16-4096", "Low"],
    ["sid-to-integrity", "S-1-16-8192", "Medium"],
    ["sid-to-integrity", "S-1-16-8448", "MediumPlus"],
    ["sid-to-integrity", "S-1-16-12288", "High"],
    ["sid-to-integrity", "S-1-16-16384", "System"],
    ["sid-to-integrity", "S-1-16-20480", "Protected"],
    ["sid-to-integrity", "Mandatory Label\\High Mandatory Level", "High"],
    ["sid-to-integrity", "Mandatory Label\\Medium Plus Mandatory Level", "MediumPlus"],
    ["sid-to-integrity", "S-1-16-99", "S-1-16-99"],
    ["integrity-name", "high", "High"],
    ["integrity-name", "weird", "weird"],
    ["join-list", ["a", "b", 3], "a;b;3"],
    ["to-string", ["a", "b"], "a, b"],
    ["to-string", 5, "5"],
    ["rename", "x", "x"],
    ["rename", "-", undefined],
  ];
  for (const [conv, input, out] of rows) {
    test(`${conv} ${String(input)}`, () => assert.deepEqual(convertValue(conv, input), out));
  }
});

describe("joinDomainUser", () => {
  const rows: readonly [FieldValue | undefined, FieldValue | undefined, string | undefined][] = [
    ["CORP", "bob", "CORP\\bob"],
    ["-", "bob", "bob"],
    [undefined, "bob", "bob"],
    ["CORP", "-", undefined],
    ["CORP", "", undefined],
  ];
  for (const [d, u, out] of rows)
    test(`${String(d)} ${String(u)}`, () => assert.equal(joinDomainUser(d, u), out));
});
