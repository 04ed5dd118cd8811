/**
 * One HTTP GET to a reputation service with Node's built-in `fetch`: a timeout, a cap on the response
 * size, and the status sorted into what the lookup needs to know. Input: URL, headers, limits. Output: an
 * `HttpOutcome` (never throws for network or HTTP problems; throws only if the caller's signal aborts).
 */

/** The `fetch` function used (injectable so tests can prove no call was made). */
export type FetchFunction = typeof fetch;

/** What a response means for a lookup. */
export type HttpOutcome =
  | { readonly kind: "ok"; readonly body: unknown }
  | { readonly kind: "not-found" }
  | { readonly kind: "key-rejected"; readonly httpStatus: number; readonly message: string }
  | { readonly kind: "rate-limited"; readonly retryAfterMs: number | undefined; readonly message: string }
  | { readonly kind: "failed"; readonly reason: string };

/** Request and limits. */
export interface JsonRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Responses larger than this are refused (default 8 MiB). */
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
  readonly fetchImpl?: FetchFunction;
}

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
/** Longest server message quoted in a reason. */
const MAX_MESSAGE = 200;

/** GETs `req.url` and classifies the answer. Rejects only with `req.signal`'s reason when it aborts. */
export async function fetchJson(req: JsonRequest): Promise<HttpOutcome> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const doFetch = req.fetchImpl ?? fetch;
  try {
    const res = await doFetch(req.url, {
      method: "GET",
      headers: { accept: "application/json", ...req.headers },
      signal,
      redirect: "error",
    });
    const text = await readLimited(res, req.maxBytes ?? DEFAULT_MAX_BYTES);
    if (text === undefined)
      return { kind: "failed", reason: `response larger than ${req.maxBytes ?? DEFAULT_MAX_BYTES} bytes` };
    const status = res.status;
    if (status === 200) {
      try {
        return { kind: "ok", body: JSON.parse(text) as unknown };
      } catch {
        return { kind: "failed", reason: "HTTP 200 but the body is not JSON" };
      }
    }
    const message = serverMessage(text);
    if (status === 404) return { kind: "not-found" };
    if (status === 401 || status === 403) return { kind: "key-rejected", httpStatus: status, message };
    if (status === 429)
      return { kind: "rate-limited", retryAfterMs: retryAfterMs(res.headers.get("retry-after")), message };
    return { kind: "failed", reason: `HTTP ${status}${message ? `: ${message}` : ""}` };
  } catch (e) {
    if (req.signal?.aborted) throw req.signal.reason;
    if (timeout.aborted) return { kind: "failed", reason: `no answer within ${req.timeoutMs} ms (timeout)` };
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : "";
    return {
      kind: "failed",
      reason: `request failed: ${e instanceof Error ? e.message : String(e)}${cause}`,
    };
  }
}

/** The body as text, or undefined when it exceeds `max` bytes (reading stops there). */
async function readLimited(res: Response, max: number): Promise<string | undefined> {
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel();
    return undefined;
  }
  if (!res.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The error message from VirusTotal (`{error:{message}}`) or X-Force (`{error}`), shortened. */
function serverMessage(text: string): string {
  let msg = text;
  try {
    const j = JSON.parse(text) as unknown;
    if (typeof j === "object" && j !== null && "error" in j) {
      const err = (j as { error: unknown }).error;
      if (typeof err === "string") msg = err;
      else if (typeof err === "object" && err !== null) {
        const { code, message } = err as { code?: unknown; message?: unknown };
        msg = [code, message].filter((x) => typeof x === "string").join(": ");
      }
    }
  } catch {
    // not JSON: quote the text itself
  }
  const oneLine = msg.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE)}…` : oneLine;
}

/** `Retry-After` in seconds or as an HTTP date, in ms; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
