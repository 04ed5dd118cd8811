import assert from "node:assert/strict";
import { test } from "node:test";
import { checkAddress, checkDomain, checkPort, checkSha256 } from "./indicator-values.js";

test("checkAddress: canonical addresses, everything else refused with a reason", () => {
  const rows: [string, string | RegExp][] = [
    ["203.0.113.45", "203.0.113.45"],
    [" 203.0.113.45 ", "203.0.113.45"],
    ["::ffff:203.0.113.45", "203.0.113.45"],
    ["2001:DB8:0:0::1", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["'; rm -rf / #", /not a valid IP address/],
    ["203.0.113.45; reboot", /not a valid IP address/],
    ["$(reboot)", /not a valid IP address/],
    ["`id`", /not a valid IP address/],
    ["203.0.113.45\nreboot", /not a valid IP address/],
    ["0.0.0.0", /unspecified/],
    ["127.0.0.1", /loopback/],
    ["::1", /loopback/],
    ["::", /unspecified/],
    ["255.255.255.255", /broadcast/],
    ["", /not a valid IP address/],
  ];
  for (const [input, want] of rows) {
    const r = checkAddress(input);
    if (typeof want === "string") assert.deepEqual(r.ok && r.value.text, want, input);
    else {
      assert.equal(r.ok, false, input);
      if (!r.ok) assert.match(r.reason, want, input);
    }
  }
});

test("checkDomain: LDH names, IDN to punycode, hostile text refused", () => {
  const rows: [string, string | RegExp][] = [
    ["cdn-update.example-bad.net", "cdn-update.example-bad.net"],
    ["CDN-Update.Example-Bad.NET.", "cdn-update.example-bad.net"],
    ["_dmarc.example.com", "_dmarc.example.com"],
    ["bücher.example", "xn--bcher-kva.example"],
    ["evil.com'; rm -rf / #", /spaces or control|not a valid host name/],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion in hostile data
    ["evil.com';rm${IFS}-rf", /not a valid host name/],
    ["$(reboot).example.com", /not a valid host name/],
    ["`id`.example.com", /not a valid host name/],
    ["evil.com\nreboot", /control/],
    ["evil.com\u2028x", /internationalised|host name/],
    ["*.example.com", /not a valid host name/],
    ["localhost", /fully qualified/],
    ["203.0.113.45", /numeric top-level/],
    ["-bad.example.com", /not a valid host name/],
    [`${"a".repeat(64)}.example.com`, /not a valid host name/],
    [`${"a.".repeat(130)}com`, /longer than 253/],
    ["", /empty/],
  ];
  for (const [input, want] of rows) {
    const r = checkDomain(input);
    if (typeof want === "string") assert.deepEqual(r.ok && r.value, want, input);
    else {
      assert.equal(r.ok, false, JSON.stringify(input));
      if (!r.ok) assert.match(r.reason, want, JSON.stringify(input));
    }
  }
});

test("checkSha256 and checkPort", () => {
  const sha = "0F63E39B65047D941CCBA968D68F83A8CE59C3D73562AF19666620B0760B92E8";
  assert.deepEqual(checkSha256(sha), { ok: true, value: sha.toLowerCase() });
  for (const bad of ["", sha.slice(1), `${sha}0`, `${sha.slice(1)}g`, `'${sha.slice(2)}'`])
    assert.equal(checkSha256(bad).ok, false, bad);
  assert.deepEqual(checkPort("443"), { ok: true, value: 443 });
  for (const bad of ["0", "65536", "-1", "44 3", "443;reboot", ""])
    assert.equal(checkPort(bad).ok, false, bad);
});
