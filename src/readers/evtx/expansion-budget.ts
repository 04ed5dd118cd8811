/**
 * The work bound on walking a record's node tree. Parsing is linear in the record's bytes, but the
 * walk is not: a template that uses a nested-BinXML substitution K times, whose value is an instance
 * of the same template, expands K^depth times (a 200-byte record with K = 4 and 8 levels took 23 s
 * before this bound), and a nested value that contains a substitution of itself never ends.
 * The chunk decoder arms the budget for each record; the walkers (field extraction, XML rendering)
 * spend one unit per node visited and mark each nested value while they expand it. Outside an armed
 * record (direct calls in tests) nothing is counted.
 * Input: begin/end calls from the chunk decoder, spend/enter/leave calls from the walkers.
 * Output: a MikiwameError (E_EVTX_BINXML) when a record or its chunk exceeds the bound.
 */
import { MikiwameError } from "../../diagnostics/mikiwame-error.js";

/** Nodes one record's walk may visit (an honest record visits a few hundred; a whole chunk's template ~16k). */
export const MAX_RECORD_EXPANSION = 200_000;
/** Nodes the walks of all records of one chunk may visit together. */
export const MAX_CHUNK_EXPANSION = 4_000_000;

let armed = false;
let recordLeft = 0;
let chunkLeft = MAX_CHUNK_EXPANSION;
const active = new Set<object>();

/** Starts a chunk: its records share MAX_CHUNK_EXPANSION. */
export function beginChunkExpansion(): void {
  chunkLeft = MAX_CHUNK_EXPANSION;
}

/** True when the chunk's budget is spent (its remaining records are not walked). */
export function chunkExpansionSpent(): boolean {
  return chunkLeft <= 0;
}

/** Arms the budget for one record. */
export function beginRecordExpansion(): void {
  armed = true;
  recordLeft = MAX_RECORD_EXPANSION;
  active.clear();
}

/** Disarms it (also after a record failed). */
export function endRecordExpansion(): void {
  armed = false;
  active.clear();
}

/** Spends `n` units; throws E_EVTX_BINXML when the record or the chunk has none left. */
export function spendExpansion(n = 1): void {
  if (!armed) return;
  recordLeft -= n;
  chunkLeft -= n;
  if (recordLeft < 0)
    throw new MikiwameError(
      "E_EVTX_BINXML",
      `record expands to more than ${MAX_RECORD_EXPANSION} nodes through repeated nested substitutions (a substitution bomb); record skipped`,
    );
  if (chunkLeft < 0)
    throw new MikiwameError(
      "E_EVTX_BINXML",
      `the records of this chunk expand to more than ${MAX_CHUNK_EXPANSION} nodes (substitution bombs); rest of the chunk skipped`,
    );
}

/** Marks a nested value as being expanded; throws when it already is (it contains itself). */
export function enterNested(value: object): void {
  if (!armed) return;
  if (active.has(value))
    throw new MikiwameError(
      "E_EVTX_BINXML",
      "a nested BinXML substitution value refers to itself (substitution loop); record skipped",
    );
  active.add(value);
}

/** Ends the expansion of a nested value. */
export function leaveNested(value: object): void {
  if (armed) active.delete(value);
}
