/**
 * The analyst decision: "this is an over-detection" (benign) or "this is malware" (malicious), with a
 * reason, a scope (which hosts; which hash, path, command-line pattern, or rule on which image), who
 * decided and when, and whether it was revoked. Input: what the analyst typed, or a line of the decision
 * log. Output: a checked, canonical Decision (or the reason it is not one). Plain data, JSON-serialisable.
 */
import { randomBytes } from "node:crypto";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import { compileWildcard } from "./wildcard-pattern.js";

/** benign = over-detection (過検知): the findings it covers leave the verdict; malicious = confirmed malware. */
export const DECISION_VERDICTS = ["benign", "malicious"] as const;
export type DecisionVerdict = (typeof DECISION_VERDICTS)[number];

/** Which hosts a decision covers: one host, or every host. */
export const HOST_SCOPE_KINDS = ["host", "all"] as const;
export type HostScopeKind = (typeof HOST_SCOPE_KINDS)[number];
export type HostScope = { readonly kind: "host"; readonly host: string } | { readonly kind: "all" };

/** What a decision matches a finding on. */
export const MATCH_KINDS = ["sha256", "path", "command-line", "rule-on-image"] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/**
 * The finding side of a scope. `detector` on sha256/path/command-line narrows the decision to that one
 * detector's findings (`sigma:<rule id>`, `network.beacon` …); without it every detector's findings match.
 */
export type DecisionMatch =
  | { readonly kind: "sha256"; readonly sha256: string; readonly detector?: string }
  /** A full path (`C:\…`, `\\server\…` or `/…`); compared case-insensitively, `\` and `/` alike */
  | { readonly kind: "path"; readonly path: string; readonly detector?: string }
  /** A wildcard pattern (`*`, `?`), case-insensitive, anchored (wildcard-pattern.ts) */
  | { readonly kind: "command-line"; readonly pattern: string; readonly detector?: string }
  /** One detector on one image: a full path, or a bare file name matching the image's file name */
  | { readonly kind: "rule-on-image"; readonly detector: string; readonly image: string };

export interface DecisionScope {
  readonly hosts: HostScope;
  readonly match: DecisionMatch;
}

/** Who took a decision back, when and why. */
export interface Revocation {
  readonly analyst: string;
  /** ISO-8601 UTC */
  readonly at: string;
  readonly reason: string;
}

export interface Decision {
  /** `D-` + 12 random hex digits */
  readonly id: string;
  readonly verdict: DecisionVerdict;
  /** Why (required, never empty) */
  readonly reason: string;
  readonly scope: DecisionScope;
  /** Who decided */
  readonly analyst: string;
  /** When, ISO-8601 UTC */
  readonly at: string;
  /** Set once the decision was revoked; a revoked decision no longer applies */
  readonly revoked: Revocation | undefined;
}

/** What the analyst gives to record a decision (`at` defaults to now). */
export interface DecisionInput {
  readonly verdict: DecisionVerdict;
  readonly reason: string;
  readonly scope: DecisionScope;
  readonly analyst: string;
  readonly at?: string;
}

/** Limits on the text fields, so a decision (and a log line) stays small. */
export const DECISION_LIMITS = {
  reason: 4000,
  analyst: 200,
  host: 255,
  detector: 200,
  path: 4096,
} as const;

/** The form of a decision id. */
export const DECISION_ID = /^D-[0-9a-f]{12}$/;

/** A new random decision id (48 bits: unique in practice; the log also checks). */
export function newDecisionId(): string {
  return `D-${randomBytes(6).toString("hex")}`;
}

type Obj = Readonly<Record<string, unknown>>;

function isObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A trimmed, non-empty string of at most `max` characters, or the reason it is not one. */
function text(v: unknown, what: string, max: number): string | { readonly problem: string } {
  if (typeof v !== "string" || v.trim() === "") return { problem: `${what} is required` };
  const t = v.trim();
  if (t.length > max) return { problem: `${what} is longer than ${max} characters` };
  return t;
}

/** A name without spaces (host, detector). */
function word(v: unknown, what: string, max: number): string | { readonly problem: string } {
  const t = text(v, what, max);
  if (typeof t === "string" && /\s/.test(t)) return { problem: `${what} must not contain spaces` };
  return t;
}

