import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Aurous, AurousError } from "../src/index.js";
import { API_KEY, character, characterId } from "./support/fixtures.js";
import { type StubServer, sendJson, startStub } from "./support/stub-server.js";

let stub: StubServer;
let client: Aurous;

beforeAll(async () => {
  stub = await startStub();
  client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, maxRetries: 0 });
});
afterAll(() => stub.close());

/** Serves `total` characters newest first, `limit` per page, with `starting_after` cursors. */
function serveCharacters(total: number) {
  const all = Array.from({ length: total }, (_, i) => character({ id: characterId(i) }));
  stub.reset((req, res) => {
    const url = new URL(req.url, stub.url);
    const limit = Number(url.searchParams.get("limit") ?? 20);
    const after = url.searchParams.get("starting_after");
    const start = after ? all.findIndex((c) => c.id === after) + 1 : 0;
    const data = all.slice(start, start + limit);
    const hasMore = start + limit < all.length;
    sendJson(res, 200, { object: "list", data, has_more: hasMore, next_cursor: hasMore ? data.at(-1)!.id : null });
  });
  return all;
}

describe("characters.listAll", () => {
  it("follows next_cursor across pages", async () => {
    const all = serveCharacters(7);
    const seen: string[] = [];
    for await (const c of client.characters.listAll({ limit: 3, status: "ready" })) seen.push(c.id);
    expect(seen).toEqual(all.map((c) => c.id));
    expect(stub.requests.map((r) => r.url)).toEqual([
      "/v1/characters?limit=3&status=ready",
      `/v1/characters?limit=3&status=ready&starting_after=${all[2]!.id}`,
      `/v1/characters?limit=3&status=ready&starting_after=${all[5]!.id}`,
    ]);
  });

  it("fetches lazily: breaking early stops paging", async () => {
    serveCharacters(10);
    for await (const c of client.characters.listAll({ limit: 2 })) {
      if (c.id === characterId(1)) break;
    }
    expect(stub.requests).toHaveLength(1);
  });

  it("handles an empty list", async () => {
    serveCharacters(0);
    const seen = [];
    for await (const c of client.characters.listAll()) seen.push(c);
    expect(seen).toEqual([]);
    expect(stub.requests).toHaveLength(1);
  });

  it("stops on a cursor that does not advance instead of looping forever", async () => {
    stub.reset((_req, res) =>
      sendJson(res, 200, { object: "list", data: [character()], has_more: true, next_cursor: characterId(0) }),
    );
    const run = async () => {
      for await (const _ of client.characters.listAll()) {
        // consume
      }
    };
    await expect(run()).rejects.toThrow(AurousError);
    expect(stub.requests).toHaveLength(2);
  });
});
