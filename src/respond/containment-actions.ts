/**
 * Containment (priority 1): isolate the hosts where the incident is still alive, stop its running
 * processes, block its external C&C / download / exfiltration destinations. A suspicious incident
 * isolates only hosts with a live C&C channel, blocks only C&C destinations and stops processes only
 * after memory collection and confirmation (priority 2). Input: IncidentFacts. Output: DraftActions.
 */
import type {
  DestinationRole,
  IncidentDestination,
  IncidentProcess,
  IncidentTime,
} from "../incidents/incident.js";
import { DESTINATION_ROLES } from "../incidents/incident.js";
import { cleanDetails, type DraftAction, findingUnion } from "./draft-action.js";
import type { IncidentFacts } from "./incident-facts.js";
import {
  bytesText,
  DESTINATION_ROLE_WORDS,
  formatTime,
  listEn,
  listJa,
  lt,
  PROCESS_ROLE_WORDS,
  processLabel,
} from "./plan-text.js";

/** Process roles whose running processes are stopped (never the launcher: explorer, outlook …). */
const KILLED_ROLES = ["root-cause", "payload", "member"] as const;

function runningOn(facts: IncidentFacts, host: string): IncidentProcess[] {
  return facts.incident.processes.filter(
    (p) => p.host === host && p.state === "running" && (KILLED_ROLES as readonly string[]).includes(p.role),
  );
}

function destinationLabel(d: {
  readonly address: string | undefined;
  readonly domain: string | undefined;
}): string {
  if (d.address && d.domain) return `${d.address} (${d.domain})`;
  return d.address ?? d.domain ?? "";
}

/** isolate-host: every host with a running process of the incident (malicious) or a live C&C channel. */
export function isolateActions(facts: IncidentFacts): DraftAction[] {
  const out: DraftAction[] = [];
  const hosts = new Set<string>();
  for (const h of facts.incident.hosts) if (facts.malicious && h.active) hosts.add(h.host);
  for (const h of facts.liveC2Hosts) hosts.add(h);
  for (const host of hosts) {
    const running = facts.malicious ? runningOn(facts, host) : [];
    const live = facts.c2.filter((d) => d.active && d.hosts.includes(host));
    const addresses = facts.incident.hosts.find((h) => h.host === host)?.addresses ?? [];
    const why: { en: string; ja: string }[] = [];
    if (running.length > 0) {
      const names = running.map(processLabel);
      why.push(
        lt(
          `${listEn(names)} ${running.length === 1 ? "is" : "are"} still running at the end of the data`,
          `${listJa(names)} がデータの終わりの時点でまだ動いています`,
        ),
      );
    }
    if (live.length > 0) {
      const targets = live.map(destinationLabel);
      why.push(
        lt(
          `it still calls the C&C ${listEn(targets)} at the end of the data`,
          `データの終わりの時点でも C&C ${listJa(targets)} と通信しています`,
        ),
      );
    }
    if (why.length === 0)
      why.push(lt("a process of the incident is still active", "インシデントのプロセスがまだ活動しています"));
    out.push({
      kind: "isolate-host",
      category: "technical",
      priority: 1,
      host,
      target: host,
      details: cleanDetails({
        addresses: addresses.join(", "),
        running: running.map(processLabel).join(", "),
        c2: live.map(destinationLabel).join(", "),
      }),
      text: lt(
        `Isolate ${host} from the network (EDR network containment or its switch port) and keep it powered on`,
        `${host} をネットワークから隔離してください（EDR の隔離機能またはスイッチポートの遮断）。電源は切らないでください`,
      ),
      reason: lt(why.map((w) => w.en).join("; "), why.map((w) => w.ja).join("。")),
      findings: findingUnion(...running.map((p) => p.findings), ...live.map((d) => d.findings)),
      points: [],
    });
  }
  return out;
}

/** kill-process: each still-running root-cause / payload / member process. */
export function killActions(facts: IncidentFacts): DraftAction[] {
  const out: DraftAction[] = [];
  for (const p of facts.incident.processes) {
    if (p.state !== "running" || !(KILLED_ROLES as readonly string[]).includes(p.role)) continue;
    const label = processLabel(p);
    const started = formatTime(p.start);
    const role = PROCESS_ROLE_WORDS[p.role];
    const text = facts.malicious
      ? lt(
          `Stop ${label} on ${p.host} (EDR kill, or taskkill /F /PID ${p.pid ?? "<pid>"}); capture its memory first if that can be done at once`,
          `${p.host} の ${label} を停止してください（EDR の強制終了、または taskkill /F /PID ${p.pid ?? "<pid>"}）。すぐにできるなら先にメモリを取得してください`,
        )
      : lt(
          `After capturing its memory and confirming it is malicious, stop ${label} on ${p.host}`,
          `メモリを取得して悪性と確認した後で、${p.host} の ${label} を停止してください`,
        );
    out.push({
      kind: "kill-process",
      category: "technical",
      priority: facts.malicious ? 1 : 2,
      host: p.host,
      target: p.image ?? p.key,
      details: cleanDetails({
        pid: p.pid,
        image: p.image,
        sha256: p.sha256,
        key: p.key,
        role: p.role,
        user: p.user,
        commandLine: p.commandLine,
        started: p.start?.iso,
      }),
      text,
      reason: lt(
        `${role.en}; still running at the end of the data${started ? ` (started ${started})` : ""}`,
        `${role.ja}。データの終わりの時点でまだ動いています${started ? `（開始 ${started}）` : ""}`,
      ),
      findings: findingUnion(p.findings),
      points: [],
    });
  }
  return out;
}

