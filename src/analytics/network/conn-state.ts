/**
 * Zeek `conn_state` values and what they say about an attempt: failed (no session: unanswered,
 * refused, reset, half-open, not TCP-like) or answered (a session with data was established).
 * Input: a Connection. Output: whether the attempt failed / was answered; undefined when unknown
 * (host sources such as Sysmon 3 do not say).
 */
import type { Connection } from "./connection.js";

/** Every Zeek connection state (base/protocols/conn/main.zeek). */
export const ZEEK_CONN_STATES = [
  "S0", // attempt seen, no reply
  "S1", // established, not terminated
  "SF", // normal establishment and termination
  "REJ", // attempt rejected
  "S2", // established, close attempt by originator seen (no reply)
  "S3", // established, close attempt by responder seen (no reply)
  "RSTO", // originator aborted (sent a RST)
  "RSTR", // responder sent a RST
  "RSTOS0", // originator sent a SYN then a RST, no SYN-ACK seen
  "RSTRH", // responder sent a SYN-ACK then a RST, no SYN seen
  "SH", // originator sent a SYN then a FIN, no SYN-ACK seen
  "SHR", // responder sent a SYN-ACK then a FIN, no SYN seen
  "OTH", // no SYN seen, midstream traffic
] as const;
export type ZeekConnState = (typeof ZEEK_CONN_STATES)[number];

/** States that count as a failed attempt for scan detection (the brief's list plus their mirrors). */
export const FAILED_CONN_STATES: readonly ZeekConnState[] = [
  "S0",
  "REJ",
  "RSTO",
  "RSTOS0",
  "RSTR",
  "RSTRH",
  "SH",
  "SHR",
  "OTH",
];

const FAILED: ReadonlySet<string> = new Set(FAILED_CONN_STATES);
const ESTABLISHED: ReadonlySet<string> = new Set(["SF", "S1", "S2", "S3"]);

/**
 * True/false for Zeek connections with a state; undefined when the source does not say. S0 and REJ
 * always failed. The other failure states also end or describe many normal sessions (browsers reset
 * TLS connections; a sensor started mid-stream logs OTH/SH/SHR): they count as failed only when the
 * responder sent no payload.
 */
export function attemptFailed(c: Connection): boolean | undefined {
  if (c.state === undefined) return undefined;
  const s = c.state.toUpperCase();
  if (s === "S0" || s === "REJ") return true;
  return FAILED.has(s) && (c.respBytes ?? 0) === 0;
}

/** True when a session carried data: an established state, or a reset one where the responder sent bytes. */
export function attemptAnswered(c: Connection): boolean | undefined {
  if (c.state === undefined) return undefined;
  const s = c.state.toUpperCase();
  if (ESTABLISHED.has(s)) return true;
  return (s === "RSTO" || s === "RSTR") && (c.respBytes ?? 0) > 0;
}
