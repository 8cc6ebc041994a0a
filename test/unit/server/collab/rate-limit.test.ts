import { describe, expect, it } from "vitest";
import { TokenBucket } from "../../../../server/collab/rate-limit";

describe("a token bucket", () => {
  it("allows a burst up to its capacity, then refuses until time refills it at its rate", () => {
    let now = 0;
    const bucket = new TokenBucket(3, 2, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now = 499;
    expect(bucket.take()).toBe(false);
    now = 500; // half a second at 2 per second: one token
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it("never holds more than its capacity, however long it was idle", () => {
    let now = 0;
    const bucket = new TokenBucket(2, 10, () => now);
    now = 60_000;
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
  });

  it("takes amounts (bytes) as well as single messages, and a refused take costs nothing", () => {
    let now = 0;
    const bucket = new TokenBucket(1000, 1000, () => now);
    expect(bucket.take(800)).toBe(true);
    expect(bucket.take(300)).toBe(false);
    expect(bucket.take(200)).toBe(true);
    now = 300;
    expect(bucket.take(300)).toBe(true);
  });
});
