import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventFactory, graphOf, guid, pidOf } from "./process-events.test.support.js";
import { ProcessGraph } from "./process-graph.js";
import type { ProcessInfo } from "./process-node.js";
import { processOptions } from "./process-options.js";

const EXPLORER = "C:\\Windows\\explorer.exe";
const CMD = "C:\\Windows\\System32\\cmd.exe";

const names = (ps: readonly ProcessInfo[]) => ps.map((p) => p.image?.split("\\").pop());

describe("process graph: Sysmon", () => {
  it("links parents and children by GUID, parents first seen only as parents are placeholders", () => {
    const ev = new EventFactory();
    const g = graphOf([
      ev.start(1, guid(0x10), EXPLORER, guid(0x01), { ParentImage: "C:\\Windows\\System32\\userinit.exe" }),
      ev.start(2, guid(0x20), CMD, guid(0x10), { CommandLine: "cmd /c whoami", User: "CORP\\a" }),
      ev.start(3, guid(0x21), "C:\\Windows\\System32\\whoami.exe", guid(0x20)),
    ]);
    assert.deepEqual(names(g.children(guid(0x20))), ["whoami.exe"]);
    assert.deepEqual(names(g.ancestors(guid(0x21))), ["cmd.exe", "explorer.exe", "userinit.exe"]);
    const root = g.processByKey(guid(0x01));
    assert.equal(root?.placeholder, true);
    assert.equal(root?.source, "placeholder");
    assert.equal(root?.image, "C:\\Windows\\System32\\userinit.exe");
    assert.equal(root?.pid, 0x01);
    const cmd = g.processByKey(guid(0x20));
    assert.equal(cmd?.commandLine, "cmd /c whoami");
    assert.equal(cmd?.user, "CORP\\a");
    assert.equal(cmd?.source, "sysmon");
    assert.equal(cmd?.created?.recordId, 2);
  });

  it("a placeholder becomes a real process when its creation arrives later (another file)", () => {
    const ev = new EventFactory();
    const g = graphOf([ev.start(5, guid(0x20), CMD, guid(0x10)), ev.start(1, guid(0x10), EXPLORER)]);
    const parent = g.processByKey(guid(0x10));
    assert.equal(parent?.placeholder, false);
    assert.equal(parent?.start?.iso, ev.at(1));
    assert.deepEqual(names(g.children(guid(0x10))), ["cmd.exe"]);
  });

  it("the all-zero parent GUID is no GUID: the parent is found by its PID instead", () => {
    const ev = new EventFactory();
    const zero = "{00000000-0000-0000-0000-000000000000}";
    const g = graphOf([
      ev.start(1, guid(0x10), EXPLORER),
      ev.start(2, guid(0x20), CMD, undefined, { ParentProcessGuid: zero, ParentProcessId: 0x10 }),
    ]);
    assert.equal(g.processByKey(zero), undefined);
    assert.equal(g.parentOf(guid(0x20))?.key, guid(0x10));
  });

  it("attaches activity, signature, hashes and termination", () => {
    const ev = new EventFactory();
    const key = guid(0x30);
    const image = "C:\\Users\\a\\AppData\\Local\\Temp\\x.exe";
    const g = graphOf([
      ev.start(1, key, image, undefined, {
        Hashes: `MD5=${"A".repeat(32)},SHA256=${"B".repeat(64)}`,
        Company: "Adobe Systems Incorporated",
        OriginalFileName: "AcroRd32.exe",
      }),
      ev.selfLoad(2, key, image, false, "Unavailable"),
      ev.sysmon(7, 2, {
        ProcessGuid: key,
        Image: image,
        ImageLoaded: "C:\\Windows\\System32\\wininet.dll",
        Signed: "true",
      }),
      ev.connect(3, key, "203.0.113.45", 443),
      ev.sysmon(22, 3, { ProcessGuid: key, QueryName: "bad.example", QueryResults: "203.0.113.45;" }),
      ev.fileCreate(4, key, "C:\\Users\\a\\AppData\\Roaming\\p.exe"),
      ev.sysmon(13, 5, {
        ProcessGuid: key,
        EventType: "SetValue",
        TargetObject: "HKU\\S\\Run\\x",
        Details: "p.exe",
      }),
      ev.sysmon(10, 6, {
        SourceProcessGUID: key,
        SourceProcessId: pidOf(key),
        TargetImage: "C:\\Windows\\System32\\lsass.exe",
        GrantedAccess: "0x1010",
      }),
      ev.end(7, key),
    ]);
    const p = g.processByKey(key);
    assert.ok(p);
    assert.equal(p.signature.state, "unsigned");
    assert.equal(p.signature.evidence?.recordId, 2);
    assert.deepEqual(p.hashes, { md5: "A".repeat(32), sha256: "B".repeat(64) });
    assert.equal(p.metadata.company, "Adobe Systems Incorporated");
    assert.equal(p.images.total, 2);
    assert.equal(p.network.items[0].destinationIp, "203.0.113.45");
    assert.equal(p.network.items[0].destinationPort, 443);
    assert.equal(p.dns.items[0].query, "bad.example");
    assert.equal(p.files.items[0].operation, "create");
    assert.equal(p.registry.items[0].operation, "SetValue");
    assert.equal(p.access.items[0].grantedAccess, 0x1010);
    assert.equal(p.end?.iso, ev.at(7));
    assert.equal(p.terminated?.recordId, 9);
    assert.equal(p.lastSeen?.iso, ev.at(7));
  });

  it("activity of a process whose creation is before the data makes a placeholder with its image", () => {
    const ev = new EventFactory();
    const g = graphOf([ev.connect(1, guid(0x40), "198.51.100.1", 80)]);
    const p = g.processByKey(guid(0x40));
    assert.equal(p?.placeholder, true);
    assert.equal(p?.pid, 0x40);
    assert.equal(p?.network.total, 1);
  });

  it("keeps activity logs bounded and counts what it does not keep", () => {
    const ev = new EventFactory();
    const key = guid(0x50);
    const events = [ev.start(0, key, CMD)];
    for (let i = 0; i < 10; i++) events.push(ev.connect(i + 1, key, "198.51.100.1", 1000 + i));
    const g = graphOf(events, { maxActivities: 3 });
    const p = g.processByKey(key);
    assert.equal(p?.network.items.length, 3);
    assert.equal(p?.network.total, 10);
    assert.equal(g.stats().activityNotKept, 7);
  });
});

