/**
 * Shannon entropy of a byte stream, fed in chunks. Input: chunks of bytes. Output: bits per byte,
 * 0 (constant) to 8 (random or compressed/encrypted: a packed section shows above ~7.2).
 */

/** Counts byte values across chunks and reports their entropy. */
export class EntropyCounter {
  private readonly counts = new Float64Array(256);
  private total = 0;

  /** Adds the bytes of one chunk. */
  add(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) this.counts[chunk[i] as number]++;
    this.total += chunk.length;
  }

  /** Bits per byte, rounded to 3 decimals; 0 for no bytes. */
  get entropy(): number {
    if (this.total === 0) return 0;
    let h = 0;
    for (const c of this.counts) {
      if (c === 0) continue;
      const p = c / this.total;
      h -= p * Math.log2(p);
    }
    return Math.round(h * 1000) / 1000;
  }
}

/** Entropy of one buffer, in bits per byte. */
export function shannonEntropy(bytes: Uint8Array): number {
  const counter = new EntropyCounter();
  counter.add(bytes);
  return counter.entropy;
}
