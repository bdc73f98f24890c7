// The idempotency outbox on its own, with fake timers (its clock is Date.now, faked too): a write the
// store refuses is kept, replayed from here and retried with backoff until the store takes it or its
// record would have expired; a late release never undoes a kept answer; close stops the retries;
// drain tries every 20 ms until its deadline. And claimKey's answers for the records a store returns.
// (test/chaos.test.ts covers the same ground through servers, too slowly for mutation runs.)

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OperationMeta } from "../src/contract/meta.js";
import { type IdempotencyRecord, type IdempotencyStore, MemoryIdempotencyStore, operations } from "../src/index.js";
import { claimKey, windowMs } from "../src/runtime/idempotency.js";
import { IdempotencyOutbox, type PendingWrite } from "../src/runtime/idempotency-outbox.js";

type Mode = "ok" | "fail" | "slow-fail" | "hang";

/** The in-memory store, failing on demand, with every complete and release it was asked for. */
class ScriptedStore implements IdempotencyStore {
  readonly inner = new MemoryIdempotencyStore();
  mode: Mode = "ok";
  /** Each write asked of the store: when (ms since the test's start), which, for which key. */
  readonly calls: Array<{ at: number; method: "complete" | "release"; key: string }> = [];
  private held: Array<() => void> = [];

  private async gate(method: "complete" | "release", key: string): Promise<void> {
    this.calls.push({ at: Date.now() - T0, method, key });
    if (this.mode === "fail") throw new Error(`${method}: connection lost`);
    if (this.mode === "slow-fail") {
      await new Promise((r) => setTimeout(r, 5));
      throw new Error(`${method}: connection lost`);
    }
    if (this.mode === "hang") await new Promise<void>((r) => this.held.push(r));
  }
  claim(...args: Parameters<IdempotencyStore["claim"]>) {
    return this.inner.claim(...args);
  }
  async complete(...args: Parameters<IdempotencyStore["complete"]>) {
    await this.gate("complete", args[0]);
    return this.inner.complete(...args);
  }
  async release(...args: Parameters<IdempotencyStore["release"]>) {
    await this.gate("release", args[0]);
    return this.inner.release(...args);
  }
  get(key: string, nowMs: number) {
    return this.inner.get(key, nowMs);
  }
  /** Lets hung calls through (they then run against the store). */
  unblock(): void {
    for (const r of this.held.splice(0)) r();
  }
  times(): number[] {
    return this.calls.map((c) => c.at);
  }
}

const T0 = Date.UTC(2026, 4, 20, 12, 0, 0);
const DAY = 24 * 3_600_000;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const store = new ScriptedStore();
  const outbox = new IdempotencyOutbox(store, 1_000, () => Date.now());
  return { store, outbox };
}

const answer = (owner: string, expiresAtMs = T0 + DAY): Extract<PendingWrite, { kind: "complete" }> => ({
  kind: "complete",
  fingerprint: "fp",
  owner,
  response: { status: 201, body: { id: owner } },
  expiresAtMs,
});
const release = (owner: string, expiresAtMs = T0 + 300_000): PendingWrite => ({
  kind: "release",
  fingerprint: "fp",
  owner,
  expiresAtMs,
});

/** Settles once the promise does, without waiting for it (fake timers decide when). */
function watch(promise: Promise<unknown>) {
  const state = { done: false };
  void promise.then(() => (state.done = true));
  return state;
}

