// The documented way to make an image generation fail in the sandbox: put the sandbox's failure
// token (the one syntheses read, `[sandbox:fail]`) in the prompt or the negative prompt. The
// generation then ends `failed` after its delay, and its held credits are released.
import { FAIL_TOKEN } from "../characters/fail-trigger.js";

export { FAIL_TOKEN };

export const GENERATION_FAIL_MESSAGE = `generation_provider_error: the sandbox failed this generation on request (${FAIL_TOKEN} in the prompt).`;

export function generationWantsFailure(request: { prompt: string; negativePrompt: string | null }): boolean {
  return request.prompt.includes(FAIL_TOKEN) || (request.negativePrompt?.includes(FAIL_TOKEN) ?? false);
}
