// The token-bucket arithmetic shared by the in-memory store (the Redis Lua script mirrors it).
import type { TakeResult, TokenBucketSpec } from "./types.js";

export interface BucketState {
  tokens: number;
  updatedMs: number;
}

export function takeToken(
  state: BucketState | undefined,
  spec: TokenBucketSpec,
  nowMs: number,
): { state: BucketState; result: TakeResult } {
  const { capacity, refillPerSecond } = spec;
  let tokens = capacity;
  if (state) {
    const elapsed = Math.max(0, nowMs - state.updatedMs) / 1000;
    tokens = Math.min(capacity, state.tokens + elapsed * refillPerSecond);
  }
  const allowed = tokens >= 1;
  if (allowed) tokens -= 1;
  const secondsToFull = (capacity - tokens) / refillPerSecond;
  return {
    state: { tokens, updatedMs: nowMs },
    result: {
      allowed,
      remaining: Math.floor(tokens),
      resetAt: Math.ceil((nowMs + secondsToFull * 1000) / 1000),
      retryAfter: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / refillPerSecond)),
    },
  };
}
