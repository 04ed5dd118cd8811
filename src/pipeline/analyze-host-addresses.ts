/**
 * Which host owns which address, learnt from the hosts' own network events (Sysmon 3 / EDR network
 * connections: the local end is the source of what the host initiated, the destination of what it
 * accepted). Zeek names hosts by address only; with this index a finding about `10.0.5.27` can be
 * attributed to `WS-SALES-07`. An address seen on two hosts (DHCP churn, NAT) is ambiguous and not
 * resolved. Input: events (`observe`). Output: `hostOf(address)`. Bounded by `maxAddresses`.
 */
import type { Event } from "../events/event.js";
import { fieldToString } from "../events/field-value.js";
import type { Analyzer, Finding } from "../findings/finding.js";

const DEFAULT_MAX_ADDRESSES = 65_536;

/** Addresses every host has: they say nothing about which host an address belongs to. */
function isSharedAddress(ip: string): boolean {
  return ip.startsWith("127.") || ip === "::1" || ip === "0.0.0.0" || ip === "::" || ip === "";
}

/** An address → host index over the event stream (emits no findings). */
export class HostAddresses implements Analyzer {
  readonly name = "host-addresses";
  /** address → host, or null once two hosts claimed it */
  private readonly owners = new Map<string, string | null>();
  private dropped = 0;

  constructor(private readonly maxAddresses = DEFAULT_MAX_ADDRESSES) {}

  observe(event: Event): void {
    if (event.kind === "network" || event.host === "") return;
    if (event.logsource.category !== "network_connection") return;
    const f = event.fields;
    const initiated = fieldToString(f.Initiated).toLowerCase();
    const local = fieldToString(initiated === "false" ? f.DestinationIp : f.SourceIp).trim();
    if (isSharedAddress(local)) return;
    const known = this.owners.get(local);
    if (known === undefined) {
      if (this.owners.size >= this.maxAddresses) {
        this.dropped++;
        return;
      }
      this.owners.set(local, event.host);
    } else if (known !== null && known.toLowerCase() !== event.host.toLowerCase()) {
      this.owners.set(local, null);
    }
  }

  finish(): Finding[] {
    return [];
  }

  stats(): Readonly<Record<string, number>> {
    let ambiguous = 0;
    for (const v of this.owners.values()) if (v === null) ambiguous++;
    return { addresses: this.owners.size, ambiguous, dropped: this.dropped };
  }

  /** The one host seen with `address`, or undefined (unknown or ambiguous). */
  hostOf(address: string): string | undefined {
    return this.owners.get(address.trim()) ?? undefined;
  }
}
