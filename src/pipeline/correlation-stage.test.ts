/**
 * Tests of the correlation stage of analyze: the pack's correlation rules (rules/mikiwame) turn bursts of
 * building-block matches into frequency findings, stay quiet below their thresholds, and their building
 * blocks do not report on their own. Table-driven: one burst and one near miss per correlation.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Diagnostics } from "../diagnostics/diagnostics.js";
import type { Event } from "../events/event.js";
import type { Fields } from "../events/field-value.js";
import type { Finding } from "../findings/finding.js";
import { LOG_CORRELATION_IDS } from "../sigma/rule-pack-log-cases.js";
import { ev, rcm1149, rdpAccepted, sec, smbTo } from "../sigma/rule-pack-log-events.js";
import { type LoadedRules, loadRules } from "../sigma/rule-loader.js";
import { SigmaEngine } from "../sigma/sigma-engine.js";
import { repoRoot } from "../testing/corpus.js";
import { CorrelationStage, runnableCorrelations } from "./correlation-stage.js";

let loadedOnce: Promise<LoadedRules> | undefined;
const loadPack = (): Promise<LoadedRules> => {
  loadedOnce ??= loadRules([join(repoRoot(), "rules", "mikiwame")]);
  return loadedOnce;
};

/** `event` moved `seconds` after 09:00. */
function at(event: Event, seconds: number): Event {
  const ms = Date.UTC(2026, 10, 25, 9) + seconds * 1000;
  return { ...event, time: { iso: new Date(ms).toISOString(), ms } };
}
const times = (n: number, make: (i: number) => Event, step = 10): Event[] =>
  Array.from({ length: n }, (_, i) => at(make(i), i * step));
const app = (eventId: number, data: string): Event =>
  ev("Application", "MSSQLSERVER", eventId, "application", undefined, { Data: data });
const ssh = (payload: string): Event =>
  ev("OpenSSH/Operational", "OpenSSH", 4, "openssh", undefined, { payload });
const kerb = (user: string): Fields => ({ Status: "0x18", IpAddress: "10.0.0.9", TargetUserName: user });

interface CorrelationCase {
  readonly id: string;
  readonly hit: readonly Event[];
  readonly miss: readonly Event[];
}

const CASES: readonly CorrelationCase[] = [
  {
    id: "4e838f1e-08c5-4cb3-bcbe-d4a74a071930", // user created then deleted
    hit: [
      at(sec(4720, { TargetSid: "S-1-5-21-1-5001" }), 0),
      at(sec(4726, { TargetSid: "S-1-5-21-1-5001" }), 60),
    ],
    miss: [
      at(sec(4720, { TargetSid: "S-1-5-21-1-5002" }), 0),
      at(sec(4726, { TargetSid: "S-1-5-21-1-5002" }), 7200),
    ],
  },
  {
    id: "4d956f9c-" /* kerberos brute force */,
    hit: times(10, () => sec(4771, kerb("bob"))),
    miss: times(9, () => sec(4771, kerb("bob"))),
  },
  {
    id: "c215f155-" /* kerberos user enumeration */,
    hit: times(5, (i) => sec(4768, { ...kerb(`user${i}`), Status: "0x6" })),
    miss: times(5, () => sec(4768, { ...kerb("bob"), Status: "0x6" })).slice(0, 4),
  },
  {
    id: "a5d0bf94-" /* TGS enumeration */,
    hit: times(15, (i) => sec(4769, { Status: "0x0", TargetUserName: "bob", ServiceName: `HOST${i}$` })),
    miss: times(14, (i) => sec(4769, { Status: "0x0", TargetUserName: "bob", ServiceName: `HOST${i}$` })),
  },
  {
    id: "187f96c1-" /* logon brute force */,
    hit: times(5, () => sec(4625, { TargetUserName: "bob", IpAddress: "10.0.0.9" })),
    miss: times(5, () => sec(4625, { TargetUserName: "bob", IpAddress: "10.0.0.9" }), 120),
  },
  {
    id: "923ad215-" /* logon spray */,
    hit: times(5, (i) => sec(4625, { TargetUserName: `u${i}`, IpAddress: "10.0.0.9" })),
    miss: times(5, (i) => sec(4625, { TargetUserName: `u${i}`, IpAddress: `10.0.0.${i}` })),
  },
  {
    id: "c54691ef-" /* SAM enumeration */,
    hit: times(8, () =>
      sec(4661, { ObjectServer: "Security Account Manager", ObjectType: "SAM_USER", SubjectUserName: "bob" }),
    ),
    miss: times(8, () =>
      sec(4661, {
        ObjectServer: "Security Account Manager",
        ObjectType: "SAM_USER",
        SubjectUserName: "DC01$",
      }),
    ),
  },
  {
    id: "05084b91-" /* task created then deleted */,
    hit: [at(sec(4698, { TaskName: "\\abc" }), 0), at(sec(4699, { TaskName: "\\abc" }), 30)],
    miss: [at(sec(4699, { TaskName: "\\abc" }), 0), at(sec(4698, { TaskName: "\\abc" }), 30)],
  },
  {
    id: "22b74103-" /* MSSQL brute force */,
    hit: times(5, () => app(18456, "sa, Reason: Password did not match")),
    miss: times(4, () => app(18456, "sa, Reason: Password did not match")),
  },
  {
    id: "3e05c685-" /* OpenSSH brute force */,
    hit: times(5, () => ssh("Failed password for bob from 10.0.0.9 port 1 ssh2")),
    miss: times(5, () => ssh("Accepted password for bob from 10.0.0.9 port 1 ssh2")),
  },
  {
    id: "e685b943-" /* RDP connection burst */,
    hit: times(10, (i) => rdpAccepted(`10.0.0.9:${50000 + i}`), 1),
    miss: times(10, (i) => rdpAccepted(`10.0.0.9:${50000 + i}`), 2),
  },
  {
    id: "e80b976d-" /* RDP fan-out */,
    hit: times(5, (i) => rcm1149(`srv${i}`, "10.0.0.9"), 5),
    miss: times(5, (i) => rcm1149(`srv${i}`, `10.0.0.${i}`), 5),
  },
  {
    id: "908a13ff-" /* member added to many groups */,
    hit: times(
      10,
      (i) => sec(4728, { MemberSid: "S-1-5-21-1-1150", TargetSid: `S-1-5-21-1-${2000 + i}` }),
      1,
    ),
    miss: times(
      9,
      (i) => sec(4728, { MemberSid: "S-1-5-21-1-1150", TargetSid: `S-1-5-21-1-${2000 + i}` }),
      1,
    ),
  },
  {
    id: "003d5f07-" /* SMB fan-out */,
    hit: times(5, (i) => smbTo(`10.0.0.${20 + i}`), 1),
    miss: times(5, () => smbTo("10.0.0.20"), 1),
  },
];

