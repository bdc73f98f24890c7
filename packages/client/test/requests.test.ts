// What goes on the wire for a call (src/core/transport.ts, src/operations/request.ts) and what the
// result reads from the response headers (src/core/result.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Aurous, createAurous, getCharacter, listCharacters } from "../src/index.js";
import { API_KEY, CHARACTER_ID, character } from "./support/fixtures.js";
import { type StubServer, sendJson, startStub } from "./support/stub-server.js";

let stub: StubServer;

beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());

const newClient = (baseUrl = stub.url) => new Aurous({ apiKey: API_KEY, baseUrl, maxRetries: 0 });

describe("request bodies", () => {
  it("sends an optional JSON body when given, as JSON", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character({ status: "synthesizing" })));
    await newClient().characters.resynthesize(CHARACTER_ID, { force_all: true });
    const sent = stub.requests[0]!;
    expect(sent.method).toBe("POST");
    expect(sent.url).toBe(`/v1/characters/${CHARACTER_ID}/resynthesize`);
    expect(sent.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(sent.body.toString())).toEqual({ force_all: true });
  });

  it("sends no body and no Content-Type when the optional body is left out", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character({ status: "synthesizing" })));
    await newClient().characters.resynthesize(CHARACTER_ID);
    const sent = stub.requests[0]!;
    expect(sent.body).toHaveLength(0);
    expect(sent.headers["content-type"]).toBeUndefined();
  });
});

describe("request URLs", () => {
  it("leaves null and undefined query values out", async () => {
    stub.reset((_req, res) => sendJson(res, 200, { object: "list", data: [], has_more: false, next_cursor: null }));
    await newClient().characters.list({ limit: 3, status: null, starting_after: undefined } as never);
    expect(stub.requests[0]?.url).toBe("/v1/characters?limit=3");
  });

  it("joins a base URL with trailing slashes without doubling them", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character()));
    await newClient(`${stub.url}//`).characters.get(CHARACTER_ID);
    expect(stub.requests[0]?.url).toBe(`/v1/characters/${CHARACTER_ID}`);
  });

  it("goes to https://api.aurous-labs.com by default", async () => {
    const urls: string[] = [];
    const core = createAurous({
      apiKey: API_KEY,
      fetch: async (url) => {
        urls.push(String(url));
        return new Response(JSON.stringify({ object: "list", data: [], has_more: false, next_cursor: null }), {
          status: 200,
        });
      },
    });
    await listCharacters(core, { limit: 2 });
    expect(urls).toEqual(["https://api.aurous-labs.com/v1/characters?limit=2"]);
  });
});

describe("result metadata", () => {
  it("has no rate limit when the response carries no X-RateLimit-* headers", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character()));
    const result = await newClient().characters.get(CHARACTER_ID);
    expect(result.rateLimit).toBeNull();
    expect(result.replayed).toBe(false);
  });

  it("reads Aurous-Idempotent-Replayed: true as a replay", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character(), { "Aurous-Idempotent-Replayed": "true" }));
    const core = createAurous({ apiKey: API_KEY, baseUrl: stub.url });
    expect((await getCharacter(core, CHARACTER_ID)).replayed).toBe(true);
  });
});
