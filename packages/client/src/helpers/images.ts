// Image generations: waiting for a terminal status and downloading the outputs. The waits run on the
// client's one polling loop (pollUntil) and the downloads on the generated `getImageOutput`.
import type { AurousCore } from "../core/core.js";
import type { CallOptions, IdempotentCallOptions } from "../core/options.js";
import type { ApiResult } from "../core/result.js";
import { AurousWaitTimeoutError } from "../errors/character.js";
import { getImageOperation } from "../generated/meta.js";
import { createImage, getImage, getImageOutput } from "../generated/operations.gen.js";
import type { CreateImageRequest, Generation } from "../generated/types.gen.js";
import { type PollOptions, pollUntil } from "./wait-for.js";

// GenerationStatus (openapi/components/schemas/GenerationStatus.yaml) is an open set typed as a plain
// string: only these two are known to be running, and any other value, unknown ones included, is
// terminal (succeeded, failed, cancelled today; expired, moderation_rejected announced).
const RUNNING: readonly string[] = ["pending", "processing"];

/** Whether a generation's status is terminal: anything but `pending` and `processing`. */
export function isTerminalGenerationStatus(status: string): boolean {
  return !RUNNING.includes(status);
}

/**
 * `images.waitFor`: polls every 2 s at first, growing 1.5× up to `maxIntervalMs` (default 10 s),
 * for at most `timeoutMs` (default 300 000 ms) in all.
 */
export type WaitForImageOptions = PollOptions;

/** `images.createAndWait`: the wait's options, plus the create's `idempotencyKey`. */
export interface CreateAndWaitOptions extends WaitForImageOptions, Pick<IdempotentCallOptions, "idempotencyKey"> {}

/**
 * Polls `GET /v1/images/{id}` until the generation's status is terminal and resolves with it,
 * whatever that status is: `succeeded` (its `output_urls` filled in), `failed` (`error_message` says
 * why), `cancelled`, or a status this client does not know yet. A failed generation is an outcome
 * to branch on (`status !== 'succeeded'`), not an error, so that one rule covers every terminal
 * status the open set may add. The deadline throws AurousWaitTimeoutError (its `generation` is the
 * last state seen); the caller's signal, AurousAbortError.
 */
export function waitForImage(
  core: AurousCore,
  id: string,
  options: WaitForImageOptions = {},
): Promise<ApiResult<Generation>> {
  return pollUntil<Generation>(
    {
      operation: getImageOperation.id,
      poll: (pollOptions) => getImage(core, id, pollOptions),
      done: (generation) => isTerminalGenerationStatus(generation.status),
      timeout: (timeoutMs, last) => new AurousWaitTimeoutError(id, timeoutMs, last, "getImage"),
      defaults: { timeoutMs: 300_000, intervalMs: 2_000, maxIntervalMs: 10_000 },
    },
    options,
  );
}

/**
 * `POST /v1/images`, then `waitForImage` until the generation is terminal; resolves with it (see
 * waitForImage: a failed generation resolves too). The create sends `idempotencyKey` (a fresh one
 * per call if absent, reused by its retries), so retrying a whole createAndWait with the same key
 * never starts a second generation. `timeoutMs` bounds the wait after the create.
 */
export async function createImageAndWait(
  core: AurousCore,
  body: CreateImageRequest,
  options: CreateAndWaitOptions = {},
): Promise<ApiResult<Generation>> {
  const { signal, version, headers, maxRetries, idempotencyKey } = options;
  const created = await createImage(core, body, { signal, version, headers, maxRetries, idempotencyKey });
  // A replayed create (same key) may already be finished.
  if (isTerminalGenerationStatus(created.data.status)) return created;
  return waitForImage(core, created.data.id, options);
}

/**
 * The bytes of output `n` (default 0) of a succeeded generation, through the authenticated
 * `GET /v1/images/{id}/output/{n}` (no token needed). `images.output` gives the same as a Blob with
 * its media type. Errors are the operation's: 410 AurousGoneError once the output expired (24 hours
 * after the generation), 422 AurousUnprocessableEntityError while it has no output, 404 past the
 * last output.
 */
export async function downloadImageOutput(
  core: AurousCore,
  generation: Generation | string,
  n = 0,
  options?: CallOptions,
): Promise<Uint8Array> {
  const { data } = await imageOutput(core, generation, n, options);
  return new Uint8Array(await data.arrayBuffer());
}

/** `getImageOutput` for a generation or its id and a numeric `n`; shared with `downloadFile` (./node). */
export function imageOutput(
  core: AurousCore,
  generation: Generation | string,
  n: number,
  options: CallOptions | undefined,
): Promise<ApiResult<Blob>> {
  const id = typeof generation === "string" ? generation : generation.id;
  return getImageOutput(core, id, String(n), undefined, options);
}

/** Every output of a generation, one Uint8Array per `output_urls` entry (none unless succeeded). */
export function downloadImageOutputs(
  core: AurousCore,
  generation: Generation,
  options?: CallOptions,
): Promise<Uint8Array[]> {
  return Promise.all(generation.output_urls.map((_url, n) => downloadImageOutput(core, generation, n, options)));
}
