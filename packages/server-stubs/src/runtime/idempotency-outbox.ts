// Writes to the idempotency store that must not be lost when the store fails: the 2xx answer of a
// request whose handler ran (its effects, a charge among them, happened: the client gets that answer
// and any retry must replay it, never run it again), and the release of a claim whose request did
// not run or failed (else the key would answer 409 until its lock expired). They are kept here and
// retried with backoff until the store takes them or the record they write would have expired.
// While an answer waits here, a retry with its key is replayed from here (this process); a release
// waiting here is written before the key is claimed again.
import type { IdempotencyStore, StoredResponse } from "../stores/types.js";
import { bounded } from "./store-calls.js";

export type PendingWrite =
  | { kind: "complete"; fingerprint: string; owner: string; response: StoredResponse; expiresAtMs: number }
  | { kind: "release"; fingerprint: string; owner: string; expiresAtMs: number };

const FIRST_RETRY_MS = 50;
const MAX_RETRY_MS = 2_000;

export class IdempotencyOutbox {
  private readonly pending = new Map<string, PendingWrite>();
  private timer: NodeJS.Timeout | undefined;
  private delayMs = FIRST_RETRY_MS;
  private flushing: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly timeoutMs: number,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  /** Writes now (bounded); if the store fails, keeps the write and retries it in the background. */
  async write(storeKey: string, write: PendingWrite): Promise<boolean> {
    try {
      await this.apply(storeKey, write);
      return true;
    } catch {
      this.add(storeKey, write);
      return false;
    }
  }

  add(storeKey: string, write: PendingWrite): void {
    // A complete outranks a release (a late release must not undo an answer), unless its record has
    // expired: it would not be written any more, and the release may be a new claim's.
    if (write.kind === "release" && this.answer(storeKey)) return;
    this.pending.set(storeKey, write);
    this.schedule();
  }

  /** The answer waiting to be stored under this key, if any. */
  answer(storeKey: string): Extract<PendingWrite, { kind: "complete" }> | undefined {
    const write = this.pending.get(storeKey);
    return write?.kind === "complete" && write.expiresAtMs > this.now() ? write : undefined;
  }

  /** Writes a release waiting for this key before it is claimed again; throws StoreFailure if the store still fails. */
  async settle(storeKey: string): Promise<void> {
    const write = this.pending.get(storeKey);
    if (write?.kind !== "release") return;
    await this.apply(storeKey, write);
    if (this.pending.get(storeKey) === write) this.pending.delete(storeKey);
  }

  /** Tries every pending write until none is left or `deadlineMs` (epoch ms, Date.now) passes. */
  async drain(deadlineMs: number): Promise<void> {
    while (this.pending.size > 0 && Date.now() < deadlineMs) {
      await this.flush();
      if (this.pending.size > 0) await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private apply(storeKey: string, write: PendingWrite): Promise<void> {
    const nowMs = this.now();
    return write.kind === "complete"
      ? bounded(
          () => this.store.complete(storeKey, write.fingerprint, write.owner, write.response, write.expiresAtMs, nowMs),
          // Stryker disable next-line StringLiteral: a complete's StoreFailure never leaves the outbox (write and flush catch it), so its operation name is never seen
          "idempotency.complete",
          this.timeoutMs,
        )
      : bounded(
          () => this.store.release(storeKey, write.fingerprint, write.owner),
          "idempotency.release",
          this.timeoutMs,
        );
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().then(() => {
        this.delayMs = this.pending.size ? Math.min(this.delayMs * 2, MAX_RETRY_MS) : FIRST_RETRY_MS;
        if (this.pending.size) this.schedule();
      });
    }, this.delayMs);
    this.timer.unref();
  }

  private flush(): Promise<void> {
    this.flushing ??= (async () => {
      for (const [storeKey, write] of [...this.pending]) {
        if (write.expiresAtMs <= this.now()) {
          this.pending.delete(storeKey); // the record it would write has expired anyway
          continue;
        }
        try {
          await this.apply(storeKey, write);
          if (this.pending.get(storeKey) === write) this.pending.delete(storeKey);
        } catch {
          return; // the store is still failing: the rest waits for the next round
        }
      }
    })().finally(() => (this.flushing = undefined));
    return this.flushing;
  }
}