/** An ISO time, canonicalized to `toISOString()`. */
export function canonicalTime(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** True for `C:\…`, `C:/…`, `\\server\…` and `/…`. */
function isFullPath(p: string): boolean {
  return /^[a-z]:[\\/]/i.test(p) || p.startsWith("\\\\") || p.startsWith("/");
}

function optionalDetector(o: Obj): { detector?: string } | string {
  if (o.detector === undefined) return {};
  const d = word(o.detector, "detector", DECISION_LIMITS.detector);
  return typeof d === "string" ? { detector: d.toLowerCase() } : d.problem;
}

function parseHosts(v: unknown): HostScope | string {
  if (!isObject(v)) return "scope.hosts must be an object";
  if (v.kind === "all") return { kind: "all" };
  if (v.kind !== "host") return `scope.hosts.kind must be one of ${HOST_SCOPE_KINDS.join(", ")}`;
  const host = word(v.host, "host", DECISION_LIMITS.host);
  return typeof host === "string" ? { kind: "host", host } : host.problem;
}

function parseMatch(v: unknown): DecisionMatch | string {
  if (!isObject(v)) return "scope.match must be an object";
  const narrow = optionalDetector(v);
  if (typeof narrow === "string" && v.kind !== "rule-on-image") return narrow;
  const detector = typeof narrow === "string" ? {} : narrow;
  switch (v.kind) {
    case "sha256": {
      if (typeof v.sha256 !== "string" || !/^[0-9a-f]{64}$/i.test(v.sha256.trim()))
        return "sha256 must be 64 hexadecimal digits";
      return { kind: "sha256", sha256: v.sha256.trim().toLowerCase(), ...detector };
    }
    case "path": {
      const path = text(v.path, "path", DECISION_LIMITS.path);
      if (typeof path !== "string") return path.problem;
      if (!isFullPath(path))
        return `path must be a full path (C:\\…, \\\\server\\… or /…), not "${path.slice(0, 80)}"; for a file name use a rule on an image`;
      return { kind: "path", path, ...detector };
    }
    case "command-line": {
      if (typeof v.pattern !== "string") return "command-line pattern is required";
      try {
        compileWildcard(v.pattern);
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
      return { kind: "command-line", pattern: v.pattern, ...detector };
    }
    case "rule-on-image": {
      const d = word(v.detector, "detector", DECISION_LIMITS.detector);
      if (typeof d !== "string") return d.problem;
      const image = text(v.image, "image", DECISION_LIMITS.path);
      if (typeof image !== "string") return image.problem;
      return { kind: "rule-on-image", detector: d.toLowerCase(), image };
    }
    default:
      return `scope.match.kind must be one of ${MATCH_KINDS.join(", ")}`;
  }
}

/** A JSON value → a checked scope, or the reason it is not one. */
export function parseDecisionScope(value: unknown): DecisionScope | string {
  if (!isObject(value)) return "scope must be an object";
  const hosts = parseHosts(value.hosts);
  if (typeof hosts === "string") return hosts;
  const match = parseMatch(value.match);
  if (typeof match === "string") return match;
  return { hosts, match };
}

/** The checked fields shared by an input and a stored decision. */
function parseBody(o: Obj): Omit<Decision, "id" | "at" | "revoked"> | string {
  if (typeof o.verdict !== "string" || !(DECISION_VERDICTS as readonly string[]).includes(o.verdict))
    return `verdict must be one of ${DECISION_VERDICTS.join(", ")}`;
  const reason = text(o.reason, "reason", DECISION_LIMITS.reason);
  if (typeof reason !== "string") return reason.problem;
  const analyst = text(o.analyst, "analyst", DECISION_LIMITS.analyst);
  if (typeof analyst !== "string") return analyst.problem;
  const scope = parseDecisionScope(o.scope);
  if (typeof scope === "string") return scope;
  return { verdict: o.verdict as DecisionVerdict, reason, analyst, scope };
}

/** A decision as stored in the log (a JSON value) → a checked Decision (not revoked), or the reason it is not one. */
export function parseDecision(value: unknown): Decision | string {
  if (!isObject(value)) return "decision must be an object";
  if (typeof value.id !== "string" || !DECISION_ID.test(value.id)) return "id must look like D-0123456789ab";
  const at = canonicalTime(value.at);
  if (at === undefined) return "at must be an ISO-8601 time";
  const body = parseBody(value);
  if (typeof body === "string") return body;
  return { id: value.id, ...body, at, revoked: undefined };
}

/**
 * Checks what the analyst gave and returns it canonical (trimmed texts, lower-case sha256 and detectors,
 * `at` as ISO UTC, now when absent). Throws MikiwameError E_DECISION naming the first problem.
 */
export function checkDecisionInput(input: DecisionInput, now: Date = new Date()): Required<DecisionInput> {
  const body = parseBody(input as unknown as Obj);
  if (typeof body === "string") throw new MikiwameError("E_DECISION", `invalid decision: ${body}`);
  const at = input.at === undefined ? now.toISOString() : canonicalTime(input.at);
  if (at === undefined)
    throw new MikiwameError("E_DECISION", "invalid decision: at must be an ISO-8601 time");
  return { ...body, at };
}

/** A decision ordered before another: earlier `at` first, then by id (a total, stable order). */
export function compareDecisions(a: Decision, b: Decision): number {
  const d = Date.parse(a.at) - Date.parse(b.at);
  return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** One line for people: `all hosts · rule network.beacon on OUTLOOK.EXE`. Not escaped. */
export function describeScope(scope: DecisionScope): string {
  const hosts = scope.hosts.kind === "all" ? "all hosts" : `host ${scope.hosts.host}`;
  const m = scope.match;
  const only = m.kind !== "rule-on-image" && m.detector !== undefined ? ` (only ${m.detector})` : "";
  switch (m.kind) {
    case "sha256":
      return `${hosts} · sha256 ${m.sha256}${only}`;
    case "path":
      return `${hosts} · path ${m.path}${only}`;
    case "command-line":
      return `${hosts} · command line ${m.pattern}${only}`;
    case "rule-on-image":
      return `${hosts} · rule ${m.detector} on ${m.image}`;
  }
}
