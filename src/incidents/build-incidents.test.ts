import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventFactory, guid, pidOf } from "../analytics/process/process-events.test.support.js";
import type { Finding } from "../findings/finding.js";
import type { DecisionOutcome } from "./applied-decisions.js";
import type { Incident } from "./incident.js";
import {
  beacon,
  finding,
  malwareChain,
  outlook,
  runScenario,
  sha,
} from "./incident-scenario.test.support.js";

const A = new EventFactory("WS-A", "a.evtx");
const B = new EventFactory("WS-B", "b.evtx");

function name(path: string | undefined): string {
  return path?.split("\\").pop() ?? "?";
}

function roles(i: Incident): string[] {
  return i.processes.map((p) => `${p.role}:${name(p.image)}`);
}

describe("buildIncidents: grouping around the root cause", () => {
  const chain = malwareChain(A, 0x10);
  const run = runScenario(chain.events, [beacon(A, chain.payload, "198.51.100.7", 20, 200)]);

  it("one incident: the dropper is the root cause, its payload, the discovery shell, the launcher", () => {
    assert.equal(run.incidents.length, 1);
    const [i] = run.incidents;
    assert.equal(i.rootCause, chain.dropper);
    assert.deepEqual(roles(i), [
      "root-cause:invoice.pdf.exe",
      "payload:upd.exe",
      "member:cmd.exe",
      "launcher:explorer.exe",
    ]);
    const payload = i.processes.find((p) => p.role === "payload");
    assert.equal(payload?.droppedByKey, chain.dropper);
    assert.equal(payload?.parentKey, chain.dropper);
    assert.equal(
      i.processes.find((p) => p.role === "launcher")?.verdict,
      undefined,
      "launchers have no verdict",
    );
  });

  it("files: the dropper and the payload with path, lower-case SHA256, writer and runner", () => {
    const [i] = run.incidents;
    assert.deepEqual(
      i.files.map((f) => [f.role, name(f.path), f.sha256, f.writtenBy, f.executedBy]),
      [
        ["dropper", "invoice.pdf.exe", sha("a").toLowerCase(), chain.explorer, [chain.dropper]],
        ["payload", "upd.exe", sha("b").toLowerCase(), chain.dropper, [chain.payload]],
      ],
    );
    assert.equal(i.files[0].evidence?.file, "a.evtx");
  });

  it("persistence: the Run key the dropper set, with the autorun finding", () => {
    const [i] = run.incidents;
    assert.equal(i.persistence.length, 1);
    const [p] = i.persistence;
    assert.equal(p.kind, "run-key");
    assert.match(p.target, /\\Run\\Upd$/);
    assert.equal(name(p.value), "upd.exe");
    assert.equal(p.processKey, chain.dropper);
    assert.ok(p.findings.some((id) => id.startsWith("process.autorun-registry:")));
  });

  it("destinations: the beacon's address is an external, active c2 of the payload", () => {
    const [i] = run.incidents;
    const c2 = i.destinations.find((d) => d.address === "198.51.100.7");
    assert.equal(c2?.role, "c2");
    assert.equal(c2?.external, true);
    assert.equal(c2?.active, true);
    assert.equal(c2?.port, 443);
    assert.deepEqual(c2?.processKeys, [chain.payload]);
    assert.equal(c2?.connections, 40);
  });

  it("users, hosts, title, stable id", () => {
    const [i] = run.incidents;
    assert.deepEqual(
      i.users.map((u) => [u.name, u.credentialsAtRisk]),
      [["CORP\\u", false]],
    );
    assert.deepEqual(
      i.hosts.map((h) => [h.host, h.via, h.active, h.processes]),
      [["WS-A", "root-cause", true, 4]],
    );
    assert.equal(i.title.en, "invoice.pdf.exe on WS-A dropped upd.exe, which beacons to 198.51.100.7");
    assert.equal(
      i.title.ja,
      "WS-A の invoice.pdf.exe が upd.exe を投下し、upd.exe が 198.51.100.7 へビーコン通信",
    );
    assert.match(i.id, /^INC-[0-9a-f]{10}$/);
    const again = runScenario(chain.events, [beacon(A, chain.payload, "198.51.100.7", 20, 200)]);
    assert.equal(again.incidents[0].id, i.id, "same data, same id");
    const other = runScenario(malwareChain(B, 0x20).events);
    assert.notEqual(other.incidents[0].id, i.id, "another root cause (host, image, start), another id");
  });

  it("the incident's findings are its actors' (not the launcher's), strongest first", () => {
    const [i] = run.incidents;
    const launcher = run.groups.find((g) => g.key === chain.explorer);
    for (const id of launcher?.findings ?? []) assert.ok(!i.findings.includes(id), id);
    assert.ok(i.findings.length > 5);
    assert.ok(i.findings.includes(run.findings.find((f) => f.detector === "network.beacon")?.id ?? "-"));
  });
});

