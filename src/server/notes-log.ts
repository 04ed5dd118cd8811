/**
 * Analyst notes on incidents, `<data dir>/notes.jsonl`: append-only, fsync'd, one note per line (the
 * store has no notes table; notes outlive analysis runs because incident ids are stable). Input: a note's
 * incident, author and text. Output: the stored Note; the notes of one incident, oldest first.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Diagnostics } from "../diagnostics/diagnostics.js";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { Note } from "./api-contract.js";
import { JsonLinesLog } from "./json-lines-log.js";

export const NOTES_FILE_NAME = "notes.jsonl";
/** Longest note text. */
export const MAX_NOTE_CHARS = 10_000;
/** Most notes returned for one incident (the oldest are kept). */
export const MAX_NOTES_PER_INCIDENT = 1000;

function decodeNote(v: unknown): Note | string {
  if (typeof v !== "object" || v === null) return "not an object";
  const o = v as Record<string, unknown>;
  for (const k of ["id", "incidentId", "author", "at", "text"] as const)
    if (typeof o[k] !== "string") return `${k} is required`;
  return {
    id: o.id as string,
    incidentId: o.incidentId as string,
    author: o.author as string,
    at: o.at as string,
    text: o.text as string,
  };
}

export class NotesLog {
  private readonly log: JsonLinesLog<Note>;

  constructor(dataDir: string, diagnostics?: Diagnostics) {
    this.log = new JsonLinesLog(join(dataDir, NOTES_FILE_NAME), decodeNote, "E_SERVER", diagnostics);
  }

  /** Adds a note (durably). Throws E_USAGE for an empty or over-long text. */
  async add(incidentId: string, author: string, text: string, now = new Date()): Promise<Note> {
    const t = text.trim();
    if (t === "" || t.length > MAX_NOTE_CHARS)
      throw new MikiwameError("E_USAGE", `a note must have 1 to ${MAX_NOTE_CHARS} characters`);
    const note: Note = {
      id: `N-${randomBytes(6).toString("hex")}`,
      incidentId,
      author,
      at: now.toISOString(),
      text: t,
    };
    await this.log.append(note, true);
    return note;
  }

  /** The notes of an incident, oldest first (at most MAX_NOTES_PER_INCIDENT). */
  async of(incidentId: string): Promise<Note[]> {
    const notes: Note[] = [];
    await this.log.scan((n) => {
      if (n.incidentId === incidentId && notes.length < MAX_NOTES_PER_INCIDENT) notes.push(n);
    });
    return notes;
  }
}
