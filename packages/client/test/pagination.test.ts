import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiResult,
  Aurous,
  type AurousCore,
  AurousError,
  type CallOptions,
  createAurous,
  listCharacters,
  MAX_TO_ARRAY,
  paginate,
  paginateCharacters,
} from "../src/index.js";
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

describe("paginate", () => {
  it("iterates pages with their results, lazily", async () => {
    const all = serveCharacters(5);
    const pages = [];
    for await (const page of paginate(client, listCharacters, { limit: 2 }).pages()) {
      pages.push({ ids: page.data.data.map((c) => c.id), requestId: page.requestId, hasMore: page.data.has_more });
    }
    expect(pages).toEqual([
      { ids: [all[0]!.id, all[1]!.id], requestId: expect.stringMatching(/^req_/), hasMore: true },
      { ids: [all[2]!.id, all[3]!.id], requestId: expect.stringMatching(/^req_/), hasMore: true },
      { ids: [all[4]!.id], requestId: expect.stringMatching(/^req_/), hasMore: false },
    ]);
    serveCharacters(5);
    for await (const page of paginateCharacters(client.core, { limit: 2 }).pages()) {
      expect(page.data.data).toHaveLength(2);
      break;
    }
    expect(stub.requests).toHaveLength(1);
  });

  it("toArray stops at its limit and fetches only the pages it needs", async () => {
    const all = serveCharacters(10);
    const first = await paginateCharacters(client, { limit: 3 }).toArray({ limit: 4 });
    expect(first.map((c) => c.id)).toEqual(all.slice(0, 4).map((c) => c.id));
    expect(stub.requests).toHaveLength(2);

    serveCharacters(3);
    expect(await paginateCharacters(client).toArray({ limit: 100 })).toHaveLength(3);
  });

  it("is reachable from the resource: characters.paginate", async () => {
    const all = serveCharacters(5);
    const ids = (await client.characters.paginate({ limit: 2 }).toArray({ limit: 3 })).map((c) => c.id);
    expect(ids).toEqual(all.slice(0, 3).map((c) => c.id));
    expect(stub.requests).toHaveLength(2);
  });

  it("toArray refuses a missing or unbounded limit before any request", async () => {
    serveCharacters(3);
    const list = paginateCharacters(client);
    for (const limit of [0, -1, 1.5, Infinity, MAX_TO_ARRAY + 1, undefined]) {
      await expect(list.toArray({ limit } as { limit: number })).rejects.toThrow(AurousError);
    }
    expect(stub.requests).toHaveLength(0);
    await expect(list.toArray({ limit: 0 })).rejects.toThrow(
      `toArray needs a limit from 1 to ${MAX_TO_ARRAY} (got 0); use for await or pages() for more`,
    );
    serveCharacters(1);
    await expect(list.toArray({ limit: MAX_TO_ARRAY })).resolves.toHaveLength(1);
    serveCharacters(3);
    await expect(list.toArray({ limit: 1 })).resolves.toHaveLength(1);
  });

  it("is re-iterable: each for await starts from the first page", async () => {
    serveCharacters(3);
    const list = paginateCharacters(client, { limit: 2 });
    const once = [];
    for await (const c of list) once.push(c.id);
    const twice = [];
    for await (const c of list) twice.push(c.id);
    expect(twice).toEqual(once);
    expect(stub.requests).toHaveLength(4);
  });

  it("works over any list operation of the cursor contract, query and options passed through", async () => {
    interface Widget {
      id: string;
    }
    interface WidgetPage {
      object: "list";
      data: Widget[];
      has_more: boolean;
      next_cursor: string | null;
    }
    const pages: Record<string, WidgetPage> = {
      start: { object: "list", data: [{ id: "w1" }, { id: "w2" }], has_more: true, next_cursor: "w2" },
      w2: { object: "list", data: [{ id: "w3" }], has_more: false, next_cursor: null },
    };
    const calls: Array<[{ color?: string; starting_after?: string }, CallOptions | undefined]> = [];
    const listWidgets = async (
      _core: AurousCore,
      query: { color?: string; starting_after?: string },
      options?: CallOptions,
    ) => {
      calls.push([query, options]);
      return { data: pages[query.starting_after ?? "start"]! } as ApiResult<WidgetPage>;
    };
    const core = createAurous({ apiKey: API_KEY, baseUrl: stub.url });
    const ids = [];
    for await (const widget of paginate(core, listWidgets, { color: "red" }, { maxRetries: 0 })) ids.push(widget.id);
    expect(ids).toEqual(["w1", "w2", "w3"]);
    expect(calls).toEqual([
      [{ color: "red" }, { maxRetries: 0 }],
      [{ color: "red", starting_after: "w2" }, { maxRetries: 0 }],
    ]);
  });
});
