// Store interfaces behind the rate limiter and the idempotency layer. Both take `nowMs` from the
// server's clock so that time is injectable in tests and identical across implementations.

export interface TokenBucketSpec {
  /** Maximum tokens (the rule's burst). */
  capacity: number;
  /** Tokens added per second (sustained_per_minute / 60). */
  refillPerSecond: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Epoch second at which the bucket would be full again without further requests. */
  resetAt: number;
  /** When refused: whole seconds (>= 1) until a token is available. */
  retryAfter: number;
}

export interface RateLimitStore {
  /**
   * Atomically refills the bucket for the elapsed time and takes one token if there is one. May
   * answer synchronously (the in-memory store does, sparing a promise per request).
   */
  take(key: string, bucket: TokenBucketSpec, nowMs: number): TakeResult | Promise<TakeResult>;
  close?(): Promise<void> | void;
}

/** A stored 2xx answer, replayed verbatim for a repeated Idempotency-Key. */
export interface StoredResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface IdempotencyRecord {
  fingerprint: string;
  state: "in_flight" | "completed";
  /** Epoch ms after which the key is forgotten. */
  expiresAt: number;
  response?: StoredResponse;
}

export type ClaimResult = { claimed: true } | { claimed: false; record: IdempotencyRecord };

/**
 * Every write names its `owner`: a random token of the request that claimed the key. Claims are
 * safe to send twice (a client library re-sending a command whose reply it lost gets its own claim
 * back, not a 409), and a late complete or release can never touch another request's claim.
 */
export interface IdempotencyStore {
  /**
   * Atomically claims `key` for a new request (SET NX semantics), or returns the live record that
   * already holds it. An expired record counts as absent; a live in-flight record of the same
   * `owner` counts as claimed. `expiresAtMs` bounds the in-flight claim, so a crashed request
   * cannot hold its key for the whole window.
   */
  claim(key: string, fingerprint: string, owner: string, expiresAtMs: number, nowMs: number): Promise<ClaimResult>;
  /**
   * Stores the 2xx answer of `owner`, remembered until `expiresAtMs`: over its own claim, or in
   * place of no record at all (the claim was lost with the store's data, yet the effect happened).
   * A key held by another owner is left alone.
   */
  complete(
    key: string,
    fingerprint: string,
    owner: string,
    response: StoredResponse,
    expiresAtMs: number,
    nowMs: number,
  ): Promise<void>;
  /** Forgets `owner`'s in-flight claim (the request failed), so the key can be used again. */
  release(key: string, fingerprint: string, owner: string): Promise<void>;
  get(key: string, nowMs: number): Promise<IdempotencyRecord | null>;
  close?(): Promise<void> | void;
}
