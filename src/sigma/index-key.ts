/**
 * Index keys: necessary conditions that let the engine skip rules cheaply. A detection whose every
 * match requires one of its keys to hold (e.g. `Image|endswith: '\rundll32.exe'` requires the
 * lower-cased Image basename to be `rundll32.exe`) is only run on events that have one of them.
 * Keys are a superset filter: they never decide a match, the compiled detection does.
 * Input: lower-cased literals from the compiler, lower-cased event values. Output: keys to look up.
 */

export const INDEX_KINDS = ["exact", "basename", "contains"] as const;
export type IndexKind = (typeof INDEX_KINDS)[number];

/**
 * A value-level key: the whole lower-cased value (`exact`), the part after its last backslash
 * (`basename`), or a literal the lower-cased value contains (`contains`, never empty).
 */
export interface IndexKey {
  readonly kind: IndexKind;
  readonly key: string;
}

/** A key on a field. */
export interface IndexAtom extends IndexKey {
  readonly field: string;
}

/** The part of a (lower-cased) value after its last backslash; the whole value when it has none. */
export function basenameOf(value: string): string {
  const i = value.lastIndexOf("\\");
  return i === -1 ? value : value.slice(i + 1);
}

/** Union of alternatives' keys; undefined when any alternative has none (then nothing is necessary). */
export function unionKeys<T>(lists: readonly (readonly T[] | undefined)[]): T[] | undefined {
  const out: T[] = [];
  for (const l of lists) {
    if (l === undefined) return undefined;
    out.push(...l);
  }
  return out;
}

/** How little a key filters: exact and basename lookups are selective, short substrings are not. */
function keyWeight(k: IndexKey): number {
  if (k.kind !== "contains") return 1;
  return k.key.length >= 4 ? 4 : k.key.length === 3 ? 8 : 32;
}

/** For a conjunction: the most selective key list of any operand (each one is necessary on its own). */
export function smallestKeys<T extends IndexKey>(
  lists: readonly (readonly T[] | undefined)[],
): readonly T[] | undefined {
  let best: readonly T[] | undefined;
  let bestWeight = Infinity;
  for (const l of lists) {
    if (l === undefined) continue;
    let w = 0;
    for (const k of l) w += keyWeight(k);
    if (w < bestWeight) {
      best = l;
      bestWeight = w;
    }
  }
  return best;
}
