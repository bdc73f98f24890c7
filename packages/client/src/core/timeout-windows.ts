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
/** The longest delay setTimeout accepts. */
export const MAX_DELAY_MS = 0x7fffffff;
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
  // Stryker disable next-line ConditionalExpression,LogicalOperator: on Node, where the tests run, a timer is always an object
  if (typeof timer === "object" && timer !== null) {
    const handle = timer as { ref?(): unknown; unref?(): unknown };
    // Stryker disable next-line OptionalChaining: Node's timers always have ref/unref; the `?.` is for other runtimes
    if (hold) handle.ref?.();
    else {
      // Stryker disable next-line OptionalChaining: as above
      handle.unref?.();
    }
    return;
  }
  // Stryker disable next-line all: Deno only; the tests run on Node
  const deno = (globalThis as { Deno?: DenoTimers }).Deno;
  // Stryker disable next-line all: Deno only
  if (hold) deno?.refTimer?.(timer);
  else {
    // Stryker disable next-line all: Deno only
    deno?.unrefTimer?.(timer);
  }
}

function stop(window: Window) {
  // Stryker disable next-line ConditionalExpression: clearTimeout(undefined) does nothing either
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
 * Why by hand: a fresh controller and a timer armed and cleared per request cost Node's timer lists
 * and abort machinery a measurable share of a local round trip on Node 20 (see README,
 * Performance). Here a window arms one timer for up to `MAX_JOINS_PER_WINDOW` attempts and only
 * refs and unrefs it as attempts come and go, so an idle client never keeps a process alive. (What
 * no client can save: undici follows any signal it is handed with a WeakRef, a FinalizationRegistry
 * entry and an abort listener per request, shared signal or not.)
 */
export class TimeoutWindows {
  readonly #open = new Map<number, Window>();

  join(timeoutMs: number): AttemptSignal {
    const now = performance.now();
    let window = this.#open.get(timeoutMs);
    if (
      !window ||
      now >= window.closesAt ||
      window.joined >= MAX_JOINS_PER_WINDOW ||
      // Stryker disable next-line ConditionalExpression: a window loses its timer only once full, closed or replaced, which the conditions above catch
      window.timer === undefined
    ) {
      if (window?.active === 0) stop(window);
      // Per-call timeouts may vary; forget old ones rather than keep one entry per value ever used
      // (an idle window is stopped; a busy one is stopped by its last attempt, as it is no longer
      // the open one).
      if (this.#open.size >= 32) {
        for (const idle of this.#open.values()) if (idle.active === 0) stop(idle);
        this.#open.clear();
      }
      // setTimeout cannot wait longer than 2^31 - 1 ms (it would fire at once), so the slack shrinks
      // for timeouts near that bound; +1 ms because timers start from a whole-millisecond clock.
      const slack = Math.min(slackFor(timeoutMs), MAX_DELAY_MS - 1 - timeoutMs);
      const opened: Window = {
        controller: new AbortController(),
        closesAt: now + slack,
        joined: 0,
        active: 0,
        timer: undefined,
      };
      opened.timer = setTimeout(fire, slack + timeoutMs + 1, opened);
      this.#open.set(timeoutMs, (window = opened));
    } else {
      // Stryker disable next-line ConditionalExpression: ref() on a timer already held does nothing
      if (window.active === 0) holdProcess(window.timer, true);
    }
    const joined = window;
    const windows = this.#open;
    joined.joined++;
    joined.active++;
    let firedWhileRunning: boolean | undefined;
    return {
      signal: joined.controller.signal,
      // Stryker disable next-line LogicalOperator: `&&` differs only before dispose, and timedOut is read after it (invoke.ts)
      timedOut: () => firedWhileRunning ?? joined.controller.signal.aborted,
      dispose() {
        if (firedWhileRunning !== undefined) return;
        firedWhileRunning = joined.controller.signal.aborted;
        if (
          --joined.active > 0 ||
          // Stryker disable next-line ConditionalExpression: without a timer (fired or stopped) the window is closed, and stopping it again does nothing
          joined.timer === undefined
        )
          return;
        // Nobody can join a full, closed or replaced window any more; the open one may be joined
        // again soon, so its timer is only released.
        const done =
          joined.joined >= MAX_JOINS_PER_WINDOW ||
          windows.get(timeoutMs) !== joined ||
          performance.now() >= joined.closesAt;
        if (done) stop(joined);
        else holdProcess(joined.timer, false);
      },
    };
  }
}
