import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventFactory } from "../process/process-events.test.support.js";
import { PersistenceEvents, persistenceEventOf, taskCommand } from "./persistence-events.js";

const f = new EventFactory("WS1", "p.evtx");
const TASK_XML =
  '<?xml version="1.0"?><Task><Actions Context="Author"><Exec><Command>C:\\Users\\u\\x.exe</Command>' +
  "<Arguments>-q &amp; -r</Arguments></Exec></Actions></Task>";

describe("persistenceEventOf", () => {
  const cases = [
    {
      name: "System 7045: service name and image path",
      event: f.windows("system", 7045, 1, {
        ServiceName: "Upd",
        ImagePath: "C:\\x.exe -k",
        AccountName: "LocalSystem",
      }),
      want: { kind: "service", target: "Upd", value: "C:\\x.exe -k", user: "LocalSystem" },
    },
    {
      name: "Security 4697: service file name",
      event: f.windows("security", 4697, 2, {
        ServiceName: "Upd",
        ServiceFileName: "C:\\y.exe",
        SubjectUserName: "u",
      }),
      want: { kind: "service", target: "Upd", value: "C:\\y.exe", user: "u" },
    },
    {
      name: "Security 4698: the task's Exec command and arguments from its XML",
      event: f.windows("security", 4698, 3, { TaskName: "\\Updater", TaskContent: TASK_XML }),
      want: {
        kind: "scheduled-task",
        target: "\\Updater",
        value: "C:\\Users\\u\\x.exe -q & -r",
        user: undefined,
      },
    },
    {
      name: "Sysmon 20: the WMI consumer's command",
      event: f.sysmon(20, 4, { Name: "Evil", Destination: "powershell -enc AAA", User: "u" }),
      want: { kind: "wmi-subscription", target: "Evil", value: "powershell -enc AAA", user: "u" },
    },
  ] as const;
  for (const c of cases)
    it(c.name, () => {
      const got = persistenceEventOf(c.event);
      assert.ok(got);
      assert.deepEqual({ kind: got.kind, target: got.target, value: got.value, user: got.user }, c.want);
      assert.equal(got.host, "WS1");
      assert.equal(got.evidence.file, "p.evtx");
    });

  it("other events, and installs without a name, are not persistence events", () => {
    assert.equal(persistenceEventOf(f.windows("system", 7036, 1, { ServiceName: "x" })), undefined);
    assert.equal(persistenceEventOf(f.windows("system", 7045, 1, { ImagePath: "C:\\x.exe" })), undefined);
    assert.equal(persistenceEventOf(f.sysmon(19, 1, { Name: "filter" })), undefined);
  });

  it("taskCommand: no Exec action, no command", () => {
    assert.equal(taskCommand("<Task><Actions><ComHandler/></Actions></Task>"), undefined);
    assert.equal(taskCommand(undefined), undefined);
  });
});

describe("PersistenceEvents", () => {
  it("keeps at most `max` records and counts the rest; emits no findings", () => {
    const a = new PersistenceEvents(2);
    for (let i = 0; i < 5; i++)
      a.observe(f.windows("system", 7045, i, { ServiceName: `s${i}`, ImagePath: "C:\\x.exe" }));
    a.observe(f.sysmon(1, 9, { Image: "C:\\x.exe" }));
    assert.deepEqual(
      a.records().map((r) => r.target),
      ["s0", "s1"],
    );
    assert.deepEqual(a.stats(), { persistenceEvents: 5, persistenceEventsNotKept: 3 });
    assert.deepEqual(a.finish(), []);
  });
});
