import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Event } from "../../events/event.js";
import { ACTIVITY_KINDS, type Activity, classifyActivity, normalizeUser } from "./activity.js";
import { connEvent, logonEvent, processEvent, testEvent } from "./test-events.test.support.js";
import { DEFAULT_TIME_OPTIONS } from "./time-options.js";

const T = "2026-03-02T09:00:00Z";
const logonTypes = new Set(DEFAULT_TIME_OPTIONS.logonTypes);
const all = new Set(ACTIVITY_KINDS);

describe("classifyActivity", () => {
  const cases: ReadonlyArray<readonly [string, Event, Activity | undefined]> = [
    [
      "Sysmon 1",
      processEvent(T, "WS1", "CORP\\Tanaka"),
      { kind: "process", host: "WS1", user: "corp\\tanaka" },
    ],
    [
      "Security 4688 (normalized to process_creation)",
      testEvent({
        time: T,
        host: "WS1",
        channel: "Security",
        eventId: 4688,
        service: "security",
        category: "process_creation",
        fields: { User: "CORP\\suzuki" },
      }),
      { kind: "process", host: "WS1", user: "corp\\suzuki" },
    ],
    ["process without user", processEvent(T, "WS1", ""), { kind: "process", host: "WS1", user: undefined }],
    [
      "4624 interactive",
      logonEvent(T, "WS1", "CORP", "Tanaka", 2),
      { kind: "logon", host: "WS1", user: "corp\\tanaka" },
    ],
    [
      "4624 RDP, no domain",
      logonEvent(T, "WS1", "-", "admin", 10),
      { kind: "logon", host: "WS1", user: "admin" },
    ],
    ["4624 service logon is not counted", logonEvent(T, "WS1", "NT AUTHORITY", "SYSTEM", 5), undefined],
    ["4624 batch logon is not counted", logonEvent(T, "WS1", "CORP", "svc", 4), undefined],
    [
      "Sysmon 3",
      testEvent({
        time: T,
        host: "WS1",
        eventId: 3,
        category: "network_connection",
        fields: { User: "CORP\\x" },
      }),
      { kind: "network", host: "WS1", user: "corp\\x" },
    ],
    [
      "Zeek conn from an internal host",
      connEvent(T, "10.0.5.27", "8.8.8.8"),
      { kind: "network", host: "10.0.5.27", user: undefined },
    ],
    ["Zeek conn from outside", connEvent(T, "8.8.8.8", "10.0.5.27"), undefined],
    [
      "Zeek dns",
      testEvent({ kind: "network", time: T, channel: "dns", fields: { SourceIp: "10.0.0.1" } }),
      undefined,
    ],
    [
      "Sysmon 11 file creation",
      testEvent({ time: T, host: "WS1", eventId: 11, category: "file_event" }),
      undefined,
    ],
    ["4625 failed logon", testEvent({ time: T, host: "WS1", eventId: 4625, service: "security" }), undefined],
  ];
  for (const [name, event, expected] of cases)
    test(name, () => assert.deepEqual(classifyActivity(event, logonTypes, all), expected));

  test("only the configured kinds", () => {
    const only = new Set(["logon"] as const);
    assert.equal(classifyActivity(processEvent(T, "WS1", "u"), logonTypes, only), undefined);
    assert.equal(classifyActivity(connEvent(T, "10.0.0.1", "8.8.8.8"), logonTypes, only), undefined);
    assert.equal(classifyActivity(logonEvent(T, "WS1", "D", "u"), logonTypes, only)?.kind, "logon");
  });

  test("normalizeUser", () => {
    assert.equal(normalizeUser(" CORP\\Tanaka "), "corp\\tanaka");
    assert.equal(normalizeUser("-"), undefined);
    assert.equal(normalizeUser(""), undefined);
  });
});
