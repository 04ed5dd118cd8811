/**
 * The findings of the reputation viewpoint: detector names, severity and stage by verdict and
 * context, subjects and the Japanese / English sentences.
 * Input: a match group (indicator, observation, host, evidence). Output: a `Finding`.
 */
import type { EventTime } from "../../events/event.js";
import type { FieldValue } from "../../events/field-value.js";
import type { Provenance } from "../../events/provenance.js";
import type { Finding, FindingSubject, LocalizedText } from "../../findings/finding.js";
import type { KillChainStage } from "../../findings/kill-chain.js";
import type { Severity } from "../../findings/severity.js";
import { hostKey } from "../process/host-key.js";
import { baseName } from "../process/windows-path.js";
import type { Indicator, MatchKind, Verdict } from "./indicator.js";
import type { Observation, ObservationContext } from "./observations.js";

/** The `detector` names of reputation findings (ids: `<detector>:<context>:<matched value>:<host key>`). */
export const REPUTATION_DETECTORS = [
  "reputation.malicious",
  "reputation.suspicious",
  "reputation.known-good",
] as const;
export type ReputationDetector = (typeof REPUTATION_DETECTORS)[number];

export const VERDICT_DETECTORS: Readonly<Record<Verdict, ReputationDetector>> = {
  malicious: "reputation.malicious",
  suspicious: "reputation.suspicious",
  benign: "reputation.known-good",
};

const VERDICT_SEVERITY: Readonly<Record<Verdict, Severity>> = {
  malicious: "high",
  suspicious: "medium",
  benign: "info",
};

const VERDICT_TEXT: Readonly<Record<Verdict, LocalizedText>> = {
  malicious: { en: "malicious", ja: "悪性" },
  suspicious: { en: "suspicious", ja: "不審" },
  benign: { en: "known-good", ja: "既知の正常" },
};

/** The kill-chain stage a match in this context shows (undefined: no stage, e.g. a logon source). */
export const CONTEXT_STAGE: Readonly<Record<ObservationContext, KillChainStage | undefined>> = {
  process: "installation",
  "image-load": "installation",
  file: "installation",
  download: "delivery",
  connection: "command_and_control",
  "dns-query": "command_and_control",
  "dns-answer": "command_and_control",
  http: "command_and_control",
  tls: "command_and_control",
  logon: undefined,
};

/** ATT&CK techniques a malicious match in this context implies (network contacts: application-layer C&C). */
const CONTEXT_ATTACK: Readonly<Record<ObservationContext, readonly string[]>> = {
  process: [],
  "image-load": [],
  file: [],
  download: ["T1105"],
  connection: ["T1071"],
  "dns-query": ["T1071"],
  "dns-answer": ["T1071"],
  http: ["T1071.001"],
  tls: ["T1071.001"],
  logon: [],
};

/** One (verdict, host, matched value, context) group as the analyzer accumulates it. */
export interface MatchGroup {
  readonly detector: ReputationDetector;
  readonly indicator: Indicator;
  readonly match: MatchKind;
  /** The observation that opened the group */
  readonly observation: Observation;
  /** Canonical matched value (hash hex, address, domain, URL key) */
  readonly matched: string;
  readonly host: string;
  readonly stage: KillChainStage | undefined;
  first: EventTime | undefined;
  last: EventTime | undefined;
  readonly evidence: Provenance[];
  count: number;
}

/** The finding of a match group, with `confidence` already decided by the analyzer. */
export function reputationFinding(g: MatchGroup, confidence: number): Finding {
  const i = g.indicator;
  const o = g.observation;
  const details: Record<string, FieldValue> = {
    verdict: i.verdict,
    indicator: i.value,
    indicatorType: i.type,
    matched: g.matched,
    match: g.match,
    context: o.context,
    field: o.field,
    source: i.source,
    tags: i.tags.join(","),
    listedAt: i.origin,
    listedIn: i.from,
  };
  if (i.note !== undefined) details.note = i.note;
  if (o.path !== undefined) details.path = o.path;
  if (o.processGuid !== undefined) details.processGuid = o.processGuid;
  if (o.peer !== undefined) details.peer = o.peer;
  if (i.verdict === "benign") details.benign = true;
  return {
    id: `${g.detector}:${o.context}:${g.matched}:${hostKey(g.host)}`,
    detector: g.detector,
    viewpoint: "reputation",
    severity: VERDICT_SEVERITY[i.verdict],
    confidence,
    stage: i.verdict === "benign" ? undefined : g.stage,
    attack: i.verdict === "benign" ? [] : CONTEXT_ATTACK[o.context],
    host: g.host,
    subject: subjectOf(g),
    first: g.first,
    last: g.last,
    evidence: g.evidence,
    evidenceCount: g.count,
    message: messageOf(g),
    details,
  };
}

