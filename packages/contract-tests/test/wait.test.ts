// The one Retry-After reader and the one poll loop.
import { describe, expect, it } from "vitest";
import { pollUntil, retryAfterSeconds } from "../src/http/wait.js";

describe("retryAfterSeconds", () => {
  it("reads delta-seconds and HTTP dates, and falls back when absent or unreadable", () => {
    expect(retryAfterSeconds({ "retry-after": "7" })).toBe(7);
    expect(retryAfterSeconds({ "retry-after": "0" })).toBe(1);
    expect(retryAfterSeconds({})).toBe(1);
    expect(retryAfterSeconds({ "retry-after": "soon" }, 3)).toBe(3);
    const now = Date.parse("2026-05-15T12:00:00Z");
    expect(retryAfterSeconds({ "retry-after": "Fri, 15 May 2026 12:00:30 GMT" }, 1, now)).toBe(30);
  });
});

describe("pollUntil", () => {
  it("returns the first value that is done, or the last one at the deadline", async () => {
    let n = 0;
    expect(
      await pollUntil(
        () => ++n,
        (v) => v === 3,
        { timeoutMs: 1000, intervalMs: 1 },
      ),
    ).toBe(3);
    expect(
      await pollUntil(
        () => "synthesizing",
        (v) => v !== "synthesizing",
        { timeoutMs: 20, intervalMs: 5 },
      ),
    ).toBe("synthesizing");
  });
});
