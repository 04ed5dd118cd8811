import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Fields } from "../../events/field-value.js";
import { EventFactory, detectorsOf, guid, hitsOn } from "./process-events.test.support.js";
import { TRUSTED_VENDORS } from "./process-options.js";
import { trustedVendorIn, unsignedTrustedDetector } from "./unsigned-trusted.js";

describe("unsigned trusted metadata detector", () => {
  const key = guid(0x10);
  const image = "C:\\Users\\a\\AppData\\Local\\Temp\\invoice.pdf.exe";
  const run = (meta: Fields, sig?: [boolean, string, string?], ev = new EventFactory()) =>
    hitsOn(
      unsignedTrustedDetector,
      [
        ev.start(1, key, image, undefined, meta),
        ...(sig ? [ev.selfLoad(2, key, image, sig[0], sig[1], sig[2] ? { Signature: sig[2] } : {})] : []),
      ],
      key,
    );
  const adobe = { Company: "Adobe Systems Incorporated", Product: "Adobe Acrobat Reader" };
  const cases: [string, Fields, [boolean, string, string?] | undefined, string[]][] = [
    ["Adobe, unsigned", adobe, [false, "Unavailable"], ["process.unsigned-trusted-metadata"]],
    [
      "Microsoft product, signature expired",
      { Product: "Microsoft® Windows®" },
      [true, "Expired"],
      ["process.unsigned-trusted-metadata"],
    ],
    [
      "Google, signed by someone else",
      { Company: "Google LLC" },
      [true, "Valid", "Evil Ltd"],
      ["process.signer-mismatch"],
    ],
    // misses
    ["Adobe, validly signed by Adobe", adobe, [true, "Valid", "Adobe Inc."], []],
    ["unknown vendor, unsigned", { Company: "Acme" }, [false, "Unavailable"], []],
    ["Adobe, signature not known", adobe, undefined, []],
    ["vendor word inside another word", { Company: "Threat Intelligence Inc" }, [false, "Unavailable"], []],
  ];
  for (const [name, meta, sig, want] of cases)
    it(name, () => assert.deepEqual(detectorsOf(run(meta, sig)), want));

  it("cites the creation and the signature event, with the claim in the details", () => {
    const [h] = run(adobe, [false, "Unavailable"]);
    assert.deepEqual(
      h.evidence.map((e) => e.recordId),
      [1, 2],
    );
    assert.equal(h.severity, "high");
    assert.equal(h.details.vendor, "adobe");
    assert.equal(h.details.signature, "unsigned");
    assert.match(h.message.en, /has no digital signature/);
    assert.match(h.message.ja, /デジタル署名がありません/);
  });

  it("trustedVendorIn matches whole words only", () => {
    assert.equal(trustedVendorIn(TRUSTED_VENDORS, "Microsoft® Windows® Operating System"), "microsoft");
    assert.equal(trustedVendorIn(TRUSTED_VENDORS, "Trend Micro Inc."), "trend micro");
    assert.equal(trustedVendorIn(TRUSTED_VENDORS, "Intelligent Soft"), undefined);
  });
});
