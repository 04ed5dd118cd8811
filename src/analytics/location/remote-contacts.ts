/**
 * The public addresses an event shows a host in contact with, and in which direction. Source is the
 * initiator in every source mikiwame reads (Sysmon 3, including `Initiated: false`, and Zeek's
 * `id.orig_h`), so: internal → public is outbound, public → internal is inbound. A logon's `IpAddress`
 * (Security 4624/4625) that is public is an inbound contact. When both ends are public (a host with a
 * public address), Sysmon's `Initiated` decides; without it both ends count, as `external`.
 * Input: an event and the lookup. Output: the contacts, each with the host it is attributed to.
 */
import type { Event } from "../../events/event.js";
import { type FieldValue, fieldToString } from "../../events/field-value.js";
import { isInternalScope } from "./address-scope.js";
import type { IpLocation, LocationLookup } from "./location-lookup.js";

/** Which way a contact went, seen from the organisation's side. */
export const CONTACT_DIRECTIONS = ["outbound", "inbound", "external"] as const;
export type ContactDirection = (typeof CONTACT_DIRECTIONS)[number];

/** One contact between a host and a public address. */
export interface RemoteContact {
  /** The public address and where it is */
  readonly remote: IpLocation;
  readonly direction: ContactDirection;
  /**
   * The host the contact is attributed to: the event's host for Windows events; for network (Zeek)
   * events the internal endpoint's address, else the sensor name (possibly "")
   */
  readonly host: string;
}

function addressText(value: FieldValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = fieldToString(value).trim();
  return text === "" || text === "-" ? undefined : text;
}

function initiated(value: FieldValue | undefined): boolean | undefined {
  if (value === true || value === false) return value;
  const text = fieldToString(value).toLowerCase();
  return text === "true" ? true : text === "false" ? false : undefined;
}

/** The public addresses `event` shows contact with (none for internal-only traffic). */
export function remoteContacts(event: Event, lookup: LocationLookup): RemoteContact[] {
  const fields = event.fields;
  const srcText = addressText(fields.SourceIp);
  const dstText = addressText(fields.DestinationIp);
  const logonText = addressText(fields.IpAddress);
  const contacts: RemoteContact[] = [];
  if (srcText !== undefined || dstText !== undefined) {
    const src = srcText === undefined ? undefined : lookup.lookup(srcText);
    const dst = dstText === undefined ? undefined : lookup.lookup(dstText);
    const srcPublic = src?.scope === "public";
    const dstPublic = dst?.scope === "public";
    const internal = [src, dst].find(
      (l) => l !== undefined && l.scope !== "invalid" && isInternalScope(l.scope),
    );
    const host = event.kind === "network" && internal ? internal.address : event.host;
    if (src && dst && srcPublic && dstPublic) {
      const by = initiated(fields.Initiated);
      if (by === true) contacts.push({ remote: dst, direction: "outbound", host });
      else if (by === false) contacts.push({ remote: src, direction: "inbound", host });
      else {
        contacts.push({ remote: src, direction: "external", host });
        contacts.push({ remote: dst, direction: "external", host });
      }
    } else if (dst && dstPublic) contacts.push({ remote: dst, direction: "outbound", host });
    else if (src && srcPublic) contacts.push({ remote: src, direction: "inbound", host });
  }
  if (logonText !== undefined && logonText !== srcText) {
    const from = lookup.lookup(logonText);
    if (from.scope === "public") contacts.push({ remote: from, direction: "inbound", host: event.host });
  }
  return contacts;
}
