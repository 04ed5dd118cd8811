/**
 * MISP feeds: a feed directory (`manifest.json` listing event UUIDs, one `<uuid>.json` per event) or a
 * single event JSON (`{"Event": {...}}`). Attributes of the event and of its objects become indicators:
 * hash types (also `filename|sha256` and the like), `ip-src`/`ip-dst` (also `|port`), `domain`,
 * `hostname`, `domain|ip` (both), `url`. Other attribute types (filenames, text, …) are not indicators
 * and are counted as ignored. Event tags give tags, the malware family (`misp-galaxy:malpedia="…"`)
 * and kill-chain stages (`kill-chain:…`); an attribute with `to_ids: false` gets half the confidence.
 * A bad attribute is reported at file:line (of its value) and skipped.
 * Input: a path (directory or file) and an import sink. Output: indicators in the sink's store.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { IntelImportSink } from "../intel-import.js";
import { splitTags, toIsoTime } from "../intel-import.js";
import { arrayField, asObject, type JsonLocator, readJsonDocument, stringField } from "../json-document.js";

/** MISP attribute types read as indicators (after the `|` of a composite type). */
const MISP_VALUE_TYPES = [
  "md5",
  "sha1",
  "sha256",
  "imphash",
  "ip-src",
  "ip-dst",
  "domain",
  "hostname",
  "url",
] as const;

/** Most events read from one manifest. */
const MAX_MANIFEST_EVENTS = 100_000;

interface EventMeta {
  readonly tags: string[];
  readonly family: string | undefined;
  readonly killChain: string[];
  readonly source: string;
}

function eventMeta(event: Record<string, unknown>): EventMeta {
  const tags: string[] = [];
  let family: string | undefined;
  const killChain: string[] = [];
  for (const t of arrayField(event, "Tag")) {
    const name = stringField(asObject(t), "name");
    if (!name) continue;
    const galaxy = /^misp-galaxy:(?:malpedia|mitre-malware|tool)="([^"]+)"$/.exec(name);
    if (galaxy) family ??= galaxy[1];
    const kc = /^kill-chain:(.+)$/.exec(name);
    if (kc) killChain.push(kc[1]!.replace(/^"|"$/g, "").toLowerCase());
    tags.push(name.toLowerCase());
  }
  const org = stringField(asObject(event.Orgc), "name");
  return { tags: tags.slice(0, 32), family, killChain, source: org ? `misp:${org}` : "misp" };
}

function importAttribute(
  attribute: Record<string, unknown>,
  meta: EventMeta,
  eventDate: string | undefined,
  sink: IntelImportSink,
  file: string,
  locator: JsonLocator,
): void {
  const type = stringField(attribute, "type") ?? "";
  const rawValue = stringField(attribute, "value") ?? "";
  const parts = type.split("|");
  const values = rawValue.split("|");
  const line = locator.lineOf(rawValue);
  let any = false;
  for (let i = 0; i < parts.length && i < values.length; i++) {
    const t = parts[i]!;
    if (!(MISP_VALUE_TYPES as readonly string[]).includes(t)) continue;
    any = true;
    const toIds = attribute.to_ids !== false;
    sink.offer(
      {
        value: values[i]!,
        type: t === "hostname" ? "domain" : t,
        tags: [...meta.tags, ...splitTags(stringField(attribute, "category")?.replace(/\s+/g, "-"))],
        source: meta.source,
        firstSeen: toIsoTime(stringField(attribute, "first_seen")) ?? eventDate,
        lastSeen: toIsoTime(stringField(attribute, "last_seen") ?? stringField(attribute, "timestamp")),
        ...(meta.family !== undefined && { family: meta.family }),
        ...(meta.killChain.length > 0 && { killChain: meta.killChain }),
        ...(!toIds && { confidence: Math.round(sink.options.confidence / 2) }),
      },
      {
        file,
        line,
        ...(stringField(attribute, "uuid") !== undefined && { recordId: stringField(attribute, "uuid") }),
      },
    );
  }
  if (!any) sink.stats.ignored++;
}

/** Imports one MISP event file (`{"Event": …}`, or a bare event object). */
export async function importMispEvent(file: string, sink: IntelImportSink): Promise<void> {
  const doc = await readJsonDocument(file, sink.options.maxJsonBytes, sink.diagnostics);
  if (!doc) return;
  const root = asObject(doc.value);
  const event = asObject(root?.Event) ?? (root && "Attribute" in root ? root : undefined);
  if (!event) {
    sink.diagnostics.error("E_JSON_SHAPE", 'MISP event: no "Event" object with "Attribute"s; skipped', {
      file,
    });
    return;
  }
  const meta = eventMeta(event);
  const eventDate = toIsoTime(stringField(event, "date"));
  const attributes = [
    ...arrayField(event, "Attribute"),
    ...arrayField(event, "Object").flatMap((o) => arrayField(asObject(o), "Attribute")),
  ];
  for (const a of attributes) {
    const attribute = asObject(a);
    if (!attribute) {
      sink.skip("MISP attribute is not an object", { file });
      continue;
    }
    importAttribute(attribute, meta, eventDate, sink, file, doc.locator);
  }
}

/** Imports a MISP feed directory (its manifest.json and the event files it lists). */
export async function importMispFeed(dir: string, sink: IntelImportSink): Promise<void> {
  const manifestFile = join(dir, "manifest.json");
  const doc = await readJsonDocument(manifestFile, sink.options.maxJsonBytes, sink.diagnostics);
  if (!doc) return;
  const manifest = asObject(doc.value);
  if (!manifest) {
    sink.diagnostics.error("E_JSON_SHAPE", "MISP manifest: not an object of event UUIDs; skipped", {
      file: manifestFile,
    });
    return;
  }
  let n = 0;
  for (const uuid of Object.keys(manifest)) {
    if (++n > MAX_MANIFEST_EVENTS) {
      sink.diagnostics.warn(
        "E_LIMIT",
        `MISP manifest lists over ${MAX_MANIFEST_EVENTS} events; the rest are skipped`,
        {
          file: manifestFile,
        },
      );
      break;
    }
    if (!/^[0-9a-fA-F-]{36}$/.test(uuid)) {
      sink.skip(`MISP manifest key "${uuid.slice(0, 60)}" is not an event UUID`, {
        file: manifestFile,
        line: doc.locator.lineOf(uuid),
      });
      continue;
    }
    const eventFile = join(dir, `${uuid}.json`);
    try {
      await stat(eventFile);
    } catch {
      sink.diagnostics.warn(
        "E_IO",
        `MISP event ${uuid} listed in the manifest has no file ${uuid}.json; skipped`,
        {
          file: manifestFile,
          line: doc.locator.lineOf(uuid),
        },
      );
      continue;
    }
    await importMispEvent(eventFile, sink);
  }
}
