import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  API_VERSION,
  Aurous,
  AurousNotFoundError,
  AurousResponseValidationError,
  AurousUndocumentedResponseError,
  createAurous,
  getCharacter,
  RELEASED_VERSIONS,
  responseValidators,
  type VersionMismatch,
} from "../src/index.js";
import { API_KEY, CHARACTER_ID, character } from "./support/fixtures.js";
import { errorBody, REQUEST_ID, type StubServer, sendJson, startStub } from "./support/stub-server.js";

let stub: StubServer;

beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());

const newClient = (options: Partial<ConstructorParameters<typeof Aurous>[0]> = {}) =>
  new Aurous({ apiKey: API_KEY, baseUrl: stub.url, maxRetries: 0, ...options });

describe("request headers and result metadata", () => {
  it("sends X-Api-Key and the generated Aurous-Version, and exposes the response headers", async () => {
    stub.reset((_req, res) =>
      sendJson(res, 200, character(), {
        "X-RateLimit-Limit": "240",
        "X-RateLimit-Remaining": "239",
        "X-RateLimit-Reset": "1778235300",
      }),
    );
    const result = await newClient().characters.get(CHARACTER_ID);
    const sent = stub.requests[0]!;
    expect(sent.method).toBe("GET");
    expect(sent.url).toBe(`/v1/characters/${CHARACTER_ID}`);
    expect(sent.headers["x-api-key"]).toBe(API_KEY);
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.headers["aurous-version"]).toBe(API_VERSION);
    expect(API_VERSION).toBe(RELEASED_VERSIONS[0]);
    expect(result.requestId).toBe(REQUEST_ID);
    expect(result.version).toBe("2026-05-15");
    expect(result.replayed).toBe(false);
    expect(result.rateLimit).toEqual({ limit: 240, remaining: 239, reset: 1778235300 });
    expect(result.response.status).toBe(200);
  });

  it("pins another version per client and per call", async () => {
    stub.reset((req, res) =>
      sendJson(res, 200, character(), { "Aurous-Version": String(req.headers["aurous-version"]) }),
    );
    const client = newClient({ version: "2026-05-20", onVersionMismatch: () => {} });
    await client.characters.get(CHARACTER_ID);
    await client.characters.get(CHARACTER_ID, { version: "2026-05-15" });
    expect(stub.requests.map((r) => r.headers["aurous-version"])).toEqual(["2026-05-20", "2026-05-15"]);
  });

  it("serialises the list query, leaving out absent values", async () => {
    stub.reset((_req, res) => sendJson(res, 200, { object: "list", data: [], has_more: false, next_cursor: null }));
    await newClient().characters.list({ limit: 5, status: "reviewing", starting_after: undefined });
    expect(stub.requests[0]?.url).toBe("/v1/characters?limit=5&status=reviewing");
    expect(stub.requests[0]?.headers["content-type"]).toBeUndefined();
  });

  it("encodes path parameters and sends JSON bodies", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character()));
    await newClient({ baseUrl: `${stub.url}/` }).characters.update("char_a/b?c", { name: "Zoë" });
    const sent = stub.requests[0]!;
    expect(sent.method).toBe("PATCH");
    expect(sent.url).toBe("/v1/characters/char_a%2Fb%3Fc");
    expect(sent.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(sent.body.toString())).toEqual({ name: "Zoë" });
  });
});

describe("version mismatch", () => {
  it("reports a response that applied another version than the pin", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character(), { "Aurous-Version": "2026-01-01" }));
    const seen: VersionMismatch[] = [];
    const result = await newClient({ onVersionMismatch: (m) => seen.push(m) }).characters.get(CHARACTER_ID);
    expect(result.version).toBe("2026-01-01");
    expect(seen).toEqual([
      { operation: "getCharacter", requested: API_VERSION, applied: "2026-01-01", requestId: REQUEST_ID },
    ]);
  });

  it("warns once per version pair by default", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character(), { "Aurous-Version": "2026-01-01" }));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const client = newClient();
      await client.characters.get(CHARACTER_ID);
      await client.characters.get(CHARACTER_ID);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain("applied 2026-01-01");
    } finally {
      warn.mockRestore();
    }
  });
});

