// The bound around every store call and the rate limiter's draw: what a caller gets when a store
// answers, throws, rejects with anything at all, or never answers (StoreFailure: its kind,
// operation, message and cause, which onError reports carry). Timers are faked.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OperationMeta } from "../src/contract/meta.js";
import { MemoryRateLimitStore, operations, type RateLimitStore, StoreFailure } from "../src/index.js";
import { drawToken, resolveBucket } from "../src/runtime/rate-limit.js";
import { bounded } from "../src/runtime/store-calls.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** The promise's outcome once everything already due has run (before any timer fires). */
async function settled<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown } | "pending"> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  return Promise.race([outcome, new Promise<"pending">((r) => setImmediate(() => r("pending")))]);
}

async function failure(promise: Promise<unknown>): Promise<StoreFailure> {
  const outcome = await settled(promise);
  if (outcome === "pending" || !("error" in outcome)) throw new Error(`expected a rejection, got ${String(outcome)}`);
  expect(outcome.error).toBeInstanceOf(StoreFailure);
  return outcome.error as StoreFailure;
}

describe("bounded store calls", () => {
  it("a call that never answers fails after timeoutMs as a timeout", async () => {
    const call = bounded(() => new Promise<never>(() => {}), "idempotency.claim", 250);
    expect(await settled(call)).toBe("pending");
    vi.advanceTimersByTime(249);
    expect(await settled(call)).toBe("pending");
    vi.advanceTimersByTime(1);
    const error = await failure(call);
    expect(error).toMatchObject({ name: "StoreFailure", operation: "idempotency.claim", kind: "timeout" });
    expect(error.message).toBe("idempotency.claim did not answer within 250 ms");
    expect(String(error)).toBe("StoreFailure: idempotency.claim did not answer within 250 ms");
  });

  it("a rejection fails at once, with the store's error as cause", async () => {
    const lost = new Error("connection lost");
    const error = await failure(bounded(() => Promise.reject(lost), "idempotency.complete", 250));
    expect(error).toMatchObject({ name: "StoreFailure", operation: "idempotency.complete", kind: "error" });
    expect(error.message).toBe("idempotency.complete failed: connection lost");
    expect(error.cause).toBe(lost);
  });

  it("a store that throws instead of rejecting fails at once too", async () => {
    const error = await failure(
      bounded(
        () => {
          throw new Error("not connected");
        },
        "idempotency.release",
        250,
      ),
    );
    expect(error).toMatchObject({ operation: "idempotency.release", kind: "error" });
    expect(error.message).toBe("idempotency.release failed: not connected");
  });

  it("rejections that are not Errors are described as they are", async () => {
    const text = await failure(bounded(() => Promise.reject("socket closed"), "rateLimit.take", 250));
    expect(text.message).toBe("rateLimit.take failed: socket closed");
    const nothing = await failure(bounded(() => Promise.reject(undefined), "rateLimit.take", 250));
    expect(nothing.message).toBe("rateLimit.take failed: undefined");
  });

  it("an answer in time is the call's value", async () => {
    expect(await settled(bounded(() => Promise.resolve(7), "rateLimit.take", 250))).toEqual({ value: 7 });
  });
});

describe("drawing a rate-limit token", () => {
  const meta = operations.createCharacter as OperationMeta;
  const headers = { "X-RateLimit-Limit": 60, "X-RateLimit-Remaining": 59, "X-RateLimit-Reset": 2 }; // 30/min: one token back in 2 s

  it("answers synchronously when the store does (no promise per request)", () => {
    expect(drawToken(new MemoryRateLimitStore(), meta, "team", {}, 0, 250)).toEqual(headers);
  });

  it("awaits an asynchronous store", async () => {
    const store = new MemoryRateLimitStore();
    const async: RateLimitStore = { take: async (...args) => store.take(...args) };
    const drawn = drawToken(async, meta, "team", {}, 0, 250);
    expect(drawn).toBeInstanceOf(Promise);
    expect(await drawn).toEqual(headers);
  });

  it("a store that throws: StoreFailure for rateLimit.take", () => {
    const throwing: RateLimitStore = {
      take: () => {
        throw new Error("boom");
      },
    };
    let thrown: unknown;
    try {
      drawToken(throwing, meta, "team", {}, 0, 250);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StoreFailure);
    expect(thrown).toMatchObject({
      operation: "rateLimit.take",
      kind: "error",
      message: "rateLimit.take failed: boom",
    });
  });

  it("a store that never answers: StoreFailure for rateLimit.take after the bound", async () => {
    const drawn = drawToken({ take: () => new Promise(() => {}) }, meta, "team", {}, 0, 100) as Promise<unknown>;
    vi.advanceTimersByTime(100);
    const error = await failure(drawn);
    expect(error.message).toBe("rateLimit.take did not answer within 100 ms");
  });

  it("body-field variants match fields of an object body only", () => {
    const rule = meta.rateLimit!;
    const byLength = {
      ...meta,
      rateLimit: { ...rule, variants: [{ ...rule.variants![0]!, when: { body_field: "length", equals: 3 } }] },
    } as OperationMeta;
    expect(resolveBucket(byLength, { length: 3 })?.name).toBe("characters_synthesize");
    expect(resolveBucket(byLength, "abc")?.name).toBe("characters_post"); // a string's length is not a field
    expect(resolveBucket(meta, { generate: true })?.name).toBe("characters_synthesize");
    expect(resolveBucket(meta, null)?.name).toBe("characters_post");
  });
});
