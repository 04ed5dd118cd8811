/**
 * The body of an ingest request as a stream of byte chunks, never buffered whole: decompressed when the
 * shipper sends `Content-Encoding: gzip` or `deflate` (Beats and Logstash do), with the body limit
 * enforced on the bytes received and again on the decompressed bytes (a small gzip cannot expand past
 * the limit). Input: the raw request and the limit. Output: async byte chunks; rejects with ApiError
 * 413 (E_LIMIT) past the limit, 415 for an unknown encoding, 400 for a body that cannot be decompressed.
 * When reading stops early the rest of the body is drained (not kept), so the reply can still be sent.
 */
import type { IncomingMessage } from "node:http";
import { createGunzip, createInflate, type Gunzip, type Inflate } from "node:zlib";
import { ApiError } from "../api-error.js";

function tooLarge(limit: number): ApiError {
  return new ApiError(413, "E_LIMIT", `request body larger than ${limit} bytes`);
}

/** The received bytes, counted against the limit; the request is not destroyed when iteration stops. */
async function* received(request: IncomingMessage, limit: number): AsyncGenerator<Buffer> {
  let bytes = 0;
  try {
    for await (const chunk of request.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > limit) throw tooLarge(limit);
      yield chunk;
    }
  } finally {
    if (!request.readableEnded) request.resume();
  }
}

/** Feeds `source` into `decoder`, ending it (or destroying it with the source's error). */
async function pump(source: AsyncGenerator<Buffer>, decoder: Gunzip | Inflate): Promise<void> {
  try {
    for await (const chunk of source) {
      if (decoder.destroyed) break;
      if (!decoder.write(chunk))
        await new Promise<void>((resolve) => {
          decoder.once("drain", resolve);
          decoder.once("close", resolve);
        });
    }
    if (!decoder.destroyed) decoder.end();
  } catch (e) {
    decoder.destroy(e instanceof Error ? e : new Error(String(e)));
  }
}

/** Streams `request`'s body, decoded, at most `limit` bytes before and after decoding. */
export async function* requestBody(request: IncomingMessage, limit: number): AsyncGenerator<Buffer> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    throw tooLarge(limit);
  }
  const encoding = String(request.headers["content-encoding"] ?? "identity")
    .trim()
    .toLowerCase();
  if (encoding === "identity" || encoding === "") {
    yield* received(request, limit);
    return;
  }
  if (encoding !== "gzip" && encoding !== "x-gzip" && encoding !== "deflate") {
    request.resume();
    throw new ApiError(
      415,
      "E_USAGE",
      `unsupported Content-Encoding ${encoding} (use gzip, deflate or none)`,
    );
  }
  const decoder = encoding === "deflate" ? createInflate() : createGunzip();
  const pumping = pump(received(request, limit), decoder);
  let decoded = 0;
  try {
    for await (const chunk of decoder as AsyncIterable<Buffer>) {
      decoded += chunk.length;
      if (decoded > limit) throw tooLarge(limit);
      yield chunk;
    }
  } catch (e) {
    if (e instanceof ApiError) throw e;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("Z_"))
      throw new ApiError(400, "E_USAGE", `the ${encoding} body cannot be decompressed: ${String(e)}`);
    throw e;
  } finally {
    decoder.destroy();
    await pumping;
  }
}
