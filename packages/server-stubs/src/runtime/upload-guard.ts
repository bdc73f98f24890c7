// Bounds what signed-URL requests (credential "signed-url") can hold in memory. A signed URL is
// reusable for its whole lifetime, so without this one URL could stream many 10 MiB bodies at once.
// Per URL: one request at a time and a token bucket of attempts; per process: a cap on requests
// whose bodies are being read. A request refused here is refused before its body is read (and its
// connection closed).
import type { RateLimitStore } from "../stores/types.js";
import { RuntimeReject } from "./errors.js";
import { bounded, DEFAULT_STORE_TIMEOUT_MS } from "./store-calls.js";

export interface UploadLimits {
  /** PUTs whose bodies may be read at once, across all URLs (each holds up to 10 MiB). Default 16. */
  maxConcurrent?: number;
  /** PUT attempts per upload URL: a bucket of this many, refilled over 15 minutes (its lifetime). Default 10. */
  attemptsPerUrl?: number;
}

const URL_LIFETIME_S = 15 * 60;

export interface UploadGuard {
  /**
   * Admits a request to the URL `urlKey` (after its signature check) or throws its refusal, a 400
   * with `unusableCode` (the operation's code for an unusable URL); returns the release function.
   */
  admit(urlKey: string, nowMs: number, unusableCode: string): Promise<() => void>;
  readonly active: number;
}

export function createUploadGuard(
  store: RateLimitStore,
  limits: UploadLimits = {},
  storeTimeoutMs = DEFAULT_STORE_TIMEOUT_MS,
): UploadGuard {
  const maxConcurrent = limits.maxConcurrent ?? 16;
  const attempts = limits.attemptsPerUrl ?? 10;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1)
    throw new Error("createAurousServer: uploads.maxConcurrent must be a positive integer");
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new Error("createAurousServer: uploads.attemptsPerUrl must be a positive integer");
  const busy = new Set<string>();

  return {
    get active() {
      return busy.size;
    },
    async admit(urlKey, nowMs, unusableCode) {
      // Signed-URL operations document no 429: a URL used too often is unusable (mint a new one).
      const bucket = { capacity: attempts, refillPerSecond: attempts / URL_LIFETIME_S };
      const taken = await bounded(
        () => store.take(`signed-url:${urlKey}`, bucket, nowMs),
        "rateLimit.take",
        storeTimeoutMs,
      );
      if (!taken.allowed) {
        throw new RuntimeReject(
          400,
          unusableCode,
          `This URL was used too often; retry in ${taken.retryAfter}s or mint a new one.`,
          null,
        );
      }
      if (busy.has(urlKey)) {
        throw new RuntimeReject(
          400,
          unusableCode,
          "Another request to this URL is in progress; wait for its answer.",
          null,
        );
      }
      if (busy.size >= maxConcurrent) {
        throw new RuntimeReject(500, "internal_error", "Too many uploads are in progress; retry shortly.", null);
      }
      busy.add(urlKey);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        busy.delete(urlKey);
      };
    },
  };
}