describe("buildIncidents: stages, state and cut points", () => {
  it("stages in kill-chain order; delivery derived from the document-named dropper in Temp; lateral attempted", () => {
    const chain = malwareChain(A, 0x30);
    const lateral = finding(A, {
      detector: "network.lateral-movement",
      viewpoint: "direction",
      severity: "high",
      stage: "lateral_movement",
      subject: { kind: "process", key: chain.payload },
      details: { targets: "10.0.0.5,10.0.0.6", answeredTargets: "10.0.0.6" },
      from: 150,
    });
    const run = runScenario(chain.events, [beacon(A, chain.payload, "198.51.100.7", 20, 200), lateral]);
    const [i] = run.incidents;
    assert.deepEqual(
      i.stages.map((s) => `${s.stage}:${s.status}`),
      [
        "reconnaissance:reached",
        "delivery:reached",
        "exploitation:reached",
        "installation:reached",
        "command_and_control:reached",
        "lateral_movement:attempted",
      ],
    );
    assert.equal(i.furthestStage, "command_and_control");
    const delivery = i.stages.find((s) => s.stage === "delivery");
    assert.ok(delivery?.evidence.some((e) => e.findingId.startsWith("process.double-extension:")));
    for (const s of i.stages) assert.ok(s.evidence.length >= 1 && s.evidence.length <= 5);
    assert.deepEqual(i.attack, [...i.attack].sort());
    assert.ok(i.attack.includes("T1071"));
    assert.deepEqual(
      i.cutPoints.map((c) => c.stage),
      ["lateral_movement", "actions_on_objectives"],
    );
    assert.equal(
      i.cutPoints[0].text.en,
      "isolate WS-A before lateral movement succeeds; check 10.0.0.6, which answered its connections",
    );
    assert.equal(i.cutPoints[1].text.en, "block 198.51.100.7 to cut C&C and stop data theft from WS-A");
    assert.deepEqual(
      i.destinations.filter((d) => !d.external).map((d) => [d.address, d.role]),
      [
        ["10.0.0.6", "lateral"],
        ["10.0.0.5", "scanned"],
      ],
    );
  });

  it("active: a payload still running (and the beacon live) — with reasons in both languages", () => {
    const chain = malwareChain(A, 0x40);
    const [i] = runScenario(chain.events, [beacon(A, chain.payload, "198.51.100.7", 20, 200)]).incidents;
    assert.equal(i.state, "active");
    assert.match(i.stateReasons[0].en, /^upd\.exe still running on WS-A/);
    assert.match(i.stateReasons[0].ja, /^WS-A の upd\.exe がまだ実行中です/);
    assert.match(i.stateReasons[1].en, /^C&C 198\.51\.100\.7 still contacted until the end of the data/);
  });

  it("inactive: every process stopped, the beacon ended hours before the end of the host's data", () => {
    const chain = malwareChain(A, 0x50, { payloadEnds: 300 });
    const later = A.start(4 * 3600, guid(0x5f), "C:\\Windows\\System32\\svchost.exe");
    const [i] = runScenario(
      [...chain.events, later],
      [beacon(A, chain.payload, "198.51.100.7", 20, 200)],
    ).incidents;
    assert.equal(i.state, "inactive");
    assert.equal(i.destinations.find((d) => d.role === "c2")?.active, false);
    assert.match(i.stateReasons[0].en, /^every process of the incident has stopped/);
    assert.deepEqual(
      i.hosts.map((h) => h.active),
      [false],
    );
  });
});

