import { AurousApiError } from "../errors/api-error.js";
import type { AurousError } from "../errors/base.js";
import { apiErrorFor, errorDetailOf } from "../errors/from-response.js";
import { AurousResponseValidationError, AurousUndocumentedResponseError } from "../errors/response.js";
import { AurousAbortError, AurousConnectionError, AurousTimeoutError } from "../errors/transport.js";
import type { OperationId } from "../generated/meta.js";
import type { AurousCore } from "./core.js";
import { redactHeaders } from "./log.js";
import type { IdempotentCallOptions } from "./options.js";
import { type ApiResult, toResult } from "./result.js";
import { isRetryableStatus, parseRetryAfter, retryDelay } from "./retry.js";
import { attemptSignal, sleep } from "./signal.js";
import type { Transport } from "./transport.js";

/** The generated metadata of one operation (see src/generated/meta.ts). */
export interface OperationMeta {
  readonly id: OperationId;
  readonly successStatus: number;
  readonly honoursIdempotencyKey: boolean;
  readonly versioned: boolean;
  readonly errors: { readonly [status: number]: { readonly type: string; readonly codes: readonly string[] } };
}

export interface SendArgs {
  client: Transport;
  headers: Record<string, string>;
  signal: AbortSignal | undefined;
}

/** What one transport request answers. */
export interface SendOutcome {
  data?: unknown;
  error?: unknown;
  response?: Response;
  /** What the transport sent (see TransportOutcome); absent if the request never reached it. */
  request?: { method: string; url: string };
}

/** Sends one attempt of an operation (src/operations/request.ts builds it from the metadata). */
export type Send = (args: SendArgs) => Promise<SendOutcome>;

type Attempt<T> =
  | { result: ApiResult<T> }
  | { error: AurousError; retryable: boolean; retryAfterMs?: number | undefined };

function validationError(core: AurousCore, op: OperationMeta, response: Response, body: unknown) {
  const schema = core.config.validators?.[op.id]?.[response.status];
  const parsed = schema?.safeParse(body);
  return parsed && !parsed.success
    ? new AurousResponseValidationError({ operation: op.id, response, body, issues: parsed.error.issues })
    : undefined;
}

function success<T>(core: AurousCore, op: OperationMeta, response: Response, data: T, pinned?: string): Attempt<T> {
  const invalid = validationError(core, op, response, data);
  if (invalid) return { error: invalid, retryable: false };
  const result = toResult(data, response);
  if (pinned && result.version && result.version !== pinned) {
    core.config.onVersionMismatch({
      operation: op.id,
      requested: pinned,
      applied: result.version,
      requestId: result.requestId,
    });
  }
  return { result };
}

function failure(core: AurousCore, op: OperationMeta, response: Response, body: unknown): Attempt<never> {
  const { status } = response;
  const detail = errorDetailOf(body);
  const retryable = isRetryableStatus(status, detail?.code, response.headers.has("retry-after"));
  const retryAfterMs = retryable ? parseRetryAfter(response.headers.get("retry-after")) : undefined;
  const documented = op.errors[status];
  const undocumented = (reason: string) =>
    new AurousUndocumentedResponseError({ operation: op.id, response, body, reason });
  let error: AurousError;
  if (!documented) error = undocumented(`HTTP ${status} is not documented for this operation`);
  else if (!detail) error = undocumented("the body is not the documented error envelope");
  else if (!documented.codes.includes(detail.code)) {
    error = undocumented(`error code "${detail.code}" is not documented for HTTP ${status}`);
  } else {
    error =
      validationError(core, op, response, body) ??
      apiErrorFor({ operation: op.id, status, detail, response }, retryAfterMs);
  }
  return { error, retryable, retryAfterMs };
}

/** What one attempt sent and got, for the events; reused across the attempts of a call. */
interface Trace {
  request: { method: string; url: string } | undefined;
  response: Response | undefined;
}

