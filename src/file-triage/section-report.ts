/**
 * One PE section as reported: its header fields, permissions and the entropy of its raw data (read in
 * chunks). Input: a ByteSource and a PeSection. Output: a PeSectionReport.
 */
import { type ByteSource, forEachChunk } from "./byte-source.js";
import { EntropyCounter } from "./entropy.js";
import type { PeSection } from "./pe-headers.js";

/** A section with its entropy. */
export interface PeSectionReport {
  readonly name: string;
  readonly virtualAddress: number;
  readonly virtualSize: number;
  readonly rawOffset: number;
  readonly rawSize: number;
  /** "r", "w", "x" as set, e.g. "rx" */
  readonly permissions: string;
  /** Bits per byte of the raw data, 0–8 */
  readonly entropy: number;
}

/** Reads the section's raw bytes (clipped to the file) and measures their entropy. */
export async function reportSection(source: ByteSource, section: PeSection): Promise<PeSectionReport> {
  const counter = new EntropyCounter();
  await forEachChunk(source, section.rawOffset, section.rawOffset + section.rawSize, (c) => counter.add(c));
  const c = section.characteristics;
  const permissions =
    ((c & 0x40000000) !== 0 ? "r" : "") +
    ((c & 0x80000000) !== 0 ? "w" : "") +
    ((c & 0x20000000) !== 0 ? "x" : "");
  return {
    name: section.name,
    virtualAddress: section.virtualAddress,
    virtualSize: section.virtualSize,
    rawOffset: section.rawOffset,
    rawSize: section.rawSize,
    permissions,
    entropy: counter.entropy,
  };
}
