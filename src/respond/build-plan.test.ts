import assert from "node:assert/strict";
import { test } from "node:test";
import type { Incident } from "../incidents/incident.js";
import { buildResponsePlan, buildResponsePlans } from "./build-plan.js";
import {
  C2_ADDRESS,
  DROPPER_PATH,
  DROPPER_SHA256,
  EXAMPLE_BENIGN_INCIDENT,
  EXAMPLE_INCIDENTS,
  EXAMPLE_MALICIOUS_INCIDENT,
  EXAMPLE_SUSPICIOUS_INCIDENT,
  PAYLOAD_PATH,
  PAYLOAD_SHA256,
  RUN_KEY,
} from "./incident-fixtures.js";
import { ACTION_KINDS, type ActionKind, type PlanAction } from "./response-plan.js";

const DESTRUCTIVE: readonly ActionKind[] = [
  "isolate-host",
  "kill-process",
  "block-destination",
  "delete-file",
  "remove-persistence",
  "reset-account",
  "seize-host",
];

function of(actions: readonly PlanAction[], kind: ActionKind): PlanAction[] {
  return actions.filter((a) => a.kind === kind);
}

test("malicious example: contain, eradicate payload AND dropper, scan, notify, interview", () => {
  const plan = buildResponsePlan(EXAMPLE_MALICIOUS_INCIDENT);
  assert.equal(plan.incidentId, "INC-3f9a1c2b7d");
  const a = plan.actions;

  const isolate = of(a, "isolate-host");
  assert.deepEqual(
    isolate.map((x) => [x.host, x.priority]),
    [["WS-SALES-07", 1]],
  );
  assert.match(isolate[0]!.reason.en, /svcupd\.exe \(PID 4188\) is still running/);
  assert.match(isolate[0]!.reason.en, /203\.0\.113\.45/);

  const kill = of(a, "kill-process");
  assert.equal(
    kill.length,
    1,
    "only the running payload: the dropper and cmd.exe ended, explorer is the launcher",
  );
  assert.equal(kill[0]!.target, PAYLOAD_PATH);
  assert.deepEqual(
    [kill[0]!.details.pid, kill[0]!.details.sha256, kill[0]!.priority],
    ["4188", PAYLOAD_SHA256, 1],
  );

  const block = of(a, "block-destination");
  assert.equal(
    block.length,
    1,
    "one block for the C&C; internal lateral / scanned destinations are not blocked",
  );
  assert.equal(block[0]!.target, C2_ADDRESS);
  assert.deepEqual(
    [block[0]!.details.domain, block[0]!.details.port, block[0]!.details.role, block[0]!.priority],
    ["cdn-update.example-bad.net", "443", "c2", 1],
  );

  const del = of(a, "delete-file");
  assert.deepEqual(
    del.map((x) => [x.host, x.target, x.details.sha256, x.details.role, x.priority]),
    [
      ["WS-SALES-07", DROPPER_PATH, DROPPER_SHA256, "dropper", 2],
      ["WS-SALES-07", PAYLOAD_PATH, PAYLOAD_SHA256, "payload", 2],
    ],
  );
  assert.match(del[0]!.reason.en, /deleting only svcupd\.exe is not enough/);
  assert.ok(!del.some((x) => /cmd\.exe|explorer\.exe/i.test(x.target)), "system binaries are never deleted");

  const persist = of(a, "remove-persistence");
  assert.equal(persist.length, 1);
  assert.equal(persist[0]!.target, RUN_KEY);
  assert.deepEqual([persist[0]!.details.kind, persist[0]!.details.value], ["run-key", PAYLOAD_PATH]);
  assert.match(persist[0]!.text.en, /^Delete the registry value .*\\Run\\SvcUpdate on WS-SALES-07$/);

  const scan = of(a, "scan-host");
  assert.deepEqual(
    scan.map((x) => x.target),
    ["10.0.5.10", "10.0.5.28", "WS-SALES-07"],
    "the infected host and the hosts it reached on admin ports",
  );
  assert.ok(scan.every((x) => x.details.sha256?.includes(PAYLOAD_SHA256.toLowerCase())));

  assert.equal(of(a, "reset-account").length, 0, "tanaka's credentials are not at risk");
  const seize = of(a, "seize-host");
  assert.deepEqual(
    seize.map((x) => [x.host, x.priority]),
    [["WS-SALES-07", 3]],
  );
  assert.match(seize[0]!.text.en, /memory before any power-off/);

  const notify = of(a, "notify");
  assert.deepEqual(
    notify.map((x) => [x.details.audience, x.priority]),
    [
      ["segment-administrators", 1],
      ["security-team", 1],
      ["management", 2],
    ],
  );
  assert.equal(notify[0]!.details.segment, "10.0.5.0/24");
  for (const n of notify) {
    const points = n.points.map((p) => p.en).join("\n");
    assert.match(points, /What happened: invoice\.pdf\.exe on WS-SALES-07/);
    assert.match(points, /Kill chain: reached command & control; attempted lateral movement/);
    assert.match(points, /State: still active/);
    assert.match(points, /Being done now: isolate WS-SALES-07; stop svcupd\.exe; block 203\.0\.113\.45/);
    assert.ok(n.points.every((p) => p.ja.length > 0));
  }

  const interview = of(a, "interview-user");
  assert.equal(interview.length, 1);
  assert.equal(interview[0]!.target, "CORP\\tanaka");
  const questions = interview[0]!.points.map((p) => p.en);
  assert.match(
    questions[0]!,
    /^Did you open invoice\.pdf\.exe \(in C:\\Users\\tanaka\\AppData\\Local\\Temp\\\) on WS-SALES-07 at 2026-03-02 09:14:03 UTC\?/,
  );
  assert.ok(questions.some((q) => /Where did invoice\.pdf\.exe come from/.test(q)));
  assert.ok(questions.some((q) => /credentials/.test(q)));
  assert.ok(interview[0]!.points.every((p) => p.ja.length > 0));
});

