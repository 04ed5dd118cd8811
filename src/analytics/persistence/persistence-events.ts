/**
 * Persistence events that the process graph does not keep because they name no process: service
 * installs (System 7045, Security 4697), scheduled-task registrations (Security 4698) and WMI event
 * consumers (Sysmon 20). The incident builder attaches them to the incident whose files they start.
 * Emits no findings (Sigma rules judge these events); it only retains them, bounded.
 * Input: normalized events (`observe`). Output: `records()`, counters (`stats`).
 */
import type { Event, EventTime } from "../../events/event.js";
import type { Provenance } from "../../events/provenance.js";
import type { Analyzer, Finding } from "../../findings/finding.js";
import { textField } from "../process/event-fields.js";

/** What a retained persistence event installs. */
export const PERSISTENCE_EVENT_KINDS = ["service", "scheduled-task", "wmi-subscription"] as const;
export type PersistenceEventKind = (typeof PERSISTENCE_EVENT_KINDS)[number];

/** One persistence event, as far as the log tells. */
export interface PersistenceEvent {
  readonly host: string;
  readonly kind: PersistenceEventKind;
  /** Service name, task name or WMI consumer name */
  readonly target: string;
  /** What it runs: service image path, task command (+ arguments), consumer command line */
  readonly value: string | undefined;
  /** The account that installed it, when logged */
  readonly user: string | undefined;
  readonly time: EventTime | undefined;
  readonly evidence: Provenance;
}

/** Records kept by default (more are counted, not kept). */
export const DEFAULT_MAX_PERSISTENCE_EVENTS = 10_000;

/** Longest task XML looked at for its command (the field is input-provided). */
const MAX_TASK_XML = 64 * 1024;

function xmlText(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
}

/** The first `<Exec>` action of a task definition: command and arguments. */
export function taskCommand(xml: string | undefined): string | undefined {
  if (!xml) return undefined;
  const s = xml.slice(0, MAX_TASK_XML);
  const command = /<Command>([^<]*)<\/Command>/i.exec(s)?.[1];
  if (command === undefined) return undefined;
  const args = /<Arguments>([^<]*)<\/Arguments>/i.exec(s)?.[1];
  const c = xmlText(command);
  return args === undefined || xmlText(args) === "" ? c : `${c} ${xmlText(args)}`;
}

/** The persistence event an event records, or undefined. */
export function persistenceEventOf(event: Event): PersistenceEvent | undefined {
  if (event.kind !== "windows") return undefined;
  const service = event.logsource.service;
  const id = event.identity.eventId;
  const f = event.fields;
  const base = { host: event.host, time: event.time, evidence: event.provenance };
  if (service === "system" && id === 7045) {
    const target = textField(f, "ServiceName");
    if (!target) return undefined;
    const user = textField(f, "AccountName");
    return { ...base, kind: "service", target, value: textField(f, "ImagePath"), user };
  }
  if (service === "security" && id === 4697) {
    const target = textField(f, "ServiceName");
    if (!target) return undefined;
    const user = textField(f, "SubjectUserName");
    return { ...base, kind: "service", target, value: textField(f, "ServiceFileName"), user };
  }
  if (service === "security" && id === 4698) {
    const target = textField(f, "TaskName");
    if (!target) return undefined;
    const user = textField(f, "SubjectUserName");
    return { ...base, kind: "scheduled-task", target, value: taskCommand(textField(f, "TaskContent")), user };
  }
  if (service === "sysmon" && id === 20) {
    const target = textField(f, "Name");
    if (!target) return undefined;
    return {
      ...base,
      kind: "wmi-subscription",
      target,
      value: textField(f, "Destination"),
      user: textField(f, "User"),
    };
  }
  return undefined;
}

/** Retains the persistence events of the stream (see the module header). */
export class PersistenceEvents implements Analyzer {
  readonly name = "persistence";
  private readonly kept: PersistenceEvent[] = [];
  private seen = 0;

  constructor(private readonly max = DEFAULT_MAX_PERSISTENCE_EVENTS) {}

  observe(event: Event): void {
    const p = persistenceEventOf(event);
    if (!p) return;
    this.seen++;
    if (this.kept.length < this.max) this.kept.push(p);
  }

  finish(): Finding[] {
    return [];
  }

  stats(): Readonly<Record<string, number>> {
    return { persistenceEvents: this.seen, persistenceEventsNotKept: this.seen - this.kept.length };
  }

  /** The retained events, in arrival order. */
  records(): readonly PersistenceEvent[] {
    return this.kept;
  }
}
