// The retry policy (src/core/retry.ts) as README "Retries" documents it: which answers are retried,
// how Retry-After is read, and the exponential backoff with equal jitter.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ResolvedConfig } from "../src/core/core.js";
import { isRetryableStatus, parseRetryAfter, retryDelay } from "../src/core/retry.js";

const config = { initialDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 } as ResolvedConfig;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("which answers are retried", () => {
  it.each([500, 502, 503, 599])("every 5xx (%i)", (status) => {
    expect(isRetryableStatus(status, undefined)).toBe(true);
  });

  it("429", () => {
    expect(isRetryableStatus(429, "too_many_requests")).toBe(true);
  });

  it.each([400, 401, 404, 413, 499])("no other 4xx (%i), whatever the code or Retry-After", (status) => {
    expect(isRetryableStatus(status, "idempotency_key_in_use", true)).toBe(false);
  });

  it("409 only for idempotency_key_in_use with Retry-After (the first request still runs)", () => {
    expect(isRetryableStatus(409, "idempotency_key_in_use", true)).toBe(true);
    expect(isRetryableStatus(409, "idempotency_key_in_use", false)).toBe(false);
    expect(isRetryableStatus(409, "idempotency_key_in_use")).toBe(false);
    expect(isRetryableStatus(409, "something_else", true)).toBe(false);
    expect(isRetryableStatus(409, undefined, true)).toBe(false);
  });
});

describe("Retry-After", () => {
  it("reads delta-seconds as milliseconds", () => {
    expect(parseRetryAfter("0")).toBe(0);
    expect(parseRetryAfter("2")).toBe(2_000);
    expect(parseRetryAfter("1.5")).toBe(1_500);
  });

  it("reads an HTTP date as the time left until it", () => {
    const now = Date.parse("Wed, 03 Dec 2026 12:00:00 GMT");
    expect(parseRetryAfter("Wed, 03 Dec 2026 12:00:30 GMT", now)).toBe(30_000);
    // A date already past means "now", not a negative wait.
    expect(parseRetryAfter("Wed, 03 Dec 2026 11:59:00 GMT", now)).toBe(0);
  });

  it("ignores an absent, empty, negative or unreadable value", () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("")).toBeUndefined();
    expect(parseRetryAfter("-5")).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("retry delay", () => {
  it("waits for Retry-After up to maxRetryAfterMs, and gives up on a longer one", () => {
    expect(retryDelay(config, 0, 0)).toBe(0);
    expect(retryDelay(config, 3, 60_000)).toBe(60_000);
    expect(retryDelay(config, 0, 60_001)).toBeUndefined();
  });

  it("doubles the backoff per attempt up to maxDelayMs, with equal jitter: half fixed, half random", () => {
    const ceilings = [500, 1_000, 2_000, 4_000, 8_000, 8_000];
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect(ceilings.map((_, attempt) => retryDelay(config, attempt, undefined))).toEqual(ceilings.map((c) => c / 2));
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    expect(ceilings.map((_, attempt) => retryDelay(config, attempt, undefined))).toEqual(ceilings.map((c) => c * 0.75));
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    for (const [attempt, ceiling] of ceilings.entries()) {
      const delay = retryDelay(config, attempt, undefined)!;
      expect(delay).toBeLessThan(ceiling);
      expect(delay).toBeGreaterThan(ceiling * 0.99);
    }
  });
});
