// The caller's signal at the edges: already aborted when a deadline or a sleep starts, and what a
// finished sleep leaves on it.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { deadlineSignal, sleep } from "../src/core/signal.js";

describe("caller signals", () => {
  it("a deadline over an already-aborted caller is aborted at once, with its reason, and is no timeout", () => {
    const caller = new AbortController();
    caller.abort("left");
    const deadline = deadlineSignal(60_000, caller.signal);
    expect(deadline.signal?.aborted).toBe(true);
    expect(deadline.signal?.reason).toBe("left");
    expect(deadline.timedOut()).toBe(false);
    deadline.dispose();
  });

  it("a sleep on an aborted signal ends at once", async () => {
    const caller = new AbortController();
    caller.abort();
    const started = performance.now();
    await sleep(10_000, caller.signal);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("a sleep ends when its signal aborts, and leaves no listener on it either way", async () => {
    const caller = new AbortController();
    await sleep(5, caller.signal);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
    const started = performance.now();
    setTimeout(() => caller.abort(), 20);
    await sleep(10_000, caller.signal);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });
});
