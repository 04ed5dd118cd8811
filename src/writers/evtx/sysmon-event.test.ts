import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SYSMON_PROVIDER, sysmonEventInput } from "./sysmon-event.js";

describe("sysmonEventInput", () => {
  it("uses Sysmon's provider, channel, task, version, keywords and field types", () => {
    const e = sysmonEventInput(
      3,
      "2026-03-02T09:14:03Z",
      {
        RuleName: "-",
        ProcessGuid: "{11111111-2222-3333-4444-555555555555}",
        ProcessId: 4242,
        Initiated: true,
        DestinationPort: 443,
        LogonId: 0x3e7n,
        GrantedAccess: 0x1410,
        Image: "C:\\a.exe",
      },
      { computer: "WS-SALES-07" },
    );
    assert.equal(e.providerName, SYSMON_PROVIDER.name);
    assert.equal(e.providerGuid, SYSMON_PROVIDER.guid);
    assert.equal(e.channel, "Microsoft-Windows-Sysmon/Operational");
    assert.equal(e.computer, "WS-SALES-07");
    assert.equal(e.task, 3);
    assert.equal(e.version, 5);
    assert.equal(e.level, 4);
    assert.equal(e.keywords, 0x8000000000000000n);
    assert.equal(e.userId, "S-1-5-18");
    assert.deepEqual(e.eventData, {
      RuleName: { type: "String", value: "-" },
      ProcessGuid: { type: "Guid", value: "{11111111-2222-3333-4444-555555555555}" },
      ProcessId: { type: "UInt32", value: 4242 },
      Initiated: { type: "Bool", value: true },
      DestinationPort: { type: "UInt16", value: 443 },
      LogonId: { type: "HexInt64", value: 0x3e7n },
      GrantedAccess: { type: "HexInt32", value: 0x1410 },
      Image: { type: "String", value: "C:\\a.exe" },
    });
  });

  it("keeps the field order and takes a version override", () => {
    const e = sysmonEventInput(99, "2026-03-02T09:14:03Z", { B: "1", A: "2" }, { version: 7 });
    assert.deepEqual(Object.keys(e.eventData as object), ["B", "A"]);
    assert.equal(e.version, 7);
    assert.equal(e.computer, "DESKTOP-MIKIWAME");
  });
});
