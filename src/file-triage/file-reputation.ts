/**
 * Reputation of one collected file: its MD5/SHA1/SHA256 (and imphash) looked up in the intel store, its
 * hashes and signer in the allow-list, and its SHA256 at the online services when they were opened.
 * Input: the file's hashes and signature, and the sources of the run. Output: one entry per source and
 * finding (found / not found / not checked and why / error), never a thrown exception for a lookup.
 * `weighReputation` turns the entries into evidence for the verdict.
 */
import type { AllowContext, AllowEntry, AllowList } from "../intel/allow-list.js";
import type { IntelStore } from "../intel/intel-store.js";
import type { LookupDetails, LookupResult, ReputationSource } from "../intel/online/reputation-source.js";
import type { AuthenticodeResult } from "./authenticode-signature.js";

/** What happened when one source was asked. */
export const REPUTATION_STATUSES = ["found", "not-found", "not-checked", "error"] as const;
export type ReputationStatus = (typeof REPUTATION_STATUSES)[number];

/** A source's judgement of a found value, one scale for every source. */
export const REPUTATION_VERDICTS = ["malicious", "suspicious", "known-good", "harmless", "unknown"] as const;
export type ReputationVerdict = (typeof REPUTATION_VERDICTS)[number];

/** Which of the file's values an entry is about. */
export const REPUTATION_SUBJECTS = ["md5", "sha1", "sha256", "imphash", "signer", "hashes"] as const;
export type ReputationSubject = (typeof REPUTATION_SUBJECTS)[number];

/** Store confidence (after decay) from which a file-hash hit is decisive; below it counts as suspicious. */
export const DECISIVE_CONFIDENCE = 50;

/** One answer of one source. */
export interface ReputationEntry {
  /** `intel-store`, `allow-list`, `online`, or the online service (`virustotal`, `xforce`) */
  readonly source: string;
  readonly status: ReputationStatus;
  readonly subject: ReputationSubject;
  /** The value asked (a hash, the signer's subject); absent for "hashes" */
  readonly value?: string;
  /** Set when status is found */
  readonly verdict?: ReputationVerdict;
  /** 0..100: the store's confidence after decay */
  readonly confidence?: number;
  /** Source-native score (VirusTotal: engines flagging malicious; X-Force: risk 1–10) */
  readonly score?: number;
  /** Facts for people (family, tags, feeds, who vouched and why) */
  readonly facts: readonly string[];
  /** Why it was not checked, or the error */
  readonly reason?: string;
  /** Online answer taken from the local cache */
  readonly cached?: boolean;
  /** The online service's details, as it gave them (bounded by the connector) */
  readonly details?: LookupDetails;
}

/** The reputation part of a file report. */
export interface FileReputation {
  readonly entries: readonly ReputationEntry[];
}

/** What is looked up. */
export interface ReputationFacts {
  readonly md5: string;
  readonly sha1: string;
  readonly sha256: string;
  readonly imphash?: string | undefined;
  readonly signature?: AuthenticodeResult | undefined;
}

/** The sources of a run; an absent or empty one is reported as "not checked". */
export interface FileReputationSources {
  readonly store?: IntelStore;
  readonly allowList?: AllowList;
  /** Online services to ask; absent → one "not checked" entry with `onlineSkipped` */
  readonly online?: readonly ReputationSource[];
  /** Why no online service is asked (e.g. "not asked: use --online") */
  readonly onlineSkipped?: string;
  /** Host / user for scoped allow-list entries */
  readonly context?: AllowContext;
  /** ms since the epoch, for decay; default now */
  readonly now?: number;
  readonly signal?: AbortSignal;
}

const FILE_HASHES = ["md5", "sha1", "sha256"] as const;