test("every action is complete: id, texts in both languages, string details, known kind", () => {
  for (const plan of buildResponsePlans(EXAMPLE_INCIDENTS)) {
    const seen = new Set<string>();
    for (const a of plan.actions) {
      assert.match(a.id, new RegExp(`^${plan.incidentId}-${a.kind}-[1-9][0-9]*$`));
      assert.ok(!seen.has(a.id), `duplicate id ${a.id}`);
      seen.add(a.id);
      assert.ok(ACTION_KINDS.includes(a.kind));
      for (const t of [a.text, a.reason])
        assert.ok(t.en.length > 0 && t.ja.length > 0, `${a.id} has empty text`);
      for (const v of Object.values(a.details)) assert.equal(typeof v, "string");
      assert.equal(
        a.category,
        a.kind === "notify" || a.kind === "interview-user" ? "organisational" : "technical",
      );
      if (a.kind !== "notify" && a.kind !== "interview-user") assert.deepEqual(a.points, []);
    }
  }
});

test("ids are numbered per kind in plan order and the order is priority, kind, host, target", () => {
  const { actions } = buildResponsePlan(EXAMPLE_MALICIOUS_INCIDENT);
  for (let i = 1; i < actions.length; i++) {
    const p = actions[i - 1]!;
    const q = actions[i]!;
    const key = (a: PlanAction) => [a.priority, ACTION_KINDS.indexOf(a.kind)] as const;
    assert.ok(
      key(p)[0] < key(q)[0] || (key(p)[0] === key(q)[0] && key(p)[1] <= key(q)[1]),
      `${p.id} before ${q.id}`,
    );
  }
  assert.deepEqual(
    of(actions, "scan-host").map((a) => a.id),
    ["INC-3f9a1c2b7d-scan-host-1", "INC-3f9a1c2b7d-scan-host-2", "INC-3f9a1c2b7d-scan-host-3"],
  );
});

test("the plan does not depend on the order of the incident's lists", () => {
  const i = EXAMPLE_MALICIOUS_INCIDENT;
  const shuffled: Incident = {
    ...i,
    processes: [...i.processes].reverse(),
    files: [...i.files].reverse(),
    destinations: [...i.destinations].reverse(),
  };
  const ids = (inc: Incident) => buildResponsePlan(inc).actions.map((a) => `${a.id} ${a.target}`);
  assert.deepEqual(ids(shuffled), ids(i));
  assert.deepEqual(buildResponsePlan(i), buildResponsePlan(i));
});

