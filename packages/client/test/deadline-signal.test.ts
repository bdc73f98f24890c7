import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { deadlineSignal } from "../src/core/signal.js";

// The exact timeout behind a call with its own signal and behind waitFor's deadline.
describe("deadlineSignal", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("aborts after exactly ms and says it timed out", () => {
    const deadline = deadlineSignal(1_000);
    vi.advanceTimersByTime(999);
    expect(deadline.signal?.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal?.aborted).toBe(true);
    expect(deadline.timedOut()).toBe(true);
    deadline.dispose();
  });

  it("passes on the caller abort and its reason; the caller, being first, is not a timeout", () => {
    const caller = new AbortController();
    const deadline = deadlineSignal(1_000, caller.signal);
    caller.abort(new Error("user left"));
    expect(deadline.signal?.reason).toEqual(new Error("user left"));
    vi.advanceTimersByTime(5_000);
    expect(deadline.timedOut()).toBe(false);
    deadline.dispose();
  });

  it("starts aborted for a caller signal that already was", () => {
    const deadline = deadlineSignal(1_000, AbortSignal.abort("gone"));
    expect(deadline.signal?.aborted).toBe(true);
    expect(deadline.signal?.reason).toBe("gone");
    expect(deadline.timedOut()).toBe(false);
    deadline.dispose();
  });

  it("waits out a deadline longer than setTimeout can (2^31 - 1 ms) in steps", () => {
    const ms = 2 ** 31 + 5_000;
    const deadline = deadlineSignal(ms);
    vi.advanceTimersByTime(2 ** 31);
    expect(deadline.signal?.aborted).toBe(false);
    vi.advanceTimersByTime(4_999);
    expect(deadline.signal?.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.timedOut()).toBe(true);
    deadline.dispose();
  });

  it("never fires for Infinity, and dispose lets go of the caller and the timer", () => {
    const caller = new AbortController();
    const deadline = deadlineSignal(Infinity, caller.signal);
    vi.advanceTimersByTime(2 ** 32);
    expect(deadline.signal?.aborted).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    const timed = deadlineSignal(1_000, caller.signal);
    expect(vi.getTimerCount()).toBe(1);
    timed.dispose();
    deadline.dispose();
    expect(vi.getTimerCount()).toBe(0);
    caller.abort();
    expect(deadline.signal?.aborted).toBe(false); // no longer listening
    expect(timed.signal?.aborted).toBe(false);
  });
});
