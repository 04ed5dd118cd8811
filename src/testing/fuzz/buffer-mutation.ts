/**
 * Test support: byte-level mutations for fuzzing binary and text parsers — bit flips, byte / int16 /
 * int32 overwrites, length-field inflation, truncation, splices (bytes copied from elsewhere in the
 * same input), insertions and removals. Mutations are plain data (so fast-check can generate and
 * shrink them, and a failing case can be printed and replayed); offsets are taken modulo the input
 * length when applied, so a mutation list fits any input.
 * Input: a buffer and a list of mutations. Output: a new, mutated buffer (the input is not changed).
 */

/** The kinds of mutation. */
export const MUTATION_KINDS = [
  "flip",
  "set8",
  "set16",
  "set32",
  "inflate",
  "truncate",
  "splice",
  "insert",
  "remove",
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export type Mutation =
  /** Flips bit `bit` (0–7) of the byte at `at` */
  | { readonly kind: "flip"; readonly at: number; readonly bit: number }
  /** Writes `value` as a u8 / u16 LE / u32 LE at `at` */
  | { readonly kind: "set8" | "set16" | "set32"; readonly at: number; readonly value: number }
  /** Makes the u16 or u32 LE at `at` claim more: multiplied by `factor`, or set to its maximum when factor is 0 */
  | { readonly kind: "inflate"; readonly at: number; readonly width: 2 | 4; readonly factor: number }
  /** Cuts the input at `at` (zero-filled when the length is kept) */
  | { readonly kind: "truncate"; readonly at: number }
  /** Copies `length` bytes from `from` over the bytes at `at` */
  | { readonly kind: "splice"; readonly at: number; readonly from: number; readonly length: number }
  /** Inserts `bytes` at `at` */
  | { readonly kind: "insert"; readonly at: number; readonly bytes: readonly number[] }
  /** Removes `length` bytes at `at` */
  | { readonly kind: "remove"; readonly at: number; readonly length: number };

export interface ApplyOptions {
  /**
   * Keep the input's length (for fixed-size structures such as a 64 KiB EVTX chunk): truncation
   * zero-fills the tail, insertions push bytes off the end, removals zero-fill it.
   */
  readonly keepLength?: boolean;
  /** Offsets below this are never touched (e.g. a header the harness fuzzes separately) */
  readonly protect?: number;
}

function place(at: number, length: number, protect: number): number {
  const span = length - protect;
  if (span <= 0) return length;
  return protect + (((at % span) + span) % span);
}

/** Applies `mutations` in order to a copy of `input`. */
export function applyMutations(
  input: Uint8Array,
  mutations: readonly Mutation[],
  options: ApplyOptions = {},
): Buffer {
  const protect = options.protect ?? 0;
  let b = Buffer.from(input);
  const fixed = b.length;
  for (const m of mutations) {
    if (b.length === 0 || b.length <= protect) break;
    const at = place(m.at, b.length, protect);
    switch (m.kind) {
      case "flip":
        b[at] = b[at]! ^ (1 << (m.bit & 7));
        break;
      case "set8":
        b[at] = m.value & 0xff;
        break;
      case "set16":
        if (at + 2 <= b.length) b.writeUInt16LE(m.value & 0xffff, at);
        break;
      case "set32":
        if (at + 4 <= b.length) b.writeUInt32LE(m.value >>> 0, at);
        break;
      case "inflate":
        if (m.width === 2 && at + 2 <= b.length) {
          const v = b.readUInt16LE(at);
          b.writeUInt16LE(m.factor === 0 ? 0xffff : Math.min(0xffff, Math.max(1, v) * m.factor), at);
        } else if (m.width === 4 && at + 4 <= b.length) {
          const v = b.readUInt32LE(at);
          b.writeUInt32LE(m.factor === 0 ? 0xffffffff : Math.min(0xffffffff, Math.max(1, v) * m.factor), at);
        }
        break;
      case "truncate":
        if (options.keepLength) b.fill(0, at);
        else b = b.subarray(0, at);
        break;
      case "splice": {
        const from = place(m.from, b.length, 0);
        const n = Math.min(m.length, b.length - at, b.length - from);
        b.copy(b, at, from, from + n);
        break;
      }
      case "insert":
        b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes.map((x) => x & 0xff)), b.subarray(at)]);
        break;
      case "remove":
        b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + m.length))]);
        break;
    }
    if (options.keepLength && b.length !== fixed) {
      const out = Buffer.alloc(fixed);
      b.copy(out, 0, 0, Math.min(fixed, b.length));
      b = out;
    }
  }
  return options.keepLength ? b : Buffer.from(b);
}

/** One line per mutation, for failure reports. */
export function describeMutations(mutations: readonly Mutation[]): string {
  return mutations
    .map((m) => {
      const { kind, ...rest } = m;
      return `${kind} ${JSON.stringify(rest)}`;
    })
    .join("\n");
}