describe("buildIncidents: analyst decisions", () => {
  const chain = malwareChain(A, 0x120);
  const decided = (
    pick: (f: Finding) => boolean,
    as: "suppressed" | "confirmed",
  ): ((findings: readonly Finding[]) => DecisionOutcome) => {
    return (findings) => {
      const hit = findings.filter(pick).map((f) => ({ finding: f, decisionId: "D-7", reason: "known tool" }));
      const ids = new Set(hit.map((h) => h.finding.id));
      return {
        active: as === "suppressed" ? findings.filter((f) => !ids.has(f.id)) : findings,
        suppressed: as === "suppressed" ? hit : [],
        confirmed: as === "confirmed" ? hit : [],
      };
    };
  };

  it("every flagged finding suppressed: benign, decidedBy the decision, its reason first; still listed", () => {
    const run = runScenario(
      chain.events,
      [],
      decided(() => true, "suppressed"),
    );
    assert.equal(run.incidents.length, 1, "the processes still form an incident");
    const [i] = run.incidents;
    assert.equal(i.verdict.verdict, "benign");
    assert.equal(i.verdict.decidedBy, "D-7");
    assert.equal(i.verdict.confidence, 1);
    assert.match(
      i.verdict.reasons[0].text.en,
      /^analyst decision D-7: marked as an over-detection \(known tool\)$/,
    );
    assert.deepEqual(i.findings, []);
    assert.equal(
      i.suppressed.length,
      run.findings.filter((f) => i.suppressed.some((s) => s.findingId === f.id)).length,
    );
    assert.ok(i.suppressed.length > 5);
    assert.ok(i.suppressed.every((s) => s.decisionId === "D-7" && s.reason === "known tool"));
    assert.deepEqual(i.cutPoints, []);
  });

  it("some findings suppressed: the computed verdict stands without them", () => {
    const run = runScenario(
      chain.events,
      [],
      decided((f) => f.detector === "process.suspicious-path", "suppressed"),
    );
    const [i] = run.incidents;
    assert.equal(i.verdict.decidedBy, undefined);
    assert.ok(i.suppressed.length >= 1);
    assert.ok(!i.findings.some((id) => id.startsWith("process.suspicious-path:")));
  });

  it("a confirmed finding forces malicious, decidedBy the decision", () => {
    const f = new EventFactory("WS-C", "c.evtx");
    const o = outlook(f, 0x130);
    const b = beacon(f, o.key, "52.97.146.162", 2, 300);
    const base = runScenario(o.events, [b]);
    assert.equal(base.incidents[0].verdict.verdict, "benign");
    const run = runScenario(
      o.events,
      [b],
      decided((x) => x.id === b.id, "confirmed"),
    );
    const [i] = run.incidents;
    assert.equal(i.verdict.verdict, "malicious");
    assert.equal(i.verdict.decidedBy, "D-7");
    assert.match(i.verdict.reasons[0].text.en, /^analyst decision D-7: confirmed as malware/);
    assert.deepEqual(i.verdict.reasons[0].findingIds, [b.id]);
  });
});

