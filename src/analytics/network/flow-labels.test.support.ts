/**
 * Test support for scoring the network analytics against labeled captures: records every Zeek conn
 * flow with its label while the events are fed, marks the flows each finding covers, and computes
 * flow-level precision and recall.
 * Input: events (via `accept`), findings. Output: confusion counts, precision, recall.
 */
import type { Event } from "../../events/event.js";
import { fieldToString } from "../../events/field-value.js";
import type { Finding } from "../../findings/finding.js";
import { readConnection } from "./connection.js";

export interface LabeledFlow {
  readonly src: string;
  readonly dst: string;
  readonly portKey: string;
  readonly ms: number;
  readonly label: string;
  readonly detailed: string;
}

/** Collects the conn flows of a run (use `accept` as feedPaths' filter). */
export class FlowRecorder {
  readonly flows: LabeledFlow[] = [];

  readonly accept = (event: Event): boolean => {
    if (event.kind === "network" && event.identity.channel === "conn") {
      const c = readConnection(event);
      if (c)
        this.flows.push({
          src: c.srcIp,
          dst: c.dstIp,
          portKey: c.dstPort === undefined ? "" : `${c.dstPort}/${c.protocol ?? ""}`,
          ms: c.time,
          label: fieldToString(event.fields.label),
          detailed: fieldToString(event.fields.detailedlabel),
        });
    }
    return true;
  };
}

function within(f: Finding, ms: number): boolean {
  return f.first !== undefined && f.last !== undefined && ms >= f.first.ms && ms <= f.last.ms;
}

/** True when the finding covers the flow: same pair (beacon), source + port (unusual port), source (scans). */
export function covers(f: Finding, flow: LabeledFlow): boolean {
  if (!within(f, flow.ms)) return false;
  const s = f.subject;
  if (s.kind === "flow") return s.src === flow.src && s.dst === flow.dst;
  if (s.kind !== "address" || s.address !== flow.src) return false;
  if (f.detector === "network.unusual-port")
    return fieldToString(f.details.ports).split(",").includes(flow.portKey);
  return true;
}

export interface Score {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
  readonly precision: number;
  readonly recall: number;
}

/** Flow-level precision and recall of `findings` against `positive(flow)`. */
export function score(
  flows: readonly LabeledFlow[],
  findings: readonly Finding[],
  positive: (f: LabeledFlow) => boolean,
): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const flow of flows) {
    const flagged = findings.some((f) => covers(f, flow));
    const pos = positive(flow);
    if (flagged && pos) tp++;
    else if (flagged) fp++;
    else if (pos) fn++;
    else tn++;
  }
  return {
    tp,
    fp,
    fn,
    tn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  };
}

/** `P 1.000 R 0.971 (tp 237, fp 0, fn 7, tn 748)` */
export function describeScore(s: Score): string {
  return `precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn}, tn ${s.tn})`;
}