async function attemptOnce<T>(
  core: AurousCore,
  op: OperationMeta,
  send: Send,
  client: Transport,
  headers: Record<string, string>,
  timeoutMs: number,
  caller: AbortSignal | undefined,
  trace: Trace,
): Promise<Attempt<T>> {
  const attempt = attemptSignal(core.timeouts, timeoutMs, caller);
  let outcome: SendOutcome;
  try {
    outcome = await send({ client, headers, signal: attempt.signal });
  } catch (error) {
    outcome = { error };
  } finally {
    attempt.dispose();
  }
  const { response, error } = outcome;
  trace.request = outcome.request;
  trace.response = response;
  // The transport reports a 2xx body it could not parse as JSON with a SyntaxError.
  const notJson = error instanceof SyntaxError;
  if (!response || (error instanceof Error && !notJson)) {
    // Stryker disable next-line BooleanLiteral: retried or not, the loop throws AurousAbortError once it sees the aborted signal
    if (caller?.aborted) return { error: new AurousAbortError(op.id, caller.reason), retryable: false };
    if (attempt.timedOut()) return { error: new AurousTimeoutError(op.id, timeoutMs), retryable: true };
    const message = error instanceof Error ? error.message : "the request failed";
    return { error: new AurousConnectionError(op.id, message, { cause: error }), retryable: true };
  }
  if (notJson) {
    const reason = "the body is not JSON";
    return {
      error: new AurousUndocumentedResponseError({ operation: op.id, response, body: undefined, reason }),
      retryable: isRetryableStatus(response.status, undefined),
    };
  }
  if (response.status === op.successStatus) {
    // A 204 has no body at all.
    const data = (response.status === 204 ? undefined : outcome.data) as T;
    return success(core, op, response, data, headers["Aurous-Version"]);
  }
  return failure(core, op, response, error ?? outcome.data);
}

/** Why an attempt failed, for the `retry` event: `HTTP 503 internal_error`, else the error's message. */
const reasonOf = (error: AurousError) =>
  error instanceof AurousApiError ? `HTTP ${error.status} ${error.code}` : error.message;

/** The per-attempt transport: observed (for the `request` event) only when someone listens. */
function clientFor(core: AurousCore, op: OperationMeta, attempt: number): Transport {
  const { events } = core;
  if (!events.has("request")) return core.http;
  return core.http.observed((method, url, headers) =>
    events.emit("request", { operation: op.id, method, url, attempt, headers: redactHeaders(headers) }),
  );
}

/** The fields every event but `request` shares; built only when someone listens. */
const eventOf = (op: OperationMeta, { request, response }: Trace, attempt: number) => ({
  operation: op.id,
  method: request?.method,
  url: request?.url,
  attempt: attempt + 1,
  requestId: response ? response.headers.get("aurous-request-id") : null,
});

/** Emits the `error` event of a call that ends with `error`, and returns the error to throw. */
function giveUp(
  core: AurousCore,
  op: OperationMeta,
  trace: Trace,
  attempt: number,
  retryable: boolean,
  error: AurousError,
  started: number,
) {
  if (core.events.has("error")) {
    core.events.emit("error", {
      ...eventOf(op, trace, attempt),
      retryable,
      elapsedMs: performance.now() - started,
      error,
    });
  }
  return error;
}

/**
 * Runs one operation call: sets `Aurous-Version` and `Idempotency-Key` (one key for every retry of
 * the call), sends it, maps the response to a result or to the error the contract documents, and
 * retries connection errors, 5xx, 429 and 409 `idempotency_key_in_use` with backoff. Every
 * operation goes through here, so this is where the `request`/`response`/`retry`/`error` events
 * (and the log lines built on them) come from.
 */
export async function invoke<T>(
  core: AurousCore,
  op: OperationMeta,
  send: Send,
  options: IdempotentCallOptions = {},
): Promise<ApiResult<T>> {
  const { config, events } = core;
  const headers: Record<string, string> = {};
  if (op.versioned) headers["Aurous-Version"] = options.version ?? config.version;
  if (op.honoursIdempotencyKey) {
    headers["Idempotency-Key"] = options.idempotencyKey ?? globalThis.crypto.randomUUID();
  }
  Object.assign(headers, options.headers);
  const maxRetries = options.maxRetries ?? config.maxRetries;
  const timeoutMs = options.timeoutMs ?? config.timeoutMs;
  const trace: Trace = { request: undefined, response: undefined };
  const callStarted = performance.now();
  for (let attempt = 0; ; attempt++) {
    const started = performance.now();
    const outcome = await attemptOnce<T>(
      core,
      op,
      send,
      clientFor(core, op, attempt + 1),
      headers,
      timeoutMs,
      options.signal,
      trace,
    );
    const { response } = trace;
    if (response && events.has("response")) {
      events.emit("response", {
        ...eventOf(op, trace, attempt),
        status: response.status,
        elapsedMs: performance.now() - started,
      });
    }
    if ("result" in outcome) return outcome.result;
    const { error, retryable } = outcome;
    const delay = retryable && attempt < maxRetries ? retryDelay(config, attempt, outcome.retryAfterMs) : undefined;
    if (delay === undefined) throw giveUp(core, op, trace, attempt, retryable, error, callStarted);
    if (events.has("retry")) {
      events.emit("retry", {
        ...eventOf(op, trace, attempt),
        delayMs: delay,
        reason: reasonOf(error),
        status: response?.status,
        error,
      });
    }
    await sleep(delay, options.signal);
    if (options.signal?.aborted) {
      throw giveUp(core, op, trace, attempt, false, new AurousAbortError(op.id, options.signal.reason), callStarted);
    }
  }
}
