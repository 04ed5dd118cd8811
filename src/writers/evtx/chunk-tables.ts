/**
 * The per-chunk lookup tables of an EVTX chunk, kept as Windows keeps them: the common string
 * table (64 buckets of element/attribute names, by name hash) and the template pointer table
 * (32 buckets of template definitions). Input: names and templates as the BinXML builder writes
 * them. Output: whether a name/template is already in the chunk (so it is referenced, not
 * rewritten), the "next" link to write into each new entry, and the two tables for the chunk
 * header. A checkpoint/rollback pair undoes the entries of a record that did not fit.
 */

/** Buckets of the common string table (chunk header offset 128). */
export const STRING_TABLE_BUCKETS = 64;
/** Buckets of the template pointer table (chunk header offset 384). */
export const TEMPLATE_TABLE_BUCKETS = 32;

/**
 * The 16-bit name hash stored with every BinXML name: h = h * 65599 + code unit over the
 * UTF-16 code units, low 16 bits kept (matches the hashes in Windows-written files).
 */
export function nameHash(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 65599) + name.charCodeAt(i)) >>> 0;
  return h & 0xffff;
}

/** A template definition already written in this chunk. */
export interface TemplateEntry {
  /** Chunk offset of the definition (its "next template" field) */
  readonly offset: number;
  /** Structural key of the definition, to catch one GUID used for two trees */
  readonly key: string;
}

/** A position in the tables' history, for `rollback`. */
export interface TablesCheckpoint {
  readonly names: number;
  readonly templates: number;
  readonly nameHeads: readonly number[];
  readonly templateHeads: readonly number[];
}

/** Names and templates written so far in one chunk. */
export class ChunkTables {
  private readonly names = new Map<string, number>();
  private readonly nameOrder: string[] = [];
  private nameHeads: number[] = new Array<number>(STRING_TABLE_BUCKETS).fill(0);
  private readonly templates = new Map<string, TemplateEntry>();
  private readonly templateOrder: string[] = [];
  private templateHeads: number[] = new Array<number>(TEMPLATE_TABLE_BUCKETS).fill(0);

  /** Chunk offset of a name already written, if any. */
  nameOffset(name: string): number | undefined {
    return this.names.get(name);
  }

  /**
   * Records a name written at `offset`. Returns the value for its "next" field: the name that
   * headed its bucket until now (0 if none); the new name becomes the head, as Windows does.
   */
  addName(name: string, offset: number): number {
    const bucket = nameHash(name) % STRING_TABLE_BUCKETS;
    const next = this.nameHeads[bucket]!;
    this.nameHeads[bucket] = offset;
    this.names.set(name, offset);
    this.nameOrder.push(name);
    return next;
  }

  /** The template with this (canonical) GUID, if written in this chunk. */
  template(guid: string): TemplateEntry | undefined {
    return this.templates.get(guid);
  }

  /**
   * Records a template definition written at `offset`; returns its "next" field value. The
   * bucket is the template identifier modulo 32 (Windows' own bucket function is not known;
   * readers follow the links and do not depend on it).
   */
  addTemplate(guid: string, templateId: number, key: string, offset: number): number {
    const bucket = templateId % TEMPLATE_TABLE_BUCKETS;
    const next = this.templateHeads[bucket]!;
    this.templateHeads[bucket] = offset;
    this.templates.set(guid, { offset, key });
    this.templateOrder.push(guid);
    return next;
  }

  checkpoint(): TablesCheckpoint {
    return {
      names: this.nameOrder.length,
      templates: this.templateOrder.length,
      nameHeads: [...this.nameHeads],
      templateHeads: [...this.templateHeads],
    };
  }

  /** Forgets everything added after `cp`. */
  rollback(cp: TablesCheckpoint): void {
    for (const n of this.nameOrder.splice(cp.names)) this.names.delete(n);
    for (const g of this.templateOrder.splice(cp.templates)) this.templates.delete(g);
    this.nameHeads = [...cp.nameHeads];
    this.templateHeads = [...cp.templateHeads];
  }

  /** The 64 bucket heads of the common string table. */
  stringTable(): readonly number[] {
    return this.nameHeads;
  }

  /** The 32 bucket heads of the template pointer table. */
  templateTable(): readonly number[] {
    return this.templateHeads;
  }

  /** How many distinct names / templates the chunk holds. */
  get counts(): { readonly names: number; readonly templates: number } {
    return { names: this.nameOrder.length, templates: this.templateOrder.length };
  }
}
