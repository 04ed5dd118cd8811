/**
 * Test support for the store suites: open-use-close, collecting an event stream, the store's event
 * order, and checking a rejected call's error code. Input: a store or a promise. Output: values or
 * assertion failures.
 */
import assert from "node:assert/strict";
import { MikiwameError } from "../diagnostics/mikiwame-error.js";
import type { Event } from "../events/event.js";
import type { Store } from "./store.js";

/** Opens a store, runs `body`, closes the store whatever happens. */
export async function withStore(
  open: () => Promise<Store>,
  body: (store: Store) => Promise<void>,
): Promise<void> {
  const store = await open();
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

/** Every event of an async iterable. */
export async function collect(events: AsyncIterable<Event>): Promise<Event[]> {
  const out: Event[] = [];
  for await (const e of events) out.push(e);
  return out;
}

/** `events` in store order: host, then time (untimed last), then the given order. */
export function inStoreOrder(events: readonly Event[]): Event[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      if (a.e.host !== b.e.host) return a.e.host < b.e.host ? -1 : 1;
      const ta = a.e.time?.ms ?? Number.POSITIVE_INFINITY;
      const tb = b.e.time?.ms ?? Number.POSITIVE_INFINITY;
      return ta !== tb ? ta - tb : a.i - b.i;
    })
    .map((x) => x.e);
}

/** Asserts that `promise` rejects with a MikiwameError of `code` (and returns it for more checks). */
export async function rejectsWith(
  promise: Promise<unknown>,
  code: string,
  message?: RegExp,
): Promise<MikiwameError> {
  let caught: unknown;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof MikiwameError, `expected a MikiwameError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (message) assert.match(caught.message, message);
  return caught;
}