function storeEntries(facts: ReputationFacts, sources: FileReputationSources): ReputationEntry[] {
  const store = sources.store;
  if (!store || store.size === 0)
    return [
      {
        source: "intel-store",
        status: "not-checked",
        subject: "hashes",
        reason: "no indicators loaded (the store is empty and no --indicators file was given)",
        facts: [],
      },
    ];
  const asked: { subject: ReputationSubject; value: string }[] = FILE_HASHES.map((h) => ({
    subject: h,
    value: facts[h],
  }));
  if (facts.imphash) asked.push({ subject: "imphash", value: facts.imphash });
  const out: ReputationEntry[] = [];
  const opts = sources.now === undefined ? {} : { now: sources.now };
  for (const a of asked) {
    for (const m of store.lookup(a.value, opts)) {
      if (m.indicator.type !== a.subject) continue; // 32 hex digits are tried as md5 and imphash
      const i = m.indicator;
      const confidence = m.state.confidence;
      const decisive = a.subject !== "imphash" && confidence >= DECISIVE_CONFIDENCE;
      const facts: string[] = [`listed by ${i.sources.join(", ")}`];
      if (i.family) facts.push(`family ${i.family}`);
      if (i.threat) facts.push(`threat ${i.threat}`);
      if (i.tags.length > 0) facts.push(`tags ${i.tags.join(", ")}`);
      if (i.lastSeen ?? i.firstSeen) facts.push(`last seen ${i.lastSeen ?? i.firstSeen}`);
      if (i.origin) facts.push(`from ${i.origin}`);
      out.push({
        source: "intel-store",
        status: "found",
        subject: a.subject,
        value: a.value,
        verdict: decisive ? "malicious" : "suspicious",
        confidence,
        facts,
      });
    }
  }
  if (out.length === 0)
    out.push({
      source: "intel-store",
      status: "not-found",
      subject: "hashes",
      facts: [`none of its hashes among ${store.size} indicators`],
    });
  return out;
}

function allowFacts(e: AllowEntry): string[] {
  const scope = e.scope === "global" ? "global" : `${e.scope} ${e.scopeValue ?? "?"}`;
  return [`reason: ${e.reason}`, `author: ${e.author}`, `scope: ${scope}`];
}

/** The common name of a subject such as `CN=Contoso Ltd, O=Contoso`, or undefined. */
function commonName(subject: string): string | undefined {
  const m = /(?:^|[,/]\s*)CN=([^,/]+)/i.exec(subject);
  return m?.[1]?.trim();
}

function allowEntries(facts: ReputationFacts, sources: FileReputationSources): ReputationEntry[] {
  const list = sources.allowList;
  if (!list || list.size === 0)
    return [
      {
        source: "allow-list",
        status: "not-checked",
        subject: "hashes",
        reason: "the allow-list is empty and no --known-good file was given",
        facts: [],
      },
    ];
  const ctx = sources.context ?? {};
  const out: ReputationEntry[] = [];
  for (const h of FILE_HASHES) {
    const e = list.match("hash", facts[h], ctx);
    if (e)
      out.push({
        source: "allow-list",
        status: "found",
        subject: h,
        value: facts[h],
        verdict: "known-good",
        facts: allowFacts(e),
      });
  }
  const sig = facts.signature;
  if (sig?.status === "signed" && sig.signer) {
    const subject = sig.signer.subject;
    const cn = commonName(subject);
    const e = list.match("signer", subject, ctx) ?? (cn ? list.match("signer", cn, ctx) : undefined);
    if (e) {
      out.push({
        source: "allow-list",
        status: "found",
        subject: "signer",
        value: subject,
        // a trusted name on a signature that does not verify vouches for nothing
        verdict: sig.valid ? "known-good" : "unknown",
        facts: sig.valid ? allowFacts(e) : [...allowFacts(e), "the signature does not verify: not counted"],
      });
    }
  }
  if (out.length === 0)
    out.push({
      source: "allow-list",
      status: "not-found",
      subject: "hashes",
      facts: [`neither its hashes nor its signer among ${list.size} entries`],
    });
  return out;
}

/** Short facts from an online answer's details, for people (the full details stay in `details`). */
function onlineFacts(details: LookupDetails): string[] {
  const out: string[] = [];
  const stats = details.last_analysis_stats;
  if (stats && typeof stats === "object" && !Array.isArray(stats)) {
    const counts = Object.entries(stats as Readonly<Record<string, unknown>>)
      .filter(([, v]) => typeof v === "number")
      .map(([k, v]) => `${k} ${v as number}`);
    if (counts.length > 0) out.push(`engines: ${counts.join(", ")}`);
  }
  for (const k of ["meaningful_name", "family", "risk", "type"]) {
    const v = details[k];
    if (typeof v === "string" || typeof v === "number") out.push(`${k} ${v}`);
    else if (Array.isArray(v) && v.every((x) => typeof x === "string") && v.length > 0)
      out.push(`${k} ${v.slice(0, 5).join(", ")}`);
  }
  return out;
}

