import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TimeoutWindows } from "../src/core/timeout-windows.js";

// The coalesced timeouts behind every attempt without a caller signal (see timeout-windows.ts).
// Fake timers drive both setTimeout and performance.now, so the window arithmetic is exact.
describe("TimeoutWindows", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("aborts a running attempt, never before its own timeoutMs and at most 1/20 of it late", () => {
    const windows = new TimeoutWindows();
    const first = windows.join(1_000);
    vi.advanceTimersByTime(40);
    const second = windows.join(1_000); // same window: the window stays open 50 ms
    expect(second.signal).toBe(first.signal);
    vi.advanceTimersByTime(999); // t = 1039: the second attempt has run 999 ms
    expect(second.signal?.aborted).toBe(false);
    vi.advanceTimersByTime(11); // t = 1050 = window close (50) + 1000: timers round, so 1 ms more
    expect(second.signal?.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(second.signal?.aborted).toBe(true);
    second.dispose();
    first.dispose();
    expect(second.timedOut()).toBe(true);
    expect(first.timedOut()).toBe(true);
  });

  it("does not report an attempt that finished in time, nor abort an idle window", () => {
    const windows = new TimeoutWindows();
    const done = windows.join(100);
    done.dispose();
    vi.advanceTimersByTime(1_000);
    expect(done.timedOut()).toBe(false);
    expect(done.signal?.aborted).toBe(false);
  });

  it("reports only the attempts still running when the window fires", () => {
    const windows = new TimeoutWindows();
    const quick = windows.join(100);
    const slow = windows.join(100);
    quick.dispose();
    vi.advanceTimersByTime(110);
    slow.dispose();
    expect(quick.timedOut()).toBe(false);
    expect(slow.timedOut()).toBe(true);
  });

  it("opens a fresh window after the slack, after 16 attempts, and per timeoutMs", () => {
    const windows = new TimeoutWindows();
    const attempts = Array.from({ length: 17 }, () => windows.join(10_000));
    expect(new Set(attempts.slice(0, 16).map((a) => a.signal)).size).toBe(1);
    expect(attempts[16]!.signal).not.toBe(attempts[0]!.signal);
    expect(windows.join(5_000).signal).not.toBe(attempts[16]!.signal);
    vi.advanceTimersByTime(500); // the 10 s window closes after 500 ms
    expect(windows.join(10_000).signal).not.toBe(attempts[16]!.signal);
  });

  it("keeps the longest timeouts setTimeout can take instead of firing them at once", () => {
    const windows = new TimeoutWindows();
    for (const timeoutMs of [0x7fffffff - 1, 0x7fffffff - 500]) {
      const attempt = windows.join(timeoutMs);
      vi.advanceTimersByTime(60_000);
      expect(attempt.signal?.aborted, String(timeoutMs)).toBe(false);
      attempt.dispose();
    }
  });

  it("leaves no pile of timers behind calls whose timeouts all differ", () => {
    const windows = new TimeoutWindows();
    for (let i = 0; i < 1_000; i++) {
      windows.join(10_000 + i).dispose();
      expect(vi.getTimerCount()).toBeLessThanOrEqual(32);
    }
    vi.advanceTimersByTime(1_000); // every window has closed: the next attempt of any kind clears it
    windows.join(5_000).dispose();
    windows.join(5_000).dispose();
    expect(vi.getTimerCount()).toBeLessThanOrEqual(32);
  });

  it("stops the timer of a window that closed while its last attempt ran", () => {
    const windows = new TimeoutWindows();
    const attempt = windows.join(1_000); // the window closes after 50 ms
    vi.advanceTimersByTime(100);
    attempt.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("still times out the attempts of a window another one replaced", () => {
    const windows = new TimeoutWindows();
    const busy = windows.join(1_000); // its window closes after 50 ms
    vi.advanceTimersByTime(60);
    const next = windows.join(1_000);
    expect(next.signal).not.toBe(busy.signal);
    vi.advanceTimersByTime(1_000); // t = 1060 > 50 + 1000 + 1
    expect(busy.signal?.aborted).toBe(true);
    busy.dispose();
    expect(busy.timedOut()).toBe(true);
    next.dispose();
  });

  it("stops the timer of an idle window when a new one replaces it", () => {
    const windows = new TimeoutWindows();
    windows.join(1_000).dispose(); // idle, open: its timer is kept for the next attempt
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(60);
    const next = windows.join(1_000);
    expect(vi.getTimerCount()).toBe(1);
    next.dispose();
  });

  it("goes back to the open window of a timeoutMs after attempts with other timeouts", () => {
    const windows = new TimeoutWindows();
    const first = windows.join(10_000);
    const other = windows.join(20_000);
    const again = windows.join(10_000);
    expect(again.signal).toBe(first.signal);
    expect(other.signal).not.toBe(first.signal);
    for (const attempt of [first, other, again]) attempt.dispose();
  });

  it("still times out a running attempt after its window was forgotten among many timeouts", () => {
    const windows = new TimeoutWindows();
    const busy = windows.join(1_000);
    for (let i = 0; i < 40; i++) windows.join(5_000 + i).dispose(); // more than 32 timeouts: forgotten
    vi.advanceTimersByTime(1_051);
    expect(busy.signal?.aborted).toBe(true);
    busy.dispose();
    expect(busy.timedOut()).toBe(true);
  });

  it("stops the timer of a forgotten window once its last attempt ends", () => {
    const windows = new TimeoutWindows();
    const busy = windows.join(1_000);
    for (let i = 0; i < 40; i++) windows.join(5_000 + i).dispose();
    const before = vi.getTimerCount();
    busy.dispose(); // its window is no longer the open one for 1000 ms: nobody can join it again
    expect(vi.getTimerCount()).toBe(before - 1);
  });

  it("counts a second dispose of an attempt as nothing", () => {
    const windows = new TimeoutWindows();
    const early = windows.join(1_000);
    const late = windows.join(1_000);
    early.dispose();
    vi.advanceTimersByTime(60); // the window closed; `late` still runs
    early.dispose(); // must not end the window's timer for `late`
    vi.advanceTimersByTime(1_000);
    expect(late.signal?.aborted).toBe(true);
    early.dispose(); // nor turn `early` into an attempt that timed out
    expect(early.timedOut()).toBe(false);
    late.dispose();
    expect(late.timedOut()).toBe(true);
  });

  it("keeps timing the other attempts of a closed window when one of them ends", () => {
    const windows = new TimeoutWindows();
    const one = windows.join(1_000);
    const other = windows.join(1_000);
    vi.advanceTimersByTime(60);
    one.dispose();
    vi.advanceTimersByTime(1_000);
    expect(other.signal?.aborted).toBe(true);
    other.dispose();
    expect(other.timedOut()).toBe(true);
    expect(one.timedOut()).toBe(false);
  });

  it("stops the timer of a full window once its last attempt ends, even while it is open", () => {
    const windows = new TimeoutWindows();
    const attempts = Array.from({ length: 16 }, () => windows.join(60_000));
    for (const attempt of attempts) attempt.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stops the timer of a window whose last attempt ends the moment it closes", () => {
    const windows = new TimeoutWindows();
    const attempt = windows.join(1_000); // the window closes at exactly 50 ms
    vi.advanceTimersByTime(50);
    attempt.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps the timer of an open window whose last attempt ended, for the next one", () => {
    const windows = new TimeoutWindows();
    const attempt = windows.join(1_000);
    vi.advanceTimersByTime(49);
    attempt.dispose();
    expect(vi.getTimerCount()).toBe(1);
    expect(windows.join(1_000).signal).toBe(attempt.signal);
  });

  it("starts a new window once the last one fired", () => {
    const windows = new TimeoutWindows();
    const old = windows.join(100);
    vi.advanceTimersByTime(200);
    const fresh = windows.join(100);
    expect(old.signal?.aborted).toBe(true);
    expect(fresh.signal?.aborted).toBe(false);
  });
});

// With real timers: a window's timer holds the process only while one of its attempts runs, so a
// script that made one call with a 60 s timeout can exit right after it.
describe("TimeoutWindows and the event loop", () => {
  const liveTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

  it("keeps a timer referenced only while an attempt is in flight", () => {
    const windows = new TimeoutWindows();
    const before = liveTimers();
    const attempt = windows.join(60_000);
    expect(liveTimers()).toBe(before + 1);
    attempt.dispose();
    expect(liveTimers()).toBe(before);
    const again = windows.join(60_000); // the same open window: its timer is held again
    expect(again.signal).toBe(attempt.signal);
    expect(liveTimers()).toBe(before + 1);
    again.dispose();
    expect(liveTimers()).toBe(before);
  });

  it("clears the timer of a full window once its last attempt ends", () => {
    const windows = new TimeoutWindows();
    const before = liveTimers();
    const attempts = Array.from({ length: 16 }, () => windows.join(60_000));
    for (const attempt of attempts) attempt.dispose();
    const next = windows.join(60_000);
    expect(next.signal).not.toBe(attempts[0]!.signal);
    expect(liveTimers()).toBe(before + 1);
    next.dispose();
    expect(liveTimers()).toBe(before);
  });
});
