// Type-checked, never run: what a CommonJS TypeScript consumer of @aurous/client writes. Under
// nodenext a .cts file resolves the `require` conditions, i.e. the .d.cts declarations.
import client = require("@aurous/client");
import clientNode = require("@aurous/client/node");

export async function firstCharacterId(aurous: client.Aurous): Promise<string | undefined> {
  const page: client.ApiResult<client.CharacterList> = await aurous.characters.list({ limit: 1 });
  return page.data.data[0]?.id;
}

export const uploadFile: typeof clientNode.uploadFile = clientNode.uploadFile;
// @ts-expect-error -- limit is a number
export const badQuery: NonNullable<Parameters<client.Aurous["characters"]["list"]>[0]> = { limit: "ten" };
