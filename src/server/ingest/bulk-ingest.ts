/**
 * The Elasticsearch `_bulk` API as shippers use it (Winlogbeat, Elastic Agent, Logstash, rsyslog's
 * omelasticsearch, Fluent Bit): pairs of an action line (`{"index":{…}}` or `{"create":{…}}`) and a
 * document line, streamed into an IngestSession, answered exactly as Elasticsearch answers —
 * `{ took, errors, items: [{ index|create: { _index, _id, status, result | error } }] }`:
 * 201 created; an event already stored is 409 `version_conflict_engine_exception` for `create` (what
 * Elasticsearch does for an existing id; Beats and Logstash count it as done) and 200 `noop` for
 * `index`; a document that cannot be read is 400 `document_parsing_exception`; `update` and `delete`
 * are 400 (events are append-only). A malformed action line ends the request with Elasticsearch's 400
 * `illegal_argument_exception` (what was committed before it stays committed; a retry finds it as
 * duplicates). Input: the request, the index from the path, the session. Output: the bulk answer.
 */
import type { IncomingMessage } from "node:http";
import { randomBytes } from "node:crypto";
import { isJsonObject, parseJsonText } from "../../readers/ndjson/parse-json-text.js";
import { LineSplitter } from "../../readers/text/line-splitter.js";
import type { IngestSession, ItemOutcome, SessionResult } from "./ingest-session.js";
import { requestBody } from "./request-body.js";

/** The bulk operations; only the first two write. */
export const BULK_ACTIONS = ["index", "create", "update", "delete"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** One item of the answer. */
export type BulkItem = { readonly [A in BulkAction]?: BulkItemBody };

export interface BulkItemBody {
  readonly _index: string;
  readonly _id: string;
  readonly status: number;
  readonly result?: string;
  readonly _version?: number;
  readonly error?: { readonly type: string; readonly reason: string };
}

/** The whole answer. */
export interface BulkAnswer {
  readonly took: number;
  readonly errors: boolean;
  readonly items: readonly BulkItem[];
}

/** A malformed action line: the whole request is refused as Elasticsearch does. */
export class BulkSyntaxError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`Malformed action/metadata line [${line}], ${reason}`);
    this.name = "BulkSyntaxError";
  }

  /** Elasticsearch's error body for it (status 400). */
  body(): unknown {
    const e = { type: "illegal_argument_exception", reason: this.message };
    return { error: { root_cause: [e], ...e }, status: 400 };
  }
}

interface ActionMeta {
  readonly action: BulkAction;
  readonly index: string;
  readonly id: string | undefined;
}

/** Parses an action line, or throws BulkSyntaxError. */
function parseAction(text: string, line: number, defaultIndex: string): ActionMeta {
  const parsed = parseJsonText(text);
  if (!parsed.ok || !isJsonObject(parsed.value))
    throw new BulkSyntaxError(line, "expected START_OBJECT or END_OBJECT but found something else");
  const keys = Object.keys(parsed.value);
  const action = keys[0] as BulkAction;
  if (keys.length !== 1 || !(BULK_ACTIONS as readonly string[]).includes(action))
    throw new BulkSyntaxError(
      line,
      `expected one of [${BULK_ACTIONS.join(", ")}] but found [${keys.join(", ")}]`,
    );
  const meta = parsed.value[action];
  if (!isJsonObject(meta)) throw new BulkSyntaxError(line, `expected an object after [${action}]`);
  const index = typeof meta._index === "string" && meta._index !== "" ? meta._index : defaultIndex;
  const id = typeof meta._id === "string" || typeof meta._id === "number" ? String(meta._id) : undefined;
  return { action, index, id };
}

const ES_ERROR_TYPES: Readonly<Record<string, string>> = {
  E_JSON_SYNTAX: "document_parsing_exception",
  E_JSON_SHAPE: "document_parsing_exception",
  E_NORMALIZE: "document_parsing_exception",
  E_LIMIT: "illegal_argument_exception",
  E_USAGE: "action_request_validation_exception",
};

function itemBody(meta: ActionMeta, id: string, outcome: ItemOutcome): BulkItemBody {
  const base = { _index: meta.index, _id: meta.id ?? id };
  switch (outcome.kind) {
    case "created":
      return { ...base, _version: 1, result: "created", status: 201 };
    case "duplicate":
      return meta.action === "create"
        ? {
            ...base,
            status: 409,
            error: {
              type: "version_conflict_engine_exception",
              reason: `[${base._id}]: version conflict, document already exists (current version [1])`,
            },
          }
        : { ...base, _version: 1, result: "noop", status: 200 };
    case "rejected":
      return {
        ...base,
        status: 400,
        error: { type: ES_ERROR_TYPES[outcome.code] ?? "illegal_argument_exception", reason: outcome.reason },
      };
  }
}

/**
 * Reads the bulk body into `session`, commits, and builds Elasticsearch's answer. `_id`s that the
 * action does not give are `<random request id>-<item number>` (as Elasticsearch, a new id per request).
 */
export async function ingestBulk(
  request: IncomingMessage,
  session: IngestSession,
  options: { readonly bodyBytes: number; readonly lineBytes: number; readonly defaultIndex: string },
): Promise<{ readonly answer: BulkAnswer; readonly result: SessionResult }> {
  const started = performance.now();
  const metas: ActionMeta[] = [];
  let pending: ActionMeta | undefined;
  let pendingLine = 0;
  for await (const lines of LineSplitter.lines(requestBody(request, options.bodyBytes), options.lineBytes)) {
    for (const l of lines) {
      if (l.kind === "line" && l.text.trim() === "") continue;
      if (!pending) {
        if (l.kind === "oversize") throw new BulkSyntaxError(l.line, `line of ${l.bytes} bytes is too long`);
        const meta = parseAction(l.text, l.line, options.defaultIndex);
        if (meta.action === "delete") {
          metas.push(meta);
          session.refuse(l.line, "E_USAGE", "delete is not supported: stored events are append-only");
        } else {
          pending = meta;
          pendingLine = l.line;
        }
        continue;
      }
      const meta = pending;
      pending = undefined;
      metas.push(meta);
      if (l.kind === "oversize")
        session.refuse(l.line, "E_LIMIT", `document of ${l.bytes} bytes is longer than ${options.lineBytes}`);
      else if (meta.action === "update")
        session.refuse(l.line, "E_USAGE", "update is not supported: stored events are append-only");
      else await session.document(l.text, l.line);
    }
  }
  if (pending) {
    metas.push(pending);
    session.refuse(pendingLine, "E_USAGE", "the action has no document line after it");
  }
  const result = await session.finish();
  const requestId = randomBytes(6).toString("hex");
  const items: BulkItem[] = metas.map((meta, i) => {
    const outcome = result.items[i] ?? { kind: "rejected", code: "E_INTERNAL", reason: "no outcome" };
    return { [meta.action]: itemBody(meta, `${requestId}-${i}`, outcome) } as unknown as BulkItem;
  });
  return {
    answer: {
      took: Math.round(performance.now() - started),
      errors: items.some((it) => (Object.values(it)[0]?.status ?? 400) >= 300),
      items,
    },
    result,
  };
}
