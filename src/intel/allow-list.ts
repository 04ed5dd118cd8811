/**
 * Allow-lists (known good): file hashes, trusted signers, trusted paths and benign destinations, each
 * scoped globally, to one host or to one user, with the reason and the author who vouched for it.
 * Hashes and destinations match exactly (hex case-insensitive; a destination domain also covers its
 * subdomains, a block its addresses); signers match case-insensitively; paths match case-insensitively
 * with `*` as a wildcard within and across folders. Input: entries. Output: the entry that allows a value.
 */
import { canonicalIntelDomain, hexHashType, INTEL_CIDR_OPTIONS } from "./intel-indicator.js";
import { parseCidr, parseIpAddress, prefixMask } from "../events/ip-address.js";

/** What an entry allows. */
export const ALLOW_KINDS = ["hash", "signer", "path", "destination"] as const;
export type AllowKind = (typeof ALLOW_KINDS)[number];

/** Where an entry applies. */
export const ALLOW_SCOPES = ["global", "host", "user"] as const;
export type AllowScope = (typeof ALLOW_SCOPES)[number];

/** One allow-list entry. */
export interface AllowEntry {
  readonly kind: AllowKind;
  readonly value: string;
  readonly scope: AllowScope;
  /** The host or user name for scope host / user */
  readonly scopeValue?: string;
  readonly reason: string;
  readonly author: string;
  /** ISO time it was added */
  readonly added: string;
}

/** The context a value is seen in (for scoped entries). */
export interface AllowContext {
  readonly host?: string;
  readonly user?: string;
}

/** The canonical form of an entry's value, or undefined (with the reason) when it is not valid. */
export function canonicalAllowValue(kind: AllowKind, value: string): { value: string } | { reason: string } {
  const v = value.trim();
  if (v === "") return { reason: "empty value" };
  switch (kind) {
    case "hash":
      return hexHashType(v)
        ? { value: v.toLowerCase() }
        : { reason: `"${v.slice(0, 80)}" is not an MD5, SHA1 or SHA256` };
    case "signer":
      return { value: v };
    case "path":
      return { value: v.replace(/\//g, "\\") };
    case "destination": {
      const ip = parseIpAddress(v);
      if (ip) return { value: ip.text };
      const cidr = parseCidr(v, INTEL_CIDR_OPTIONS);
      if (cidr) return { value: cidr.text };
      const d = canonicalIntelDomain(v);
      return d ? { value: d } : { reason: `"${v.slice(0, 80)}" is not an address, block or domain` };
    }
  }
}

function pathPattern(pattern: string): RegExp {
  const escaped = pattern
    .toLowerCase()
    .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`);
}

function inScope(e: AllowEntry, ctx: AllowContext): boolean {
  if (e.scope === "global") return true;
  const want = e.scope === "host" ? ctx.host : ctx.user;
  return (
    want !== undefined && e.scopeValue !== undefined && want.toLowerCase() === e.scopeValue.toLowerCase()
  );
}

/** Allow-list entries, indexed by kind. */
export class AllowList {
  private readonly all: AllowEntry[] = [];
  private readonly paths: { entry: AllowEntry; re: RegExp }[] = [];
  private readonly hashes = new Map<string, AllowEntry[]>();

  /** The entries, in the order added. */
  entries(): readonly AllowEntry[] {
    return this.all;
  }

  get size(): number {
    return this.all.length;
  }

  /** Adds an entry whose value is canonical (see canonicalAllowValue). */
  add(entry: AllowEntry): void {
    this.all.push(entry);
    if (entry.kind === "path") this.paths.push({ entry, re: pathPattern(entry.value) });
    if (entry.kind === "hash") {
      const list = this.hashes.get(entry.value);
      if (list) list.push(entry);
      else this.hashes.set(entry.value, [entry]);
    }
  }

  /** The first entry that allows `value` of `kind` in `ctx`, or undefined. */
  match(kind: AllowKind, value: string, ctx: AllowContext = {}): AllowEntry | undefined {
    const v = value.trim();
    if (kind === "path") {
      const p = v.replace(/\//g, "\\").toLowerCase();
      return this.paths.find((x) => inScope(x.entry, ctx) && x.re.test(p))?.entry;
    }
    if (kind === "hash") return this.hashes.get(v.toLowerCase())?.find((e) => inScope(e, ctx));
    const candidates = this.all.filter((e) => e.kind === kind && inScope(e, ctx));
    if (kind === "signer") return candidates.find((e) => e.value.toLowerCase() === v.toLowerCase());
    const ip = parseIpAddress(v);
    if (ip) {
      const bits = ip.version === 4 ? 32 : 128;
      return candidates.find((e) => {
        if (e.value === ip.text) return true;
        const c = parseCidr(e.value, INTEL_CIDR_OPTIONS);
        return (
          c !== undefined && c.version === ip.version && (ip.value & prefixMask(bits, c.prefix)) === c.base
        );
      });
    }
    const d = canonicalIntelDomain(v);
    if (!d) return undefined;
    return candidates.find((e) => d === e.value || d.endsWith(`.${e.value}`));
  }
}
