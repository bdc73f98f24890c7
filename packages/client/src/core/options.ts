import type { OperationId } from "../generated/meta.js";
import type { ClientHooks } from "./events.js";
import type { Logger, LogLevel } from "./log.js";

/** Anything with zod's `safeParse` (zod and zod/mini schemas both qualify). */
export interface ResponseSchema {
  safeParse(
    data: unknown,
  ):
    | { success: true }
    | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

/** Response schemas by operationId and status; see `responseValidators` for the generated set. */
export type ResponseValidators = {
  readonly [Op in OperationId]?: { readonly [status: number]: ResponseSchema };
};

/** Passed to `onVersionMismatch` when a response applied another version than the one pinned. */
export interface VersionMismatch {
  operation: OperationId;
  /** The `Aurous-Version` the request pinned. */
  requested: string;
  /** The `Aurous-Version` the response says it applied. */
  applied: string;
  requestId: string | null;
}

export interface RetryBackoff {
  /** Delay before the first retry; it doubles per attempt. Default 500 ms. */
  initialDelayMs?: number;
  /** Cap of the exponential delay. Default 8 000 ms. */
  maxDelayMs?: number;
  /**
   * The longest `Retry-After` the client will sleep for. A 429 asking for longer is thrown at
   * once (with `retryAfterMs`) instead, since an earlier retry would only be refused. Default 60 000 ms.
   */
  maxRetryAfterMs?: number;
}

export interface ClientOptions {
  /**
   * A team API key, sent as `X-Api-Key` (never to the storage host of an upload). Default: the
   * `AUROUS_API_KEY` environment variable, where the runtime has one; neither throws an AurousError.
   */
  apiKey?: string;
  /** Default: the `AUROUS_BASE_URL` environment variable, else `https://api.aurous-labs.com`. */
  baseUrl?: string;
  /**
   * Headers sent with every API request (not to the storage host of an upload PUT). Per-call
   * `headers` win over them, and they win over the client's `User-Agent`. `X-Api-Key`,
   * `Idempotency-Key` and `Aurous-Version` are the client's (options `apiKey`, `idempotencyKey`,
   * `version`): naming one here throws.
   */
  defaultHeaders?: Record<string, string>;
  /** Where log lines go; default `console`. */
  logger?: Logger;
  /**
   * Default: the `AUROUS_LOG` environment variable, else 'warn'. 'error': a `hooks`/`on` listener
   * threw; 'warn': version mismatches, an upload whose bytes overrule its declared type; 'info':
   * every response, retry and failed call; 'debug': every request, with its headers (key redacted).
   */
  logLevel?: LogLevel;
  /** Listeners for the `request`, `response`, `retry` and `error` events (see also `client.on`). */
  hooks?: ClientHooks;
  /** The `Aurous-Version` to pin. Default: `API_VERSION`, the version this client was generated from. */
  version?: string;
  /**
   * Per-attempt timeout in ms. Default 0: no client-side timeout, so the runtime's own limits apply
   * (Node's fetch: 10 s to connect, 300 s to the response headers, 300 s between body chunks); 0 or
   * Infinity turn it off. When set, every request carries an AbortSignal, which costs Node's fetch
   * 15–30 µs per request (README, Performance). It fires at `timeoutMs` or up to 1/20 of it (at
   * most 1 s) later: attempts started close together share a timer.
   */
  timeoutMs?: number;
  /** Retries after the first attempt, for connection errors, 5xx, 429 and 409 `idempotency_key_in_use`. Default 2. */
  maxRetries?: number;
  retryBackoff?: RetryBackoff;
  /** A fetch implementation; default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /**
   * Called when a successful response says it applied another `Aurous-Version` than the pinned one
   * (the typed shapes may then not match the body). Default: one `logger.warn` per distinct pair.
   */
  onVersionMismatch?: (mismatch: VersionMismatch) => void;
}

export interface CoreOptions extends ClientOptions {
  /** Schemas to validate responses with; without them (or with `validateResponses: false`) nothing is validated. */
  validators?: ResponseValidators;
  /** Default true when `validators` are given. */
  validateResponses?: boolean;
}

/** Options every call accepts. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout. */
  timeoutMs?: number;
  /** Overrides the client's `maxRetries`. */
  maxRetries?: number;
  /** Overrides the pinned `Aurous-Version` for this call. */
  version?: string;
  /** Extra request headers, e.g. `{ Prefer: 'code=404, example=resource_not_found' }` for Prism. */
  headers?: Record<string, string>;
}

/** Options of the operations that honour `Idempotency-Key`. */
export interface IdempotentCallOptions extends CallOptions {
  /** Default: a fresh UUID per call, reused by every retry of that call. */
  idempotencyKey?: string;
}
