import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import {
  checkDecisionInput,
  compareDecisions,
  type Decision,
  type DecisionInput,
  describeScope,
  newDecisionId,
  parseDecision,
} from "./decision.js";

const SHA = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855";

const VALID: DecisionInput = {
  verdict: "benign",
  reason: "  Outlook syncing with Exchange Online  ",
  analyst: "alice",
  scope: {
    hosts: { kind: "all" },
    match: { kind: "rule-on-image", detector: "Network.Beacon", image: "OUTLOOK.EXE" },
  },
};

/** `VALID` with some fields replaced (a JSON-ish object, as a caller outside TypeScript could give). */
function input(patch: Record<string, unknown>): DecisionInput {
  return { ...VALID, ...patch } as unknown as DecisionInput;
}

const INVALID: readonly (readonly [name: string, value: DecisionInput, message: RegExp])[] = [
  ["unknown verdict", input({ verdict: "fp" }), /verdict must be one of benign, malicious/],
  ["empty reason", input({ reason: "   " }), /reason is required/],
  ["missing reason", input({ reason: undefined }), /reason is required/],
  ["over-long reason", input({ reason: "x".repeat(4001) }), /reason is longer than 4000/],
  ["empty analyst", input({ analyst: "" }), /analyst is required/],
  [
    "bad sha256",
    input({ scope: { hosts: { kind: "all" }, match: { kind: "sha256", sha256: "abc" } } }),
    /sha256 must be 64 hexadecimal digits/,
  ],
  [
    "relative path",
    input({ scope: { hosts: { kind: "all" }, match: { kind: "path", path: "OUTLOOK.EXE" } } }),
    /path must be a full path/,
  ],
  [
    "empty pattern",
    input({ scope: { hosts: { kind: "all" }, match: { kind: "command-line", pattern: "" } } }),
    /pattern is empty/,
  ],
  [
    "unknown match kind",
    input({ scope: { hosts: { kind: "all" }, match: { kind: "md5", md5: "x" } } }),
    /scope.match.kind must be one of sha256, path, command-line, rule-on-image/,
  ],
  [
    "unknown host scope",
    input({ scope: { hosts: { kind: "site" }, match: VALID.scope.match } }),
    /scope.hosts.kind/,
  ],
  [
    "host with spaces",
    input({ scope: { hosts: { kind: "host", host: "a b" }, match: VALID.scope.match } }),
    /host must not contain spaces/,
  ],
  [
    "rule without image",
    input({
      scope: { hosts: { kind: "all" }, match: { kind: "rule-on-image", detector: "network.beacon" } },
    }),
    /image is required/,
  ],
  ["bad time", input({ at: "yesterday" }), /at must be an ISO-8601 time/],
];

describe("checkDecisionInput", () => {
  it("canonicalizes a valid input (trimmed reason, lower-case detector, time now)", () => {
    const now = new Date("2024-05-01T10:00:00.000Z");
    assert.deepEqual(checkDecisionInput(VALID, now), {
      verdict: "benign",
      reason: "Outlook syncing with Exchange Online",
      analyst: "alice",
      scope: {
        hosts: { kind: "all" },
        match: { kind: "rule-on-image", detector: "network.beacon", image: "OUTLOOK.EXE" },
      },
      at: "2024-05-01T10:00:00.000Z",
    });
  });

  it("lower-cases a sha256 and keeps a detector narrowing", () => {
    const c = checkDecisionInput(
      input({
        verdict: "malicious",
        at: "2024-05-01T19:00:00+09:00",
        scope: {
          hosts: { kind: "host", host: "WS1" },
          match: { kind: "sha256", sha256: SHA, detector: "Sigma:X" },
        },
      }),
    );
    assert.deepEqual(c.scope.match, { kind: "sha256", sha256: SHA.toLowerCase(), detector: "sigma:x" });
    assert.equal(c.at, "2024-05-01T10:00:00.000Z");
  });

  for (const [name, value, message] of INVALID) {
    it(`rejects ${name} with E_DECISION`, () => {
      assert.throws(
        () => checkDecisionInput(value),
        (e: unknown) =>
          e instanceof MikiwameError &&
          e.code === "E_DECISION" &&
          message.test(e.message) &&
          e.location === undefined,
      );
    });
  }
});

describe("parseDecision", () => {
  it("reads back what the log stores, not revoked", () => {
    const stored = { id: "D-0123456789ab", ...checkDecisionInput(VALID), revoked: { analyst: "x" } };
    const d = parseDecision(JSON.parse(JSON.stringify(stored)));
    assert.ok(typeof d !== "string");
    assert.equal(d.id, "D-0123456789ab");
    assert.equal(d.revoked, undefined);
  });

  it("names the problem of a bad stored decision", () => {
    assert.equal(parseDecision([]), "decision must be an object");
    assert.match(String(parseDecision({ ...checkDecisionInput(VALID), id: "X-1" })), /id must look like D-/);
    assert.match(
      String(parseDecision({ ...checkDecisionInput(VALID), id: "D-0123456789ab", at: 5 })),
      /at must be/,
    );
  });
});

describe("decision ids, order and description", () => {
  it("makes distinct D- ids", () => {
    const ids = new Set(Array.from({ length: 1000 }, newDecisionId));
    assert.equal(ids.size, 1000);
    for (const id of ids) assert.match(id, /^D-[0-9a-f]{12}$/);
  });

  it("orders by time, then id", () => {
    const d = (id: string, at: string): Decision => ({
      ...checkDecisionInput(VALID),
      id,
      at,
      revoked: undefined,
    });
    const list = [
      d("D-000000000002", "2024-01-02T00:00:00Z"),
      d("D-000000000003", "2024-01-01T00:00:00Z"),
      d("D-000000000001", "2024-01-02T00:00:00Z"),
    ];
    assert.deepEqual(
      [...list].sort(compareDecisions).map((x) => x.id),
      ["D-000000000003", "D-000000000001", "D-000000000002"],
    );
  });

  it("describes each scope in one line", () => {
    const all = { kind: "all" } as const;
    assert.equal(
      describeScope(checkDecisionInput(VALID).scope),
      "all hosts · rule network.beacon on OUTLOOK.EXE",
    );
    assert.equal(
      describeScope({
        hosts: { kind: "host", host: "WS1" },
        match: { kind: "path", path: "C:\\x.exe", detector: "d" },
      }),
      "host WS1 · path C:\\x.exe (only d)",
    );
    assert.equal(
      describeScope({ hosts: all, match: { kind: "command-line", pattern: "a *" } }),
      "all hosts · command line a *",
    );
    assert.equal(
      describeScope({ hosts: all, match: { kind: "sha256", sha256: "ab" } }),
      "all hosts · sha256 ab",
    );
  });
});
