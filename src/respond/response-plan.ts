/**
 * The response plan (対応) of one incident: concrete technical and organisational actions, each tied to
 * the evidence (finding ids, files, destinations) that justifies it. Plain data, JSON-serialisable.
 * Built by plan-builder.ts from an Incident; rendered by the reports and turned into the exports.
 */
import type { LocalizedText } from "../findings/finding.js";

/** What an action does, in the order a responder works through them. */
export const ACTION_KINDS = [
  "isolate-host", // cut the host off the network (still-active incidents first)
  "kill-process", // stop a process still running
  "block-destination", // block a C&C / download address or domain at the perimeter, DNS and host firewalls
  "delete-file", // delete a file (payload AND dropper), by path + SHA256
  "remove-persistence", // Run key, service, scheduled task, WMI subscription, Startup file
  "scan-host", // sweep hosts that ran the hash or contacted the C&C
  "reset-account", // credentials at risk
  "seize-host", // preserve the host (memory, disk) for investigation
  "notify", // administrators of the segment, management, the security team
  "interview-user", // the accounts involved, and what to ask
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_CATEGORIES = ["technical", "organisational"] as const;
export type ActionCategory = (typeof ACTION_CATEGORIES)[number];

/** 1: now (containment), 2: today (eradication), 3: follow-up (recovery, lessons) */
export const ACTION_PRIORITIES = [1, 2, 3] as const;
export type ActionPriority = (typeof ACTION_PRIORITIES)[number];

export interface PlanAction {
  /** Stable within the plan: `<incident id>-<kind>-<n>` */
  readonly id: string;
  readonly kind: ActionKind;
  readonly category: ActionCategory;
  readonly priority: ActionPriority;
  /** The host the action is carried out on, when it is host-specific */
  readonly host: string | undefined;
  /** What the action is about: a path, an address/domain, a process key, an account, a role to notify */
  readonly target: string;
  /** Figures for exports and tickets (e.g. sha256, port, pid, registry value); strings only */
  readonly details: Readonly<Record<string, string>>;
  /** The action, one imperative sentence */
  readonly text: LocalizedText;
  /** Why: the evidence in words */
  readonly reason: LocalizedText;
  /** The findings that justify it */
  readonly findings: readonly string[];
  /** Questions to ask (interview-user) or points to cover (notify); empty otherwise */
  readonly points: readonly LocalizedText[];
}

export interface ResponsePlan {
  readonly incidentId: string;
  /** Priority first, then ACTION_KINDS order */
  readonly actions: readonly PlanAction[];
}