async function run(
  events: readonly Event[],
): Promise<{ ids: string[]; reported: string[]; findings: readonly Finding[] }> {
  const loaded = await loadPack();
  const diagnostics = new Diagnostics();
  const stage = new CorrelationStage(runnableCorrelations(loaded, diagnostics));
  assert.equal(diagnostics.list().length, 0);
  const matcher = stage.wrap(new SigmaEngine(loaded.rules));
  const reported: string[] = [];
  for (const e of events) for (const m of matcher.match(e)) reported.push(m.rule.id ?? "");
  const findings = stage.finish();
  for (const f of findings) {
    assert.equal(f.viewpoint, "frequency");
    assert.ok(f.evidenceCount > 0);
  }
  return { ids: findings.map((f) => f.detector.slice("sigma:".length)), reported, findings };
}

const full = (prefix: string): string => {
  const id = LOG_CORRELATION_IDS.find((x) => x.startsWith(prefix));
  assert.ok(id, `no correlation id starting with ${prefix}`);
  return id;
};

describe("correlation stage with the pack's correlation rules", () => {
  it("has a case for every correlation of the pack", () => {
    assert.deepEqual(CASES.map((c) => full(c.id)).sort(), [...LOG_CORRELATION_IDS].sort());
  });

  it("a correlation whose events all name one process (by GUID) is about that process, else about the host", async () => {
    const guid = "{11111111-2222-3333-4444-555555555555}";
    const fromOne = times(
      5,
      (i) => {
        const e = smbTo(`10.0.0.${20 + i}`);
        return { ...e, fields: { ...e.fields, ProcessGuid: guid, Image: "C:\\Users\\x\\svc.exe" } };
      },
      1,
    );
    const one = await run(fromOne);
    assert.deepEqual(
      one.findings.map((f) => f.subject),
      [{ kind: "process", key: guid, image: "C:\\Users\\x\\svc.exe" }],
    );
    const anonymous = await run(times(5, (i) => smbTo(`10.0.0.${20 + i}`), 1));
    assert.deepEqual(
      anonymous.findings.map((f) => f.subject.kind),
      ["host"],
    );
  });

  it("loads every correlation of the pack, none skipped", async () => {
    const loaded = await loadPack();
    const diagnostics = new Diagnostics();
    assert.equal(runnableCorrelations(loaded, diagnostics).length, LOG_CORRELATION_IDS.length);
    assert.equal(diagnostics.list().length, 0);
  });

  for (const c of CASES) {
    it(`correlation ${c.id}: fires on its burst, not on the near miss`, async () => {
      const id = full(c.id);
      assert.ok((await run(c.hit)).ids.includes(id), "should fire");
      assert.ok(!(await run(c.miss)).ids.includes(id), "should not fire");
    });
  }

  it("keeps building blocks (generate: false) out of the detection matches", async () => {
    const { reported } = await run(times(3, () => sec(4625, { TargetUserName: "bob" })));
    assert.deepEqual(reported, []);
  });

  it("reports a correlation that cannot be resolved, located at its file, and skips it", async () => {
    const loaded = await loadPack();
    const diagnostics = new Diagnostics();
    const broken = {
      ...loaded,
      correlations: [
        {
          source: { file: "broken.yml", line: 1 },
          document: {
            title: "broken",
            id: "7b1b2d57-5a0e-4c8e-9a51-0d7c3f0f3e11",
            correlation: {
              type: "event_count",
              rules: ["no_such_rule"],
              timespan: "5m",
              condition: { gte: 2 },
            },
          },
        },
      ],
    };
    assert.equal(runnableCorrelations(broken, diagnostics).length, 0);
    const [d] = diagnostics.list();
    assert.equal(d?.code, "E_CONFIG");
    assert.equal(d?.location.file, "broken.yml");
  });
});
