// Type-checked, never run: what an ESM TypeScript consumer of @aurous/client writes. With
// skipLibCheck off, the published declarations (and their dependencies') must compile, resolve to
// real types rather than `any`, and reject what the contract rejects (the @ts-expect-error lines).
import { API_VERSION, type ApiResult, Aurous, type CharacterList, isApiError } from "@aurous/client";
import { uploadFile } from "@aurous/client/node";

export async function firstCharacterId(aurous: Aurous): Promise<string | undefined> {
  const page: ApiResult<CharacterList> = await aurous.characters.list({ limit: 1 });
  return page.data.data[0]?.id;
}

export async function uploadRef(aurous: Aurous, path: string): Promise<string> {
  // @ts-expect-error -- extension must be one of the documented ones
  await aurous.uploads.init({ filename: "ref.gif", extension: "gif", content_type: "image/png" });
  const uploaded = await uploadFile(aurous, path);
  return uploaded.upload_id;
}

export function describe(error: unknown): string {
  // isApiError narrows to the operation's documented statuses and codes.
  if (isApiError(error, "getCharacter")) return `${error.status} ${error.code}`;
  return "not an API error";
}

export const version: string = API_VERSION;
export const client = new Aurous({ apiKey: "al_live_example", baseUrl: "http://127.0.0.1:4010" });
