/**
 * Test support: IncidentProcess and ApiFinding values with defaults, for the UI's unit tests.
 */
import type { IncidentProcess } from "../../../src/incidents/incident.js";
import type { ApiFinding } from "../../../src/server/api-contract.js";

/** A process of an incident; `key` and `role` given, the rest defaulted. */
export function testProcess(p: Partial<IncidentProcess> & Pick<IncidentProcess, "key">): IncidentProcess {
  return {
    host: "WS-SALES-07",
    image: undefined,
    pid: undefined,
    commandLine: undefined,
    user: undefined,
    parentKey: undefined,
    parentImage: undefined,
    droppedByKey: undefined,
    sha256: undefined,
    md5: undefined,
    signer: undefined,
    signature: "unknown",
    role: "member",
    state: undefined,
    start: undefined,
    end: undefined,
    verdict: undefined,
    confidence: undefined,
    severity: undefined,
    findings: [],
    ...p,
  };
}

/** A finding about a process. */
export function testFinding(p: Partial<ApiFinding> & Pick<ApiFinding, "id" | "detector">): ApiFinding {
  return {
    viewpoint: "process",
    severity: "high",
    confidence: 0.9,
    stage: undefined,
    attack: [],
    host: "WS-SALES-07",
    subject: { kind: "process", key: "P1" },
    first: undefined,
    last: undefined,
    message: { en: p.id, ja: p.id },
    details: {},
    evidenceCount: 1,
    suppressedBy: undefined,
    ...p,
  };
}