test("benign (over-detection): one action, record and tune; nothing destructive", () => {
  const plan = buildResponsePlan(EXAMPLE_BENIGN_INCIDENT);
  assert.equal(plan.actions.length, 1);
  const [a] = plan.actions;
  assert.deepEqual(
    [a!.kind, a!.target, a!.priority, a!.details.audience],
    ["notify", "security team", 3, "security-team"],
  );
  assert.match(a!.text.en, /over-detection/);
  assert.match(a!.text.en, /allow-list OUTLOOK\.EXE \(signed by Microsoft Corporation\)/);
  assert.match(a!.text.ja, /過検知/);
  assert.match(a!.reason.en, /validly signed by Microsoft Corporation/);
  assert.match(a!.points[0]!.en, /^\+ process: validly signed/);
  assert.ok(!DESTRUCTIVE.includes(a!.kind));
  assert.doesNotMatch(JSON.stringify(plan), /52\.97\.146\.162.*block|Block/);
});

test("suspicious: investigation first, block only C&C, delete and stop only after confirmation, reset credentials", () => {
  const plan = buildResponsePlan(EXAMPLE_SUSPICIOUS_INCIDENT);
  const a = plan.actions;
  const first = a.filter((x) => x.priority === 1).map((x) => x.kind);
  for (const k of ["scan-host", "seize-host", "interview-user"] as const)
    assert.ok(first.includes(k), `${k} is priority 1`);
  assert.deepEqual(
    of(a, "block-destination").map((x) => x.target),
    ["198.51.100.23"],
    "the download source is not blocked for a suspicious incident: only the c2",
  );
  assert.equal(of(a, "isolate-host").length, 0, "no live C&C: no isolation");
  assert.equal(of(a, "kill-process").length, 0, "nothing runs any more");
  const del = of(a, "delete-file");
  assert.deepEqual(
    del.map((x) => [x.target, x.details.role]),
    [["C:\\ProgramData\\SyncHelper\\synchelper.exe", "root-cause"]],
    "the root cause's program; cache.dat is not an executable",
  );
  assert.match(del[0]!.text.en, /^After confirming it is malicious/);
  assert.match(
    of(a, "remove-persistence")[0]!.text.en,
    /^After confirmation: delete the scheduled task \\SyncHelper Update/,
  );
  const seize = of(a, "seize-host")[0]!;
  assert.match(seize.text.en, /^Collect evidence from WS-FIN-03/);
  const reset = of(a, "reset-account");
  assert.deepEqual(
    reset.map((x) => [x.target, x.priority]),
    [["CORP\\sato", 2]],
    "inactive incident: reset today (priority 2)",
  );
  assert.ok(
    !of(a, "notify").some((x) => x.details.audience === "management"),
    "management only for malicious",
  );
  const q = of(a, "interview-user")[0]!.points.map((p) => p.en);
  assert.ok(q.some((x) => /Do you use the same password anywhere else/.test(x)));
});

test("reset-account is priority 1 while the incident is active", () => {
  const active: Incident = { ...EXAMPLE_SUSPICIOUS_INCIDENT, state: "active" };
  assert.deepEqual(
    of(buildResponsePlan(active).actions, "reset-account").map((a) => a.priority),
    [1],
  );
});

test("a live C&C isolates even a suspicious incident's host; an internal or benign c2 is never blocked", () => {
  const s = EXAMPLE_SUSPICIOUS_INCIDENT;
  const live: Incident = {
    ...s,
    destinations: s.destinations.map((d) => (d.role === "c2" ? { ...d, active: true } : d)),
  };
  assert.deepEqual(
    of(buildResponsePlan(live).actions, "isolate-host").map((a) => a.host),
    ["WS-FIN-03"],
  );
  const internal: Incident = {
    ...EXAMPLE_MALICIOUS_INCIDENT,
    destinations: EXAMPLE_MALICIOUS_INCIDENT.destinations.map((d) => ({ ...d, external: false })),
  };
  assert.equal(of(buildResponsePlan(internal).actions, "block-destination").length, 0);
});

