/** The binding rule (loopback by default; elsewhere only with TLS or --insecure-remote) and option checks. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { MikiwameError } from "../diagnostics/mikiwame-error.js";
import { checkBinding, isLoopback, resolveServerOptions } from "./server-options.js";
import type { Store } from "../store/store.js";

const TLS = { cert: "cert", key: "key" };

describe("binding", () => {
  const hosts: [string, boolean][] = [
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["localhost", true],
    ["::1", true],
    ["[::1]", true],
    ["0.0.0.0", false],
    ["::", false],
    ["10.0.0.5", false],
    ["example.org", false],
  ];
  for (const [host, loopback] of hosts)
    it(`${host} is ${loopback ? "" : "not "}loopback`, () => assert.equal(isLoopback(host), loopback));

  it("refuses a remote address without TLS or the explicit flag (E_USAGE), allows it with either", () => {
    assert.throws(
      () => checkBinding("0.0.0.0", undefined, false),
      (e: MikiwameError) =>
        e.code === "E_USAGE" && /--tls-cert FILE --tls-key FILE, or --insecure-remote/.test(e.message),
    );
    checkBinding("0.0.0.0", TLS, false);
    checkBinding("0.0.0.0", undefined, true);
    checkBinding("127.0.0.1", undefined, false);
  });

  it("applies defaults and refuses bad numbers", () => {
    const store = {} as Store;
    const o = resolveServerOptions({ store, dataDir: "/tmp/x" });
    assert.deepEqual(
      [o.host, o.port, o.bodyLimit, o.analysisDebounceMs, o.analysisMaxWaitMs],
      ["127.0.0.1", 7470, 64 * 1024 * 1024, 2000, 30_000],
    );
    assert.throws(
      () => resolveServerOptions({ store, dataDir: "/x", port: 70_000 }),
      (e: MikiwameError) => e.code === "E_USAGE",
    );
    assert.throws(
      () => resolveServerOptions({ store, dataDir: "/x", bodyLimit: 0 }),
      (e: MikiwameError) => e.code === "E_USAGE",
    );
    assert.throws(
      () => resolveServerOptions({ store, dataDir: "/x", host: "0.0.0.0" }),
      (e: MikiwameError) => e.code === "E_USAGE",
    );
  });
});
