// For a request the schemas accept, the one outcome the spec allows. The schemas cannot express
// every rule, so a valid-by-schema request may still earn a documented domain 4xx; this decides
// which, from the spec's prose:
// - init: `extension`/`content_type` naming different types → 400 parameter_invalid_combination;
// - classify/create with an upload id nobody minted → 400 upload_invalid (unknown upload);
// - create with both flows or neither → 400 parameter_invalid_combination, synthesize without
//   attributes → 400 missing_field `attributes`;
// - create/estimate an image naming a made-up character, style or file → 404 resource_not_found;
// - any by-id operation on an id that does not exist → 404 resource_not_found.
import type { Expectation } from "./context.js";

const TYPE_OF_EXTENSION: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};

export function expectInit(body: { extension: string; content_type: string }): Expectation {
  if (TYPE_OF_EXTENSION[body.extension] === body.content_type)
    return { status: 201, codes: [], why: "a consistent upload description mints a ticket" };
  return {
    status: 400,
    codes: ["parameter_invalid_combination"],
    param: ["content_type", "extension"],
    why: "extension and content_type name different image types",
  };
}

export function expectCreate(body: { generate?: boolean; upload_ids?: string[]; attributes?: unknown }): Expectation {
  const uploadFlow = body.upload_ids !== undefined;
  const synthesize = body.generate === true;
  if (uploadFlow && synthesize)
    return {
      status: 400,
      codes: ["parameter_invalid_combination"],
      param: ["upload_ids", "generate"],
      why: "both flows",
    };
  if (!uploadFlow && !synthesize)
    return {
      status: 400,
      codes: ["parameter_invalid_combination"],
      param: ["upload_ids", "generate", null],
      why: "neither flow",
    };
  if (synthesize && body.attributes === undefined)
    return { status: 400, codes: ["missing_field"], param: "attributes", why: "synthesize flow without attributes" };
  if (uploadFlow)
    return {
      status: 400,
      codes: ["upload_invalid"],
      param: "upload_ids[0]",
      why: "made-up upload ids are unknown uploads",
    };
  return { status: 201, codes: [], why: "a synthesize-flow create with attributes starts a synthesis" };
}

interface ImageRequest {
  character_id?: string;
  lora_id?: string;
  reference_image_urls?: string[];
}

/**
 * An image request valid by schema (its combination rules included): every id in it was made up,
 * so a `character_id`, a `lora_id` or a `file_…` reference is `404 resource_not_found` naming that
 * field (DECISIONS: "Image generation choices"); https references and everything else are accepted.
 * Which lookup comes first is not specified, so any named field is right.
 */
export function expectImageRequest(success: Expectation): (body: ImageRequest) => Expectation {
  return (body) => {
    const params: string[] = [];
    if (body.character_id !== undefined) params.push("character_id");
    if (body.lora_id !== undefined) params.push("lora_id");
    (body.reference_image_urls ?? []).forEach((ref, i) => {
      if (ref.startsWith("file_")) params.push("reference_image_urls", `reference_image_urls[${i}]`);
    });
    if (params.length === 0) return success;
    return { status: 404, codes: ["resource_not_found"], param: params, why: "made-up ids name nothing of the team" };
  };
}

export const unknownId: Expectation = {
  status: 404,
  codes: ["resource_not_found"],
  why: "a well-formed id that does not exist",
};

/**
 * Operations whose valid-by-schema body still has one outcome decided by the prose (above), by
 * operationId. Any other operation's valid cases are judged by method and path alone (cases.ts).
 */
export const VALID_BODY_OUTCOMES: Record<string, (body: never) => Expectation> = {
  initCharacterUpload: expectInit,
  classifyCharacterUpload: () => ({
    status: 400,
    codes: ["upload_invalid"],
    param: "upload_id",
    why: "an upload id nobody minted",
  }),
  createCharacter: expectCreate,
  // Paid like createCharacter's synthesize flow: the fuzz teams need credits (a generation holds up to 8).
  createImage: expectImageRequest({ status: 201, codes: [], why: "a valid image request starts a generation" }),
  estimateImage: expectImageRequest({ status: 200, codes: [], why: "a valid image request is priced" }),
};
