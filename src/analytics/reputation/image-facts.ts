/**
 * What the reputation analyzer remembers per process image for online lookups: the image's SHA256 (from
 * Sysmon 1 / the process's own Sysmon 7) and the external destinations it contacted (public addresses of
 * its connections, names it looked up or connected to). Bounded: at most MAX_IMAGES images and
 * MAX_DESTINATIONS destinations each; what does not fit is counted.
 * Input: an event and one of its observations. Output: `ImageFacts.of(host, image)`.
 */
import type { Event } from "../../events/event.js";
import { canonicalIntelDomain } from "../../intel/intel-indicator.js";
import { parseIpAddress } from "../../events/ip-address.js";
import { hostKey } from "../process/host-key.js";
import { isPublicAddress } from "../process/public-address.js";
import { normalizePath } from "../process/windows-path.js";
import type { Observation } from "./observations.js";

/** Most images remembered. */
export const MAX_IMAGES = 50_000;
/** Most destinations remembered per image. */
export const MAX_DESTINATIONS = 16;

/** An external destination of a process. */
export interface Destination {
  readonly kind: "ip" | "domain";
  readonly value: string;
}

/** The facts about one image on one host. */
export interface ImageFact {
  sha256?: string;
  readonly destinations: Destination[];
}

function keyOf(host: string, image: string): string {
  return `${hostKey(host)}|${normalizePath(image)}`;
}

/** Per (host, image): SHA256 and external destinations (see the module header). */
export class ImageFacts {
  private readonly facts = new Map<string, ImageFact>();
  /** Images or destinations not remembered because a bound was reached */
  dropped = 0;

  get size(): number {
    return this.facts.size;
  }

  /** The facts of `image` on `host`, if any were seen. */
  of(host: string, image: string): Readonly<ImageFact> | undefined {
    return this.facts.get(keyOf(host, image));
  }

  /** Notes what `o` says about the image of the process in `event` (Windows events only). */
  note(event: Event, o: Observation): void {
    if (event.kind === "network" || !event.host || o.path === undefined) return;
    if (o.kind === "hash") {
      if (o.context !== "process" || o.value.length !== 64) return;
      const f = this.fact(event.host, o.path);
      if (f) f.sha256 = o.value.toLowerCase();
      return;
    }
    let d: Destination | undefined;
    if (o.kind === "address" && o.context === "connection" && o.field === "DestinationIp") {
      const ip = parseIpAddress(o.value);
      if (ip && isPublicAddress(ip.text)) d = { kind: "ip", value: ip.text };
    } else if (o.kind === "domain" && (o.context === "dns-query" || o.context === "tls")) {
      const name = canonicalIntelDomain(o.value);
      if (name) d = { kind: "domain", value: name };
    }
    if (!d) return;
    const f = this.fact(event.host, o.path);
    if (!f) return;
    const dest = d;
    if (f.destinations.some((x) => x.kind === dest.kind && x.value === dest.value)) return;
    if (f.destinations.length >= MAX_DESTINATIONS) this.dropped++;
    else f.destinations.push(dest);
  }

  private fact(host: string, image: string): ImageFact | undefined {
    const key = keyOf(host, image);
    let f = this.facts.get(key);
    if (!f) {
      if (this.facts.size >= MAX_IMAGES) {
        this.dropped++;
        return undefined;
      }
      f = { destinations: [] };
      this.facts.set(key, f);
    }
    return f;
  }
}
