// Type-checked, never run: what a CommonJS TypeScript consumer writes. Under nodenext a .cts file
// resolves the packages' `require` conditions, i.e. their .d.cts declarations.
import client = require("@aurous/client");
import clientNode = require("@aurous/client/node");
import stubs = require("@aurous/server-stubs");

export async function firstCharacterId(aurous: client.Aurous): Promise<string | undefined> {
  const page: client.ApiResult<client.CharacterList> = await aurous.characters.list({ limit: 1 });
  return page.data.data[0]?.id;
}

export const uploadFile: typeof clientNode.uploadFile = clientNode.uploadFile;
export const server: typeof stubs.createAurousServer = stubs.createAurousServer;
// @ts-expect-error -- limit is a number
export const badQuery: NonNullable<Parameters<client.Aurous["characters"]["list"]>[0]> = { limit: "ten" };