describe("process graph: Security 4688 / 4689", () => {
  it("keys by host|pid|start and resolves a parent PID to the latest process started before the child", () => {
    const ev = new EventFactory("HOST");
    const g = graphOf([
      ev.security4688(1, 100, EXPLORER, 4),
      ev.security4688(2, 200, CMD, 100),
      ev.security4689(3, 100, EXPLORER),
      ev.security4688(4, 100, "C:\\Temp\\reused.exe", 4), // PID 100 reused
      ev.security4688(5, 300, "C:\\Windows\\System32\\whoami.exe", 100),
    ]);
    const cmdKey = `HOST|200|${ev.at(2)}`;
    const whoamiKey = `HOST|300|${ev.at(5)}`;
    assert.equal(g.parentOf(cmdKey)?.image, EXPLORER);
    assert.equal(g.parentOf(whoamiKey)?.image, "C:\\Temp\\reused.exe");
    const explorer = g.processByKey(`HOST|100|${ev.at(1)}`);
    assert.equal(explorer?.end?.iso, ev.at(3), "4689 ends the process that had the PID then");
    assert.equal(g.processByKey(`HOST|100|${ev.at(4)}`)?.end, undefined);
  });

  it("a parent PID seen on no process is a placeholder that existed before the data", () => {
    const ev = new EventFactory("HOST");
    const g = graphOf([
      ev.security4688(1, 200, CMD, 999, { ParentImage: "C:\\Windows\\System32\\services.exe" }),
      ev.security4688(2, 201, CMD, 999),
    ]);
    const parent = g.parentOf(`HOST|200|${ev.at(1)}`);
    assert.equal(parent?.key, "HOST|999|before-data");
    assert.equal(parent?.placeholder, true);
    assert.equal(parent?.image, "C:\\Windows\\System32\\services.exe");
    assert.equal(g.children("HOST|999|before-data").length, 2);
  });

  it("PIDs are per host", () => {
    const a = new EventFactory("A");
    const b = new EventFactory("B");
    const g = graphOf([a.security4688(1, 100, EXPLORER, 4), b.security4688(2, 200, CMD, 100)]);
    assert.equal(g.parentOf(`B|200|${b.at(2)}`)?.key, "B|100|before-data");
  });

  it("an unmatched 4689 is counted, not an error", () => {
    const ev = new EventFactory("HOST");
    const g = graphOf([ev.security4689(1, 123, CMD)]);
    assert.equal(g.size, 0);
    assert.equal(g.stats().unmatchedTerminations, 1);
  });
});

