/**
 * How an incident made itself persistent, each item with the concrete target to remove: autorun
 * registry values (Run / RunOnce / Winlogon / IFEO / Active Setup → run-key, Services\…\ImagePath →
 * service, Schedule\TaskCache\Tree → scheduled-task) from the processes' registry logs; files written
 * into a Startup folder; `schtasks /create`, `sc create|config … binPath=` and `reg add …\Run` command
 * lines of the processes and of the children they started; and service installs (7045 / 4697), task
 * registrations (4698) and WMI consumers (Sysmon 20) on the incident's hosts that start one of its files.
 * Input: the incident's processes, the graph, the retained persistence events. Output:
 * IncidentPersistence[] (bounded) and the keys of the children that made them.
 */
import type { PersistenceEvent } from "../analytics/persistence/persistence-events.js";
import { AUTORUN_LOCATIONS } from "../analytics/process/autorun-registry.js";
import { hostKey } from "../analytics/process/host-key.js";
import { imageName } from "../analytics/process/image-families.js";
import type { ProcessAnalyzer } from "../analytics/process/process-analyzer.js";
import type { ProcessInfo } from "../analytics/process/process-node.js";
import { normalizePath } from "../analytics/process/windows-path.js";
import type { IncidentPersistence, PersistenceKind } from "./incident.js";
import { mentionsName } from "./draft-links.js";
import { INCIDENT_LIMITS } from "./incident-input.js";
import type { DraftProcess } from "./incident-draft.js";
import { incidentTime } from "./incident-time.js";
import { plainProvenance } from "./plain-provenance.js";

/** Longest command line parsed (the field is input-provided). */
const MAX_COMMAND_LINE = 4096;
/** Most tokens of one command line looked at. */
const MAX_TOKENS = 64;

const TASK_CACHE = /\\schedule\\taskcache\\tree\\(.+)$/i;
const STARTUP = "\\start menu\\programs\\startup\\";

/** Splits a command line into words, honouring double quotes (bounded). */
export function commandWords(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  const s = line.slice(0, MAX_COMMAND_LINE);
  for (let m = re.exec(s); m && out.length < MAX_TOKENS; m = re.exec(s)) out.push(m[1] ?? m[2]);
  return out;
}

/** The value after a switch (`/tn name`, `binPath= x`), case-insensitive. */
function after(words: readonly string[], ...names: string[]): string | undefined {
  for (let i = 0; i < words.length - 1; i++) if (names.includes(words[i].toLowerCase())) return words[i + 1];
  return undefined;
}

/** A persistence command line: what it installs. */
export function persistenceCommand(
  image: string | undefined,
  commandLine: string | undefined,
): { kind: PersistenceKind; target: string; value: string | undefined } | undefined {
  if (!commandLine) return undefined;
  const words = commandWords(commandLine);
  const name = imageName(image ?? words[0]);
  const lower = words.map((w) => w.toLowerCase());
  if (name === "schtasks.exe" && lower.includes("/create")) {
    const target = after(words, "/tn");
    return target ? { kind: "scheduled-task", target, value: after(words, "/tr") } : undefined;
  }
  if (name === "sc.exe" && (lower[1] === "create" || lower[1] === "config") && words[2]) {
    const bin =
      after(words, "binpath=") ?? words.find((w) => w.toLowerCase().startsWith("binpath="))?.slice(8);
    return bin ? { kind: "service", target: words[2], value: bin } : undefined;
  }
  if (name === "reg.exe" && lower[1] === "add" && words[2]) {
    const v = after(words, "/v");
    const target = v ? `${words[2]}\\${v}` : words[2];
    const kind = registryPersistence(target);
    return kind ? { kind, target, value: after(words, "/d") } : undefined;
  }
  return undefined;
}

/** The persistence kind of an autorun registry path, or undefined. */
export function registryPersistence(target: string): PersistenceKind | undefined {
  const t = target.toLowerCase();
  const loc = AUTORUN_LOCATIONS.find((l) => l.pattern.test(t));
  if (loc) return loc.id === "service" ? "service" : "run-key";
  return TASK_CACHE.test(target) ? "scheduled-task" : undefined;
}