function subjectOf(g: MatchGroup): FindingSubject {
  const o = g.observation;
  // A destination seen in a process's own event (Sysmon 3 / 22) is about that process: the incident view
  // groups it with the process; the address or domain stays in details.matched.
  if (o.kind !== "hash" && o.processGuid !== undefined)
    return { kind: "process", key: o.processGuid, ...(o.path !== undefined ? { image: o.path } : {}) };
  switch (o.kind) {
    case "hash":
      return g.matched.length === 64
        ? { kind: "file", path: o.path ?? "", sha256: g.matched }
        : { kind: "file", path: o.path ?? "" };
    case "address":
      return { kind: "address", address: g.matched };
    case "domain":
      return { kind: "domain", domain: g.matched };
    case "url": {
      const slash = g.matched.indexOf("/");
      return { kind: "domain", domain: slash < 0 ? g.matched : g.matched.slice(0, slash) };
    }
  }
}

function listedText(g: MatchGroup): LocalizedText {
  const i = g.indicator;
  const v = VERDICT_TEXT[i.verdict];
  const src = i.source ? { en: ` (${i.source})`, ja: `（${i.source}）` } : { en: "", ja: "" };
  const via =
    g.match === "exact"
      ? { en: "", ja: "" }
      : g.match === "cidr"
        ? { en: ` through the block ${i.value}`, ja: `（${i.value} の範囲に該当）` }
        : g.match === "subdomain"
          ? { en: ` through its parent domain ${i.value}`, ja: `（親ドメイン ${i.value} に該当）` }
          : { en: ` through ${i.value}`, ja: `（${i.value} に該当）` };
  if (i.from === "allow-list") {
    const why = i.note ? { en: `: ${i.note}`, ja: `: ${i.note}` } : { en: "", ja: "" };
    return {
      en: `${v.en} on the allow-list${via.en}${src.en}${why.en}`,
      ja: `許可リスト${src.ja}で${v.ja}とされています${via.ja}${why.ja}`,
    };
  }
  return {
    en: `listed as ${v.en}${via.en} in the intel store${src.en}`,
    ja: `インテリジェンスストア${src.ja}に${v.ja}として登録されています${via.ja}`,
  };
}

/** What identified an allow-listed file when it was not its hash: its path or its signer. */
function fileWitness(g: MatchGroup): LocalizedText | undefined {
  const i = g.indicator;
  if (i.type === "path") return { en: `its path matches ${i.value}`, ja: `そのパスは ${i.value} に該当し` };
  if (i.type === "signer") return { en: `its signer ${i.value}`, ja: `その署名者 ${i.value} は` };
  return undefined;
}

function messageOf(g: MatchGroup): LocalizedText {
  const o = g.observation;
  const l = listedText(g);
  const who = g.host || "?";
  const times = g.count > 1 ? { en: ` (${g.count} times)`, ja: `（${g.count} 回）` } : { en: "", ja: "" };
  const counter =
    g.indicator.verdict === "benign"
      ? {
          en: ": counter-evidence that it is benign.",
          ja: "。正常であることを示す反証です。",
        }
      : { en: ".", ja: "。" };
  switch (o.kind) {
    case "hash": {
      const name = o.path ? baseName(o.path) : "a file";
      const what: Record<string, LocalizedText> = {
        process: { en: "ran", ja: "が実行されました" },
        "image-load": { en: "was loaded", ja: "が読み込まれました" },
        file: { en: "is on disk", ja: "がディスク上にあります" },
        download: { en: "arrived", ja: "が届きました" },
      };
      const w = what[o.context] ?? what.file;
      const witness = fileWitness(g);
      if (witness)
        return {
          en: `${name} on ${who} ${w.en}${times.en}: ${witness.en}, ${l.en}${counter.en}`,
          ja: `${who} で ${name} ${w.ja}${times.ja}。${witness.ja}、${l.ja}${counter.ja}`,
        };
      return {
        en: `${name} on ${who} ${w.en}${times.en}: its ${g.indicator.type.toUpperCase()} ${short(g.matched)} is ${l.en}${counter.en}`,
        ja: `${who} で ${name} ${w.ja}${times.ja}。その ${g.indicator.type.toUpperCase()} ${short(g.matched)} は${l.ja}${counter.ja}`,
      };
    }
    case "address": {
      const verb: Record<string, LocalizedText> = {
        connection: { en: "was in contact with", ja: "と通信しました" },
        "dns-answer": { en: "resolved a name to", ja: "への名前解決を行いました" },
        logon: { en: "had a logon from", ja: "からのログオンがありました" },
      };
      const v = verb[o.context] ?? verb.connection;
      return {
        en: `${who} ${v.en} ${g.matched}${times.en}, ${l.en}${counter.en}`,
        ja: `${who} は ${g.matched} ${v.ja}${times.ja}。この宛先は${l.ja}${counter.ja}`,
      };
    }
    case "domain":
    case "url": {
      const v =
        o.context === "dns-query"
          ? { en: "looked up", ja: "を名前解決しました" }
          : { en: "contacted", ja: "に接続しました" };
      return {
        en: `${who} ${v.en} ${g.matched}${times.en}, ${l.en}${counter.en}`,
        ja: `${who} は ${g.matched} ${v.ja}${times.ja}。これは${l.ja}${counter.ja}`,
      };
    }
  }
}

function short(hex: string): string {
  return hex.length > 16 ? `${hex.slice(0, 12)}…` : hex;
}