describe("process graph: Sysmon 1 and Security 4688 of the same process are one", () => {
  const ev = new EventFactory("WS");
  const sysmon = [ev.start(10, guid(0x100), EXPLORER), ev.start(20, guid(0x200), CMD, guid(0x100))];
  const security = [
    ev.security4688(10.001, 0x100, EXPLORER, 4, { User: "CORP\\a", IntegrityLevel: "Medium" }),
    ev.security4688(20.002, 0x200, CMD, 0x100),
    ev.security4689(30, 0x200, CMD),
  ];
  for (const [name, events] of [
    ["Sysmon first", [...sysmon, ...security]],
    ["Security first", [...security, ...sysmon]],
  ] as const)
    it(name, () => {
      const g = graphOf(events);
      assert.equal(g.size, 2);
      const cmd = g.processByKey(guid(0x200));
      assert.equal(cmd?.keyKind, "guid");
      assert.equal(cmd?.end?.iso, ev.at(30), "the 4689 ends the merged process");
      assert.deepEqual(cmd?.aliases, [`WS|${0x200}|${ev.at(20.002)}`]);
      assert.equal(
        g.processByKey(`WS|${0x200}|${ev.at(20.002)}`)?.key,
        guid(0x200),
        "the 4688 key is an alias",
      );
      assert.equal(g.processByKey(guid(0x100))?.user, "CORP\\a", "fills what Sysmon did not say");
      assert.equal(g.parentOf(guid(0x200))?.key, guid(0x100));
      assert.equal(g.stats().mergedSecurityStarts, 2);
    });

  it("not when the starts are further apart than the tolerance", () => {
    const g = graphOf([ev.start(10, guid(0x100), EXPLORER), ev.security4688(13, 0x100, EXPLORER, 4)], {
      mergeToleranceMs: 2_000,
    });
    assert.equal(g.size, 2);
  });
});

describe("process graph: EDR (ECS) documents", () => {
  it("uses entity ids (mapped to ProcessGuid) and reads the code signature", () => {
    const ev = new EventFactory("EDR-HOST");
    const start = ev.windows(
      "",
      0,
      1,
      {
        ProcessGuid: "ent-2",
        ParentProcessGuid: "ent-1",
        ProcessId: 2,
        Image: "C:\\Users\\a\\Downloads\\x.exe",
        "process.code_signature.exists": false,
      },
      ["process_creation"],
    );
    const end = ev.windows("", 0, 2, { ProcessGuid: "ent-2" }, ["process_termination"]);
    const g = graphOf([start, end]);
    const p = g.processByKey("ent-2");
    assert.equal(p?.source, "edr");
    assert.equal(p?.signature.state, "unsigned");
    assert.equal(g.parentOf("ent-2")?.key, "ent-1");
    assert.ok(p?.end);
  });
});

