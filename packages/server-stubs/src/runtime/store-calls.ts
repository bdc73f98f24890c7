// Every call into a store is bounded: a store that hangs or keeps retrying (ioredis re-sends a
// command up to maxRetriesPerRequest times) must not hold the request. Past the bound, or on any
// store error, the request is answered 500 internal_error in the envelope.
export type StoreOperation = "rateLimit.take" | "idempotency.claim" | "idempotency.complete" | "idempotency.release";

/** A store call that failed or did not answer in time; answered 500 internal_error. */
export class StoreFailure extends Error {
  constructor(
    readonly operation: StoreOperation,
    readonly kind: "timeout" | "error",
    readonly timeoutMs: number,
    cause?: unknown,
  ) {
    super(
      kind === "timeout"
        ? `${operation} did not answer within ${timeoutMs} ms`
        : `${operation} failed: ${String((cause as Error)?.message ?? cause)}`,
      { cause },
    );
    this.name = "StoreFailure";
  }
}

export const DEFAULT_STORE_TIMEOUT_MS = 1_000;

/** Settles with the store's answer, or rejects with StoreFailure after `timeoutMs`. */
export function bounded<T>(call: () => Promise<T> | T, operation: StoreOperation, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StoreFailure(operation, "timeout", timeoutMs)), timeoutMs);
    const fail = (error: unknown) => {
      clearTimeout(timer);
      reject(error instanceof StoreFailure ? error : new StoreFailure(operation, "error", timeoutMs, error));
    };
    try {
      Promise.resolve(call()).then((value) => {
        clearTimeout(timer);
        resolve(value);
      }, fail);
    } catch (error) {
      fail(error);
    }
  });
}
