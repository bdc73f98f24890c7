// Background work with a delay (the sandbox's stand-in for the synthesis pipeline): one job per
// key, cancellable, and all of it stopped by close() so a server shutdown leaves no timer behind.
export type Job = () => Promise<void> | void;

export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly onError: (key: string, error: unknown) => void = () => {}) {}

  /** Runs `job` after `delayMs`, replacing any job already pending under `key`. */
  schedule(key: string, delayMs: number, job: Job): void {
    if (this.closed) return;
    this.cancel(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      const run = (async () => {
        try {
          await job();
        } catch (error) {
          this.onError(key, error);
        }
      })();
      this.running.add(run);
      void run.finally(() => this.running.delete(run));
    }, delayMs);
    this.timers.set(key, timer);
  }

  /** Drops the pending job under `key`; true if there was one. */
  cancel(key: string): boolean {
    const timer = this.timers.get(key);
    if (!timer) return false;
    clearTimeout(timer);
    this.timers.delete(key);
    return true;
  }

  isPending(key: string): boolean {
    return this.timers.has(key);
  }

  get pendingCount(): number {
    return this.timers.size;
  }

  /** Resolves once the jobs running right now have finished (pending ones are not waited for). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /** Cancels every pending job and waits for the ones already running. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }
}
