import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createNetworkAnalyzers } from "./network-analyzers.js";
import { feed, zeekConn } from "./network-events.test.support.js";

const T0 = 1_772_400_000;

describe("createNetworkAnalyzers", () => {
  it("makes every network analyzer, the attribution index first", () => {
    assert.deepEqual(
      createNetworkAnalyzers().map((a) => a.name),
      [
        "network.flow-attribution",
        "network.direction",
        "network.logon-direction",
        "network.internal-connection",
        "network.port-scan",
        "network.unusual-port",
        "network.volume",
        "network.frequency",
      ],
    );
  });

  it("applies internalNetworks given once to every module (a module's own setting wins)", () => {
    // 73.54.23.243 scanning 20 ports of 64.225.56.201: outbound once the client is declared internal.
    const events = Array.from({ length: 20 }, (_, i) =>
      zeekConn({
        ts: T0 + i,
        src: "73.54.23.243",
        dst: "64.225.56.201",
        dport: 1000 + i,
        state: "S0",
        respBytes: 0,
      }),
    );
    const run = (options: Parameters<typeof createNetworkAnalyzers>[0]) => {
      const analyzers = createNetworkAnalyzers(options);
      feed(analyzers, events);
      return analyzers.flatMap((a) => a.finish()).filter((f) => f.detector === "network.port-scan.vertical");
    };
    assert.equal(run({})[0].severity, "low", "both ends external: background scanning");
    assert.equal(
      run({ internalNetworks: ["73.54.23.243/32"] })[0].severity,
      "high",
      "an inside host scanning out",
    );
    assert.equal(
      run({ internalNetworks: ["73.54.23.243/32"], port: { internalNetworks: [] } })[0].severity,
      "low",
    );
  });
});
