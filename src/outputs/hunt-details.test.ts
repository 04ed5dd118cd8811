import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detailsObject, joinDetails, oneLine, rowDetails } from "./hunt-details.js";
import { testEvent, testRule } from "./hunt-fixtures.js";

const event = testEvent({
  recordId: 7,
  fields: {
    RuleName: "-",
    Image: "C:\\Windows\\System32\\cmd.exe",
    CommandLine: "cmd.exe /c whoami",
    User: "CORP\\alice",
    ParentImage: "C:\\Windows\\explorer.exe",
    Hashes: "MD5=1",
    ProcessId: 4242,
  },
});

describe("rowDetails", () => {
  it("puts the category's fields first, then the detection's and the rule's, each once", () => {
    const rule = testRule({ fields: ["Hashes", "Image"] });
    const d = rowDetails(rule, event, ["CommandLine|contains", "RuleName", "EventID"]);
    assert.deepEqual(d.details, [
      ["Image", "C:\\Windows\\System32\\cmd.exe"],
      ["CommandLine", "cmd.exe /c whoami"],
      ["User", "CORP\\alice"],
      ["ParentImage", "C:\\Windows\\explorer.exe"],
      ["ProcessId", "4242"],
      ["RuleName", "-"],
      ["Hashes", "MD5=1"],
    ]);
    // System fields (EventID, Channel, Computer, Provider_Name, EventRecordID) are in neither list
    assert.deepEqual(d.extra, []);
  });

  it("keeps every other data field in ExtraFieldInfo, in event order", () => {
    const d = rowDetails(
      testRule({ fields: ["C"] }),
      testEvent({ category: "x", fields: { B: "2", C: "3", A: 1 } }),
    );
    assert.deepEqual(d.details, [["C", "3"]]);
    assert.deepEqual(d.extra, [
      ["B", "2"],
      ["A", "1"],
    ]);
  });

  it("shows every data field as Details when no field is known to be relevant", () => {
    const d = rowDetails(testRule(), testEvent({ category: "unknown_cat", fields: { B: "2", A: 1 } }));
    assert.deepEqual(d.details, [
      ["B", "2"],
      ["A", "1"],
    ]);
    assert.deepEqual(d.extra, []);
  });

  it("fills a Hayabusa details template; a missing field is n/a", () => {
    const rule = testRule({
      custom: { details: "Cmd: %CommandLine% ¦ Proc: %Image% ¦ Tgt: %TargetFilename%" },
    });
    const d = rowDetails(rule, event);
    assert.deepEqual(d.details, [
      ["Cmd", "cmd.exe /c whoami"],
      ["Proc", "C:\\Windows\\System32\\cmd.exe"],
      ["Tgt", "n/a"],
    ]);
    assert.deepEqual(
      d.extra.map(([k]) => k),
      ["RuleName", "User", "ParentImage", "Hashes", "ProcessId"],
    );
  });

  it("does not treat System names as System fields on network events", () => {
    const zeek = { ...testEvent({ fields: { Level: "x" } }), kind: "network" as const };
    assert.deepEqual(
      rowDetails(testRule(), zeek).details.filter(([k]) => k === "Level" || k === "Channel"),
      [
        ["Channel", "Microsoft-Windows-Sysmon/Operational"],
        ["Level", "x"],
      ],
    );
  });
});

describe("joinDetails", () => {
  it("joins with ¦ and puts every value on one line", () => {
    assert.equal(
      joinDetails([
        ["A", "x\r\ny"],
        ["B", "\tz"],
      ]),
      "A: x y ¦ B:  z",
    );
  });
  it("is empty without pairs", () => assert.equal(joinDetails([]), ""));
  it("oneLine collapses runs of breaks", () => assert.equal(oneLine("a\n\n\tb"), "a b"));
});

describe("detailsObject", () => {
  it("keeps the first of a repeated key and stores __proto__ as a plain key", () => {
    const o = detailsObject([
      ["k", "1"],
      ["k", "2"],
      ["__proto__", "p"],
    ]);
    assert.equal(o.k, "1");
    assert.equal(Object.getPrototypeOf(o), null);
    assert.equal(JSON.stringify(o), '{"k":"1","__proto__":"p"}');
  });
});