describe("buildIncidents: host-level findings, persistence commands, credentials", () => {
  it("a host-level finding naming the incident's image joins it; an unrelated flagged one is its own incident", () => {
    const chain = malwareChain(A, 0x140);
    const joins = finding(A, {
      detector: "network.internal-connection",
      viewpoint: "direction",
      severity: "low",
      stage: "lateral_movement",
      subject: { kind: "flow", src: "10.0.0.1", dst: "10.0.0.9" },
      details: { peer: "10.0.0.9", images: "upd.exe", service: "SMB", count: 2, inbound: false },
      from: 150,
    });
    const alone = finding(A, {
      detector: "network.logon-direction",
      viewpoint: "direction",
      severity: "high",
      stage: "lateral_movement",
      subject: { kind: "address", address: "203.0.113.99" },
      details: { direction: "inbound", source: "203.0.113.99", kind: "rdp", users: "CORP\\admin" },
      from: 160,
    });
    const run = runScenario(chain.events, [joins, alone]);
    assert.equal(run.incidents.length, 2);
    const attack = run.incidents.find((i) => i.rootCause === chain.dropper);
    const host = run.incidents.find((i) => i.rootCause === undefined);
    assert.ok(attack && host);
    assert.ok(attack.findings.includes(joins.id));
    assert.ok(!attack.findings.includes(alone.id));
    assert.equal(host.rootCause, undefined);
    assert.deepEqual(host.processes, []);
    assert.deepEqual(host.findings, [alone.id]);
    assert.match(host.id, /^INC-[0-9a-f]{10}$/);
    const scanned = attack.destinations.find((d) => d.address === "10.0.0.9");
    assert.equal(scanned?.role, "lateral");
    assert.equal(scanned?.connections, 2);
  });

  it("persistence of every kind that starts the payload (Run key, schtasks child, 7045, Startup, WMI); LSASS access puts the user at risk", () => {
    const chain = malwareChain(A, 0x150);
    const task = guid(0x15f);
    const events = [
      ...chain.events,
      A.start(30, task, "C:\\Windows\\System32\\schtasks.exe", chain.payload, {
        CommandLine:
          'schtasks /create /tn "Updater" /tr "C:\\Users\\u\\AppData\\Roaming\\Microsoft\\upd\\upd.exe" /sc onlogon',
      }),
      A.windows("system", 7045, 40, {
        ServiceName: "UpdSvc",
        ImagePath: "C:\\Users\\u\\AppData\\Roaming\\Microsoft\\upd\\upd.exe -k",
      }),
      A.windows("system", 7045, 41, { ServiceName: "Other", ImagePath: "C:\\Windows\\System32\\other.exe" }),
      A.sysmon(10, 50, {
        SourceProcessGuid: chain.payload,
        SourceProcessId: pidOf(chain.payload),
        SourceImage: "C:\\Users\\u\\AppData\\Roaming\\Microsoft\\upd\\upd.exe",
        TargetImage: "C:\\Windows\\System32\\lsass.exe",
        GrantedAccess: "0x1010",
      }),
      A.fileCreate(
        60,
        chain.payload,
        "C:\\Users\\u\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\upd.lnk",
      ),
      A.sysmon(20, 70, {
        Name: "UpdConsumer",
        Destination: "C:\\Users\\u\\AppData\\Roaming\\Microsoft\\upd\\upd.exe",
      }),
      A.sysmon(20, 71, { Name: "Unrelated", Destination: "C:\\Tools\\other.exe" }),
    ];
    const [i] = runScenario(events).incidents;
    assert.deepEqual(
      i.persistence.map((p) => [p.kind, p.target, name(p.value?.split(" ")[0])]),
      [
        ["run-key", "HKU\\S-1-5-21-1\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\Upd", "upd.exe"],
        ["scheduled-task", "Updater", "upd.exe"],
        ["service", "UpdSvc", "upd.exe"],
        [
          "startup-folder",
          "C:\\Users\\u\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\upd.lnk",
          "?",
        ],
        ["wmi-subscription", "UpdConsumer", "upd.exe"],
      ],
    );
    const schtasks = i.processes.find((p) => p.key === task);
    assert.equal(schtasks?.role, "member", "the child that installed the task joins the incident");
    assert.equal(i.persistence[1].processKey, task);
    assert.deepEqual(
      i.users.map((u) => [u.name, u.credentialsAtRisk]),
      [["CORP\\u", true]],
    );
    assert.ok(i.users[0].findings.some((id) => id.startsWith("process.lsass-access:")));
  });
});
