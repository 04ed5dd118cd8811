/**
 * `POST /api/ingest`: a body of newline-delimited JSON, one document per line (blank lines ignored),
 * streamed line by line into an IngestSession. Input: the request, the body limit, the session. Output:
 * the session's result. A line longer than the line limit is refused (E_LIMIT) without being buffered.
 */
import type { IncomingMessage } from "node:http";
import { LineSplitter } from "../../readers/text/line-splitter.js";
import type { IngestSession, SessionResult } from "./ingest-session.js";
import { requestBody } from "./request-body.js";

/** Reads every line of the body into `session` and commits. */
export async function ingestNdjson(
  request: IncomingMessage,
  session: IngestSession,
  limits: { readonly bodyBytes: number; readonly lineBytes: number },
): Promise<SessionResult> {
  for await (const lines of LineSplitter.lines(requestBody(request, limits.bodyBytes), limits.lineBytes)) {
    for (const l of lines) {
      if (l.kind === "oversize") {
        session.refuse(l.line, "E_LIMIT", `line of ${l.bytes} bytes is longer than ${limits.lineBytes}`);
        continue;
      }
      const text = l.line === 1 && l.text.charCodeAt(0) === 0xfeff ? l.text.slice(1) : l.text;
      if (text.trim() === "") continue;
      await session.document(text, l.line);
    }
  }
  return session.finish();
}
