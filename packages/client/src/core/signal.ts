import { type AttemptSignal, MAX_DELAY_MS, type TimeoutWindows } from "./timeout-windows.js";

/**
 * The signal for one attempt: aborted by the caller's signal or by the attempt's timeout. Without a
 * caller signal the timeout comes from the client's shared `TimeoutWindows`; with one, both are
 * linked through a timer of the attempt's own (see `deadlineSignal`).
 */
export function attemptSignal(windows: TimeoutWindows, timeoutMs: number, caller?: AbortSignal): AttemptSignal {
  // 0 or Infinity: no client-side timeout (the runtime's own limits apply) and, without a caller
  // signal, no signal at all, which spares fetch its per-request abort bookkeeping. From 2^31 - 1 ms on
  // setTimeout would fire at once, so such values count as no timeout too.
  if (!(timeoutMs > 0 && timeoutMs < MAX_DELAY_MS)) {
    // Stryker disable next-line ArrowFunction: `() => undefined` is as falsy as false
    return { signal: caller, timedOut: () => false, dispose() {} };
  }
  return caller ? deadlineSignal(timeoutMs, caller) : windows.join(timeoutMs);
}

/**
 * A signal that aborts after exactly `ms` (never for Infinity) or as soon as `caller` aborts, with
 * the caller's reason; whichever comes first decides `timedOut`. A plain AbortController and a timer
 * of its own, because `AbortSignal.timeout` timers cannot be cleared (a busy client would keep
 * thousands alive) and `AbortSignal.any` leaked listeners on some Node 20 releases.
 */
export function deadlineSignal(ms: number, caller?: AbortSignal): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onAbort = () => controller.abort(caller?.reason);
  const endsAt = Date.now() + ms;
  const fire = () => {
    if (controller.signal.aborted) return; // the caller was first
    timedOut = true;
    controller.abort();
  };
  // setTimeout fires at once from 2^31 - 1 ms on, so a longer deadline is waited for in steps.
  const arm = (left: number) => {
    // Stryker disable next-line EqualityOperator: `>=` only adds a 0 ms step at exactly MAX_DELAY_MS
    timer = left > MAX_DELAY_MS ? setTimeout(() => arm(endsAt - Date.now()), MAX_DELAY_MS) : setTimeout(fire, left);
  };
  if (Number.isFinite(ms)) arm(ms);
  if (caller?.aborted) onAbort();
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: dispose removes the listener, and a signal aborts once
  else caller?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer);
      caller?.removeEventListener("abort", onAbort);
    },
  };
}

/** Waits `ms`, or less if `signal` aborts first (the caller checks `signal.aborted` after). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: `done` removes the listener itself
    signal?.addEventListener("abort", done, { once: true });
  });
}
