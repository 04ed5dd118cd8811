import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ElementNode, TemplateInstanceNode } from "./binxml-node.js";
import { expectedWindowsEvent } from "./expected-record.js";
import {
  type WindowsEventInput,
  windowsEvent,
  windowsEventElement,
  windowsEventTemplate,
} from "./windows-event.js";

const base: WindowsEventInput = {
  providerName: "Prov",
  providerGuid: "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}",
  eventId: 1,
  level: 4,
  timeCreated: "2026-03-02T09:14:03.1234567Z",
  channel: "Chan",
  computer: "WS-SALES-07",
  eventData: { Image: "C:\\a.exe", ProcessId: { type: "UInt32", value: 42 } },
};

function nested(t: TemplateInstanceNode): TemplateInstanceNode {
  const last = t.values.at(-1)!;
  assert.equal(last.type, "BinXml");
  return (last as { value: TemplateInstanceNode }).value;
}

describe("windowsEventTemplate", () => {
  it("puts the System values first and EventData in a nested BinXml template, as Windows does", () => {
    const t = windowsEventTemplate(base, 7n);
    assert.equal(t.values.length, 18);
    assert.deepEqual(t.values[3], { type: "UInt16", value: 1 });
    assert.deepEqual(t.values[10], { type: "UInt64", value: 7n });
    assert.deepEqual(t.values[4], { type: "Null" }, "absent Qualifiers");
    assert.deepEqual(t.values[14], { type: "String", value: "Prov" });
    const inner = nested(t);
    assert.equal(inner.template.root.name, "EventData");
    assert.deepEqual(inner.values, [
      { type: "String", value: "C:\\a.exe" },
      { type: "UInt32", value: 42 },
    ]);
    const computer = t.template.root.children![0] as ElementNode;
    assert.deepEqual(
      computer.children!.find((c) => c.kind === "element" && c.name === "Computer"),
      {
        kind: "element",
        name: "Computer",
        attributes: [],
        children: [{ kind: "text", value: "WS-SALES-07" }],
      },
    );
  });

  it("gives one layout one template definition, and a new one per computer or field list", () => {
    const a = windowsEventTemplate(base, 1n);
    const b = windowsEventTemplate(
      { ...base, eventId: 2, eventData: { Image: "x", ProcessId: { type: "UInt32", value: 1 } } },
      2n,
    );
    assert.equal(a.template, b.template);
    assert.equal(nested(a).template, nested(b).template);
    assert.notEqual(
      windowsEventTemplate({ ...base, computer: "WS-SALES-08" }, 1n).template.guid,
      a.template.guid,
    );
    assert.notEqual(
      nested(windowsEventTemplate({ ...base, eventData: { Image: "x" } }, 1n)).template.guid,
      nested(a).template.guid,
    );
  });

  it("adds EventSourceName as value 17 and moves the payload to 18", () => {
    const t = windowsEventTemplate({ ...base, eventSourceName: "Src" }, 1n);
    assert.equal(t.values.length, 19);
    assert.deepEqual(t.values[17], { type: "String", value: "Src" });
    assert.equal(t.values[18]!.type, "BinXml");
  });

  it("writes EventData inside the outer template for the inline encoding", () => {
    const t = windowsEventTemplate({ ...base, encoding: "inline" }, 1n);
    assert.equal(t.values.length, 19);
    assert.deepEqual(t.values[18], { type: "UInt32", value: 42 });
    const names = t.template.root.children!.map((c) => (c.kind === "element" ? c.name : c.kind));
    assert.deepEqual(names, ["System", "EventData"]);
  });

  it("leaves the payload out when there is no data", () => {
    const t = windowsEventTemplate({ ...base, eventData: undefined }, 1n);
    assert.equal(t.values.length, 17);
  });

  it("builds UserData as a nested template", () => {
    const t = windowsEventTemplate(
      { ...base, eventData: undefined, userData: { name: "EventXML", xmlns: "ns", fields: { p: "v" } } },
      1n,
    );
    const inner = nested(t);
    assert.equal(inner.template.root.name, "UserData");
    assert.equal((inner.template.root.children![0] as ElementNode).name, "EventXML");
  });
});

describe("windowsEvent", () => {
  it("fills EventRecordID with the id the writer assigns", () => {
    const r = windowsEvent(base);
    assert.equal(typeof r.root, "function");
    const root = (r.root as (id: bigint) => TemplateInstanceNode)(99n);
    assert.deepEqual(root.values[10], { type: "UInt64", value: 99n });
    assert.equal(r.writtenTime, base.timeCreated);
  });

  it("renders the plain encoding as literal text", () => {
    const e = windowsEventElement({ ...base, encoding: "plain" }, 5n);
    const system = e.children![0] as ElementNode;
    const rid = system.children!.find(
      (c) => c.kind === "element" && c.name === "EventRecordID",
    ) as ElementNode;
    assert.deepEqual(rid.children, [{ kind: "text", value: "5" }]);
    const data = e.children![1] as ElementNode;
    assert.deepEqual((data.children![1] as ElementNode).children, [{ kind: "text", value: "42" }]);
  });
});

describe("expectedWindowsEvent", () => {
  it("gives typed values for templates and text for plain, unnamed Data as an array", () => {
    const input: WindowsEventInput = {
      ...base,
      eventData: [{ value: "a" }, { name: "N", value: { type: "UInt32", value: 3 } }, { value: "b" }],
    };
    const typed = expectedWindowsEvent(input, 3n);
    assert.deepEqual(typed.data, { N: 3, Data: ["a", "b"] });
    assert.equal(typed.section, "EventData");
    assert.deepEqual(typed.system, {
      providerName: "Prov",
      providerGuid: "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}",
      eventId: 1,
      level: 4,
      recordId: 3,
      channel: "Chan",
      computer: "WS-SALES-07",
      timeCreated: "2026-03-02T09:14:03.1234567Z",
    });
    assert.deepEqual(expectedWindowsEvent({ ...input, encoding: "plain" }, 3n).data, {
      N: "3",
      Data: ["a", "b"],
    });
  });
});
