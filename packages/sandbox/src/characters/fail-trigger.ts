// The documented way to make a synthesis fail in the sandbox: put this token in the character's
// name or in attributes.additional_details. It is read when the synthesis finishes, so removing it
// with PATCH and resynthesizing succeeds.
import type { CharacterRecord } from "./model.js";

export const FAIL_TOKEN = "[sandbox:fail]";

export const FAIL_MESSAGE =
  "synthesis_provider_error: the sandbox failed this synthesis on request ([sandbox:fail] in the name or additional_details).";

export function wantsFailure(record: Pick<CharacterRecord, "name" | "attributes">): boolean {
  return record.name.includes(FAIL_TOKEN) || (record.attributes?.additional_details?.includes(FAIL_TOKEN) ?? false);
}
