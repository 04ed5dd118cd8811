/**
 * The Sysmon/Operational log of a host as EVTX record inputs. Input: a host with its activities.
 * Output: `EvtxRecordInput`s in log order, for `writeEvtx`.
 */
import type { EvtxRecordInput } from "../../src/writers/evtx/evtx-writer.js";
import { sysmonEvent } from "../../src/writers/evtx/sysmon-event.js";
import { ticks } from "./clock.js";
import type { Host } from "./hosts.js";
import { logged } from "./log-order.js";
import { sysmonFields } from "./sysmon-fields.js";

/** The host's Sysmon events (one per logged activity), in log order. */
export function sysmonRecords(h: Host): EvtxRecordInput[] {
  const out: EvtxRecordInput[] = [];
  for (const { a, logT } of logged(h)) {
    const f = sysmonFields(a);
    if (f)
      out.push(sysmonEvent(f[0], ticks(logT), f[1], { computer: h.name, processId: 3016, threadId: 4124 }));
  }
  return out;
}