describe("IdempotencyOutbox", () => {
  it("a write the store takes is stored at once: write answers true and nothing is kept", async () => {
    const { store, outbox } = setup();
    expect(await outbox.write("t:k", answer("o1"))).toBe(true);
    expect(outbox.size).toBe(0);
    expect(await store.get("t:k", Date.now())).toMatchObject({ state: "completed", response: { status: 201 } });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.calls).toHaveLength(1); // nothing retried
  });

  it("a write the store refuses is kept and answered from here; the store gets it 50 ms later once it is back", async () => {
    const { store, outbox } = setup();
    store.mode = "fail";
    expect(await outbox.write("t:k", answer("o1"))).toBe(false);
    expect(outbox.size).toBe(1);
    expect(outbox.answer("t:k")).toEqual(answer("o1"));
    expect(await store.get("t:k", Date.now())).toBeNull();
    store.mode = "ok";
    await vi.advanceTimersByTimeAsync(49);
    expect(store.times()).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.times()).toEqual([0, 50]);
    expect(await store.get("t:k", Date.now())).toMatchObject({ state: "completed", response: { body: { id: "o1" } } });
    expect(outbox.size).toBe(0);
    expect(outbox.answer("t:k")).toBeUndefined();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.times()).toEqual([0, 50]); // stored once, not again
  });

  it("retries back off from 50 ms, doubling up to 2 s; once the store takes the write the next one starts at 50 ms again", async () => {
    const { store, outbox } = setup();
    store.mode = "fail";
    await outbox.write("t:k", answer("o1"));
    await vi.advanceTimersByTimeAsync(8_000);
    expect(store.times()).toEqual([0, 50, 150, 350, 750, 1_550, 3_150, 5_150, 7_150]);
    store.mode = "ok";
    await vi.advanceTimersByTimeAsync(1_150); // to 9 150
    expect(store.times().at(-1)).toBe(9_150);
    expect(outbox.size).toBe(0);
    await vi.advanceTimersByTimeAsync(30); // 9 180: another write fails
    store.mode = "fail";
    await outbox.write("t:k2", answer("o2"));
    await vi.advanceTimersByTimeAsync(300);
    expect(store.times().slice(9)).toEqual([9_150, 9_180, 9_230, 9_330]);
  });

  it("a write kept after the outbox emptied is retried 50 ms after it was kept, not earlier", async () => {
    const { store, outbox } = setup();
    store.mode = "fail";
    await outbox.write("t:k1", answer("o1"));
    store.mode = "ok";
    await vi.advanceTimersByTimeAsync(70); // stored at 50
    expect(outbox.size).toBe(0);
    store.mode = "fail";
    await outbox.write("t:k2", answer("o2")); // at 70
    await vi.advanceTimersByTimeAsync(49);
    expect(store.times()).toEqual([0, 50, 70]);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.times()).toEqual([0, 50, 70, 120]);
  });

  it("a round stops at the first write the store refuses: the rest waits for the next round", async () => {
    const { store, outbox } = setup();
    store.mode = "fail";
    await outbox.write("t:k1", answer("o1"));
    await outbox.write("t:k2", answer("o2"));
    await vi.advanceTimersByTimeAsync(50);
    expect(store.calls.map((c) => `${c.at} ${c.key}`)).toEqual(["0 t:k1", "0 t:k2", "50 t:k1"]);
    store.mode = "ok";
    await vi.advanceTimersByTimeAsync(100);
    expect(store.calls.map((c) => `${c.at} ${c.key}`).slice(3)).toEqual(["150 t:k1", "150 t:k2"]);
    expect(outbox.size).toBe(0);
  });

  it("a late release does not undo a kept answer: the answer is still replayed and is what gets stored", async () => {
    const { store, outbox } = setup();
    store.mode = "fail";
    await outbox.write("t:k", answer("o1"));
    expect(await outbox.write("t:k", release("o1"))).toBe(false);
    expect(outbox.size).toBe(1);
    expect(outbox.answer("t:k")).toEqual(answer("o1"));
    store.mode = "ok";
    await vi.advanceTimersByTimeAsync(50);
    expect(store.calls.map((c) => c.method)).toEqual(["complete", "release", "complete"]);
    expect(await store.get("t:k", Date.now())).toMatchObject({ state: "completed" });
  });

  it("an answer replaces a kept release, and a later answer replaces a kept one", async () => {
    const { store, outbox } = setup();
    store.mode = "fail";
    outbox.add("t:k", release("o1"));
    outbox.add("t:k", answer("o2", T0 + 1_000));
    expect(outbox.answer("t:k")).toEqual(answer("o2", T0 + 1_000));
    vi.setSystemTime(T0 + 2_000); // the window passed (no retry ran meanwhile); the key was claimed again
    expect(outbox.answer("t:k")).toBeUndefined();
    outbox.add("t:k", answer("o3", T0 + DAY));
    expect(outbox.answer("t:k")).toEqual(answer("o3", T0 + DAY));
    outbox.add("t:k", answer("o4", T0 + DAY)); // the latest answer wins, even over a live one
    expect(outbox.answer("t:k")).toEqual(answer("o4", T0 + DAY));
    expect(outbox.size).toBe(1);
  });

  it("a release is kept over an answer whose record has expired, so the key's new claim is still released", async () => {
    const { store, outbox } = setup();
    store.mode = "fail";
    await outbox.write("t:k", answer("o1", T0 + 1_000));
    vi.setSystemTime(T0 + 2_000); // the window passed before a retry ran
    await store.inner.claim("t:k", "fp", "o2", T0 + 302_000, T0 + 2_000); // a new request holds the key, then fails
    expect(await outbox.write("t:k", release("o2", T0 + 302_000))).toBe(false);
    store.mode = "ok";
    await vi.advanceTimersByTimeAsync(100);
    expect(store.calls.map((c) => c.method)).toEqual(["complete", "release", "release"]);
    expect(await store.get("t:k", Date.now())).toBeNull(); // not held (answering 409) until its lock expires
    expect(outbox.size).toBe(0);
  });

  it("a kept answer is replayed until the moment its record expires, not after", async () => {
    const { store, outbox } = setup();
    store.mode = "fail";
    await outbox.write("t:k", answer("o1", T0 + 10));
    vi.setSystemTime(T0 + 9);
    expect(outbox.answer("t:k")).toEqual(answer("o1", T0 + 10));
    vi.setSystemTime(T0 + 10);
    expect(outbox.answer("t:k")).toBeUndefined();
    expect(outbox.answer("t:other")).toBeUndefined();
  });

  it("a kept write whose record has expired by its retry is dropped, not written", async () => {
    const { store, outbox } = setup();
    store.mode = "fail";
    await outbox.write("t:k1", release("o1", T0 + 50)); // expires exactly at the first retry
    await outbox.write("t:k2", answer("o2", T0 + 40));
    store.mode = "ok";
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.times()).toEqual([0, 0]);
    expect(outbox.size).toBe(0);
  });

  it("settle writes a kept release before the key is claimed again, and forgets it", async () => {
    const { store, outbox } = setup();
    store.mode = "fail";
    await outbox.write("t:k", release("o1"));
    store.mode = "ok";
    await outbox.settle("t:k");
    expect(store.calls.map((c) => `${c.at} ${c.method}`)).toEqual(["0 release", "0 release"]);
    expect(outbox.size).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.calls).toHaveLength(2); // not written again
    await outbox.settle("t:none"); // nothing kept: nothing asked of the store
    expect(store.calls).toHaveLength(2);
  });

  it("settle with the store still failing throws StoreFailure of idempotency.release and keeps the release", async () => {
    const { store, outbox } = setup();
    store.mode = "fail";
    await outbox.write("t:k", release("o1"));
    await expect(outbox.settle("t:k")).rejects.toMatchObject({
      name: "StoreFailure",
      operation: "idempotency.release",
      kind: "error",
    });
    expect(outbox.size).toBe(1);
  });

  it("an answer kept while its key's release is being settled is not lost", async () => {
    const { store, outbox } = setup();
    store.mode = "fail";
    await outbox.write("t:k", release("o1"));
    store.mode = "hang";
    const settling = outbox.settle("t:k");
    outbox.add("t:k", answer("o2"));
    store.mode = "ok";
    store.unblock();
    await settling;
    expect(outbox.answer("t:k")).toEqual(answer("o2"));
    expect(outbox.size).toBe(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(await store.get("t:k", Date.now())).toMatchObject({ state: "completed", response: { body: { id: "o2" } } });
  });

  it("an answer kept while a retry of its key's release is under way is not lost", async () => {
    const { store, outbox } = setup();
    store.mode = "fail";
    await outbox.write("t:k", release("o1"));
    store.mode = "hang";
    await vi.advanceTimersByTimeAsync(50); // the retry asks the store, which does not answer yet
    expect(store.times()).toEqual([0, 50]);
    outbox.add("t:k", answer("o2"));
    store.mode = "ok";
    store.unblock();
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.answer("t:k")).toEqual(answer("o2"));
    await vi.advanceTimersByTimeAsync(200);
    expect(store.calls.map((c) => c.method)).toEqual(["release", "release", "complete"]);
    expect(outbox.size).toBe(0);
  });

  it("after close nothing is retried in the background", async () => {
    const { store, outbox } = setup();
    store.mode = "fail";
    await outbox.write("t:k1", answer("o1"));
    outbox.close();
    await outbox.write("t:k2", answer("o2"));
    store.mode = "ok";
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.times()).toEqual([0, 0]);
    expect(outbox.size).toBe(2);
  });

  it("drain tries every 20 ms (with the background retries) until its deadline while the store keeps failing", async () => {
    const { store, outbox } = setup();
    store.mode = "slow-fail"; // each try takes 5 ms to fail
    outbox.add("t:k", answer("o1"));
    const draining = watch(outbox.drain(T0 + 100));
    await vi.advanceTimersByTimeAsync(99);
    expect(draining.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(draining.done).toBe(true);
    expect(store.times()).toEqual([0, 25, 50, 75]); // the background retry at 50 ms joins drain's try
    expect(outbox.size).toBe(1);
  });

  it("drain returns as soon as the store has taken everything, and at once when nothing is kept", async () => {
    const { store, outbox } = setup();
    outbox.add("t:k", answer("o1"));
    const draining = watch(outbox.drain(T0 + 1_000));
    await vi.advanceTimersByTimeAsync(1);
    expect(draining.done).toBe(true);
    expect(outbox.size).toBe(0);
    expect(await store.get("t:k", Date.now())).toMatchObject({ state: "completed" });
    const idle = watch(outbox.drain(T0 + 1_000));
    await vi.advanceTimersByTimeAsync(0);
    expect(idle.done).toBe(true);
    expect(store.calls).toHaveLength(1);
  });
});

