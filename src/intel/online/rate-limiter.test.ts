import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Clock } from "./clock.js";
import { RateLimiter } from "./rate-limiter.js";

/** Virtual time: sleeping moves the clock forward at once. */
class FakeClock implements Clock {
  t = 1_000_000;
  readonly sleeps: number[] = [];
  now(): number {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.t += ms;
  }
}

describe("RateLimiter", () => {
  it("queues calls beyond the per-minute limit in order and drops none", async () => {
    const clock = new FakeClock();
    const start = clock.t;
    const limiter = new RateLimiter({ perMinute: 2, perDay: 100 }, clock);
    const grants: Array<{ i: number; at: number }> = [];
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        limiter.acquire().then((d) => {
          assert.equal(d, "granted");
          grants.push({ i, at: clock.t - start });
        }),
      ),
    );
    assert.deepEqual(grants, [
      { i: 0, at: 0 },
      { i: 1, at: 0 },
      { i: 2, at: 60_000 },
      { i: 3, at: 60_000 },
      { i: 4, at: 120_000 },
    ]);
    assert.equal(limiter.usedToday, 5);
  });

  it("does not wait when the earlier calls are more than a minute old", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ perMinute: 1, perDay: 100 }, clock);
    await limiter.acquire();
    clock.t += 61_000;
    await limiter.acquire();
    assert.deepEqual(clock.sleeps, []);
  });

  it("stops with daily-quota-used once the day's budget is spent, and starts again a day later", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ perMinute: 100, perDay: 3 }, clock);
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await limiter.acquire());
    assert.deepEqual(decisions, ["granted", "granted", "granted", "daily-quota-used", "daily-quota-used"]);
    clock.t += 86_400_000;
    assert.equal(await limiter.acquire(), "granted");
    assert.equal(limiter.usedToday, 1);
  });

  it("an aborted waiter rejects and the queue keeps serving the next ones", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ perMinute: 1, perDay: 100 }, clock);
    await limiter.acquire();
    const ac = new AbortController();
    ac.abort(new Error("stop"));
    await assert.rejects(limiter.acquire(ac.signal), /stop/);
    assert.equal(await limiter.acquire(), "granted");
  });

  it("refuses limits below 1", () => {
    assert.throws(() => new RateLimiter({ perMinute: 0, perDay: 10 }), RangeError);
    assert.throws(() => new RateLimiter({ perMinute: 4, perDay: Number.NaN }), RangeError);
  });
});