describe("process graph: dropper edges", () => {
  it("file X written by P, then executed as Q on the same host (case-insensitive) → P dropped Q", () => {
    const ev = new EventFactory();
    const g = graphOf([
      ev.start(1, guid(0x10), "C:\\Temp\\dropper.exe"),
      ev.fileCreate(2, guid(0x10), "C:\\Users\\A\\AppData\\Roaming\\Payload.EXE"),
      ev.start(3, guid(0x20), "c:\\users\\a\\appdata\\roaming\\payload.exe", guid(0x10)),
    ]);
    const d = g.droppedBy(guid(0x20));
    assert.equal(d?.writer?.key, guid(0x10));
    assert.equal(d?.edge.path, "C:\\Users\\A\\AppData\\Roaming\\Payload.EXE");
    assert.equal(d?.edge.evidence.recordId, 2);
    assert.deepEqual(
      g.dropped(guid(0x10)).map((p) => p.key),
      [guid(0x20)],
    );
  });

  it("no edge across hosts, nor when the file was written after the start", () => {
    const a = new EventFactory("A");
    const b = new EventFactory("B");
    const g = graphOf([
      a.fileCreate(1, guid(0x10), "C:\\x.exe"),
      b.start(2, guid(0x20), "C:\\x.exe"),
      a.start(3, guid(0x30), "C:\\y.exe"),
      a.fileCreate(4, guid(0x10), "C:\\y.exe"),
    ]);
    assert.equal(g.droppedBy(guid(0x20)), undefined);
    assert.equal(g.droppedBy(guid(0x30)), undefined);
  });

  it("the written-files memory is bounded and counts evictions", () => {
    const ev = new EventFactory();
    const events = [];
    for (let i = 0; i < 5; i++) events.push(ev.fileCreate(i, guid(0x10), `C:\\f${i}.exe`));
    events.push(ev.start(10, guid(0x20), "C:\\f0.exe"));
    const g = graphOf(events, { maxWrittenFiles: 3 });
    assert.equal(g.droppedBy(guid(0x20)), undefined, "f0 was evicted");
    assert.equal(g.stats().writtenFilesEvicted, 2);
  });
});

describe("process graph: eviction", () => {
  it("evicts terminated processes first (oldest end first), tells the caller, counts", () => {
    const ev = new EventFactory();
    const evicted: string[] = [];
    const g = new ProcessGraph(processOptions({ maxProcesses: 10 }), (p) => evicted.push(p.key));
    for (let i = 0; i < 10; i++) g.observe(ev.start(i, guid(0x100 + i), CMD));
    g.observe(ev.end(20, guid(0x105)));
    g.observe(ev.end(21, guid(0x102)));
    g.observe(ev.start(30, guid(0x200), CMD)); // 11 > 10 → evict down to 9
    assert.deepEqual(evicted, [guid(0x105), guid(0x102)]);
    assert.equal(g.size, 9);
    assert.equal(g.stats().processesEvicted, 2);
    assert.equal(g.stats().runningEvicted, 0);
    assert.equal(g.processByKey(guid(0x105)), undefined);
  });

  it("evicts the least recently active running processes when none has terminated", () => {
    const ev = new EventFactory();
    const evicted: string[] = [];
    const g = new ProcessGraph(processOptions({ maxProcesses: 4 }), (p) => evicted.push(p.key));
    for (let i = 0; i < 4; i++) g.observe(ev.start(i, guid(0x100 + i), CMD));
    g.observe(ev.connect(10, guid(0x100), "198.51.100.1", 80)); // 0x100 active again
    g.observe(ev.start(11, guid(0x200), CMD));
    assert.deepEqual(evicted, [guid(0x101), guid(0x102)]);
    assert.equal(g.stats().runningEvicted, 2);
  });

  it("stays bounded on a long stream", () => {
    const ev = new EventFactory();
    const g = new ProcessGraph(processOptions({ maxProcesses: 100 }));
    for (let i = 0; i < 5_000; i++) {
      g.observe(ev.start(i, guid(i), CMD, guid(i - 1)));
      if (i % 2 === 0) g.observe(ev.end(i + 0.5, guid(i)));
    }
    assert.ok(g.size <= 100);
    assert.ok(g.stats().processesEvicted > 4_800);
  });
});

describe("process graph: host spans", () => {
  it("tracks first and last event per host, any source name (FQDN, case)", () => {
    const a = new EventFactory("WS-1");
    const b = new EventFactory("ws-1.corp.example");
    const g = graphOf([a.start(5, guid(1), CMD), b.windows("security", 4624, 9, {}, [])]);
    const span = g.hostSpan("ws-1");
    assert.equal(span?.firstMs, Date.parse(a.at(5)));
    assert.equal(span?.lastMs, Date.parse(a.at(9)));
  });
});
