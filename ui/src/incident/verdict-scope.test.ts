import assert from "node:assert/strict";
import { test } from "node:test";
import { testFinding, testProcess } from "./test-incident.test.support.js";
import {
  buildScope,
  defaultScopeChoice,
  matchAvailable,
  processDetectors,
  type ScopeChoice,
} from "./verdict-scope.js";

const SHA = "D255660034".padEnd(64, "a");
const outlook = testProcess({
  key: "P1",
  host: "WS-SALES-07",
  image: "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
  commandLine: '"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE"',
  sha256: SHA,
  findings: ["f-beacon", "f-signed"],
});
const findings = [
  testFinding({ id: "f-beacon", detector: "network.beacon" }),
  testFinding({ id: "f-signed", detector: "process.signature", details: { benign: true } }),
  testFinding({
    id: "f-old",
    detector: "sigma:1234",
    suppressedBy: "D-0123456789ab",
    subject: { kind: "process", key: "P1" },
  }),
  testFinding({ id: "f-other", detector: "process.discovery", subject: { kind: "process", key: "P2" } }),
];

test("processDetectors: the process's detectors against it, suppressed ones included, counter-evidence left out", () => {
  assert.deepEqual(processDetectors(outlook, findings), ["network.beacon", "sigma:1234"]);
  assert.deepEqual(processDetectors(testProcess({ key: "P9" }), findings), []);
});

test("defaultScopeChoice: one rule on this image on this host when the process has findings", () => {
  assert.deepEqual(defaultScopeChoice(outlook, findings), {
    hosts: "host",
    match: "rule-on-image",
    detector: "network.beacon",
    pattern: outlook.commandLine,
  });
  const bare = testProcess({ key: "P9", sha256: SHA, image: "C:\\x\\a.exe" });
  assert.equal(defaultScopeChoice(bare, findings).match, "sha256");
  assert.equal(defaultScopeChoice(testProcess({ key: "P9", image: "C:\\x\\a.exe" }), []).match, "path");
});

test("buildScope: every host choice × match kind becomes the contract's scope", () => {
  const base: ScopeChoice = {
    hosts: "host",
    match: "rule-on-image",
    detector: "network.beacon",
    pattern: "*outlook*",
  };
  const cases: readonly [ScopeChoice, unknown][] = [
    [
      base,
      {
        hosts: { kind: "host", host: "WS-SALES-07" },
        match: { kind: "rule-on-image", detector: "network.beacon", image: "OUTLOOK.EXE" },
      },
    ],
    [
      { ...base, hosts: "all", match: "sha256" },
      { hosts: { kind: "all" }, match: { kind: "sha256", sha256: SHA.toLowerCase() } },
    ],
    [
      { ...base, match: "path" },
      { hosts: { kind: "host", host: "WS-SALES-07" }, match: { kind: "path", path: outlook.image } },
    ],
    [
      { ...base, hosts: "all", match: "command-line" },
      { hosts: { kind: "all" }, match: { kind: "command-line", pattern: "*outlook*" } },
    ],
  ];
  for (const [choice, want] of cases)
    assert.deepEqual(buildScope(choice, outlook), want, JSON.stringify(choice));
});

test("buildScope: a match the process has no value for is refused, not sent", () => {
  const empty = testProcess({ key: "P9" });
  const base: ScopeChoice = { hosts: "all", match: "sha256", detector: "", pattern: "" };
  for (const match of ["sha256", "path", "command-line", "rule-on-image"] as const) {
    assert.deepEqual(buildScope({ ...base, match }, empty), { problem: "decide.needValue" }, match);
    assert.equal(matchAvailable(match, empty, []), false, match);
  }
  assert.deepEqual(buildScope({ ...base, match: "command-line", pattern: "   " }, outlook), {
    problem: "decide.needValue",
  });
  assert.equal(
    matchAvailable("sha256", testProcess({ key: "P9", sha256: "abc" }), []),
    false,
    "not a SHA256",
  );
});
