/** The Authorization header forms: Bearer, Basic (any user, token as password), ApiKey (three forms), and refusals. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { presentedCredentials } from "./credentials.js";

const TOKEN = "mkw_0123456789ab_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO_-";
const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("presentedCredentials", () => {
  const cases: [string, string | undefined, ReturnType<typeof presentedCredentials>][] = [
    ["no header", undefined, { kind: "none" }],
    ["blank header", "  ", { kind: "none" }],
    ["Bearer", `Bearer ${TOKEN}`, { kind: "token", token: TOKEN, scheme: "bearer" }],
    ["bearer, any case", `bEaReR ${TOKEN}`, { kind: "token", token: TOKEN, scheme: "bearer" }],
    [
      "Basic user:token",
      `Basic ${b64(`rsyslog:${TOKEN}`)}`,
      { kind: "token", token: TOKEN, scheme: "basic" },
    ],
    ["Basic :token", `Basic ${b64(`:${TOKEN}`)}`, { kind: "token", token: TOKEN, scheme: "basic" }],
    ["ApiKey token", `ApiKey ${TOKEN}`, { kind: "token", token: TOKEN, scheme: "apikey" }],
    [
      "ApiKey base64(x:token)",
      `ApiKey ${b64(`x:${TOKEN}`)}`,
      { kind: "token", token: TOKEN, scheme: "apikey" },
    ],
    [
      "ApiKey base64(id:secret) as Beats sends api_key",
      `ApiKey ${b64("0123456789ab:abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO_-")}`,
      { kind: "token", token: TOKEN, scheme: "apikey" },
    ],
  ];
  for (const [name, header, want] of cases)
    it(`reads ${name}`, () => assert.deepEqual(presentedCredentials(header), want));

  const refused: [string, string, RegExp][] = [
    ["a scheme without credentials", "Bearer", /no credentials after bearer/],
    ["Basic without a colon", `Basic ${b64("justuser")}`, /base64\(user:token\)/],
    ["Basic that is not base64", "Basic %%%", /base64\(user:token\)/],
    ["an unknown scheme", "Digest username=x", /unsupported Authorization scheme/],
    ["an ApiKey of another form", `ApiKey ${b64("elastic-id:elastic-key")}`, /ApiKey must be/],
    ["a header too long to be ours", `Bearer ${"a".repeat(2000)}`, /too long/],
  ];
  for (const [name, header, reason] of refused)
    it(`refuses ${name}`, () => {
      const c = presentedCredentials(header);
      assert.equal(c.kind, "malformed");
      assert.match(c.kind === "malformed" ? c.reason : "", reason);
    });
});
