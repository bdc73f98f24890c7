import type { Handler } from "../../src/contract/types.js";
import type { Character } from "../../src/generated/openapi-ts/types.gen.js";
declare const character: Character;
export const ok: Handler<"getCharacter"> = async (req) => {
  if (req.params.id === "x") return { status: 404, error: { code: "resource_not_found", message: "no" } };
  return { status: 200, body: character };
};
// @ts-expect-error 201 is not documented for getCharacter
export const badStatus: Handler<"getCharacter"> = async () => ({ status: 201, body: character });
// @ts-expect-error invalid_format is documented at 400, not 404
export const badCode: Handler<"getCharacter"> = async () => ({ status: 404, error: { code: "invalid_format", message: "x" } });
export const failOk: Handler<"getCharacter"> = (req) => req.fail(404, "resource_not_found", "no", "id");
// @ts-expect-error missing_field is not documented for getCharacter
export const failBad: Handler<"getCharacter"> = (req) => req.fail(400, "missing_field", "no");
