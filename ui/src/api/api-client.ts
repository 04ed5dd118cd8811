/**
 * The HTTP client of the API under `/api/`: adds `Authorization: Bearer <token>` to every call, turns the
 * server's `{ error: { code, message } }` answers into ApiFailure, and reports a 401 so the app can show
 * the login page. Input: a path and query/body. Output: the parsed JSON (typed by the caller after the
 * contract in src/server/api-contract.ts), or an ApiFailure.
 */
import { currentToken } from "./token-store.js";

/** A failed API call: the HTTP status (0 when the network failed) and the server's error code. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "ApiFailure";
    this.status = status;
    this.code = code;
  }
}

/** Query parameters; undefined and empty values are left out. */
export type QueryParams = Readonly<Record<string, string | number | undefined>>;

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Calls `listener` whenever the API answers 401 (no, invalid or revoked token). Returns the unsubscribe. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** `/api/x?a=1&b=2` from a path and parameters. */
export function apiUrl(path: string, params: QueryParams = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return `/api/${path.replace(/^\/+/, "")}${s ? `?${s}` : ""}`;
}

function headers(extra: Readonly<Record<string, string>> = {}): Headers {
  const h = new Headers(extra);
  const token = currentToken();
  if (token !== undefined) h.set("Authorization", `Bearer ${token}`);
  return h;
}

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

async function failure(res: Response): Promise<ApiFailure> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  try {
    const body: unknown = await res.json();
    const err = isRecord(body) ? body.error : undefined;
    if (isRecord(err)) {
      if (typeof err.code === "string") code = err.code;
      if (typeof err.message === "string") message = err.message;
    }
  } catch {
    // not JSON: keep the status text
  }
  if (res.status === 401) for (const l of unauthorizedListeners) l();
  return new ApiFailure(res.status, code, message);
}

async function send(url: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, credentials: "same-origin", cache: "no-store" });
  } catch (e) {
    throw new ApiFailure(0, "NETWORK", e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) throw await failure(res);
  return res;
}

async function json(res: Response): Promise<unknown> {
  if (res.status === 204) return undefined;
  try {
    return await res.json();
  } catch {
    throw new ApiFailure(res.status, "BAD_JSON", `the server's answer to ${res.url} is not JSON`);
  }
}

/**
 * GET a JSON resource. The result is typed by the caller after the API contract (the server is ours and
 * generates its OpenAPI document from the same types); it is at least checked to be a JSON value.
 */
export async function apiGet<T>(path: string, params: QueryParams = {}, signal?: AbortSignal): Promise<T> {
  const res = await send(apiUrl(path, params), { method: "GET", headers: headers(), signal: signal ?? null });
  return (await json(res)) as T;
}

/** POST a JSON body; returns the parsed answer (undefined for 204). */
export async function apiPost<T>(path: string, body: unknown): Promise<T> {
  const res = await send(apiUrl(path), {
    method: "POST",
    headers: headers({ "Content-Type": "application/json" }),
    body: JSON.stringify(body),
  });
  return (await json(res)) as T;
}

/** DELETE a resource; returns the parsed answer (undefined for 204). */
export async function apiDelete<T>(path: string): Promise<T> {
  const res = await send(apiUrl(path), { method: "DELETE", headers: headers() });
  return (await json(res)) as T;
}

/** POST raw bytes (a file upload) with a content type. */
export async function apiUpload<T>(path: string, params: QueryParams, body: Blob): Promise<T> {
  const res = await send(apiUrl(path, params), {
    method: "POST",
    headers: headers({ "Content-Type": "application/octet-stream" }),
    body,
  });
  return (await json(res)) as T;
}

/** The file name of a Content-Disposition header (`filename*=` UTF-8 first), else undefined. */
export function dispositionFileName(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // malformed: fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || undefined;
}

/** A file name safe to offer the browser's save dialog: no folders, no control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "_").slice(0, 200);
  return clean === "" || clean === "." || clean === ".." ? "download" : clean;
}

/**
 * Downloads an API resource with the token (fetch + Blob + a temporary object URL) and hands it to the
 * browser's save dialog under the server's file name (Content-Disposition) or `fallbackName`.
 */
export async function apiDownload(path: string, fallbackName: string): Promise<string> {
  const res = await send(apiUrl(path), { method: "GET", headers: headers() });
  const blob = await res.blob();
  const name = safeFileName(dispositionFileName(res.headers.get("Content-Disposition")) ?? fallbackName);
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.rel = "noopener";
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // give the browser a moment to start the download before the URL goes away
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return name;
}
