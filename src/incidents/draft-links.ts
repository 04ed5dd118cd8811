/**
 * What links a host-level finding or a persistence event to an incident: the incident's distinctive
 * image names (a system binary or shell such as cmd.exe links nothing: every host runs one) and the
 * addresses its processes contacted; and, on the other side, the image names and addresses a finding
 * names. Input: a draft and its findings, or a finding. Output: lower-case names and address sets.
 */
import {
  imageName,
  isShellOrScriptHost,
  isSystemBinaryName,
  isSystemLauncherName,
} from "../analytics/process/image-families.js";
import type { Finding } from "../findings/finding.js";
import { actors, type Draft } from "./incident-draft.js";
import type { FindingIndex } from "./finding-index.js";

/** True for names every Windows host runs (they cannot tie an event to one incident). */
export function isCommonImageName(name: string): boolean {
  return name === "" || isSystemBinaryName(name) || isShellOrScriptHost(name) || isSystemLauncherName(name);
}

/** The lower-case image names of the draft's actors that are not common (see isCommonImageName). */
export function distinctiveNames(d: Draft): Set<string> {
  const out = new Set<string>();
  for (const p of actors(d)) {
    const name = imageName(p.info?.image ?? p.group?.image);
    if (!isCommonImageName(name)) out.add(name);
  }
  return out;
}

function text(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

function list(v: unknown): string[] {
  const s = text(v);
  return s === undefined
    ? []
    : s
        .split(",")
        .map((x) => x.trim())
        .filter((x) => x !== "");
}

/** The image names a finding names (`details.image`, `details.images`, a process subject's image). */
export function findingImageNames(f: Finding): Set<string> {
  const out = new Set<string>();
  const add = (s: string | undefined) => {
    const n = imageName(s);
    if (n !== "") out.add(n);
  };
  add(text(f.details.image));
  for (const s of list(f.details.images)) add(s);
  if (f.subject.kind === "process") add(f.subject.image);
  return out;
}

const ADDRESS = /^[0-9a-f:.]+$/i;

/** The remote addresses a finding names (destination, peer, matched address, a flow's responder). */
export function findingAddresses(f: Finding): Set<string> {
  const out = new Set<string>();
  const add = (s: string | undefined) => {
    if (s !== undefined && ADDRESS.test(s) && /[.:]/.test(s)) out.add(s.toLowerCase());
  };
  add(text(f.details.destination));
  add(text(f.details.peer));
  add(text(f.details.matched));
  if (f.subject.kind === "flow") add(f.subject.dst);
  if (f.subject.kind === "address") add(f.subject.address);
  return out;
}

/** Every address the draft's actors contacted (their network logs) or that their findings name. */
export function contactedAddresses(d: Draft, index: FindingIndex): Set<string> {
  const out = new Set<string>();
  for (const p of actors(d))
    for (const n of p.info?.network.items ?? [])
      if (n.destinationIp && n.initiated !== false) out.add(n.destinationIp.toLowerCase());
  for (const f of index.resolve(d.findingIds)) for (const a of findingAddresses(f)) out.add(a);
  return out;
}

/** True when `value` (a command, an image path) names one of `names` as a file. */
export function mentionsName(value: string | undefined, names: ReadonlySet<string>): boolean {
  if (!value || names.size === 0) return false;
  const v = value.toLowerCase();
  for (const n of names) {
    const i = v.indexOf(n);
    if (i < 0) continue;
    const before = i === 0 ? "" : v[i - 1];
    const after = v[i + n.length] ?? "";
    if (/^[\\/"' =]?$/.test(before) && /^["' ,;]?$/.test(after)) return true;
  }
  return false;
}
