import type { ResolvedConfig } from "./core.js";

/** Whether a response status (and error code) is worth retrying with the same request. */
export function isRetryableStatus(status: number, code: string | undefined, hasRetryAfter = false): boolean {
  // 409 idempotency_key_in_use with Retry-After: the key's first request is still running, and a
  // retry gets its replay. Without it the key was used with another body: retrying cannot succeed.
  return status >= 500 || status === 429 || (status === 409 && code === "idempotency_key_in_use" && hasRetryAfter);
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  // A number is never read as a date: Date.parse takes "-5" for a day in 2001, hiding a bad header.
  if (!Number.isNaN(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before retry number `attempt + 1`, or undefined to give up. `Retry-After` wins
 * when present; otherwise exponential backoff with "equal jitter" (half fixed, half random), so
 * that clients that failed together do not retry together.
 */
export function retryDelay(
  config: ResolvedConfig,
  attempt: number,
  retryAfterMs: number | undefined,
): number | undefined {
  if (retryAfterMs !== undefined) return retryAfterMs <= config.maxRetryAfterMs ? retryAfterMs : undefined;
  const ceiling = Math.min(config.maxDelayMs, config.initialDelayMs * 2 ** attempt);
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}
