/** The token format: mkw_<12 hex>_<43 base64url>, only the hash stored, constant-time comparison. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hashTokenSecret, isTokenHash, newApiToken, parseApiToken, secretMatches } from "./api-token.js";

describe("API tokens", () => {
  it("makes distinct tokens of the documented form whose hash verifies the secret", () => {
    const a = newApiToken();
    const b = newApiToken();
    assert.notEqual(a.token, b.token);
    assert.match(a.token, /^mkw_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseApiToken(a.token);
    assert.equal(parsed?.id, a.id);
    assert.ok(isTokenHash(a.hash));
    assert.ok(!a.hash.includes(parsed?.secret ?? "?"));
    assert.equal(hashTokenSecret(parsed?.secret ?? ""), a.hash);
    assert.ok(secretMatches(parsed?.secret ?? "", a.hash));
    assert.ok(!secretMatches(parseApiToken(b.token)?.secret ?? "", a.hash));
  });

  it("parses only the exact form", () => {
    const ok = "mkw_0123456789ab_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO_-";
    assert.deepEqual(parseApiToken(` ${ok} `), {
      id: "0123456789ab",
      secret: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO_-",
    });
    for (const bad of [
      "",
      "mkw_",
      `${ok}x`,
      ok.replace("mkw_", "mkx_"),
      ok.replace("0123456789ab", "0123456789AB"),
    ])
      assert.equal(parseApiToken(bad), undefined, bad);
    assert.ok(!secretMatches("x", "sha256:short"));
  });
});
