/**
 * Activities of the example incident — what a process does at a time (start, end, image load, file
 * create, registry set, DNS query, network connection) — and the small verbs the scenario is written
 * with (TLS session, name lookup, browsing). Input: processes and times. Output: `Act` entries pushed
 * onto the process's host.
 */
import type { Host } from "./hosts.js";
import type { Proc } from "./processes.js";
import { between, pick, rnd } from "./seeded-random.js";

/** A TCP connection as Sysmon (event 3) and, if `zeek` is set, the Zeek sensor saw it. */
export interface Flow {
  readonly dst: string;
  readonly dport: number;
  readonly sport: number;
  /** Zeek view: service, duration (s), bytes, state, history, or undefined if the sensor did not see it */
  readonly zeek?: {
    service: string;
    duration: number;
    orig: number;
    resp: number;
    state: string;
    history: string;
  };
  readonly src?: string;
  readonly inbound?: boolean;
}
/** One thing a process does at time `t` (microseconds), discriminated by `kind`. */
export type Act =
  | { t: number; kind: "start" | "end"; p: Proc }
  | { t: number; kind: "load"; p: Proc; dll: string }
  | { t: number; kind: "file"; p: Proc; target: string }
  | { t: number; kind: "reg"; p: Proc; key: string; details: string }
  | { t: number; kind: "dns"; p: Proc; query: string; answers: readonly string[]; sport: number }
  | { t: number; kind: "net"; p: Proc; flow: Flow };

/** An activity without its process (Omit spread over the union). */
export type ActOf = Act extends infer A ? (A extends Act ? Omit<A, "p"> : never) : never;
/** Records activity `a` of process `p` on its host. */
export const add = (p: Proc, a: ActOf): void => {
  p.host.acts.push({ ...a, p } as Act);
};
/** An ephemeral source port for a connection from host `_h`. */
export const ephemeral = (_h: Host): number => between(49700, 64999);

/** A TLS session to `dst`:443 that the sensor saw completing normally. */
export function tls(p: Proc, t: number, dst: string, orig: number, resp: number, duration: number): void {
  const flow: Flow = {
    dst,
    dport: 443,
    sport: ephemeral(p.host),
    zeek: { service: "ssl", duration, orig, resp, state: "SF", history: "ShADadFf" },
  };
  add(p, { t, kind: "net", flow });
}

/** A DNS query for `query` answered with `answers`. */
export function resolveName(p: Proc, t: number, query: string, answers: readonly string[]): void {
  add(p, { t, kind: "dns", query, answers, sport: ephemeral(p.host) });
}

/** Web browsing from `from` to `to`: a lookup and a TLS session to a random site every 1.5–10 min. */
export function browse(p: Proc, from: number, to: number, sites: readonly [string, string][]): void {
  for (let t = from; t < to; t += between(90, 600) * 1e6 + between(0, 999999)) {
    const [name, ip] = pick(sites);
    resolveName(p, t, name, [ip]);
    tls(p, t + between(20000, 90000), ip, between(900, 4000), between(8000, 900000), between(1, 40) + rnd());
  }
}
