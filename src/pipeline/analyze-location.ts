/**
 * Location analysis for the analyze pass, opened only when it is needed: the bundled country and ASN
 * data take about half a second to load, and logs without a single public address (a Security log, an
 * internal capture) never need them. The analyzer is opened before the first batch holding an event
 * with a public `SourceIp`, `DestinationIp` or `IpAddress` — the only events it can learn from — so
 * nothing it would have seen is missed. A database the user named is opened up front instead (a bad
 * file must be reported even when no address needs it).
 * Input: a function that opens the analyzer (undefined when it cannot), then event batches.
 * Output: an Analyzer named `location` (its findings and counters, plus `eventsBeforeOpen`).
 */
import type { Event } from "../events/event.js";
import { fieldToString } from "../events/field-value.js";
import { parseIpAddress } from "../events/ip-address.js";
import { addressScope, LOCATION_IP_OPTIONS } from "../analytics/location/address-scope.js";
import type { Analyzer, Finding } from "../findings/finding.js";

/** The fields the location analyzer reads addresses from (remote-contacts.ts). */
const ADDRESS_FIELDS = ["SourceIp", "DestinationIp", "IpAddress"] as const;

/** True when `event` carries an address the location analyzer would look up. */
export function hasPublicAddress(event: Event): boolean {
  for (const name of ADDRESS_FIELDS) {
    const v = event.fields[name];
    if (v === undefined || v === null) continue;
    const text = fieldToString(v).trim();
    if (text === "" || text === "-") continue;
    const ip = parseIpAddress(text, LOCATION_IP_OPTIONS);
    if (ip && addressScope(ip) === "public") return true;
  }
  return false;
}

/** A location analyzer opened on first need (see the module header). */
export class LazyLocation implements Analyzer {
  readonly name = "location";
  private inner: Analyzer | undefined;
  private tried = false;
  private before = 0;
  /** Time spent opening the data, ms */
  openMs = 0;

  constructor(private readonly open: () => Promise<Analyzer | undefined>) {}

  /** Opens the analyzer now (a user-named database: its problems must show whatever the input). */
  async openNow(): Promise<void> {
    if (this.tried) return;
    this.tried = true;
    const start = performance.now();
    this.inner = await this.open();
    this.openMs = performance.now() - start;
  }

  /** Opens the analyzer when a batch needs it; call before observing the batch. */
  async prepare(events: readonly Event[]): Promise<void> {
    if (this.tried) return;
    if (events.some(hasPublicAddress)) await this.openNow();
  }

  observe(event: Event): void {
    if (this.inner) this.inner.observe(event);
    else this.before++;
  }

  finish(): Finding[] {
    return this.inner ? this.inner.finish() : [];
  }

  stats(): Readonly<Record<string, number>> {
    return { ...this.inner?.stats(), opened: this.inner ? 1 : 0, eventsBeforeOpen: this.before };
  }
}
