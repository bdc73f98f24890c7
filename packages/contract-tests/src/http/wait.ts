// Waiting, in one place: Retry-After read the same way by every caller, capped sleeps, and the one
// poll loop (a character settling, Prism coming up).

/** A 429's Retry-After in seconds (delta-seconds or an HTTP date); `fallback` when absent or unreadable. */
export function retryAfterSeconds(headers: Record<string, string | undefined>, fallback = 1, now = Date.now()): number {
  const raw = headers["retry-after"]?.trim();
  if (!raw) return fallback;
  if (/^\d+$/.test(raw)) return Number(raw) || fallback;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? fallback : Math.max(1, Math.ceil((date - now) / 1000));
}

export function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

/** Waiting out a 429 when the caller cannot move the server's clock: Retry-After, capped (a minute by default). */
export function sleepSeconds(seconds: number, capSeconds = 60): Promise<void> {
  return sleep(Math.min(seconds, capSeconds) * 1000);
}

/**
 * Calls `read` every `intervalMs` until `done` holds for its value or `timeoutMs` passed; returns
 * the last value either way (the caller decides what a timeout means). `read` may throw to stop.
 */
export async function pollUntil<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  o: { timeoutMs: number; intervalMs: number },
): Promise<T> {
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(o.intervalMs);
  }
}