export interface PersistenceContext {
  readonly graph: ProcessAnalyzer;
  readonly events: readonly PersistenceEvent[];
  /** Lower-case file names of the incident's distinctive images and written executables */
  readonly names: ReadonlySet<string>;
  /** The active findings of a process that are about persistence (for the items it made) */
  readonly findingIdsOf: (key: string) => readonly string[];
}

class Items {
  readonly byKey = new Map<string, IncidentPersistence>();
  readonly children = new Set<string>();

  add(item: IncidentPersistence): void {
    const key = `${hostKey(item.host)}|${item.kind}|${item.target.toLowerCase()}`;
    if (!this.byKey.has(key)) this.byKey.set(key, item);
  }
}

function fromProcess(p: ProcessInfo, host: string, items: Items, ctx: PersistenceContext): void {
  for (const r of p.registry.items) {
    if (r.operation !== "" && !/setvalue|createkey/i.test(r.operation)) continue;
    const kind = registryPersistence(r.target);
    if (!kind || (kind !== "scheduled-task" && !r.details)) continue;
    const task = kind === "scheduled-task" ? TASK_CACHE.exec(r.target)?.[1] : undefined;
    items.add({
      host,
      kind,
      target: task ?? r.target,
      value: r.details,
      processKey: p.key,
      time: incidentTime(r.time),
      evidence: plainProvenance(r.evidence),
      findings: ctx.findingIdsOf(p.key),
    });
  }
  for (const f of p.files.items) {
    if (f.operation === "delete" || !normalizePath(f.path).includes(STARTUP)) continue;
    items.add({
      host,
      kind: "startup-folder",
      target: f.path,
      value: undefined,
      processKey: p.key,
      time: incidentTime(f.time),
      evidence: plainProvenance(f.evidence),
      findings: ctx.findingIdsOf(p.key),
    });
  }
  const cmd = persistenceCommand(p.image, p.commandLine);
  if (cmd)
    items.add({
      host,
      ...cmd,
      processKey: p.key,
      time: incidentTime(p.start),
      evidence: p.created ? plainProvenance(p.created) : undefined,
      findings: ctx.findingIdsOf(p.key),
    });
}

/**
 * The persistence of an incident's actors (see the module header). `children` are the keys of
 * processes outside the incident (children of its actors) whose command line installed something.
 */
export function buildPersistence(
  actors: readonly DraftProcess[],
  ctx: PersistenceContext,
): { readonly items: IncidentPersistence[]; readonly children: readonly string[] } {
  const items = new Items();
  const inIncident = new Set(actors.map((a) => a.key));
  const hosts = new Map<string, string>();
  for (const a of actors) {
    hosts.set(hostKey(a.host), a.host);
    if (!a.info) continue;
    fromProcess(a.info, a.host, items, ctx);
    for (const c of ctx.graph.children(a.key).slice(0, INCIDENT_LIMITS.childrenScanned)) {
      if (inIncident.has(c.key) || !persistenceCommand(c.image, c.commandLine)) continue;
      fromProcess(c, a.host, items, ctx);
      items.children.add(c.key);
    }
  }
  for (const e of ctx.events) {
    const host = hosts.get(hostKey(e.host));
    if (!host || !mentionsName(e.value, ctx.names)) continue;
    items.add({
      host,
      kind: e.kind,
      target: e.target,
      value: e.value,
      processKey: undefined,
      time: incidentTime(e.time),
      evidence: plainProvenance(e.evidence),
      findings: [],
    });
  }
  const list = [...items.byKey.values()]
    .sort((a, b) => (a.time?.ms ?? Number.POSITIVE_INFINITY) - (b.time?.ms ?? Number.POSITIVE_INFINITY))
    .slice(0, INCIDENT_LIMITS.persistence);
  return { items: list, children: [...items.children] };
}
