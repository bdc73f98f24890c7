import type { AurousCore } from "../core/core.js";
import type { CallOptions } from "../core/options.js";
import type { ApiResult } from "../core/result.js";
import { deadlineSignal, sleep } from "../core/signal.js";
import { AurousCharacterFailedError, AurousWaitTimeoutError } from "../errors/character.js";
import { AurousAbortError } from "../errors/transport.js";
import { getCharacterOperation } from "../generated/meta.js";
import { getCharacter } from "../generated/operations.gen.js";
import type { Character } from "../generated/types.gen.js";

export type WaitableStatus = "synthesizing" | "reviewing" | "ready" | "failed";

export interface WaitForOptions extends Pick<CallOptions, "signal" | "version" | "headers" | "maxRetries"> {
  /** The status (or any of the statuses) to wait for. Default `['reviewing', 'ready']`. */
  status?: WaitableStatus | readonly WaitableStatus[];
  /**
   * Deadline for the whole wait: polls, their retries and retry delays. Default 300 000 ms (synthesis
   * takes minutes); 0 or less ends the wait before the first poll.
   */
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
export async function waitForCharacter(
  core: AurousCore,
  id: string,
  options: WaitForOptions = {},
): Promise<ApiResult<Character>> {
  const wanted: readonly string[] =
    typeof options.status === "string" ? [options.status] : (options.status ?? ["reviewing", "ready"]);
  const timeoutMs = options.timeoutMs ?? 300_000;
  if (!(timeoutMs > 0)) throw new AurousWaitTimeoutError(id, timeoutMs, undefined);
  // maxRetries is each poll's own retry budget (default: the client's); the deadline still bounds all.
  const { signal: caller, version, headers, maxRetries } = options;
  // Each poll keeps the client's own per-attempt timeout; this signal cuts everything at the deadline.
  const deadline = deadlineSignal(timeoutMs, caller);
  const pollOptions: CallOptions = { signal: deadline.signal, version, headers, maxRetries };
  let interval = options.intervalMs ?? 1_000;
  let last: Character | undefined;
  try {
    for (;;) {
      let result: ApiResult<Character>;
      try {
        result = await getCharacter(core, id, pollOptions);
      } catch (error) {
        if (deadline.timedOut()) throw new AurousWaitTimeoutError(id, timeoutMs, last);
        throw error;
      }
      last = result.data;
      if (wanted.includes(last.status)) return result;
      if (last.status === "failed") throw new AurousCharacterFailedError(last);
      await sleep(interval, deadline.signal);
      if (deadline.timedOut()) throw new AurousWaitTimeoutError(id, timeoutMs, last);
      if (caller?.aborted) throw new AurousAbortError(getCharacterOperation.id, caller.reason);
      interval = Math.min(interval * 1.5, options.maxIntervalMs ?? 10_000);
    }
  } finally {
    deadline.dispose();
  }
}