test("a root cause that is a system binary or validly signed is stopped, never deleted", () => {
  const m = EXAMPLE_MALICIOUS_INCIDENT;
  const lolbin: Incident = {
    ...m,
    files: [],
    processes: m.processes.map((p) =>
      p.role === "payload"
        ? { ...p, image: "C:\\Windows\\System32\\rundll32.exe", droppedByKey: undefined }
        : p.role === "root-cause"
          ? { ...p, signature: "valid", signer: "Contoso Ltd" }
          : p,
    ),
  };
  const a = buildResponsePlan(lolbin).actions;
  assert.deepEqual(of(a, "delete-file"), []);
  assert.deepEqual(
    of(a, "kill-process").map((x) => x.target),
    ["C:\\Windows\\System32\\rundll32.exe"],
  );
});

test("hosts sharing an indicator are scanned and the management is told when it spreads", () => {
  const m = EXAMPLE_MALICIOUS_INCIDENT;
  const spread: Incident = {
    ...m,
    state: "inactive",
    stages: m.stages.filter((s) => s.stage !== "lateral_movement"),
    hosts: [
      ...m.hosts.map((h) => ({ ...h, active: false })),
      { ...m.hosts[0]!, host: "WS-SALES-09", addresses: ["10.0.6.9"], via: "sha256", active: false },
    ],
    sharedIndicators: [
      { kind: "sha256", value: PAYLOAD_SHA256, hosts: ["WS-SALES-07", "WS-SALES-09", "WS-HR-02"] },
    ],
    processes: m.processes.map((p) => ({ ...p, state: p.state === "running" ? "terminated" : p.state })),
    destinations: m.destinations.map((d) => ({ ...d, active: false })),
  };
  const a = buildResponsePlan(spread, {
    segments: [{ name: "sales floor", cidr: "10.0.5.0/24", contact: "net-sales@corp.example" }],
  }).actions;
  assert.deepEqual(of(a, "isolate-host"), [], "nothing active any more");
  const scan = of(a, "scan-host");
  assert.deepEqual(
    scan.map((x) => [x.target, x.details.why]),
    [
      ["10.0.5.10", "lateral"],
      ["10.0.5.28", "lateral"],
      ["WS-HR-02", "sha256"],
      ["WS-SALES-07", "root-cause,sha256"],
      ["WS-SALES-09", "sha256"],
    ],
  );
  const notify = of(a, "notify");
  const admins = notify.filter((x) => x.details.audience === "segment-administrators");
  assert.deepEqual(
    admins.map((x) => [x.details.segment, x.details.segmentName, x.details.contact, x.details.hosts]),
    [
      ["10.0.5.0/24", "sales floor", "net-sales@corp.example", "WS-SALES-07"],
      ["10.0.6.0/24", "10.0.6.0/24", undefined, "WS-SALES-09"],
    ],
  );
  const mgmt = notify.find((x) => x.details.audience === "management");
  assert.ok(mgmt, "two hosts: management is told");
  assert.match(mgmt.reason.en, /it spans 2 hosts/);
});

test("management is not told of an inactive single-host malicious incident without lateral movement", () => {
  const m = EXAMPLE_MALICIOUS_INCIDENT;
  const contained: Incident = {
    ...m,
    state: "inactive",
    stages: m.stages.filter((s) => s.stage !== "lateral_movement"),
  };
  assert.ok(
    !of(buildResponsePlan(contained).actions, "notify").some((x) => x.details.audience === "management"),
  );
});

test("maxActionsPerKind bounds each kind and counts the rest", () => {
  const a = buildResponsePlan(EXAMPLE_MALICIOUS_INCIDENT, { maxActionsPerKind: 2 }).actions;
  const scan = of(a, "scan-host");
  assert.equal(scan.length, 2);
  assert.equal(scan[1]!.details.omitted, "1");
  assert.equal(scan[0]!.details.omitted, undefined);
});

test("a malformed segment block is refused with E_CONFIG naming it", () => {
  assert.throws(
    () => buildResponsePlan(EXAMPLE_MALICIOUS_INCIDENT, { segments: [{ name: "x", cidr: "10.0.5.0/33" }] }),
    (e: unknown) => {
      const err = e as { code?: string; message?: string; location?: unknown };
      assert.equal(err.code, "E_CONFIG");
      assert.match(err.message ?? "", /10\.0\.5\.0\/33/);
      assert.equal(err.location, undefined, "configuration values have no file location here");
      return true;
    },
  );
});