function onlineEntry(r: LookupResult): ReputationEntry {
  const base = { source: r.source, subject: "sha256" as const, value: r.value, cached: r.cached };
  if (r.status === "found")
    return {
      ...base,
      status: "found",
      verdict: r.verdict,
      ...(r.score !== undefined && { score: r.score }),
      facts: onlineFacts(r.details),
      details: r.details,
    };
  if (r.status === "not-found") return { ...base, status: "not-found", facts: [] };
  return { ...base, status: r.status, reason: r.reason, facts: [] };
}

/** Asks every source about the file. Online services are asked the SHA256 once each, in parallel. */
export async function checkFileReputation(
  facts: ReputationFacts,
  sources: FileReputationSources,
): Promise<FileReputation> {
  const entries = [...storeEntries(facts, sources), ...allowEntries(facts, sources)];
  if (sources.online === undefined || sources.online.length === 0) {
    entries.push({
      source: "online",
      status: "not-checked",
      subject: "sha256",
      reason: sources.onlineSkipped ?? "not asked (use --online)",
      facts: [],
    });
  } else {
    const opts = sources.signal ? { signal: sources.signal } : {};
    const results = await Promise.all(sources.online.map((s) => s.lookup("hash", facts.sha256, opts)));
    for (const r of results) entries.push(onlineEntry(r));
  }
  return { entries };
}

/** Reputation as verdict evidence, each item a reason in words. */
export interface ReputationEvidence {
  /** Decisive: a file hash known as malware */
  readonly malicious: readonly string[];
  /** Counts against (imphash hit, low-confidence hit, an online "suspicious") */
  readonly against: readonly string[];
  /** Decisive for benign unless malicious: the hash is on the allow-list */
  readonly knownGood: readonly string[];
  /** Counter-evidence: an allow-listed signer with a valid signature */
  readonly benign: readonly string[];
  /** Found, but neither for nor against (online "harmless" / "unknown"): never read as clean */
  readonly notes: readonly string[];
  /** Set when no source knows the file: says what was (not) checked */
  readonly none: string | undefined;
}

function label(e: ReputationEntry): string {
  const what = e.subject === "signer" ? `signer ${e.value ?? ""}` : e.subject;
  const conf = e.confidence !== undefined ? `, confidence ${e.confidence}` : "";
  const score = e.score !== undefined ? `, score ${e.score}` : "";
  const first = e.facts.slice(0, 2).join("; ");
  return `${e.source}: ${what} ${e.verdict ?? "found"}${conf}${score}${first ? ` (${first})` : ""}`;
}

/** Sorts the entries into verdict evidence. */
export function weighReputation(rep: FileReputation): ReputationEvidence {
  const malicious: string[] = [];
  const against: string[] = [];
  const knownGood: string[] = [];
  const benign: string[] = [];
  const notes: string[] = [];
  const checked: string[] = [];
  const unchecked: string[] = [];
  for (const e of rep.entries) {
    if (e.status === "not-checked" || e.status === "error") unchecked.push(e.source);
    else checked.push(e.source);
    if (e.status !== "found") continue;
    if (e.verdict === "malicious") malicious.push(label(e));
    else if (e.verdict === "suspicious") against.push(label(e));
    else if (e.verdict === "known-good") (e.subject === "signer" ? benign : knownGood).push(label(e));
    else notes.push(`${label(e)}: not proof that it is clean`);
  }
  const found = rep.entries.some((e) => e.status === "found");
  const none = found
    ? undefined
    : `no reputation: ${checked.length > 0 ? `unknown to ${[...new Set(checked)].join(", ")}` : "no source checked"}${unchecked.length > 0 ? `; not checked: ${[...new Set(unchecked)].join(", ")}` : ""}`;
  return { malicious, against, knownGood, benign, notes, none };
}
