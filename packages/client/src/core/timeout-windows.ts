/** One attempt's view of its timeout: the signal to hand fetch, whether it fired, and the cleanup. */
export interface AttemptSignal {
  readonly signal: AbortSignal | undefined;
  /** Whether the timeout fired while the attempt was still running (valid after `dispose`). */
  timedOut(): boolean;
  dispose(): void;
}

// undici counts a signal's listeners on every fetch (one per request not yet garbage-collected), so
// a small window keeps that count short.
const MAX_JOINS_PER_WINDOW = 16;
/** A window stays open for 1/20 of the timeout, at most a second: the most a timeout fires late. */
const slackFor = (timeoutMs: number) => Math.min(Math.max(timeoutMs / 20, 1), 1_000);

type Timer = ReturnType<typeof setTimeout>;

interface Window {
  readonly controller: AbortController;
  readonly closesAt: number;
  joined: number;
  active: number;
  timer: Timer | undefined;
}

interface DenoTimers {
  refTimer?(id: unknown): void;
  unrefTimer?(id: unknown): void;
}

/**
 * Whether a pending timer keeps the process alive: only while an attempt of its window is in
 * flight. Node's and Bun's timers are objects with ref/unref, Deno's are ids; in browsers and
 * workers a timer holds nothing up.
 */
function holdProcess(timer: Timer, hold: boolean) {
  if (typeof timer === 'object' && timer !== null) {
    const handle = timer as { ref?(): unknown; unref?(): unknown };
    if (hold) handle.ref?.();
    else handle.unref?.();
    return;
  }
  const deno = (globalThis as { Deno?: DenoTimers }).Deno;
  if (hold) deno?.refTimer?.(timer);
  else deno?.unrefTimer?.(timer);
}

function stop(window: Window) {
  if (window.timer !== undefined) clearTimeout(window.timer);
  window.timer = undefined;
}

function fire(window: Window) {
  window.timer = undefined;
  if (window.active > 0) window.controller.abort();
}

/**
 * Timeouts for attempts that have no caller signal, coalesced: the attempts that start within a
 * short window share one AbortController and one timer, which fires `timeoutMs` after the window
 * closes, so no attempt times out early and none more than `slackFor(timeoutMs)` late.
 *
 * Why by hand: per request, a fresh controller costs undici a WeakRef and a FinalizationRegistry
 * entry, and arming then clearing a timer costs Node's timer lists about as much again: together a
 * tenth of a local round trip on Node 20 (see README, Performance). Here a window arms one timer
 * for up to `MAX_JOINS_PER_WINDOW` attempts and only refs and unrefs it as attempts come and go, so
 * an idle client never keeps a process alive.
 */
export class TimeoutWindows {
  readonly #open = new Map<number, Window>();

  join(timeoutMs: number): AttemptSignal {
    const now = performance.now();
    let window = this.#open.get(timeoutMs);
    if (!window || now >= window.closesAt || window.joined >= MAX_JOINS_PER_WINDOW || window.timer === undefined) {
      if (window?.active === 0) stop(window);
      // Per-call timeouts may vary; forget old ones rather than keep one entry per value ever used.
      if (this.#open.size >= 32) this.#open.clear();
      const slack = slackFor(timeoutMs);
      const opened: Window = { controller: new AbortController(), closesAt: now + slack, joined: 0, active: 0, timer: undefined };
      opened.timer = setTimeout(fire, slack + timeoutMs, opened);
      this.#open.set(timeoutMs, (window = opened));
    } else if (window.active === 0) {
      holdProcess(window.timer, true);
    }
    const joined = window;
    const windows = this.#open;
    joined.joined++;
    joined.active++;
    let firedWhileRunning: boolean | undefined;
    return {
      signal: joined.controller.signal,
      timedOut: () => firedWhileRunning ?? joined.controller.signal.aborted,
      dispose() {
        if (firedWhileRunning !== undefined) return;
        firedWhileRunning = joined.controller.signal.aborted;
        if (--joined.active > 0 || joined.timer === undefined) return;
        // Nobody can join a full or replaced window any more; the open one may be joined again soon.
        if (joined.joined >= MAX_JOINS_PER_WINDOW || windows.get(timeoutMs) !== joined) stop(joined);
        else holdProcess(joined.timer, false);
      },
    };
  }
}