// A stand-in for a store's claim answer (any IdempotencyStore implementation may return these).
function claimingStore(record: IdempotencyRecord | null): IdempotencyStore {
  const inner = new MemoryIdempotencyStore();
  return {
    claim: async (...args) => (record ? { claimed: false, record } : inner.claim(...args)),
    complete: (...args) => inner.complete(...args),
    release: (...args) => inner.release(...args),
    get: (key, nowMs) => inner.get(key, nowMs),
  };
}

describe("claimKey", () => {
  const meta = operations.createCharacter as unknown as OperationMeta;
  const context = (store: IdempotencyStore, options = {}) => ({
    store,
    outbox: new IdempotencyOutbox(store, 1_000, () => Date.now()),
    timeoutMs: 1_000,
    options,
  });

  it("claims a fresh key for 5 minutes by default, bounded by the answer window", async () => {
    const store = new MemoryIdempotencyStore();
    const claimed = await claimKey(context(store), meta, "team", "k", "fp", T0);
    expect(claimed).toEqual({
      kind: "claimed",
      storeKey: "team:k",
      fingerprint: "fp",
      owner: expect.any(String),
      claimedAt: T0,
      lockExpiresAt: T0 + 300_000,
    });
    expect(await store.get("team:k", T0)).toEqual({ fingerprint: "fp", state: "in_flight", expiresAt: T0 + 300_000 });
    const short = await claimKey(context(store, { windowMs: 60_000 }), meta, "team", "k2", "fp", T0);
    expect(short).toMatchObject({ kind: "claimed", lockExpiresAt: T0 + 60_000 });
  });

  it("an answer waiting in the outbox is replayed for its request and refused (409, no Retry-After) for another", async () => {
    const store = new MemoryIdempotencyStore();
    const ctx = context(store);
    ctx.outbox.add("team:k", answer("o1"));
    expect(await claimKey(ctx, meta, "team", "k", "fp", T0)).toEqual({
      kind: "replay",
      response: answer("o1").response,
    });
    const refused = claimKey(ctx, meta, "team", "k", "other-fp", T0);
    await expect(refused).rejects.toMatchObject({ status: 409, code: "idempotency_key_in_use", headers: undefined });
    expect(await store.get("team:k", T0)).toBeNull(); // neither claimed the key in the store
  });

  it("a claim the store refuses throws StoreFailure of idempotency.claim", async () => {
    const store = claimingStore(null);
    store.claim = async () => {
      throw new Error("connection lost");
    };
    await expect(claimKey(context(store), meta, "team", "k", "fp", T0)).rejects.toMatchObject({
      name: "StoreFailure",
      operation: "idempotency.claim",
    });
  });

  it("replays only a completed record that has its answer; 409 with Retry-After for the rest", async () => {
    const response = { status: 201, body: { id: "c" } };
    const expiresAt = T0 + DAY;
    const completed = claimingStore({ fingerprint: "fp", state: "completed", expiresAt, response });
    expect(await claimKey(context(completed), meta, "team", "k", "fp", T0)).toEqual({ kind: "replay", response });
    for (const record of [
      { fingerprint: "fp", state: "in_flight", expiresAt },
      { fingerprint: "fp", state: "in_flight", expiresAt, response }, // still running, whatever it holds
      { fingerprint: "fp", state: "completed", expiresAt }, // no answer to replay
    ] as const) {
      await expect(claimKey(context(claimingStore(record)), meta, "team", "k", "fp", T0)).rejects.toMatchObject({
        status: 409,
        code: "idempotency_key_in_use",
        headers: { "Retry-After": 1 },
      });
    }
  });

  it("windowMs is the op's window_hours unless the options set it", () => {
    const twoHours = { ...meta, idempotency: { honours_key: true, window_hours: 2 } } as OperationMeta;
    expect(windowMs(twoHours, {})).toBe(2 * 3_600_000);
    expect(windowMs({ ...meta, idempotency: { honours_key: true } } as OperationMeta, {})).toBe(DAY);
    expect(windowMs(twoHours, { windowMs: 5 })).toBe(5);
  });
});
