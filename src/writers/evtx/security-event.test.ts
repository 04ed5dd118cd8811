import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AUDIT_FAILURE, AUDIT_SUCCESS, SECURITY_PROVIDER, securityEventInput } from "./security-event.js";

describe("securityEventInput", () => {
  it("writes 4688 with task 13312, version 2, audit success, hex process ids and label SIDs", () => {
    const e = securityEventInput(4688, "2026-03-02T09:14:03Z", {
      NewProcessId: 0x1a2c,
      ProcessId: 0x1200n,
      MandatoryLabel: "S-1-16-8192",
      SubjectLogonId: 0x3e7n,
      NewProcessName: "C:\\a.exe",
    });
    assert.equal(e.providerName, SECURITY_PROVIDER.name);
    assert.equal(e.channel, "Security");
    assert.equal(e.task, 13312);
    assert.equal(e.version, 2);
    assert.equal(e.level, 0);
    assert.equal(e.keywords, AUDIT_SUCCESS);
    assert.equal(e.userId, undefined);
    assert.deepEqual(e.eventData, {
      NewProcessId: { type: "SizeT", value: 0x1a2c },
      ProcessId: { type: "SizeT", value: 0x1200n },
      MandatoryLabel: { type: "Sid", value: "S-1-16-8192" },
      SubjectLogonId: { type: "HexInt64", value: 0x3e7n },
      NewProcessName: { type: "String", value: "C:\\a.exe" },
    });
  });

  it("marks 4625 as an audit failure and knows the logon task", () => {
    const e = securityEventInput(4625, "2026-03-02T09:14:03Z", { LogonType: 3 });
    assert.equal(e.keywords, AUDIT_FAILURE);
    assert.equal(e.task, 12544);
    assert.deepEqual(e.eventData, { LogonType: { type: "UInt32", value: 3 } });
  });

  it("falls back to task 0 and version 0 for events it does not know", () => {
    const e = securityEventInput(1, "2026-03-02T09:14:03Z", {});
    assert.equal(e.task, 0);
    assert.equal(e.version, 0);
  });
});
