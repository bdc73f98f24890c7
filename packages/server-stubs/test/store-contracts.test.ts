// The store classes called directly, as a custom server or a second process would: exact take()
// results (remaining, resetAt, retryAfter) on both implementations, when memory is swept, when
// records expire, which writes an owner token may make, and how the Redis stores lay out keys and
// treat the client library's errors. (stores.test.ts drives the same stores through the runtime.)

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type IdempotencyStore,
  MemoryIdempotencyStore,
  MemoryRateLimitStore,
  type RateLimitStore,
  RedisIdempotencyStore,
  type RedisLike,
  RedisRateLimitStore,
  type TakeResult,
} from "../src/index.js";
import { type RunningRedis, redisServerAvailable, requireRedisInCi, startRedis } from "./redis-server.js";

requireRedisInCi();

let redis: RunningRedis | undefined;
let prefixes = 0;
beforeAll(async () => {
  if (redisServerAvailable()) redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const redisPrefix = () => `c${++prefixes}:`;

const kits: Array<{ name: string; rateLimit(): RateLimitStore | null; idempotency(): IdempotencyStore | null }> = [
  { name: "memory", rateLimit: () => new MemoryRateLimitStore(), idempotency: () => new MemoryIdempotencyStore() },
  {
    name: "redis",
    rateLimit: () => (redis ? new RedisRateLimitStore(redis.client(), { prefix: redisPrefix() }) : null),
    idempotency: () => (redis ? new RedisIdempotencyStore(redis.client(), { prefix: redisPrefix() }) : null),
  },
];

const T0 = Date.UTC(2026, 4, 20, 12, 0, 0); // a whole second
const S0 = T0 / 1000;

describe.each(kits)("$name stores", (kit) => {
  it("take(): remaining, resetAt (epoch s when full again) and retryAfter, with fractional refill", async ({
    skip,
  }) => {
    const store = kit.rateLimit();
    if (!store) return skip();
    const spec = { capacity: 3, refillPerSecond: 0.1 }; // 6/min: one token per 10 s, full in 30 s
    const take = async (ms: number): Promise<TakeResult> => store.take("team:b", spec, ms);
    expect(await take(T0)).toEqual({ allowed: true, remaining: 2, resetAt: S0 + 10, retryAfter: 0 });
    expect(await take(T0)).toEqual({ allowed: true, remaining: 1, resetAt: S0 + 20, retryAfter: 0 });
    expect(await take(T0)).toEqual({ allowed: true, remaining: 0, resetAt: S0 + 30, retryAfter: 0 });
    expect(await take(T0)).toEqual({ allowed: false, remaining: 0, resetAt: S0 + 30, retryAfter: 10 });
    // 5 s later half a token is back: the next one is 5 s away, and the bucket is full at +30 s.
    expect(await take(T0 + 5_000)).toEqual({ allowed: false, remaining: 0, resetAt: S0 + 30, retryAfter: 5 });
    // 10 s in, a whole token: taken, 0.0 left again, so full 30 s from now.
    expect(await take(T0 + 10_000)).toEqual({ allowed: true, remaining: 0, resetAt: S0 + 40, retryAfter: 0 });
  });

  it("records expire at expiresAt exactly; an in-flight record carries no response", async ({ skip }) => {
    const store = kit.idempotency();
    if (!store) return skip();
    expect(await store.claim("k", "fp", "me", 5_000, 1_000)).toEqual({ claimed: true });
    expect(await store.get("k", 4_999)).toStrictEqual({ fingerprint: "fp", state: "in_flight", expiresAt: 5_000 });
    expect(await store.get("k", 5_000)).toBeNull();
  });

  it("a claim by the owner of a completed record gets the record back, not the key", async ({ skip }) => {
    const store = kit.idempotency();
    if (!store) return skip();
    await store.claim("k", "fp", "me", 60_000, 1_000);
    await store.complete("k", "fp", "me", { status: 201, body: { id: 1 } }, 90_000, 1_001);
    expect(await store.claim("k", "fp", "me", 90_000, 1_002)).toStrictEqual({
      claimed: false,
      record: { fingerprint: "fp", state: "completed", expiresAt: 90_000, response: { status: 201, body: { id: 1 } } },
    });
  });

  it("complete and release need the claim's owner and fingerprint; release only frees an in-flight claim", async ({
    skip,
  }) => {
    const store = kit.idempotency();
    if (!store) return skip();
    await store.claim("k", "fp", "me", 60_000, 1_000);
    await store.complete("k", "other-fp", "me", { status: 201, body: 1 }, 90_000, 1_001);
    await store.release("k", "other-fp", "me");
    expect(await store.get("k", 1_002)).toStrictEqual({ fingerprint: "fp", state: "in_flight", expiresAt: 60_000 });
    await store.complete("k", "fp", "me", { status: 201, body: 2 }, 90_000, 1_003);
    await store.release("k", "fp", "me");
    expect(await store.get("k", 1_004)).toMatchObject({ state: "completed", response: { body: 2 } });
  });
});

describe("memory stores: bounded by sweeps", () => {
  const spec = { capacity: 1, refillPerSecond: 1 };

  it("a sweep drops only buckets that are full again: an emptied bucket stays empty", () => {
    const store = new MemoryRateLimitStore();
    expect(store.take("k", spec, 0).allowed).toBe(true); // empty; full again at 1 000 ms
    store.sweep(500);
    expect(store.size).toBe(1);
    expect(store.take("k", spec, 500)).toMatchObject({ allowed: false, retryAfter: 1 });
    store.sweep(800);
    expect(store.take("k", spec, 800).allowed).toBe(false);
    store.sweep(999);
    expect(store.size).toBe(1);
    store.sweep(1_000);
    expect(store.size).toBe(0);
  });

  it("takes sweep every 10 000th call, not on each", () => {
    const store = new MemoryRateLimitStore();
    store.take("stale", spec, 0); // full again at 1 000 ms
    for (let i = 2; i < 10_000; i++) store.take(`k${i}`, spec, 2_000); // full again at 3 000 ms
    expect(store.size).toBe(9_999);
    store.take("last", spec, 3_000); // the 10 000th call sweeps all full buckets first
    expect(store.size).toBe(1);
  });

  it("close() forgets every bucket", () => {
    const store = new MemoryRateLimitStore();
    store.take("k", spec, 0);
    store.close();
    expect(store.size).toBe(0);
    expect(store.take("k", spec, 0).allowed).toBe(true);
  });

  it("an idempotency sweep drops records at their expiry, not before", async () => {
    const store = new MemoryIdempotencyStore();
    await store.claim("a", "fp", "me", 1_000, 0);
    await store.claim("b", "fp", "me", 2_000, 0);
    store.sweep(999);
    expect(store.size).toBe(2);
    store.sweep(1_000);
    expect(store.size).toBe(1);
    expect(await store.get("b", 1_000)).toMatchObject({ fingerprint: "fp" });
  });

  it("claims sweep every 10 000th call, not on each", async () => {
    const store = new MemoryIdempotencyStore();
    await store.claim("stale", "fp", "me", 1_000, 0);
    for (let i = 2; i < 10_000; i++) await store.claim(`k${i}`, "fp", "me", 2_500, 2_000);
    expect(store.size).toBe(9_999);
    await store.claim("last", "fp", "me", 9_000, 3_000);
    expect(store.size).toBe(1);
  });

  it("close() forgets every record", async () => {
    const store = new MemoryIdempotencyStore();
    await store.claim("k", "fp", "me", 60_000, 0);
    store.close();
    expect(store.size).toBe(0);
    expect(await store.get("k", 1)).toBeNull();
  });
});

describe("redis stores", () => {
  it("prefix keys with aurous: by default", async ({ skip }) => {
    if (!redis) return skip();
    const client = redis.client();
    await new RedisRateLimitStore(client).take("team:bucket", { capacity: 2, refillPerSecond: 1 }, T0);
    await new RedisIdempotencyStore(client).claim("team:key", "fp", "me", Date.now() + 60_000, Date.now());
    expect(await client.exists("aurous:rl:team:bucket", "aurous:idem:team:key")).toBe(2);
  });

  it("a hash that is not a record (no fingerprint) reads as absent", async ({ skip }) => {
    if (!redis) return skip();
    const client = redis.client();
    const prefix = redisPrefix();
    const store = new RedisIdempotencyStore(client, { prefix });
    await client.hset(`${prefix}idem:odd`, "e", String(T0 + 60_000), "s", "completed");
    expect(await store.get("odd", T0)).toBeNull();
    expect(await store.claim("odd", "fp", "me", T0 + 60_000, T0)).toStrictEqual({ claimed: true });
  });

  const failing = (error: unknown, onEval: () => void): RedisLike => ({
    evalsha: () => Promise.reject(error),
    eval: async () => {
      onEval();
      return [1, "1"];
    },
  });

  it("only NOSCRIPT falls back to EVAL; other client errors reach the caller as they are", async () => {
    let evals = 0;
    const spec = { capacity: 2, refillPerSecond: 1 };
    const noscript = new RedisRateLimitStore(failing(new Error("NOSCRIPT No matching script."), () => evals++));
    expect(await noscript.take("k", spec, T0)).toMatchObject({ allowed: true, remaining: 1 });
    expect(evals).toBe(1);
    const readonly = new Error("READONLY You can't write against a read only replica.");
    await expect(new RedisRateLimitStore(failing(readonly, () => evals++)).take("k", spec, T0)).rejects.toBe(readonly);
    await expect(new RedisRateLimitStore(failing(null, () => evals++)).take("k", spec, T0)).rejects.toBeNull();
    expect(evals).toBe(1);
  });
});
