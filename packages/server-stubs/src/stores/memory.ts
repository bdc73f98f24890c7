// In-memory stores: the default, correct for a single process (JavaScript runs each take/claim
// to completion, so they are atomic). Entries are swept lazily so memory stays bounded.
import { type BucketState, takeToken } from "./token-bucket.js";
import type {
  ClaimResult,
  IdempotencyRecord,
  IdempotencyStore,
  RateLimitStore,
  StoredResponse,
  TakeResult,
  TokenBucketSpec,
} from "./types.js";

const SWEEP_EVERY = 10_000; // operations between sweeps

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, BucketState & { fullAtMs: number }>();
  private ops = 0;

  take(key: string, bucket: TokenBucketSpec, nowMs: number): TakeResult {
    // Stryker disable next-line UpdateOperator: counting down (-10_000 % 10_000 === -0 === 0) sweeps on the same calls
    if (++this.ops % SWEEP_EVERY === 0) this.sweep(nowMs);
    const current = this.buckets.get(key);
    const { state, result } = takeToken(current, bucket, nowMs);
    // Stryker disable next-line ConditionalExpression: replacing the entry with a new object of the same values stores the same state
    if (current) {
      current.tokens = state.tokens;
      current.updatedMs = state.updatedMs;
      current.fullAtMs = result.resetAt * 1000;
    } else {
      this.buckets.set(key, { ...state, fullAtMs: result.resetAt * 1000 });
    }
    return result;
  }

  /** Drops buckets that have refilled completely (they are equivalent to absent ones). */
  sweep(nowMs: number): void {
    for (const [key, b] of this.buckets) if (b.fullAtMs <= nowMs) this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }

  close(): void {
    this.buckets.clear();
  }
}

type OwnedRecord = IdempotencyRecord & { owner: string };

const publicRecord = ({ owner: _owner, ...record }: OwnedRecord): IdempotencyRecord => record;

export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, OwnedRecord>();
  private ops = 0;

  async claim(
    key: string,
    fingerprint: string,
    owner: string,
    expiresAtMs: number,
    nowMs: number,
  ): Promise<ClaimResult> {
    // Stryker disable next-line UpdateOperator: counting down (-10_000 % 10_000 === -0 === 0) sweeps on the same calls
    if (++this.ops % SWEEP_EVERY === 0) this.sweep(nowMs);
    const existing = this.live(key, nowMs);
    if (existing && !(existing.owner === owner && existing.state === "in_flight"))
      return { claimed: false, record: publicRecord(existing) };
    this.records.set(key, { fingerprint, owner, state: "in_flight", expiresAt: expiresAtMs });
    return { claimed: true };
  }

  async complete(
    key: string,
    fingerprint: string,
    owner: string,
    response: StoredResponse,
    expiresAtMs: number,
    nowMs: number,
  ): Promise<void> {
    const record = this.live(key, nowMs);
    if (!record || (record.owner === owner && record.fingerprint === fingerprint)) {
      this.records.set(key, { fingerprint, owner, state: "completed", expiresAt: expiresAtMs, response });
    }
  }

  async release(key: string, fingerprint: string, owner: string): Promise<void> {
    const record = this.records.get(key);
    if (record && record.owner === owner && record.fingerprint === fingerprint && record.state === "in_flight")
      this.records.delete(key);
  }

  async get(key: string, nowMs: number): Promise<IdempotencyRecord | null> {
    const record = this.live(key, nowMs);
    return record ? publicRecord(record) : null;
  }

  sweep(nowMs: number): void {
    for (const [key, r] of this.records) if (r.expiresAt <= nowMs) this.records.delete(key);
  }

  /** Records held, expired ones included until a sweep or a read drops them. */
  get size(): number {
    return this.records.size;
  }

  close(): void {
    this.records.clear();
  }

  private live(key: string, nowMs: number): OwnedRecord | undefined {
    const record = this.records.get(key);
    if (record && record.expiresAt <= nowMs) {
      this.records.delete(key);
      return undefined;
    }
    return record;
  }
}
