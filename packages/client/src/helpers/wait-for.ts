import type { Character } from '../generated/types.gen.js';
import { AurousCharacterFailedError, AurousWaitTimeoutError } from '../errors/character.js';
import { AurousAbortError, AurousTimeoutError } from '../errors/transport.js';
import type { AurousCore } from '../core/core.js';
import type { CallOptions } from '../core/options.js';
import type { ApiResult } from '../core/result.js';
import { sleep } from '../core/signal.js';
import { getCharacter } from '../operations/characters.js';

export type WaitableStatus = 'synthesizing' | 'reviewing' | 'ready' | 'failed';

export interface WaitForOptions extends Pick<CallOptions, 'signal' | 'version' | 'headers'> {
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
 */
export async function waitForCharacter(
  core: AurousCore,
  id: string,
  options: WaitForOptions = {},
): Promise<ApiResult<Character>> {
  const wanted: readonly string[] =
    typeof options.status === 'string' ? [options.status] : (options.status ?? ['reviewing', 'ready']);
  const timeoutMs = options.timeoutMs ?? 300_000;
  const deadline = Date.now() + timeoutMs;
  let interval = options.intervalMs ?? 1_000;
  const { signal, version, headers } = options;
  const pollOptions: CallOptions = { signal, version, headers };
  let last: Character | undefined;
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new AurousWaitTimeoutError(id, timeoutMs, last);
    let result: ApiResult<Character>;
    try {
      result = await getCharacter(core, id, {
        ...pollOptions,
        // A poll never outlives the deadline (a timeoutMs of 0 means none).
        timeoutMs: Math.min(remaining, core.config.timeoutMs || Infinity),
      });
    } catch (error) {
      if (error instanceof AurousTimeoutError && Date.now() >= deadline) {
        throw new AurousWaitTimeoutError(id, timeoutMs, last);
      }
      throw error;
    }
    last = result.data;
    if (wanted.includes(last.status)) return result;
    if (last.status === 'failed') throw new AurousCharacterFailedError(last);
    await sleep(Math.min(interval, Math.max(0, deadline - Date.now())), signal);
    if (signal?.aborted) throw new AurousAbortError('getCharacter', signal.reason);
    interval = Math.min(interval * 1.5, options.maxIntervalMs ?? 10_000);
  }
}
