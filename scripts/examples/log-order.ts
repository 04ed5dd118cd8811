/**
 * The order in which a host's activities reach its logs. Input: a host with its activities.
 * Output: each activity with its log time (80–2600 µs after the event, drawn from the seeded PRNG),
 * sorted by log time.
 */
import type { Act } from "./activities.js";
import type { Host } from "./hosts.js";
import { between } from "./seeded-random.js";

/** The host's activities in log order, each with its log time (a little after the event). */
export function logged(h: Host): { a: Act; logT: number }[] {
  return h.acts
    .map((a) => ({ a, logT: a.t + between(80, 2600) }))
    .sort((x, y) => x.logT - y.logT || x.a.t - y.a.t);
}