interface DestinationGroup {
  address: string | undefined;
  domain: string | undefined;
  readonly ports: Set<number>;
  readonly protocols: Set<string>;
  readonly roles: Set<DestinationRole>;
  readonly hosts: Set<string>;
  first: IncidentTime | undefined;
  last: IncidentTime | undefined;
  connections: number;
  bytes: number | undefined;
  active: boolean;
  readonly findings: string[][];
}

function earlier(a: IncidentTime | undefined, b: IncidentTime | undefined): IncidentTime | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.ms < a.ms ? b : a;
}

function later(a: IncidentTime | undefined, b: IncidentTime | undefined): IncidentTime | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.ms > a.ms ? b : a;
}

/** Destinations merged by address (else domain), so one address is one block action. */
function groupDestinations(list: readonly IncidentDestination[]): DestinationGroup[] {
  const groups = new Map<string, DestinationGroup>();
  for (const d of list) {
    const key = (d.address ?? d.domain ?? "").toLowerCase();
    if (key === "") continue;
    let g = groups.get(key);
    if (!g) {
      g = {
        address: d.address,
        domain: d.domain,
        ports: new Set(),
        protocols: new Set(),
        roles: new Set(),
        hosts: new Set(),
        first: undefined,
        last: undefined,
        connections: 0,
        bytes: undefined,
        active: false,
        findings: [],
      };
      groups.set(key, g);
    }
    g.domain ??= d.domain;
    if (d.port !== undefined) g.ports.add(d.port);
    if (d.protocol) g.protocols.add(d.protocol);
    g.roles.add(d.role);
    for (const h of d.hosts) g.hosts.add(h);
    g.first = earlier(g.first, d.first);
    g.last = later(g.last, d.last);
    g.connections += d.connections;
    if (d.bytes !== undefined) g.bytes = (g.bytes ?? 0) + d.bytes;
    g.active ||= d.active;
    g.findings.push([...d.findings]);
  }
  return [...groups.values()];
}

function blockReason(g: DestinationGroup, role: DestinationRole): { en: string; ja: string } {
  const hosts = [...g.hosts].sort();
  const from = formatTime(g.first);
  const to = formatTime(g.last);
  const span = from && to ? ` from ${from} to ${to}` : "";
  const spanJa = from && to ? `（${from} 〜 ${to}）` : "";
  const words = DESTINATION_ROLE_WORDS[role];
  const bytes = g.bytes !== undefined ? bytesText(g.bytes) : undefined;
  const en = [`${words.en}: ${listEn(hosts)} contacted it ${g.connections} time(s)${span}`];
  const ja = [`${words.ja}: ${listJa(hosts)} が ${g.connections} 回通信しました${spanJa}`];
  if (role === "download" && bytes) {
    en.push(`${bytes} transferred (a payload or tool)`);
    ja.push(`${bytes} を転送（ペイロードまたはツール）`);
  }
  if (role === "exfiltration" && bytes) {
    en.push(`${bytes} transferred (possible data theft)`);
    ja.push(`${bytes} を転送（情報持ち出しの可能性）`);
  }
  if (g.active) {
    en.push("still contacted at the end of the data");
    ja.push("データの終わりの時点でも通信が続いています");
  }
  return lt(en.join("; "), ja.join("。"));
}

/** block-destination: each external destination this verdict blocks, merged by address (else domain). */
export function blockActions(facts: IncidentFacts): DraftAction[] {
  const out: DraftAction[] = [];
  for (const g of groupDestinations(facts.blocked)) {
    const role = DESTINATION_ROLES.find((r) => g.roles.has(r)) ?? "c2";
    const what = destinationLabel(g);
    const ports = [...g.ports].sort((a, b) => a - b);
    const portText = ports.length > 0 ? ` (seen on port ${ports.join(", ")})` : "";
    const portJa = ports.length > 0 ? `（ポート ${ports.join(", ")} で確認）` : "";
    out.push({
      kind: "block-destination",
      category: "technical",
      priority: 1,
      host: undefined,
      target: g.address ?? g.domain ?? "",
      details: cleanDetails({
        address: g.address,
        domain: g.domain,
        port: ports.join(","),
        protocol: [...g.protocols].sort().join(","),
        role,
        roles: DESTINATION_ROLES.filter((r) => g.roles.has(r)).join(","),
        hosts: [...g.hosts].sort().join(", "),
        connections: g.connections,
        bytes: g.bytes,
        first: g.first?.iso,
        last: g.last?.iso,
        active: g.active ? "true" : "false",
      }),
      text: lt(
        `Block ${what} at the perimeter firewall, the web proxy / DNS and the host firewalls${portText}`,
        `${what} への通信を境界ファイアウォール、Web プロキシ／DNS、端末のファイアウォールで遮断してください${portJa}`,
      ),
      reason: blockReason(g, role),
      findings: findingUnion(...g.findings),
      points: [],
    });
  }
  return out;
}
