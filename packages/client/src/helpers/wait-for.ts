import type { AurousCore } from "../core/core.js";
import type { CallOptions } from "../core/options.js";
import type { ApiResult } from "../core/result.js";
import { deadlineSignal, sleep } from "../core/signal.js";
import type { AurousError } from "../errors/base.js";
import { AurousCharacterFailedError, AurousWaitTimeoutError } from "../errors/character.js";
import { AurousAbortError } from "../errors/transport.js";
import { getCharacterOperation, type OperationId } from "../generated/meta.js";
import { getCharacter } from "../generated/operations.gen.js";
import type { Character } from "../generated/types.gen.js";

/** What every wait takes: the poll's call options, the deadline and the polling interval. */
export interface PollOptions extends Pick<CallOptions, "signal" | "version" | "headers" | "maxRetries"> {
  /**
   * Deadline for the whole wait: polls, their retries and retry delays. 0 or less ends the wait
   * before the first poll. The default depends on the wait (300 000 ms for both today).
   */
  timeoutMs?: number;
  /** First polling interval; it grows 1.5× per poll up to `maxIntervalMs`. */
  intervalMs?: number;
  maxIntervalMs?: number;
}

/** One wait, as `pollUntil` runs it. */
export interface PollPlan<T> {
  /** The operation polled: named by the abort error. */
  operation: OperationId;
  /** One poll, with the wait's call options (its signal ends at the deadline). */
  poll: (options: CallOptions) => Promise<ApiResult<T>>;
  /** Whether the state ends the wait (resolving with it); may throw to end the wait with an error. */
  done: (state: T) => boolean;
  /** The error the deadline throws, given the last state seen. */
  timeout: (timeoutMs: number, last: T | undefined) => AurousError;
  defaults: { timeoutMs: number; intervalMs: number; maxIntervalMs: number };
}

/**
 * The one polling loop of the client (characters.waitFor, images.waitFor and createAndWait): polls
 * until `done`, sleeping an interval that grows 1.5× up to a cap. The deadline bounds the whole
 * wait, a poll in flight, its retries and their delays included; the caller's signal aborts it.
 */
export async function pollUntil<T>(plan: PollPlan<T>, options: PollOptions = {}): Promise<ApiResult<T>> {
  const timeoutMs = options.timeoutMs ?? plan.defaults.timeoutMs;
  if (!(timeoutMs > 0)) throw plan.timeout(timeoutMs, undefined);
  // maxRetries is each poll's own retry budget (default: the client's); the deadline still bounds all.
  const { signal: caller, version, headers, maxRetries } = options;
  // Each poll keeps the client's own per-attempt timeout; this signal cuts everything at the deadline.
  const deadline = deadlineSignal(timeoutMs, caller);
  const pollOptions: CallOptions = { signal: deadline.signal, version, headers, maxRetries };
  let interval = options.intervalMs ?? plan.defaults.intervalMs;
  let last: T | undefined;
  try {
    for (;;) {
      let result: ApiResult<T>;
      try {
        result = await plan.poll(pollOptions);
      } catch (error) {
        if (deadline.timedOut()) throw plan.timeout(timeoutMs, last);
        throw error;
      }
      last = result.data;
      if (plan.done(last)) return result;
      await sleep(interval, deadline.signal);
      if (deadline.timedOut()) throw plan.timeout(timeoutMs, last);
      if (caller?.aborted) throw new AurousAbortError(plan.operation, caller.reason);
      interval = Math.min(interval * 1.5, options.maxIntervalMs ?? plan.defaults.maxIntervalMs);
    }
  } finally {
    deadline.dispose();
  }
}

export type WaitableStatus = "synthesizing" | "reviewing" | "ready" | "failed";

export interface WaitForOptions extends PollOptions {
  /** The status (or any of the statuses) to wait for. Default `['reviewing', 'ready']`. */
  status?: WaitableStatus | readonly WaitableStatus[];
  /** Deadline for the whole wait. Default 300 000 ms (synthesis takes minutes). */
  timeoutMs?: number;
  /** First polling interval; it grows 1.5× per poll up to `maxIntervalMs`. Default 1 000 ms. */
  intervalMs?: number;
  /** Default 10 000 ms. */
  maxIntervalMs?: number;
}

/**
 * Polls `GET /v1/characters/{id}` until the character reaches a wanted status. Reaching `failed`
 * (unless waited for) throws AurousCharacterFailedError; the deadline throws AurousWaitTimeoutError.
 * The deadline bounds the whole wait: a poll in flight, its retries and their delays included.
 */
export function waitForCharacter(
  core: AurousCore,
  id: string,
  options: WaitForOptions = {},
): Promise<ApiResult<Character>> {
  const wanted: readonly string[] =
    typeof options.status === "string" ? [options.status] : (options.status ?? ["reviewing", "ready"]);
  return pollUntil<Character>(
    {
      operation: getCharacterOperation.id,
      poll: (pollOptions) => getCharacter(core, id, pollOptions),
      done: (character) => {
        if (wanted.includes(character.status)) return true;
        if (character.status === "failed") throw new AurousCharacterFailedError(character);
        return false;
      },
      timeout: (timeoutMs, last) => new AurousWaitTimeoutError(id, timeoutMs, last),
      defaults: { timeoutMs: 300_000, intervalMs: 1_000, maxIntervalMs: 10_000 },
    },
    options,
  );
}
