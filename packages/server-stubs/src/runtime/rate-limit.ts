// Picks the bucket an operation draws from (x-aurous-rate-limit, with body-field variants) and
// turns a store's answer into headers or a 429.
import type { BucketRule, OperationMeta } from "../contract/meta.js";
import type { RateLimitStore, TakeResult } from "../stores/types.js";
import { RuntimeReject } from "./errors.js";
import { bounded, StoreFailure } from "./store-calls.js";

export interface ResolvedBucket {
  name: string;
  capacity: number;
  refillPerSecond: number;
  /** The bucket's documented 429 code. */
  errorCode: string;
}

const toBucket = (chosen: BucketRule): ResolvedBucket => ({
  name: chosen.bucket,
  capacity: chosen.burst,
  refillPerSecond: chosen.sustained_per_minute / 60,
  errorCode: chosen.error_code,
});

// A rule's buckets are the same on every request: resolved once per rule.
const resolved = new WeakMap<BucketRule, ResolvedBucket>();
const bucketOf = (rule: BucketRule): ResolvedBucket => {
  let bucket = resolved.get(rule);
  // Stryker disable next-line ConditionalExpression: resolving a rule again gives an equal bucket (the cache only spares objects)
  if (!bucket) resolved.set(rule, (bucket = toBucket(rule)));
  return bucket;
};

export function resolveBucket(meta: OperationMeta, body: unknown): ResolvedBucket | null {
  const rule = meta.rateLimit;
  if (!rule) return null;
  let chosen: BucketRule = rule;
  if (rule.variants && body && typeof body === "object") {
    const variant = rule.variants.find((v) => (body as Record<string, unknown>)[v.when.body_field] === v.when.equals);
    if (variant) chosen = variant;
  }
  return bucketOf(chosen);
}

type LimitHeaders = Record<string, number>;

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T>).then === "function";
}

function toHeaders(bucket: ResolvedBucket, result: TakeResult): LimitHeaders {
  const headers = {
    "X-RateLimit-Limit": bucket.capacity,
    "X-RateLimit-Remaining": result.remaining,
    "X-RateLimit-Reset": result.resetAt,
  };
  if (!result.allowed) {
    throw new RuntimeReject(
      429,
      bucket.errorCode,
      `Rate limit exceeded for ${bucket.name}. Retry after ${result.retryAfter}s.`,
      null,
      { ...headers, "Retry-After": result.retryAfter },
    );
  }
  return headers;
}

/**
 * Draws one token; returns the rate-limit headers (synchronously when the store answers
 * synchronously), or throws the op's 429 with its headers. Null when the op has no bucket.
 */
export function drawToken(
  store: RateLimitStore,
  meta: OperationMeta,
  teamId: string,
  body: unknown,
  nowMs: number,
  timeoutMs: number,
): LimitHeaders | null | Promise<LimitHeaders> {
  const bucket = resolveBucket(meta, body);
  if (!bucket) return null;
  let taken: TakeResult | PromiseLike<TakeResult>;
  try {
    taken = store.take(`${teamId}:${bucket.name}`, bucket, nowMs);
  } catch (error) {
    throw new StoreFailure("rateLimit.take", "error", timeoutMs, error);
  }
  // A synchronous answer (the in-memory store) costs no promise; an asynchronous one is bounded.
  if (!isPromiseLike(taken)) return toHeaders(bucket, taken);
  const pending = taken;
  return bounded(() => Promise.resolve(pending), "rateLimit.take", timeoutMs).then((result) =>
    toHeaders(bucket, result),
  );
}