describe("response validation", () => {
  it("names the operation and the field that breaks the schema", async () => {
    const broken = character({ refs: [{ pose: "front", url: "not a url" }] });
    stub.reset((_req, res) => sendJson(res, 200, broken));
    const error = await newClient()
      .characters.get(CHARACTER_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousResponseValidationError);
    const invalid = error as AurousResponseValidationError;
    expect(invalid.operation).toBe("getCharacter");
    expect(invalid.path).toBe("refs[0].url");
    expect(invalid.message).toContain("getCharacter");
    expect(invalid.message).toContain("refs[0].url");
    expect(invalid.body).toEqual(broken);
  });

  it("reports a missing required field and a wrong enum value", async () => {
    const { status: _dropped, ...withoutStatus } = character();
    stub.reset((_req, res) =>
      sendJson(res, 200, { object: "list", data: [withoutStatus], has_more: "no", next_cursor: null }),
    );
    const error = (await newClient()
      .characters.list()
      .catch((e: unknown) => e)) as AurousResponseValidationError;
    expect(error).toBeInstanceOf(AurousResponseValidationError);
    expect(error.operation).toBe("listCharacters");
    expect(error.issues.map((i) => i.path.join(".")).sort()).toEqual(["data.0.status", "has_more"]);
  });

  it("validates documented error bodies too", async () => {
    stub.reset((_req, res) =>
      sendJson(res, 404, { error: { ...errorBody("not_found", "resource_not_found").error, request_id: "nope" } }),
    );
    const error = (await newClient()
      .characters.get(CHARACTER_ID)
      .catch((e: unknown) => e)) as AurousResponseValidationError;
    expect(error).toBeInstanceOf(AurousResponseValidationError);
    expect(error.path).toBe("error.request_id");
    expect(error.status).toBe(404);
  });

  it("can be switched off", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character({ refs: [{ pose: "front", url: "not a url" }] })));
    const { data } = await newClient({ validateResponses: false }).characters.get(CHARACTER_ID);
    expect(data.refs[0]?.url).toBe("not a url");
  });

  it("runs in the modular API only with validators given", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character({ name: "" })));
    const bare = createAurous({ apiKey: API_KEY, baseUrl: stub.url });
    expect((await getCharacter(bare, CHARACTER_ID)).data.name).toBe("");
    const validating = createAurous({
      apiKey: API_KEY,
      baseUrl: stub.url,
      validators: { getCharacter: responseValidators.getCharacter },
    });
    await expect(getCharacter(validating, CHARACTER_ID)).rejects.toThrow(/getCharacter.*name/);
  });
});

describe("undocumented responses", () => {
  it("raises AurousUndocumentedResponseError for a status the operation does not document", async () => {
    stub.reset((_req, res) => sendJson(res, 418, errorBody("invalid_request", "teapot")));
    const error = (await newClient()
      .characters.list()
      .catch((e: unknown) => e)) as AurousUndocumentedResponseError;
    expect(error).toBeInstanceOf(AurousUndocumentedResponseError);
    expect(error.status).toBe(418);
    expect(error.operation).toBe("listCharacters");
    expect(error.requestId).toBe(REQUEST_ID);
    expect(error.body).toEqual(errorBody("invalid_request", "teapot"));
  });

  it("raises it for a documented status whose code is outside the documented set", async () => {
    // listCharacters documents no 404 at all; getCharacter does, with resource_not_found only.
    stub.reset((_req, res) => sendJson(res, 404, errorBody("not_found", "character_gone")));
    const error = await newClient()
      .characters.get(CHARACTER_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousUndocumentedResponseError);
    expect(error).not.toBeInstanceOf(AurousNotFoundError);
    expect((error as Error).message).toContain('"character_gone" is not documented for HTTP 404');
  });

  it("raises it for a 2xx other than the documented one", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character()));
    const error = await newClient()
      .characters.create({ name: "Aurora", upload_ids: ["upl_01HXMQ7Z3K8Y2NABCDEFGHJKMR"] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousUndocumentedResponseError);
    expect((error as AurousUndocumentedResponseError).body).toEqual(character());
  });

  it("raises it for a body that is not JSON or not the error envelope", async () => {
    stub.reset((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end("{oops"));
    await expect(newClient().characters.get(CHARACTER_ID)).rejects.toThrow(AurousUndocumentedResponseError);
    stub.reset((_req, res) => res.writeHead(400, { "Content-Type": "text/plain" }).end("bad"));
    await expect(newClient().characters.get(CHARACTER_ID)).rejects.toThrow(/not the documented error envelope/);
  });
});
