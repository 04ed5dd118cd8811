import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { KillChainStage } from "../findings/kill-chain.js";
import type { IncidentDestination, IncidentStage } from "./incident.js";
import { buildCutPoints, type CutContext } from "./incident-cut-points.js";

function stage(s: KillChainStage, status: "reached" | "attempted" = "reached"): IncidentStage {
  return { stage: s, status, first: undefined, evidence: [] };
}

function destination(
  address: string,
  role: IncidentDestination["role"],
  external: boolean,
): IncidentDestination {
  return {
    address,
    domain: undefined,
    port: 443,
    protocol: "tcp",
    role,
    external,
    hosts: ["WS1"],
    processKeys: [],
    connections: 1,
    bytes: undefined,
    first: undefined,
    last: undefined,
    active: false,
    findings: [],
  };
}

const CTX: CutContext = {
  hosts: ["WS1"],
  rootName: "invoice.pdf.exe",
  files: [],
  destinations: [destination("203.0.113.45", "c2", true)],
  usersAtRisk: [],
};

describe("buildCutPoints", () => {
  const cases: readonly {
    readonly name: string;
    readonly stages: IncidentStage[];
    readonly furthest: KillChainStage | undefined;
    readonly want: KillChainStage[];
  }[] = [
    {
      name: "after C&C: lateral movement (attempted) and actions on objectives",
      stages: [stage("installation"), stage("command_and_control"), stage("lateral_movement", "attempted")],
      furthest: "command_and_control",
      want: ["lateral_movement", "actions_on_objectives"],
    },
    {
      name: "after installation: C&C onward",
      stages: [stage("installation")],
      furthest: "installation",
      want: ["command_and_control", "lateral_movement", "actions_on_objectives"],
    },
    {
      name: "actions reached, lateral only attempted: lateral is still a cut point",
      stages: [stage("lateral_movement", "attempted"), stage("actions_on_objectives")],
      furthest: "actions_on_objectives",
      want: ["lateral_movement"],
    },
    {
      name: "nothing reached: from delivery (recon and weaponization are not cut at the victim)",
      stages: [],
      furthest: undefined,
      want: [
        "delivery",
        "exploitation",
        "installation",
        "command_and_control",
        "lateral_movement",
        "actions_on_objectives",
      ],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      assert.deepEqual(
        buildCutPoints(c.stages, c.furthest, false, CTX).map((p) => p.stage),
        c.want,
      );
    });

  it("concrete texts in both languages; none for a benign incident", () => {
    const cuts = buildCutPoints([stage("installation")], "installation", false, {
      ...CTX,
      usersAtRisk: ["CORP\\u"],
    });
    assert.deepEqual(cuts[0].text, {
      en: "block 203.0.113.45 at the perimeter before a C&C channel is set up",
      ja: "C&C 通信が確立する前に 203.0.113.45 を境界で遮断する",
    });
    assert.equal(
      cuts[1].text.en,
      "isolate WS1 before lateral movement succeeds; reset the passwords of CORP\\u",
    );
    assert.deepEqual(buildCutPoints([stage("installation")], "installation", true, CTX), []);
  });
});
