// One call per operation through @aurous/client's public API, with extra headers (Prism's
// `Prefer`) passed through the per-call options: the client suite forces each matrix entry this way.
import type { Aurous, ApiResult } from "@aurous/client";
import { png } from "../../src/server/png.js";

export const EXAMPLE_CHARACTER = "char_01HXMQ7Z3K8Y2NABCDEFGHJKMR";
export const EXAMPLE_UPLOAD = "upl_01HXMQ7Z3K8Y2NABCDEFGHJKMR";

export function callOperation(aurous: Aurous, baseUrl: string, operationId: string, headers: Record<string, string>): Promise<ApiResult<unknown>> {
  const options = { headers, maxRetries: 0 };
  switch (operationId) {
    case "initCharacterUpload":
      return aurous.uploads.init({ filename: "front.png", extension: "png", content_type: "image/png" }, options);
    case "uploadCharacterImage":
      return aurous.uploads.put(`${baseUrl}/storage/uploads/${EXAMPLE_UPLOAD}?expires=1778235300&signature=${"ab".repeat(32)}`, png(8, 8), {
        ...options,
        headers: { "Content-Type": "image/png", ...headers },
      });
    case "classifyCharacterUpload":
      return aurous.uploads.classify({ upload_id: EXAMPLE_UPLOAD }, options);
    case "createCharacter":
      return aurous.characters.create({ name: "Aurora", upload_ids: [EXAMPLE_UPLOAD] }, options);
    case "listCharacters":
      return aurous.characters.list({ limit: 2 }, options);
    case "getCharacter":
      return aurous.characters.get(EXAMPLE_CHARACTER, options);
    case "updateCharacter":
      return aurous.characters.update(EXAMPLE_CHARACTER, { name: "Aurora the Bold" }, options);
    case "deleteCharacter":
      return aurous.characters.delete(EXAMPLE_CHARACTER, options);
    case "saveCharacter":
      return aurous.characters.save(EXAMPLE_CHARACTER, options);
    case "regenerateCharacterRef":
      return aurous.characters.regenerateRef(EXAMPLE_CHARACTER, { pose: "front" }, options);
    case "resynthesizeCharacter":
      return aurous.characters.resynthesize(EXAMPLE_CHARACTER, { force_all: true }, options);
    default:
      throw new Error(`no client call for ${operationId}`);
  }
}
